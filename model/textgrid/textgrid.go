// Package textgrid turns text placed on pages — words with their boxes and
// the rulings drawn between them — into raw grids and prose lines. It is
// the one grid builder behind the PDF reader (glyph positions) and the
// layout-text reader (character positions of a `pdftotext -layout` text).
// It knows nothing of budgets.
package textgrid

import (
	"fmt"
	"math"
	"sort"

	"budgetpack/model/raw"
)

// Page is one page of placed text. Coordinates are in the source's units
// (points for a PDF, character cells for a layout text), measured from the
// page's top-left corner, y growing downwards.
type Page struct {
	// Number is the 1-based page number.
	Number int
	// Width and Height are the page size.
	Width, Height float64
	// Words are the words on the page, in any order.
	Words []Word
	// Rulings are the drawn table lines on the page (none in a layout text).
	Rulings []Ruling
	// RuneGrid reports that the page sets each character in one cell of
	// a character grid whatever its width (a layout text): a word starts
	// where the page shows it, but a wide (Chinese) character stands for
	// two cells of the printed page, so a word ends, as printed, at its
	// start plus its display width.
	RuneGrid bool
}

// Word is a run of text without a wide gap, on one baseline.
type Word struct {
	// Text is the word's text.
	Text string
	// X0 and X1 are the left and right edges.
	X0, X1 float64
	// Top and Bottom are the upper and lower edges; Baseline lies between.
	Top, Bottom, Baseline float64
	// Size is the font size (1 in a layout text).
	Size float64
	// Bold reports that the word is set in a bold face, where the source
	// says (a PDF's fonts); a layout text does not.
	Bold bool
	// Line is the word's line within its page where the source has lines
	// (a layout text), 1-based; 0 lets Build number the page's text lines
	// itself, top to bottom.
	Line int
}

// Ruling is a drawn horizontal or vertical line segment (a stroked line or
// a thin filled rectangle).
type Ruling struct {
	// X0, Y0, X1, Y1 are the segment's ends, X0 ≤ X1 and Y0 ≤ Y1.
	X0, Y0, X1, Y1 float64
}

// Limits bound what Build accepts, so that a hostile or broken source
// cannot make it allocate or loop without bound.
const (
	// MaxPages is the most pages one document may have.
	MaxPages = 5000
	// MaxWords is the most words one page may hold.
	MaxWords = 200000
	// MaxRulings is the most rulings one page may hold.
	MaxRulings = 50000
	// maxEdges bounds the distinct ruling positions of one ruled table
	// in each direction, so its minimal cells stay ≤ maxEdges².
	maxEdges = 400
	// maxColumns bounds the columns of a table found from aligned text.
	maxColumns = 200
	// maxTables bounds the ruled tables of one page.
	maxTables = 200
)

// Build finds the tables and prose of the pages and returns them as a raw
// document of the given layout, every Line field an anchor into Places
// (page and position).
//
// Prose lines become text blocks, one per line (a table's title is such a
// line); tables become grids. A ruled table's merged cells carry their
// spans with Covered cells in the positions they cover; a table without
// rulings takes its columns from text that lines up across rows. A table
// that goes on at the top of the next page with the same columns and no
// title of its own is continued, its repeated header dropped.
func Build(layout string, pages []Page) (*raw.Document, error) {
	if len(pages) > MaxPages {
		return nil, &raw.Error{Msg: fmt.Sprintf("文档页数过多（%d 页，上限 %d 页）(too many pages)", len(pages), MaxPages)}
	}
	b := &builder{doc: &raw.Document{Layout: layout, Places: []raw.Place{}, Indents: true}, anchors: map[raw.Place]int{}}
	for _, p := range pages {
		if len(p.Words) > MaxWords {
			return nil, &raw.Error{Msg: fmt.Sprintf("第 %d 页文字过多（%d 个词）(too many words on page %d)", p.Number, len(p.Words), p.Number)}
		}
		if len(p.Rulings) > MaxRulings {
			return nil, &raw.Error{Msg: fmt.Sprintf("第 %d 页表格线过多（%d 条）(too many rulings on page %d)", p.Number, len(p.Rulings), p.Number)}
		}
		b.runeGrid = b.runeGrid || p.RuneGrid
		b.page(p)
	}
	b.flush()
	b.doc.Blocks = stitch(b.items)
	if b.doc.Blocks == nil {
		b.doc.Blocks = []raw.Block{}
	}
	return b.doc, nil
}

// builder carries the document being built and the anchors already made,
// so that one place is recorded once however many cells stand on it.
type builder struct {
	doc     *raw.Document
	anchors map[raw.Place]int
	// runeGrid: the pages set text on a character grid (Page.RuneGrid).
	runeGrid bool
	items    []item
	// run holds the lines outside ruled tables not yet looked at.
	run []line
}

// item is one block of a page with what stitching needs to know of it.
type item struct {
	block raw.Block
	// cols are a grid's column boundaries (len = columns + 1), used to
	// tell whether the next page's grid has the same columns.
	cols []float64
	// stream marks a grid found from aligned text rather than rulings.
	stream bool
	// furniture marks a text line that only numbers the page.
	furniture bool
	// page and top are where the block starts, for reading order.
	page int
	top  float64
}

func (b *builder) anchor(page, line int) int {
	p := raw.Place{Page: page, Line: line}
	if a, ok := b.anchors[p]; ok {
		return a
	}
	a := b.doc.Anchor(p)
	b.anchors[p] = a
	return a
}

// clean drops words that cannot be placed (no text, coordinates that are
// not finite) and orders each word's edges, so that nothing later has to
// guard against them.
func clean(ws []Word) []Word {
	out := make([]Word, 0, len(ws))
	for _, w := range ws {
		if w.Text == "" || !finite(w.X0, w.X1, w.Top, w.Bottom, w.Baseline, w.Size) {
			continue
		}
		if w.X1 < w.X0 {
			w.X0, w.X1 = w.X1, w.X0
		}
		if w.Bottom < w.Top {
			w.Top, w.Bottom = w.Bottom, w.Top
		}
		if w.Size <= 0 {
			w.Size = math.Max(w.Bottom-w.Top, 1)
		}
		if w.Baseline < w.Top || w.Baseline > w.Bottom {
			w.Baseline = w.Bottom
		}
		out = append(out, w)
	}
	return out
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e7 {
			return false
		}
	}
	return true
}

// page builds the blocks of one page and appends them to b.items.
func (b *builder) page(p Page) {
	words := clean(p.Words)
	lines := groupLines(words)
	joinSplitNumbers(&lines)
	numberLines(lines)
	var tables []*ruled
	for _, t := range findRuled(p.Rulings) {
		// One box around text is a frame, not a table.
		if len(t.xs) > 2 || len(t.ys) > 2 {
			tables = append(tables, t)
		}
	}
	// Words inside a ruled table go to its cells; the lines left over
	// are prose or tables without rulings.
	for i := range tables {
		tables[i].fill(lines)
	}
	var rest []line
	for _, l := range lines {
		var keep []Word
		for _, w := range l.words {
			if !inAnyTable(tables, w) {
				keep = append(keep, w)
			}
		}
		if len(keep) > 0 {
			nl := l
			nl.words = keep
			nl.page = p.Number
			rest = append(rest, nl)
		}
	}
	// A page number above or below the text does not interrupt a table
	// running on to the next page.
	for k := range rest {
		if k == 0 || k == len(rest)-1 {
			rest[k].furniture = isFurniture(rest[k].text())
		}
	}
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].top < rest[j].top })
	// Lines go on collecting, across pages, until a ruled table comes:
	// a table without rulings may run on to the next page.
	k := 0
	for _, t := range tables {
		for k < len(rest) && rest[k].top < t.y0 {
			b.run = append(b.run, rest[k])
			k++
		}
		if titles, blk, cols, ok := t.block(b, p.Number, b.continued(p.Number)); ok {
			b.flush()
			for _, ti := range titles {
				b.items = append(b.items, item{block: ti, top: t.y0, page: p.Number})
			}
			b.items = append(b.items, item{block: blk, cols: cols, top: t.y0, page: p.Number})
		}
	}
	b.run = append(b.run, rest[k:]...)
}

// continued returns the column edges of the ruled grid closing the page
// before page, where a ruled table opening page would go on from it (no
// text but page numbers between them; see stitch), so that the table
// keeps the columns of that grid; nil otherwise.
func (b *builder) continued(page int) []float64 {
	if len(b.items) == 0 {
		return nil
	}
	last := b.items[len(b.items)-1]
	if !last.block.IsGrid() || last.stream || last.page != page-1 {
		return nil
	}
	for _, l := range b.run {
		if !l.furniture {
			return nil
		}
	}
	return last.cols
}

// flush finds the tables and prose among the lines collected so far.
func (b *builder) flush() {
	if len(b.run) > 0 {
		b.items = append(b.items, b.stream(b.run)...)
	}
	b.run = b.run[:0]
}
