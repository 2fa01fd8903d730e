// Package pdf writes a grid.Book as a print-ready PDF of the official
// forms: A4 pages in each sheet's orientation, the columns scaled to the
// page width, Chinese text in an embedded Song face (or the user's font),
// merged headers, long text wrapped inside its cell, the header rows
// repeated on each continuation page, cells shaded by their findings, page
// numbers, an outline with one entry per sheet, and the links of the
// contents and the appendix as internal links.
//
// The writer only draws the grid; it knows nothing of budgets or checks.
// It breaks lines itself (render/textbreak) and draws each line with
// fpdf's Text, never MultiCell, which drops a Chinese character at every
// break. A character the main face lacks is drawn with the fallback face;
// a character no face has is an error, never a blank box. The same book
// and options always give the same bytes.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"budgetpack/render/grid"
)

// Options choose the fonts.
type Options struct {
	// Font is the user's font spec ("" = the embedded Song face): a .ttf,
	// or "x.ttc#N" for face N of a TrueType collection. Characters it
	// lacks are drawn with the embedded fallback face.
	Font string
}

// Producer is the name written as the PDF's creator and producer.
const Producer = "budgetpack"

// fixedTime stands for the creation and modification dates, so that the
// same book gives a byte-identical file.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Colours.
var (
	black     = [3]int{0, 0, 0}
	linkBlue  = [3]int{0x05, 0x63, 0xC1}
	markFills = map[string][3]int{
		"error":     {0xFF, 0xC7, 0xCE},
		"warning":   {0xFF, 0xEB, 0x9C},
		"info":      {0xDD, 0xEB, 0xF7},
		"corrected": {0xC6, 0xEF, 0xCE},
	}
	otherMarkFill = [3]int{0xE7, 0xE6, 0xE6}
)

// Line widths in mm.
const (
	borderWidth = 0.2
	boldStroke  = 0.035 // of the type size: the outline stroke that makes bold
)

// footerFormat is the page number line under every page.
const footerFormat = "第 %d 页 共 %d 页"

// Write draws the book as a PDF to w. The same book and options give
// byte-identical output. It fails, before writing anything, if the font
// cannot be loaded or if some character of the book is in neither the
// font nor the fallback face.
func Write(w io.Writer, b *grid.Book, opt Options) error {
	if b == nil || len(b.Sheets) == 0 {
		return errors.New("pdf: 没有工作表 (the book has no sheets)")
	}
	fs, err := newFontSet(opt)
	if err != nil {
		return err
	}
	footerRunes := fmt.Sprintf(footerFormat, 1234567890, 0)
	if err := fs.check(b, footerRunes); err != nil {
		return err
	}
	doc := newDoc()
	doc.SetTitle(b.Title, true)
	doc.SetAuthor(b.Author, true)
	doc.SetSubject(b.Subject, true)
	doc.SetCreator(Producer, true)
	doc.SetProducer(Producer, true)
	doc.SetLang("zh-CN")
	doc.SetDisplayMode("fullwidth", "continuous")
	if err := fs.register(doc, b, footerRunes); err != nil {
		return err
	}

	wait := fs.programs()

	// Measure and paginate everything first: the total page count, the
	// page of every link target and the outline positions are then known.
	pages := plan(b, fs)
	bySheet := map[string]*sheetLayout{}
	for _, pg := range pages {
		if _, dup := bySheet[pg.sheet.s.Name]; !dup {
			bySheet[pg.sheet.s.Name] = pg.sheet
		}
	}
	d := &drawer{pdf: doc, fs: fs, total: len(pages), bySheet: bySheet, links: map[linkKey]int{}}
	d.finalH = pages[len(pages)-1].sheet.pageH
	for _, pg := range pages {
		d.page(pg)
		if err := doc.Error(); err != nil {
			return fmt.Errorf("pdf: 第 %d 页（%s）：%w", pg.number, pg.sheet.s.Name, err)
		}
	}
	var raw bytes.Buffer
	if err := doc.Output(&raw); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var progs map[string]*program
	if wait != nil {
		progs = wait()
	}
	out, err := finish(raw.Bytes(), fs.renames(), progs)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// newDoc is an empty document set up for byte-identical output: sorted
// catalogs, fixed dates, and no automatic page breaks (the writer plans
// the pages itself).
func newDoc() *fpdf.Fpdf {
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetCatalogSort(true)
	doc.SetCreationDate(fixedTime)
	doc.SetModificationDate(fixedTime)
	doc.SetAutoPageBreak(false, 0)
	// Streams are compressed afterwards with pooled writers (finish).
	doc.SetCompression(false)
	doc.SetMargins(marginSide, marginTop, marginSide)
	return doc
}

// drawer draws the planned pages.
type drawer struct {
	pdf     *fpdf.Fpdf
	fs      *fontSet
	total   int
	finalH  float64 // height of the last page (see bookmark)
	bySheet map[string]*sheetLayout
	links   map[linkKey]int

	// graphics state of the current page, to write each change once
	font  string
	pt    float64
	bold  bool
	lw    float64
	color [3]int
}

type linkKey struct {
	sheet string
	row   int
}

func (d *drawer) page(pg *page) {
	sl := pg.sheet
	orient := "P"
	if sl.landscape {
		orient = "L"
	}
	doc := d.pdf
	doc.AddPageFormat(orient, fpdf.SizeType{Wd: a4W, Ht: a4H})
	d.font, d.pt, d.bold, d.color = "", 0, false, black
	d.lw = -1
	d.setFont(faceMain, footerPt)
	if pg.first {
		title := sl.s.Title
		if title == "" {
			title = sl.s.Name
		}
		d.bookmark(title, sl.pageH)
	}
	// Fills and text first, then every border on top, so that a shaded
	// neighbour never paints over half of a grid line.
	for pi, pc := range pg.pieces {
		for j, c := range sl.cells[pc.row] {
			if c != nil && c.rs == 1 {
				from, to := 0, len(c.lines)
				if pc.ranges != nil {
					from, to = pc.ranges[j][0], pc.ranges[j][1]
				}
				d.cell(c, pc.y, pc.h, from, to)
			}
			for _, sp := range pg.spans {
				if sp.at == pi && sp.cell.col == j {
					d.cell(sp.cell, sp.y, sp.h, sp.from, sp.to)
				}
			}
		}
	}
	var g gridLines
	for _, pc := range pg.pieces {
		for _, c := range sl.cells[pc.row] {
			if c != nil && c.rs == 1 && c.bordered {
				g.box(c.x, pc.y, c.w, pc.h)
			}
		}
	}
	for _, sp := range pg.spans {
		if sp.cell.bordered {
			g.box(sp.cell.x, sp.y, sp.cell.w, sp.h)
		}
	}
	d.setLineWidth(borderWidth)
	d.setColor(black)
	g.draw(doc)
	d.footer(pg)
}

// bookmark adds the outline entry of a sheet at the top of the current
// page. fpdf computes an outline destination with the height of the
// document's last page, not of the page it points to, so the position
// is given relative to that height to land on the top of a page of any
// orientation.
func (d *drawer) bookmark(title string, pageH float64) {
	d.pdf.Bookmark(title, 0, d.finalH-pageH)
}

// cell draws a cell's shading, its lines [from, to) and its link, in the
// box at y of height h.
func (d *drawer) cell(c *cellBox, y, h float64, from, to int) {
	doc := d.pdf
	if c.mark != "" {
		fill, ok := markFills[c.mark]
		if !ok {
			fill = otherMarkFill
		}
		doc.SetFillColor(fill[0], fill[1], fill[2])
		doc.Rect(c.x, y, c.w, h, "F")
	}
	if c.link != "" {
		if id, ok := d.link(c.link, c.linkRow); ok {
			doc.Link(c.x, y, c.w, h, id)
		}
	}
	if to <= from {
		return
	}
	col := black
	if c.link != "" {
		col = linkBlue
	}
	d.setColor(col)
	ptMM := c.pt * mmPerPt
	blockH := float64(to-from) * c.lh
	top := y + (h-blockH)/2
	if blockH > h-2*c.vpad {
		top = y + c.vpad
	}
	margin := c.margin
	for k := from; k < to; k++ {
		line := c.lines[k]
		if line == "" {
			continue
		}
		lw := d.fs.width(line, c.pt)
		x := c.x + margin + c.indent
		switch c.align {
		case grid.Right:
			x = c.x + c.w - margin - c.indent - lw
		case grid.Center:
			x = c.x + (c.w-lw)/2
		}
		base := top + float64(k-from)*c.lh + (c.lh-ptMM)/2 + baseline*ptMM
		d.text(x, base, line, c.bold, c.pt)
	}
}

// text draws one line at baseline y, each run in its face.
func (d *drawer) text(x, y float64, line string, bold bool, pt float64) {
	for _, r := range d.fs.runs(line) {
		d.setFont(r.face, pt)
		d.setBold(bold, pt)
		d.pdf.Text(x, y, r.text)
		x += d.fs.width(r.text, pt)
	}
}

// setFont selects the face (a face* constant) at size pt.
func (d *drawer) setFont(face uint8, pt float64) {
	key := d.fs.key(face)
	if key != d.font || pt != d.pt {
		d.pdf.SetFont(key, "", pt)
		d.font, d.pt = key, pt
	}
}

// setBold switches the text rendering mode: bold is fill and stroke with
// a thin outline, since there is no bold Song face to embed.
func (d *drawer) setBold(bold bool, pt float64) {
	if bold {
		d.setLineWidth(pt * mmPerPt * boldStroke)
	}
	if bold == d.bold {
		return
	}
	if bold {
		d.pdf.SetTextRenderingMode(2)
	} else {
		d.pdf.SetTextRenderingMode(0)
	}
	d.bold = bold
}

func (d *drawer) setLineWidth(w float64) {
	if w != d.lw {
		d.pdf.SetLineWidth(w)
		d.lw = w
	}
}

func (d *drawer) setColor(c [3]int) {
	if c != d.color {
		d.pdf.SetTextColor(c[0], c[1], c[2])
		d.pdf.SetDrawColor(c[0], c[1], c[2]) // the outline of bold text
		d.color = c
	}
}

// link is the internal link to a row of a sheet: the top of its page if
// it is the first row, else a little above the row's first piece.
func (d *drawer) link(sheet string, row int) (int, bool) {
	sl, ok := d.bySheet[sheet]
	if !ok || len(sl.pages) == 0 {
		return 0, false
	}
	key := linkKey{sheet, row}
	if id, ok := d.links[key]; ok {
		return id, true
	}
	pg, y := sl.pages[0], 0.0
	if row > 0 {
	search:
		for _, p := range sl.pages {
			for _, pc := range p.pieces {
				if pc.row == row && !pc.repeat {
					pg, y = p, max(pc.y-2*sl.minRowH, 0)
					break search
				}
			}
		}
	}
	id := d.pdf.AddLink()
	d.pdf.SetLink(id, y, pg.number)
	d.links[key] = id
	return id, true
}

// footer writes the page number line, centred. The pages are planned
// before any is drawn, so the total is known and written as it is rather
// than through fpdf's AliasNbPages, whose placeholder would be measured
// for centring instead of the number.
func (d *drawer) footer(pg *page) {
	d.setColor(black)
	d.setBold(false, footerPt)
	text := fmt.Sprintf(footerFormat, pg.number, d.total)
	w := d.fs.width(text, footerPt)
	d.text((pg.sheet.pageW-w)/2, pg.sheet.pageH-footerBase, text, false, footerPt)
}
