// Package grid is the renderer-neutral layout of a budget pack: sheets of
// cells with text or a number, spans, a style class, column widths, page
// orientation and the header rows repeated on each printed page. The Excel
// and PDF writers draw the same grid, so the two never disagree; they know
// nothing of budgets or checks.
package grid

import (
	"unicode"
	"unicode/utf8"

	"budgetpack/model"
)

// Book is a whole pack: its metadata and its sheets in order.
type Book struct {
	// Title is the document title (department + year + 部门预算公开表).
	Title string
	// Subject describes the content.
	Subject string
	// Author is the publishing department.
	Author string
	// Sheets are the sheets in order; the first is usually the contents.
	Sheets []*Sheet
}

// Sheet is one table laid out for screen and paper.
type Sheet struct {
	// Name is the sheet's short unique name (≤ 31 characters, no []:*?/\).
	Name string
	// Title is the table's title, for bookmarks and the contents.
	Title string
	// Contents marks the contents sheet (目录), whose cells link to sheets.
	Contents bool
	// Landscape selects landscape A4; portrait otherwise.
	Landscape bool
	// Widths are the column widths in character units: a Latin digit is
	// one unit, a Chinese character about two.
	Widths []float64
	// Rows are the rows; each has exactly len(Widths) cells.
	Rows []Row
	// HeaderFrom and HeaderTo delimit the rows [HeaderFrom, HeaderTo)
	// repeated at the top of every printed page; equal means none.
	HeaderFrom, HeaderTo int
	// BodyFrom is the first row below the header (panes freeze above it).
	BodyFrom int
	// Continued is a line printed above the repeated header on every
	// continuation page (a form's title and project name), or "".
	Continued string
}

// Row is one row of a sheet.
type Row struct {
	// Cells has one entry per column; cells covered by a span are Covered.
	Cells []Cell
	// Lines is how many text lines the row needs at the sheet's column
	// widths (at least 1), so that wrapped text is not cut off.
	Lines int
}

// Cell is one cell.
type Cell struct {
	// Text is the cell's text; for a number it is empty.
	Text string
	// Value is the cell's figure; blank for a text or empty cell.
	Value model.Amount
	// Percent shows Value as a percentage (63 → 63%).
	Percent bool
	// Grouped shows Value with thousands separators (1,234.56), as the
	// source table prints its column.
	Grouped bool
	// RowSpan and ColSpan merge the cell over further rows and columns;
	// 0 or 1 means no merge.
	RowSpan, ColSpan int
	// Covered marks a cell inside another cell's span.
	Covered bool
	// Style says how the cell looks.
	Style Style
	// Link names a sheet this cell links to (the contents, the appendix).
	Link string
	// LinkRow and LinkCol are the target cell within the Link sheet
	// (0-based; 0, 0 is the sheet's first cell).
	LinkRow, LinkCol int
	// Ref is a stable address of the model fact in this cell (for tests
	// and for locating findings), or "".
	Ref string
	// Mark shades the cell: "" none, or a severity / correction class.
	Mark string
	// Comment is a note attached to the cell (Excel comment).
	Comment string
}

// IsNumber reports whether the cell holds a figure.
func (c Cell) IsNumber() bool { return !c.Value.IsBlank() }

// Figure is the text a figure cell shows: the value with its published
// decimals, thousands separators where the cell is Grouped, and "%" for
// a percentage; "" for a cell without a figure. Every writer prints this.
func (c Cell) Figure() string {
	if !c.IsNumber() {
		return ""
	}
	s := c.Value.String()
	if c.Grouped {
		s = c.Value.Grouped()
	}
	if c.Percent {
		s += "%"
	}
	return s
}

// Class is the role of a cell in the form, which decides font, alignment and borders.
type Class int

// Cell classes.
const (
	Body    Class = iota // a body cell (text, left)
	Title                // the table title, large and bold, centred, no border
	Caption              // the line under the title (编制部门, 单位), no border
	Header               // a header cell, centred, wrapped, bold
	Lanci                // a 栏次 number, centred
	Seq                  // a 序号, centred
	Code                 // a classification code, left, text
	Name                 // a row name, indented by level
	Amount               // a figure, right aligned
	Note                 // a note under the table, no border, wrapped
)

// Align is a horizontal alignment.
type Align int

// Alignments.
const (
	Left Align = iota
	Center
	Right
)

// Style is how a cell looks.
type Style struct {
	// Class is the cell's role in the form.
	Class Class
	// Bold sets the text in bold (titles, headers, totals).
	Bold bool
	// Indent indents the text by steps of about one Chinese character.
	Indent int
	// Align is the horizontal alignment.
	Align Align
	// Wrap lets text run over several lines within the cell's width.
	Wrap bool
}

// Bordered reports whether the class is drawn inside the table's grid lines.
func (c Class) Bordered() bool { return c != Title && c != Caption && c != Note }

// TextWidth measures text in character units: a wide (CJK) rune counts 2,
// any other 1. It is the measure of Sheet.Widths.
func TextWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += RuneWidth(r)
	}
	return w
}

// RuneWidth is the width of one rune in character units.
func RuneWidth(r rune) float64 {
	switch {
	case r < utf8.RuneSelf:
		return 1
	case unicode.Is(unicode.Han, r), unicode.In(r, unicode.Hiragana, unicode.Katakana),
		r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFF60, r >= 0x2010 && r <= 0x201F,
		r == '≤', r == '≥', r == '【', r == '】':
		return 2
	}
	return 1
}
