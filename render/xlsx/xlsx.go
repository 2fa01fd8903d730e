// Package xlsx writes a grid.Book as an Excel workbook laid out like the
// official printed forms: one worksheet per sheet, 宋体 text, merged
// headers with complete borders, figures stored as numbers with their
// published decimals, codes kept as text, and a print setup (A4, fit to
// the page width, repeated header rows, page numbers) that prints cleanly
// as it comes out.
//
// The writer only draws the grid; it knows nothing of budgets or checks.
// The same book always gives the same bytes.
package xlsx

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"budgetpack/render/grid"
)

// Fonts and sizes of the official forms.
const (
	bodyFont  = "宋体" // SimSun
	titleFont = "黑体" // SimHei
	bodySize  = 10.0
	titleSize = 16.0
	noteSize  = 9.0
	gbCharset = 134 // GB2312: lets Excel pick the Chinese face by name
)

// Row heights in points per text line, and the padding added to a row.
const (
	lineHeight      = 13.5
	titleLineHeight = 24.0
	noteLineHeight  = 12.0
	rowPadding      = 4.5
)

// Page margins in inches (1.8 cm left and right, 2 cm top and bottom, the
// footer 0.8 cm from the edge).
const (
	marginSide   = 1.8 / 2.54
	marginTop    = 2.0 / 2.54
	marginFooter = 0.8 / 2.54
	paperA4      = 9
)

// fixedTime stands for the creation and modification dates, so that the
// same book gives a byte-identical file.
const fixedTime = "2000-01-01T00:00:00Z"

// Author is the name written as the workbook's creator and comment author.
const Author = "budgetpack"

// markFills are the fill colours of Cell.Mark; any other mark is grey.
var markFills = map[string]string{
	"error":     "FFC7CE",
	"warning":   "FFEB9C",
	"info":      "DDEBF7",
	"corrected": "C6EFCE",
}

const otherMarkFill = "E7E6E6"

// Write writes the book as an .xlsx workbook to w. The same book gives
// byte-identical output.
func Write(w io.Writer, b *grid.Book) error {
	if b == nil || len(b.Sheets) == 0 {
		return fmt.Errorf("xlsx: 没有工作表 (the book has no sheets)")
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return newOrderedZip(w) })
	wr := &writer{f: f, styles: map[styleKey]int{}}
	if err := wr.book(b); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return f.Write(w)
}

type writer struct {
	f      *excelize.File
	styles map[styleKey]int
}

func (wr *writer) book(b *grid.Book) error {
	f := wr.f
	if err := f.SetDefaultFont(bodyFont); err != nil {
		return err
	}
	// Rename excelize's default "Sheet1" rather than delete it, so that the
	// sheet indexes of the defined names never shift.
	for i, s := range b.Sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
			continue
		}
		if _, err := f.NewSheet(s.Name); err != nil {
			return fmt.Errorf("工作表 %q: %w", s.Name, err)
		}
	}
	for _, s := range b.Sheets {
		if err := wr.sheet(s); err != nil {
			return fmt.Errorf("工作表 %q: %w", s.Name, err)
		}
	}
	// the first sheet is the active one already (SetActiveSheet would
	// read every sheet back)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          b.Title,
		Subject:        b.Subject,
		Creator:        Author,
		LastModifiedBy: Author,
		Description:    descr(b),
		Keywords:       "部门预算公开; 预算公开表; budget disclosure",
		Category:       "部门预算公开",
		Language:       "zh-CN",
		Created:        fixedTime,
		Modified:       fixedTime,
	}); err != nil {
		return err
	}
	return f.SetAppProps(&excelize.AppProperties{
		Application: Author,
		Company:     b.Author,
	})
}

func descr(b *grid.Book) string {
	d := b.Title
	if b.Author != "" {
		d = b.Author + "：" + d
	}
	return fmt.Sprintf("%s（共 %d 张表）", d, len(b.Sheets))
}

// sheet writes a sheet: its page setup, links and comments (a few calls
// each), then its cells through a stream writer, which looks the sheet up
// once rather than once per cell (excelize finds a sheet by a scan of all
// sheets, which made the workbook quadratic in sheets).
func (wr *writer) sheet(s *grid.Sheet) error {
	f, name := wr.f, s.Name
	ncol := len(s.Widths)
	for _, r := range s.Rows {
		ncol = max(ncol, len(r.Cells))
	}
	widths := columnWidths(s, ncol)
	// What is set on the sheet before the stream writer starts is kept
	// (the stream writer replaces the sheet and ignores later changes).
	if err := wr.page(s, widths); err != nil {
		return err
	}
	for i, r := range s.Rows {
		for j, c := range r.Cells {
			if !c.Covered && (c.Link != "" || c.Comment != "") {
				if err := wr.notes(name, cellName(j, i), c); err != nil {
					return err
				}
			}
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for j, w := range widths {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	if !s.Contents && s.BodyFrom > 0 && s.BodyFrom < len(s.Rows) {
		top := cellName(0, s.BodyFrom)
		if err := sw.SetPanes(&excelize.Panes{
			Freeze: true, YSplit: s.BodyFrom, TopLeftCell: top, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
		}); err != nil {
			return err
		}
	}
	// The style of every position: a merged range takes its anchor's
	// style throughout, as Excel draws each cell's own borders.
	styles := make([][]int, len(s.Rows))
	for i, r := range s.Rows {
		styles[i] = make([]int, len(r.Cells))
	}
	type merge struct{ from, to string }
	var merges []merge
	for i, r := range s.Rows {
		for j, c := range r.Cells {
			if c.Covered {
				continue
			}
			st, err := wr.style(keyOf(c))
			if err != nil {
				return err
			}
			rs, cs := max(c.RowSpan, 1), max(c.ColSpan, 1)
			rs = min(rs, len(s.Rows)-i)
			cs = min(cs, len(r.Cells)-j)
			for y := i; y < i+rs; y++ {
				for x := j; x < min(j+cs, len(styles[y])); x++ {
					styles[y][x] = st
				}
			}
			if rs > 1 || cs > 1 {
				merges = append(merges, merge{cellName(j, i), cellName(j+cs-1, i+rs-1)})
			}
		}
	}
	heights := rowHeights(s, widths)
	for i, r := range s.Rows {
		values := make([]any, len(r.Cells))
		for j, c := range r.Cells {
			cell := excelize.Cell{StyleID: styles[i][j]}
			switch {
			case c.Covered:
			case c.IsNumber():
				v := c.Value.Decimal()
				if c.Percent {
					v = v.Shift(-2)
				}
				cell.Value = v.InexactFloat64()
			case c.Text != "":
				cell.Value = c.Text
			}
			values[j] = cell
		}
		var opts []excelize.RowOpts
		if i < len(heights) {
			opts = append(opts, excelize.RowOpts{Height: heights[i]})
		}
		if err := sw.SetRow(cellName(0, i), values, opts...); err != nil {
			return err
		}
	}
	for _, m := range merges {
		if err := sw.MergeCell(m.from, m.to); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// notes adds a cell's link and comment.
func (wr *writer) notes(name, ref string, c grid.Cell) error {
	f := wr.f
	if c.Link != "" {
		tip := "转到 " + c.Link
		target := quoteSheet(c.Link) + "!" + cellName(max(c.LinkCol, 0), max(c.LinkRow, 0))
		if err := f.SetCellHyperLink(name, ref, target, "Location",
			excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return err
		}
	}
	if c.Comment != "" {
		wpx, hpx := commentBox(c.Comment)
		if err := f.AddComment(name, excelize.Comment{
			Author: Author, Cell: ref, Text: c.Comment, Width: wpx, Height: hpx,
		}); err != nil {
			return err
		}
	}
	return nil
}

// page sets up printing and the view of a sheet.
func (wr *writer) page(s *grid.Sheet, widths []float64) error {
	f, name := wr.f, s.Name
	pp := choosePaper(s, widths)
	size, orient := pp.size, "portrait"
	if pp.landscape {
		orient = "landscape"
	}
	wide, zero := pp.wide, 0
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &zero,
	}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, top, foot := marginSide, marginTop, marginFooter
	centre := true
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &top, Bottom: &top,
		Header: &foot, Footer: &foot, Horizontally: &centre,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddFooter: "&C第 &P 页 共 &N 页",
	}); err != nil {
		return err
	}
	var titles []string
	if pp.repeatCol > 0 {
		last, _ := excelize.ColumnNumberToName(pp.repeatCol)
		titles = append(titles, fmt.Sprintf("%s!$A:$%s", quoteSheet(name), last))
	}
	if s.HeaderTo > s.HeaderFrom && s.HeaderFrom >= 0 {
		titles = append(titles, fmt.Sprintf("%s!$%d:$%d", quoteSheet(name), s.HeaderFrom+1, s.HeaderTo))
	}
	if len(titles) > 0 {
		if err := wr.printTitles(name, strings.Join(titles, ",")); err != nil {
			return err
		}
	}
	noGrid := false
	return f.SetSheetView(name, 0, &excelize.ViewOptions{ShowGridLines: &noGrid})
}

// printTitles sets the rows a sheet repeats on every printed page. The
// first is set with SetDefinedName; the others are copies of it appended
// to the workbook's defined names, because SetDefinedName compares a new
// name with every name there, looking each one's sheet up by a scan of
// all sheets: cubic in the number of sheets. Each sheet sets its own
// once, so there are no duplicates to look for.
func (wr *writer) printTitles(sheet, refersTo string) error {
	f := wr.f
	wb := f.WorkBook
	if wb == nil || wb.DefinedNames == nil || len(wb.DefinedNames.DefinedName) == 0 {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: refersTo, Scope: sheet})
	}
	idx, err := f.GetSheetIndex(sheet)
	if err != nil || idx < 0 {
		return fmt.Errorf("没有工作表 %q (no such sheet)", sheet)
	}
	d := wb.DefinedNames.DefinedName[0]
	d.Name, d.Data, d.LocalSheetID, d.Comment = "_xlnm.Print_Titles", refersTo, &idx, ""
	wb.DefinedNames.DefinedName = append(wb.DefinedNames.DefinedName, d)
	return nil
}

// styleKey is everything that decides a cell's look; each distinct key is
// one style in the workbook.
type styleKey struct {
	class  grid.Class
	bold   bool
	indent int
	align  grid.Align
	wrap   bool
	numFmt string
	mark   string
	link   bool
}

func keyOf(c grid.Cell) styleKey {
	k := styleKey{
		class: c.Style.Class, bold: c.Style.Bold, indent: c.Style.Indent,
		align: c.Style.Align, wrap: c.Style.Wrap, mark: c.Mark, link: c.Link != "",
	}
	switch {
	case c.IsNumber():
		k.numFmt = numberFormat(int(c.Value.Places()), c.Percent, c.Grouped)
	case c.Style.Class == grid.Code:
		k.numFmt = "@"
	}
	return k
}

// numberFormat is the format showing a figure with its published places,
// and with thousands separators (#,##0.00) where the source prints them.
func numberFormat(places int, percent, grouped bool) string {
	f := "0"
	if grouped {
		f = "#,##0"
	}
	if places > 0 {
		f += "." + strings.Repeat("0", places)
	}
	if percent {
		f += "%"
	}
	return f
}

func (wr *writer) style(k styleKey) (int, error) {
	if id, ok := wr.styles[k]; ok {
		return id, nil
	}
	charset := gbCharset
	font := &excelize.Font{Family: bodyFont, Size: bodySize, Bold: k.bold, Charset: &charset}
	align := &excelize.Alignment{Vertical: "center", WrapText: k.wrap, Indent: k.indent}
	switch k.align {
	case grid.Center:
		align.Horizontal = "center"
	case grid.Right:
		align.Horizontal = "right"
	default:
		align.Horizontal = "left"
	}
	switch k.class {
	case grid.Title:
		// a long title wraps onto the lines the layout gave its row
		font.Family, font.Size, font.Bold = titleFont, titleSize, true
		align.Horizontal, align.WrapText = "center", true
	case grid.Header:
		font.Bold = true
		align.Horizontal, align.WrapText = "center", true
	case grid.Note:
		font.Size = noteSize
		align.WrapText = true
	}
	if align.Indent > 0 && align.Horizontal == "center" {
		align.Indent = 0 // Excel ignores an indent on centred text
	}
	if k.link {
		font.Color, font.Underline = "0563C1", "single"
	}
	st := &excelize.Style{Font: font, Alignment: align}
	if k.class.Bordered() {
		for _, side := range []string{"left", "top", "right", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	if k.mark != "" {
		colour, ok := markFills[k.mark]
		if !ok {
			colour = otherMarkFill
		}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
	}
	if k.numFmt != "" {
		nf := k.numFmt
		st.CustomNumFmt = &nf
	}
	id, err := wr.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	wr.styles[k] = id
	return id, nil
}

// columnWidths converts the grid's widths (character units) to Excel's
// (widths of a digit), with a little room for the cell margins, and widens
// a column whose figures would not fit and show as #####.
func columnWidths(s *grid.Sheet, n int) []float64 {
	out := make([]float64, n)
	for j := range out {
		w := 8.0
		if j < len(s.Widths) && s.Widths[j] > 0 {
			w = s.Widths[j]
		}
		out[j] = w + 1
	}
	for _, r := range s.Rows {
		for j, c := range r.Cells {
			if c.Covered || !c.IsNumber() || max(c.ColSpan, 1) > 1 || j >= n {
				continue
			}
			if need := numberWidth(c); out[j] < need {
				out[j] = need
			}
		}
	}
	for j := range out {
		out[j] = math.Round(out[j]*4) / 4
	}
	return out
}

// numberWidth is the width a figure needs in its format: its digits, the
// cell margins, and some room for bold type and wider fallback fonts.
func numberWidth(c grid.Cell) float64 {
	t := c.Figure()
	w := float64(len(t))*1.15 + 2
	if c.Style.Bold {
		w += 1
	}
	return w
}

// rowHeights gives each row lines × the line height of its largest type,
// and makes a cell merged down over several rows fit its text.
func rowHeights(s *grid.Sheet, widths []float64) []float64 {
	out := make([]float64, len(s.Rows))
	for i, r := range s.Rows {
		out[i] = float64(max(r.Lines, 1))*rowLineHeight(r) + rowPadding
	}
	for i, r := range s.Rows {
		for j, c := range r.Cells {
			rs := min(max(c.RowSpan, 1), len(s.Rows)-i)
			if c.Covered || rs < 2 {
				continue
			}
			w := 0.0
			for k := j; k < j+max(c.ColSpan, 1) && k < len(widths); k++ {
				w += widths[k]
			}
			need := float64(textLines(c, w))*lineHeightOf(c.Style.Class) + rowPadding
			have := 0.0
			for k := i; k < i+rs; k++ {
				have += out[k]
			}
			if need > have {
				out[i+rs-1] += need - have
			}
		}
	}
	for i := range out {
		out[i] = math.Min(math.Round(out[i]*4)/4, 409) // Excel's largest row
	}
	return out
}

func rowLineHeight(r grid.Row) float64 {
	h := 0.0
	for _, c := range r.Cells {
		if c.Covered {
			continue
		}
		h = math.Max(h, lineHeightOf(c.Style.Class))
	}
	if h == 0 {
		h = lineHeight
	}
	return h
}

func lineHeightOf(c grid.Class) float64 {
	switch c {
	case grid.Title:
		return titleLineHeight
	case grid.Note:
		return noteLineHeight
	}
	return lineHeight
}

// textLines estimates the lines a wrapped text takes at width w (character
// units), as the layout does for the rows.
func textLines(c grid.Cell, w float64) int {
	if c.Text == "" {
		return 1
	}
	usable := math.Max(w-1.5, 1)
	n := 0
	for _, para := range strings.Split(c.Text, "\n") {
		if !c.Style.Wrap && c.Style.Class != grid.Header {
			n++
			continue
		}
		tw := grid.TextWidth(para) + float64(c.Style.Indent)*2
		n += max(1, int(math.Ceil(tw/usable)))
	}
	return max(n, 1)
}

// commentBox sizes a comment's box in pixels for its text.
func commentBox(text string) (w, h uint) {
	const perLine = 30.0 // character units per line at 240 px
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines += max(1, int(math.Ceil(grid.TextWidth(para)/perLine)))
	}
	return 240, uint(min(20+lines*16, 400))
}

// cellName is the A1 reference of the 0-based column j and row i.
func cellName(j, i int) string {
	name, _ := excelize.CoordinatesToCellName(j+1, i+1)
	return name
}

// quoteSheet quotes a sheet name for a reference: '名称'.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
