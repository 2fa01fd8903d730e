// Package pdftext reads the plain-text export of a PDF document in which a
// table row is one line of tab-separated cells and a blank line inside a
// table is a page break (or a line the extraction split).
package pdftext

import (
	"strings"

	"budgetpack/model/raw"
)

// Layout is the name of this reader's layout.
const Layout = "pdf-text"

// Read turns the text into raw blocks. Consecutive lines holding a tab form
// one grid; blank lines between them do not end it but mark the next row
// AfterBreak; any other line is prose and ends the grid.
func Read(data []byte) (*raw.Document, error) {
	doc := &raw.Document{Layout: Layout, Ragged: true}
	var grid *raw.Block
	pendingBreak := false
	endGrid := func() {
		if grid != nil {
			doc.Blocks = append(doc.Blocks, *grid)
		}
		grid = nil
		pendingBreak = false
	}
	for i, line := range raw.Lines(data) {
		n := i + 1
		switch {
		case strings.Contains(line, "\t"):
			if grid == nil {
				grid = &raw.Block{Line: n, Rows: []raw.Row{}}
				pendingBreak = false
			}
			parts := strings.Split(line, "\t")
			row := raw.Row{Line: n, AfterBreak: pendingBreak, Cells: make([]raw.Cell, len(parts))}
			for j, p := range parts {
				row.Cells[j] = raw.Cell{Text: p, Line: n}
			}
			grid.Rows = append(grid.Rows, row)
			pendingBreak = false
		case strings.TrimSpace(line) == "":
			if grid != nil {
				pendingBreak = true
			}
		default:
			endGrid()
			text := strings.TrimSpace(strings.ReplaceAll(line, "**", ""))
			if text == "" {
				continue
			}
			doc.Blocks = append(doc.Blocks, raw.Block{Line: n, Text: text})
		}
	}
	endGrid()
	return doc, nil
}

// Looks reports whether the text looks like this layout: rows of several
// tab-separated cells on one line.
func Looks(data []byte) bool {
	rows := 0
	for _, line := range raw.Lines(data) {
		if i := strings.IndexByte(line, '\t'); i > 0 || (i == 0 && strings.Contains(line[1:], "\t")) {
			rows++
		}
	}
	return rows >= 2
}
