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
}

// Block is either a grid (Rows set) or one prose line (Text set).
type Block struct {
	// Line is the source line where the block starts (1-based).
	Line int
	// Text is the prose line with layout markers removed.
	Text string
	// Heading reports that the source marks the prose line as a heading
	// (a table-of-contents bookmark in a DOCX).
	Heading bool
	// Rows are the rows of a grid.
	Rows []Row
	// Sheet names the worksheet the block comes from, in a workbook.
	Sheet string
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
	// Line is the source line of the cell's first paragraph.
	Line int
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
