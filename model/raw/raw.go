// Package raw holds what a reader yields: grids of cell strings with their
// source lines, and the prose between them. It knows nothing of budgets.
package raw

import (
	"fmt"
	"strings"
)

// Document is the raw content of one source file, in source order.
type Document struct {
	// Layout names the reader that produced it.
	Layout string
	// Blocks are the grids and prose lines in source order.
	Blocks []Block
	// Ragged reports that the layout drops trailing empty cells, so a row
	// narrower than its grid is whole; otherwise such a row is cut off.
	Ragged bool
	// Indents reports that the reader measured where each cell's text
	// starts within its cell (Cell.Indent): a page's text has positions,
	// a document's or a workbook's cells do not say.
	Indents bool
	// Faces reports that the reader sees the type faces text is set in,
	// so that Cell.Bold says which cells the source prints bold (a PDF's
	// fonts); a text export's cells do not say.
	Faces bool
	// Places says where each anchor stands in the source file when the
	// source is not a text of lines (a PDF page, a workbook cell): every
	// Line field of the document is then an anchor, an index into Places
	// plus one. Nil means the Line fields are text lines.
	Places []Place
}

// Place is where something stands in a source file.
type Place struct {
	// File is the base name of the file, when a document is read from
	// more than one file (tables and prose published apart), or "".
	File string `json:"file,omitempty"`
	// Page is the 1-based page of a PDF or paginated document, or 0.
	Page int `json:"page,omitempty"`
	// Sheet is the worksheet's name in a workbook, or "".
	Sheet string `json:"sheet,omitempty"`
	// Ref is the cell reference in a workbook ("E9"), or "".
	Ref string `json:"ref,omitempty"`
	// Line is the text line, where the source has lines, or 0.
	Line int `json:"line,omitempty"`
}

// String says the place in Chinese, as a user finds it in the file:
// "第 5 页", "工作表“收支总表”E9", "第 12 行"; with the file's name first
// when the document comes from more than one file: "附表.pdf 第 3 页".
func (p Place) String() string {
	var parts []string
	if p.File != "" {
		parts = append(parts, p.File)
	}
	if p.Page > 0 {
		parts = append(parts, fmt.Sprintf("第 %d 页", p.Page))
	}
	if p.Sheet != "" {
		parts = append(parts, fmt.Sprintf("工作表“%s”", p.Sheet))
	}
	if p.Ref != "" {
		parts = append(parts, p.Ref)
	}
	if p.Line > 0 {
		parts = append(parts, fmt.Sprintf("第 %d 行", p.Line))
	}
	return strings.Join(parts, " ")
}

// Where says where anchor line stands: the place recorded for it, or the
// text line itself when the document records no places.
func Where(places []Place, line int) string {
	if line <= 0 {
		return ""
	}
	if places == nil {
		return Place{Line: line}.String()
	}
	if line > len(places) {
		return ""
	}
	return places[line-1].String()
}

// Anchor records place p and returns the anchor to store in a Line field.
func (d *Document) Anchor(p Place) int {
	d.Places = append(d.Places, p)
	return len(d.Places)
}

// Block is either a grid (Rows set) or one prose line (Text set).
type Block struct {
	// Line is the source line where the block starts (1-based).
	Line int
	// Text is the prose line with layout markers removed.
	Text string
	// X0 and X1 are where a prose line starts and ends across its page,
	// where the reader sees positions (page units or layout columns); both
	// 0 where it does not.
	X0, X1 float64
	// Heading reports that the source marks the prose line as a heading
	// (a table-of-contents bookmark in a DOCX).
	Heading bool
	// Rows are the rows of a grid.
	Rows []Row
	// Sheet names the worksheet the block comes from, in a workbook.
	Sheet string
	// Page is the 1-based page where the block starts, in a paginated
	// source, or 0.
	Page int
}

// IsGrid reports whether the block is a grid.
func (b Block) IsGrid() bool { return b.Rows != nil }

// Row is one row of a grid.
type Row struct {
	// Line is the source line where the row starts.
	Line int
	// AfterBreak reports that a page break (a blank line inside the grid)
	// stands before the row, so a cell of the row above may continue here.
	AfterBreak bool
	// Cells are the row's cells, left to right.
	Cells []Cell
}

// Cell is one cell of a grid row.
type Cell struct {
	// Text is the cell's text as published; paragraphs are joined by "\n".
	Text string
	// Line is the source line of the cell's first paragraph (an anchor
	// into Document.Places where the document records places).
	Line int
	// ColSpan and RowSpan are the columns and rows a merged cell covers,
	// counting itself; 0 and 1 both mean one.
	ColSpan, RowSpan int
	// Indent is how far the cell's first line starts right of the cell's
	// left edge, in the width of its own characters, where the reader
	// sees where text stands on the page (Document.Indents); else 0.
	Indent float64
	// RunsOn reports that the cell's last line runs out to its right
	// edge, where the reader sees where text stands: the text was wrapped
	// there and may go on in the row below, as the first row of the next
	// page does when the page ends inside the cell.
	RunsOn bool
	// Centred reports that every line of the cell's text stands as far
	// from the cell's right edge as from its left, with room on both
	// sides, where the reader sees where text stands on the page.
	Centred bool
	// Bold reports that every character of the cell's text is set in a
	// bold face, where the reader sees faces (Document.Faces).
	Bold bool
	// Covered reports that the position lies inside a merged cell that
	// starts above or to the left of it; its Text is empty. Grids from
	// sources with merges keep one Cell per column so that column
	// indexes line up across rows.
	Covered bool
}

// Texts returns the cells' texts.
func (r Row) Texts() []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = c.Text
	}
	return out
}

// IsBlank reports whether every cell of the row is empty or white space.
func (r Row) IsBlank() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Text) != "" {
			return false
		}
	}
	return true
}

// Error is a reader's error at a source line.
type Error struct {
	// Line is the source line, or 0.
	Line int
	// Msg says what is wrong.
	Msg string
}

// Error formats the error with its line.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("第 %d 行 (line %d): %s", e.Line, e.Line, e.Msg)
	}
	return e.Msg
}

// Lines splits text into lines, dropping a trailing "\r" on each and a
// leading byte-order mark.
func Lines(data []byte) []string {
	s := strings.TrimPrefix(string(data), "\ufeff")
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}
