// Package docxin reads a Word document (.docx): paragraphs and tables in
// document order, merged cells as spans. It reads the package with
// archive/zip and encoding/xml and knows nothing of budgets.
//
// A table becomes a grid with one cell per grid column in every row:
// w:gridSpan and w:vMerge become ColSpan and RowSpan on the merged cell
// and Covered cells under it, w:gridBefore and w:gridAfter empty cells. A
// table nested in a cell reads as the cell's text, but a table that only
// frames others (one cell) gives way to what it holds. Text of tracked
// deletions (w:delText), field codes and hidden runs is not text. A
// paragraph in a heading style, or with an outline level, is a heading.
//
// Places: where the document records page breaks (Word's rendered breaks,
// or else explicit ones), each anchor says its page; otherwise it says
// the paragraph's number in the document.
package docxin

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"budgetpack/model/raw"
)

// Layout is the name of this reader's layout.
const Layout = "docx"

// Limits on what a document may hold. A budget disclosure is a few
// hundred paragraphs and a few thousand table cells; these bounds keep a
// damaged or hostile file from exhausting memory or time.
const (
	// MaxUnpacked bounds the unpacked size of word/document.xml.
	MaxUnpacked = 64 << 20
	// maxStyles bounds the unpacked size of word/styles.xml.
	maxStyles = 8 << 20
	// MaxDepth bounds the nesting of XML elements.
	MaxDepth = 256
	// MaxTableDepth bounds the nesting of tables in cells.
	MaxTableDepth = 8
	// MaxParagraphs bounds the paragraphs, in and out of tables.
	MaxParagraphs = 200_000
	// MaxRows bounds the table rows of the document.
	MaxRows = 200_000
	// MaxCells bounds the grid positions of all tables.
	MaxCells = 2_000_000
	// MaxColumns bounds the grid columns of one table.
	MaxColumns = 1_000
)

// mainPart is the document's main part.
const mainPart = "word/document.xml"

// Looks reports whether the data is a Word document: a zip package with
// a word/document.xml part.
func Looks(data []byte) bool {
	zr, err := openZip(data)
	return err == nil && part(zr, mainPart) != nil
}

func openZip(data []byte) (*zip.Reader, error) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, errors.New("no zip signature")
	}
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

func part(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
}

// Kind says what kind of Office package a zip holds, in words for a
// message: "Excel 工作簿", "PowerPoint 演示文稿", or "" when none.
func Kind(zr *zip.Reader) string {
	switch {
	case part(zr, mainPart) != nil:
		return "Word 文档"
	case part(zr, "xl/workbook.xml") != nil:
		return "Excel 工作簿"
	case part(zr, "ppt/presentation.xml") != nil:
		return "PowerPoint 演示文稿"
	case part(zr, "content.xml") != nil:
		return "OpenDocument 文档"
	}
	return ""
}

func errorf(format string, args ...any) error {
	return &raw.Error{Msg: fmt.Sprintf(format, args...)}
}

// errTooBig is returned by a capped reader past its limit.
var errTooBig = errors.New("unpacked size limit exceeded")

// capped reads at most left bytes, then fails with errTooBig.
type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, errTooBig
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// openPart opens a part for reading at most limit unpacked bytes; a part
// that declares more is refused before anything is unpacked.
func openPart(f *zip.File, limit int64) (io.ReadCloser, io.Reader, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, nil, errTooBig
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	return rc, &capped{r: rc, left: limit + 1}, nil
}

func tooBig(name string, limit int64) error {
	return errorf("Word 文档的 %s 解压后超过 %d MB 的上限，文件可能已损坏或是压缩炸弹 (%s unpacks to more than %d MB)",
		name, limit>>20, name, limit>>20)
}

// Read turns a Word document into raw blocks.
func Read(data []byte) (*raw.Document, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, errorf("不是有效的 Word 文档 (.docx)，无法作为 ZIP 压缩包打开 (not a valid .docx): %v", err)
	}
	f := part(zr, mainPart)
	if f == nil {
		if k := Kind(zr); k != "" {
			return nil, errorf("不是 Word 文档：这是一个%s，其中没有 word/document.xml (not a .docx: the zip holds no word/document.xml)", k)
		}
		return nil, errorf("不是 Word 文档：这是一个 ZIP 压缩包，其中没有 word/document.xml (not a .docx: the zip holds no word/document.xml)")
	}
	r := &reader{doc: &raw.Document{Layout: Layout}, headings: map[string]bool{}}
	if s := part(zr, "word/styles.xml"); s != nil {
		r.readStyles(s) // a document reads without its styles, only without headings
	}
	rc, in, err := openPart(f, MaxUnpacked)
	if errors.Is(err, errTooBig) {
		return nil, tooBig(mainPart, MaxUnpacked)
	}
	if err != nil {
		return nil, errorf("Word 文档已损坏，无法解压 %s (damaged .docx): %v", mainPart, err)
	}
	defer rc.Close()
	r.dec = xml.NewDecoder(in)
	if err := r.body(); err != nil {
		var re *raw.Error
		switch {
		case errors.Is(err, errTooBig):
			return nil, tooBig(mainPart, MaxUnpacked)
		case errors.As(err, &re):
			return nil, err
		}
		return nil, errorf("Word 文档已损坏，%s 无法解析 (damaged .docx): %v", mainPart, err)
	}
	r.finish()
	return r.doc, nil
}

// pageMark is the count of page breaks seen before an anchor.
type pageMark struct{ rendered, explicit int }

type reader struct {
	dec      *xml.Decoder
	depth    int
	doc      *raw.Document
	headings map[string]bool // paragraph styles that are headings
	paras    int             // paragraphs read
	rows     int             // table rows read
	cells    int             // grid positions made
	// page breaks seen so far: rendered by Word when it last laid out the
	// document (w:lastRenderedPageBreak), or asked for (w:br w:type="page",
	// w:pageBreakBefore, a section that starts a new page)
	rendered, explicit int
	marks              []pageMark // per anchor
}

// anchor records a place for paragraph para and returns its anchor.
func (r *reader) anchor(para int) int {
	r.marks = append(r.marks, pageMark{r.rendered, r.explicit})
	return r.doc.Anchor(raw.Place{Line: para})
}

// finish turns the page-break counts into pages, where the document has
// any, and sets each block's page.
func (r *reader) finish() {
	page := func(m pageMark) int {
		switch {
		case r.rendered > 0:
			return 1 + m.rendered
		case r.explicit > 0:
			return 1 + m.explicit
		}
		return 0
	}
	if r.rendered > 0 || r.explicit > 0 {
		for i, m := range r.marks {
			r.doc.Places[i] = raw.Place{Page: page(m)}
		}
	}
	for i := range r.doc.Blocks {
		b := &r.doc.Blocks[i]
		if b.Line > 0 && b.Line <= len(r.doc.Places) {
			b.Page = r.doc.Places[b.Line-1].Page
		}
	}
}

// next returns the next token, keeping count of the nesting.
func (r *reader) next() (xml.Token, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		if r.depth++; r.depth > MaxDepth {
			return nil, errorf("Word 文档的 XML 嵌套超过 %d 层 (XML nested deeper than %d)", MaxDepth, MaxDepth)
		}
	case xml.EndElement:
		r.depth--
	}
	return tok, nil
}

// skip consumes the rest of the element just started.
func (r *reader) skip() error {
	for depth := 1; depth > 0; {
		tok, err := r.next()
		if err != nil {
			return eof(err)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// children reads the content of the element just started, up to its
// end, and calls fn for each WordprocessingML element inside it that is
// not skipped, at any depth. fn may read an element it is called for to
// its end (a row reading its cells): the walk goes by the reader's own
// nesting count, so it ends at this element's end either way.
func (r *reader) children(fn func(se xml.StartElement) error) error {
	level := r.depth // this element's, counted when its start was read
	for r.depth >= level {
		tok, err := r.next()
		if err != nil {
			return eof(err)
		}
		se, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case skipped(se.Name):
			if err := r.skip(); err != nil {
				return err
			}
		case isW(se.Name):
			if err := fn(se); err != nil {
				return err
			}
		}
	}
	return nil
}

// eof turns an end of input inside an element into an error.
func eof(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// isW reports whether the element is WordprocessingML (transitional or strict).
func isW(n xml.Name) bool {
	return strings.HasSuffix(n.Space, "/wordprocessingml/2006/main") || strings.HasSuffix(n.Space, "/wordprocessingml/main")
}

func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// on reports whether a toggle property (w:vanish, w:pageBreakBefore) is on.
func on(se xml.StartElement) bool {
	v, ok := attr(se, "val")
	return !ok || (v != "0" && v != "false" && v != "off")
}

// skipped reports elements whose content is not the document's text:
// tracked deletions and moves, the fallback copy of alternate content,
// section properties.
func skipped(n xml.Name) bool {
	switch n.Local {
	case "del", "moveFrom", "sectPr", "tblPr", "tblGrid", "rPr", "tblPrEx":
		return isW(n)
	case "Fallback":
		return true
	}
	return false
}

// body reads the blocks of the document in order.
func (r *reader) body() error {
	for {
		tok, err := r.next()
		if err == io.EOF {
			if r.depth != 0 {
				return io.ErrUnexpectedEOF
			}
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case isW(se.Name) && se.Name.Local == "p":
			p, err := r.paragraph()
			if err != nil {
				return err
			}
			r.prose(p)
		case isW(se.Name) && se.Name.Local == "tbl":
			blocks, err := r.table(0)
			if err != nil {
				return err
			}
			r.doc.Blocks = append(r.doc.Blocks, blocks...)
		case skipped(se.Name):
			if err := r.skip(); err != nil {
				return err
			}
		}
	}
}

// para is one paragraph as read.
type para struct {
	text    string
	heading bool
	anchor  int
}

// prose adds a paragraph's lines as prose blocks.
func (r *reader) prose(p para) {
	for line := range strings.SplitSeq(p.text, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			r.doc.Blocks = append(r.doc.Blocks, raw.Block{Line: p.anchor, Text: t, Heading: p.heading})
		}
	}
}

// paragraph reads a w:p whose start was just read.
func (r *reader) paragraph() (para, error) {
	if r.paras++; r.paras > MaxParagraphs {
		return para{}, errorf("Word 文档的段落超过 %d 个 (more than %d paragraphs)", MaxParagraphs, MaxParagraphs)
	}
	n := r.paras
	var sb strings.Builder
	style, outline := "", -1
	inRun, inText, hidden, sectBreak := false, false, false, false
	at := -1 // anchor, taken at the first text
	for depth := 1; depth > 0; {
		tok, err := r.next()
		if err != nil {
			return para{}, eof(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if !isW(t.Name) {
				if t.Name.Local == "Fallback" {
					if err := r.skip(); err != nil {
						return para{}, err
					}
					depth--
				}
				continue
			}
			switch t.Name.Local {
			case "del", "moveFrom":
				if err := r.skip(); err != nil {
					return para{}, err
				}
				depth--
			case "r":
				inRun, hidden = true, false
			case "vanish":
				hidden = hidden || inRun && on(t)
			case "t":
				inText = true
			case "tab":
				if inRun && !hidden {
					sb.WriteByte('\t')
				}
			case "br", "cr":
				if !inRun || hidden {
					break
				}
				switch v, _ := attr(t, "type"); v {
				case "page":
					r.explicit++
				case "column":
				default:
					sb.WriteByte('\n')
				}
			case "noBreakHyphen":
				if inRun && !hidden {
					sb.WriteByte('-')
				}
			case "lastRenderedPageBreak":
				r.rendered++
			case "pStyle":
				style, _ = attr(t, "val")
			case "outlineLvl":
				if v, ok := attr(t, "val"); ok {
					outline, _ = strconv.Atoi(v)
				}
			case "pageBreakBefore":
				if on(t) && at < 0 {
					r.explicit++
				}
			case "sectPr":
				sectBreak = true
			case "type":
				if v, _ := attr(t, "val"); v == "continuous" {
					sectBreak = false
				}
			case "p": // a paragraph of a text box inside this one
				if sb.Len() > 0 {
					sb.WriteByte('\n')
				}
				if r.paras++; r.paras > MaxParagraphs {
					return para{}, errorf("Word 文档的段落超过 %d 个 (more than %d paragraphs)", MaxParagraphs, MaxParagraphs)
				}
			}
		case xml.EndElement:
			depth--
			if isW(t.Name) {
				switch t.Name.Local {
				case "r":
					inRun, hidden = false, false
				case "t":
					inText = false
				}
			}
		case xml.CharData:
			if inText && !hidden {
				if at < 0 {
					at = r.anchor(n)
				}
				sb.Write(t)
			}
		}
	}
	if at < 0 {
		at = r.anchor(n)
	}
	if sectBreak {
		r.explicit++
	}
	heading := outline >= 0 && outline < 9 || r.headings[style] ||
		len(r.headings) == 0 && strings.HasPrefix(strings.ToLower(style), "heading")
	return para{text: sb.String(), heading: heading, anchor: at}, nil
}

// vMerge states of a cell.
const (
	vmNone = iota
	vmRestart
	vmContinue
)

type tcell struct {
	text   string
	span   int
	vmerge int
	hmerge bool // a legacy horizontal merge continuing the cell on its left
	anchor int
	blocks []raw.Block // what the cell holds, where it holds a table
}

type trow struct {
	before, after int
	cells         []tcell
	anchor        int
}

// table reads a w:tbl whose start was just read, at nesting level.
func (r *reader) table(level int) ([]raw.Block, error) {
	if level >= MaxTableDepth {
		return nil, errorf("Word 文档的表格嵌套超过 %d 层 (tables nested deeper than %d)", MaxTableDepth, MaxTableDepth)
	}
	var rows []trow
	err := r.children(func(se xml.StartElement) error {
		if se.Name.Local != "tr" {
			return nil
		}
		row, err := r.row(level)
		if err != nil {
			return err
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// a table that only frames what its one cell holds gives way to it
	if len(rows) == 1 && len(rows[0].cells) == 1 && rows[0].cells[0].blocks != nil {
		return rows[0].cells[0].blocks, nil
	}
	if len(rows) == 0 {
		return nil, nil
	}
	g, err := r.grid(rows)
	if err != nil {
		return nil, err
	}
	return []raw.Block{g}, nil
}

func intAttr(se xml.StartElement, max int) int {
	v, _ := attr(se, "val")
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0
	}
	return min(n, max)
}

// row reads a w:tr whose start was just read.
func (r *reader) row(level int) (trow, error) {
	if r.rows++; r.rows > MaxRows {
		return trow{}, errorf("Word 文档的表格行超过 %d 行 (more than %d table rows)", MaxRows, MaxRows)
	}
	row := trow{anchor: r.anchor(r.paras + 1)}
	err := r.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "gridBefore":
			row.before = intAttr(se, MaxColumns+1)
		case "gridAfter":
			row.after = intAttr(se, MaxColumns+1)
		case "tc":
			c, err := r.cell(level, row.anchor)
			if err != nil {
				return err
			}
			if len(row.cells) > MaxColumns {
				return errorf("Word 文档的表格一行超过 %d 个单元格 (more than %d cells in a row)", MaxColumns, MaxColumns)
			}
			row.cells = append(row.cells, c)
		}
		return nil
	})
	if err != nil {
		return trow{}, err
	}
	return row, nil
}

// cell reads a w:tc whose start was just read.
func (r *reader) cell(level, rowAnchor int) (tcell, error) {
	c := tcell{span: 1, anchor: -1}
	var parts []string
	var blocks []raw.Block
	nested := false
	err := r.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "gridSpan":
			c.span = max(1, intAttr(se, MaxColumns+1))
		case "vMerge":
			c.vmerge = vmContinue
			if v, _ := attr(se, "val"); v == "restart" {
				c.vmerge = vmRestart
			}
		case "hMerge":
			v, _ := attr(se, "val")
			c.hmerge = v != "restart"
		case "p":
			p, err := r.paragraph()
			if err != nil {
				return err
			}
			if c.anchor < 0 {
				c.anchor = p.anchor
			}
			if strings.TrimSpace(p.text) != "" {
				parts = append(parts, p.text)
			}
			for line := range strings.SplitSeq(p.text, "\n") {
				if s := strings.TrimSpace(line); s != "" {
					blocks = append(blocks, raw.Block{Line: p.anchor, Text: s, Heading: p.heading})
				}
			}
		case "tbl":
			inner, err := r.table(level + 1)
			if err != nil {
				return err
			}
			nested = true
			for _, b := range inner {
				if b.IsGrid() {
					parts = append(parts, flatten(b))
				} else {
					parts = append(parts, b.Text)
				}
			}
			blocks = append(blocks, inner...)
		}
		return nil
	})
	if err != nil {
		return tcell{}, err
	}
	if c.anchor < 0 {
		c.anchor = rowAnchor
	}
	c.text = strings.Join(parts, "\n")
	if nested {
		c.blocks = blocks
	}
	return c, nil
}

// flatten gives a nested grid's text: its rows' cells, one row a line.
func flatten(b raw.Block) string {
	var lines []string
	for _, row := range b.Rows {
		var cells []string
		for _, c := range row.Cells {
			if s := strings.TrimSpace(c.Text); s != "" && !c.Covered {
				cells = append(cells, s)
			}
		}
		if len(cells) > 0 {
			lines = append(lines, strings.Join(cells, " "))
		}
	}
	return strings.Join(lines, "\n")
}

// grid lays the rows out on the table's grid: one cell per grid column in
// every row, merged cells with their spans and the positions they cover.
func (r *reader) grid(rows []trow) (raw.Block, error) {
	width := 0
	for i := range rows {
		row := &rows[i]
		// a legacy horizontal merge widens the cell on its left
		var cells []tcell
		for _, c := range row.cells {
			if c.hmerge && len(cells) > 0 {
				cells[len(cells)-1].span += c.span
				continue
			}
			cells = append(cells, c)
		}
		row.cells = cells
		w := row.before + row.after
		for _, c := range row.cells {
			w += c.span
		}
		if w > MaxColumns {
			return raw.Block{}, errorf("Word 文档的表格超过 %d 列 (a table wider than %d columns)", MaxColumns, MaxColumns)
		}
		width = max(width, w)
	}
	if r.cells += width * len(rows); r.cells > MaxCells {
		return raw.Block{}, errorf("Word 文档的表格单元格超过 %d 个 (more than %d table cells)", MaxCells, MaxCells)
	}
	type origin struct{ i, j int }
	top := make([]origin, width) // per column, the cell a vertical merge continues
	for j := range top {
		top[j] = origin{-1, -1}
	}
	out := raw.Block{Line: rows[0].anchor, Rows: make([]raw.Row, len(rows))}
	for i, tr := range rows {
		cells := make([]raw.Cell, width)
		for j := range cells {
			cells[j].Line = tr.anchor
		}
		touched := make([]bool, width)
		col := tr.before
		for _, tc := range tr.cells {
			span := min(tc.span, width-col)
			if span <= 0 {
				break
			}
			o := top[col]
			if tc.vmerge == vmContinue && o.i >= 0 && max(out.Rows[o.i].Cells[o.j].ColSpan, 1) == span {
				oc := &out.Rows[o.i].Cells[o.j]
				oc.RowSpan = max(oc.RowSpan, 1) + 1
				for k := col; k < col+span; k++ {
					cells[k] = raw.Cell{Line: tc.anchor, Covered: true}
					touched[k] = true
				}
				col += span
				continue
			}
			cells[col] = raw.Cell{Text: tc.text, Line: tc.anchor}
			if span > 1 {
				cells[col].ColSpan = span
			}
			for k := col; k < col+span; k++ {
				if k > col {
					cells[k] = raw.Cell{Line: tc.anchor, Covered: true}
				}
				touched[k] = true
				top[k] = origin{-1, -1}
				if tc.vmerge != vmNone {
					top[k] = origin{i, col}
				}
			}
			col += span
		}
		for j, ok := range touched {
			if !ok {
				top[j] = origin{-1, -1} // a merge continues only through rows that have the cell
			}
		}
		out.Rows[i] = raw.Row{Line: tr.anchor, Cells: cells}
	}
	return out, nil
}

// readStyles learns which paragraph styles are headings: a style named
// "heading N" (whatever its id, "1" in a Chinese Word), one with an
// outline level, or one based on such a style.
func (r *reader) readStyles(f *zip.File) {
	rc, in, err := openPart(f, maxStyles)
	if err != nil {
		return
	}
	defer rc.Close()
	type style struct {
		name, basedOn string
		outline       int
	}
	styles := map[string]*style{}
	dec := xml.NewDecoder(in)
	var cur *style
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > MaxDepth {
				return
			}
			switch t.Name.Local {
			case "style":
				id, _ := attr(t, "styleId")
				cur = &style{outline: -1}
				styles[id] = cur
			case "name":
				if cur != nil {
					cur.name, _ = attr(t, "val")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn, _ = attr(t, "val")
				}
			case "outlineLvl":
				if cur != nil {
					v, _ := attr(t, "val")
					if n, err := strconv.Atoi(v); err == nil {
						cur.outline = n
					}
				}
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "style" {
				cur = nil
			}
		}
	}
	for id := range styles {
		s := styles[id]
		for hop := 0; s != nil && hop < 16; hop++ {
			name := strings.ToLower(s.name)
			if s.outline >= 0 && s.outline < 9 || strings.HasPrefix(name, "heading ") {
				r.headings[id] = true
				break
			}
			s = styles[s.basedOn]
		}
	}
}
