// Package pdfin reads a PDF file in pure Go: it interprets the pages'
// content streams into placed words and drawn rulings and hands them to
// textgrid, which finds the tables and prose.
//
// The object layer (cross-reference table, objects, decryption, stream
// filters) sits behind the small objects interface: a fast layer of its
// own that parses objects only when asked for (lazy.go), and
// github.com/pdfcpu/pdfcpu for encrypted files and for what the fast
// layer cannot find (a cross-reference that needs reconstructing);
// the content streams are interpreted here: the text state, the CTM, Form
// XObjects, the page's /Rotate, composite (CID) and simple fonts with their
// widths and /ToUnicode maps, and the paths that draw table rulings. Text a
// viewer does not show (clipped away, drawn invisibly, off the page) is
// not read: see visible.go.
package pdfin

import (
	"errors"
	"fmt"
	"math"

	"budgetpack/model/raw"
	"budgetpack/model/textgrid"
)

// Layout is the name of this reader's layout.
const Layout = "pdf"

// Limits: no input makes the reader allocate or work without bound.
const (
	maxPages            = 2000
	maxObjects          = 2_000_000
	maxStreamBytes      = 16 << 20 // one decoded stream, one page's content
	maxDecodedTotal     = 1 << 30  // all decoded streams of a file (work, not memory held)
	maxFormCache        = 64 << 20 // decoded forms kept for the pages that share them
	maxCMapBytes        = 4 << 20
	maxCMapEntries      = 200_000
	maxWidths           = 70_000
	maxOps              = 4_000_000 // content operators of one page, forms included
	maxGlyphsPage       = 400_000
	maxGlyphsFile       = 4_000_000
	maxRulingsPage      = 200_000
	maxPathPoints       = 100_000
	maxFormDepth        = 12
	maxTreeDepth        = 64 // page tree levels
	maxContentParts     = 10_000
	maxStack            = 256
	maxArgs             = 64
	maxNesting          = 32
	maxArrayLen         = 100_000 // elements of one array in a content stream
	maxRulingThickness  = 3.0
	scannedPageCoverage = 0.5
)

// fastLayer says to try the fast object layer first (the tests compare
// it with pdfcpu's).
var fastLayer = true

// dropped, when set, is told of every glyph of page i not read because a
// viewer does not show it (the survey test lists them).
var dropped func(i int, reason string, g glyph)

// recoverPanics turns a panic while reading into a "damaged file" error.
var recoverPanics = true

// Read turns a PDF file into raw blocks, every anchor a page and position.
func Read(data []byte) (*raw.Document, error) {
	pages, err := Pages(data)
	if err != nil {
		return nil, err
	}
	doc, err := textgrid.Build(Layout, pages)
	if err != nil {
		return nil, err
	}
	doc.Faces = true // the words carry their fonts' weight
	return doc, nil
}

// Pages reads the words and rulings of every page of a PDF file. The
// error is a *raw.Error saying, in Chinese with English beside, what keeps
// the file from being read and on which page.
func Pages(data []byte) (pages []textgrid.Page, err error) {
	if recoverPanics {
		// A last resort: the reader is written not to panic on any input
		// (FuzzRead turns this off to find out).
		defer func() {
			if r := recover(); r != nil {
				pages, err = nil, damaged(fmt.Sprint(r))
			}
		}()
	}
	if !Looks(data) {
		return nil, &raw.Error{Msg: "不是 PDF 文件：文件开头没有 %PDF- 标记 (not a PDF file: no %PDF- header)"}
	}
	o, err := open(data)
	if err != nil {
		return nil, openError(err)
	}
	infos, err := pageTree(o)
	switch {
	case errors.Is(err, errTooManyPages):
		return nil, &raw.Error{Msg: fmt.Sprintf("PDF 文件超过 %d 页，超过读取上限 (the PDF has more than the %d pages read)", maxPages, maxPages)}
	case err != nil:
		return nil, damaged(err.Error())
	case len(infos) == 0:
		return nil, damaged("no pages")
	}
	fonts := map[any]*font{}
	forms := newFormCache()
	bufs := &pageBufs{}
	glyphs := 0
	scanned := 0
	for k, info := range infos {
		i := k + 1
		pg, err := pageWords(o, fonts, forms, i, info, bufs)
		if err != nil {
			return nil, err
		}
		if len(pg.page.Words) == 0 && pg.imageArea >= scannedPageCoverage*pg.page.Width*pg.page.Height && scanned == 0 {
			scanned = i
		}
		glyphs += pg.glyphs
		if glyphs > maxGlyphsFile {
			return nil, &raw.Error{Msg: fmt.Sprintf("PDF 文件的文字超过上限（%d 个字符）(more than %d characters)", maxGlyphsFile, maxGlyphsFile)}
		}
		pages = append(pages, pg.page)
	}
	if scanned > 0 {
		return nil, &raw.Error{Msg: fmt.Sprintf("第 %d 页没有文字层，可能是扫描件，需要先做文字识别 (OCR) (page %d has no text layer, probably a scan: run OCR first)", scanned, scanned)}
	}
	if glyphs == 0 {
		return nil, &raw.Error{Msg: "PDF 文件中没有任何文字，可能是扫描件，需要先做文字识别 (OCR) (the PDF holds no text at all, probably a scan: run OCR first)"}
	}
	return pages, nil
}

// open opens the object layer: the fast one, or pdfcpu for the files it
// leaves (encrypted, or a cross-reference that needs reconstructing).
func open(data []byte) (objects, error) {
	if fastLayer {
		if o, err := openFast(data); err == nil {
			return o, nil
		}
	}
	o, err := openObjects(data)
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Looks reports whether the data is a PDF file.
func Looks(data []byte) bool { return len(data) >= 5 && string(data[:5]) == "%PDF-" }

// pageResult is one page read.
type pageResult struct {
	page      textgrid.Page
	glyphs    int
	imageArea float64
}

// pageBufs are the glyph slices the pages reuse.
type pageBufs struct {
	glyphs, sorted []glyph
	content        []byte
}

// pageWords interprets page i.
func pageWords(o objects, fonts map[any]*font, forms *formCache, i int, info pageInfo, bufs *pageBufs) (pageResult, error) {
	var res pageResult
	page, err := content(o, info, &bufs.content)
	if err != nil {
		if errors.Is(err, errTooBig) {
			return res, pageTooBig(i)
		}
		return res, &raw.Error{Msg: fmt.Sprintf("第 %d 页无法读取，文件可能已损坏 (page %d cannot be read, the file may be damaged): %v", i, i, err)}
	}
	w, h := info.box[2]-info.box[0], info.box[3]-info.box[1]
	if !(w > 0 && h > 0 && w < 1e6 && h < 1e6) {
		w, h = 595, 842
		info.box = [4]float64{0, 0, w, h}
	}
	run := &pageRun{o: o, fonts: fonts, forms: forms, glyphs: bufs.glyphs[:0]}
	if dropped != nil {
		run.onDrop = func(reason string, g glyph) { dropped(i, reason, g) }
	}
	shift := matrix{1, 0, 0, 1, -info.box[0], -info.box[1]}
	var rot matrix
	switch info.rotate {
	case 90:
		rot = matrix{0, 1, 1, 0, 0, 0}
		run.width, run.height = h, w
	case 180:
		rot = matrix{-1, 0, 0, 1, w, 0}
		run.width, run.height = w, h
	case 270:
		rot = matrix{0, -1, -1, 0, h, w}
		run.width, run.height = h, w
	default:
		rot = matrix{1, 0, 0, -1, 0, h}
		run.width, run.height = w, h
	}
	run.pageM = shift.mul(rot)
	g := gstate{ctm: identity, th: 1}
	run.run(page, info.resources, g, 0)
	if run.err != nil {
		return res, pageTooBig(i)
	}
	if n := len(run.glyphs); n > 0 && run.undecodable*2 > n {
		return res, &raw.Error{Msg: fmt.Sprintf("第 %d 页的文字无法解码：字体没有字符映射 (the text of page %d cannot be decoded: its fonts have no character map)", i, i)}
	}
	run.dropHidden()
	res.glyphs = len(run.glyphs)
	res.imageArea = run.imageArea
	bufs.glyphs = run.glyphs
	res.page = textgrid.Page{Number: i, Width: run.width, Height: run.height, Words: words(run.glyphs, &bufs.sorted)}
	for _, s := range run.rulings {
		res.page.Rulings = append(res.page.Rulings, textgrid.Ruling{X0: round2(s.x0), Y0: round2(s.y0), X1: round2(s.x1), Y1: round2(s.y1)})
	}
	return res, nil
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func pageTooBig(i int) error {
	return &raw.Error{Msg: fmt.Sprintf("第 %d 页内容过多，超过读取上限 (page %d holds more content than the reader's limits)", i, i)}
}

func damaged(detail string) error {
	return &raw.Error{Msg: fmt.Sprintf("PDF 文件已损坏或不完整，无法读取 (the PDF file is damaged or truncated): %s", detail)}
}

// openError says why the file could not be opened.
func openError(err error) error {
	switch {
	case errors.Is(err, errPassword):
		return &raw.Error{Msg: "PDF 文件设有打开密码，请用密码打开后另存为不加密的文件再读取 (the PDF is protected by a password needed to open it: save an unprotected copy first)"}
	case errors.Is(err, errTooBig):
		return &raw.Error{Msg: "PDF 文件超过读取上限 (the PDF is larger than the reader's limits)"}
	}
	return damaged(err.Error())
}
