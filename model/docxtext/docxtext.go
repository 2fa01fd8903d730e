// Package docxtext reads the plain-text export of a DOCX document in which
// every table cell stands on its own line indented by one tab, a blank line
// ends a table row, and headings follow a "[bookmark: _Toc…]" marker.
package docxtext

import (
	"regexp"
	"strings"

	"budgetpack/model/raw"
)

// Layout is the name of this reader's layout.
const Layout = "docx-text"

var bookmark = regexp.MustCompile(`\[bookmark: ([^\]]*)\]`)

// pageNumber is the placeholder a DOCX text export writes for a page-number field.
const pageNumber = "page number"

// Read turns the text into raw blocks. A cell is a line starting with a tab;
// an unindented line that directly follows a cell continues that cell (a
// cell of several paragraphs); one blank line ends a row, two end the grid,
// and so does any prose line that does not continue a cell.
func Read(data []byte) (*raw.Document, error) {
	doc := &raw.Document{Layout: Layout}
	var (
		grid     *raw.Block
		row      *raw.Row
		blanks   int
		lastCell bool     // the previous line was a cell (or continued one)
		more     []string // lines continuing the row's last cell, joined once it ends
	)
	endCell := func() {
		if len(more) > 0 && row != nil && len(row.Cells) > 0 {
			c := &row.Cells[len(row.Cells)-1]
			c.Text += "\n" + strings.Join(more, "\n")
		}
		more = more[:0]
	}
	endRow := func() {
		endCell()
		if row != nil && grid != nil {
			grid.Rows = append(grid.Rows, *row)
		}
		row = nil
	}
	endGrid := func() {
		endRow()
		if grid != nil && len(grid.Rows) > 0 {
			doc.Blocks = append(doc.Blocks, *grid)
		}
		grid = nil
	}
	for i, line := range raw.Lines(data) {
		n := i + 1
		switch {
		case strings.HasPrefix(line, "\t"):
			if grid == nil {
				grid = &raw.Block{Line: n, Rows: []raw.Row{}}
			}
			if row == nil {
				row = &raw.Row{Line: n}
			}
			endCell()
			row.Cells = append(row.Cells, raw.Cell{Text: line[1:], Line: n})
			blanks, lastCell = 0, true
		case strings.TrimSpace(line) == "":
			endRow()
			blanks++
			if blanks >= 2 {
				endGrid()
			}
			lastCell = false
		case lastCell && row != nil && len(row.Cells) > 0:
			more = append(more, line)
		default:
			endGrid()
			blanks, lastCell = 0, false
			text := strings.TrimSpace(line)
			if text == pageNumber {
				continue
			}
			heading := false
			if m := bookmark.FindAllStringSubmatch(text, -1); m != nil {
				for _, s := range m {
					if strings.HasPrefix(s[1], "_Toc") {
						heading = true
					}
				}
				text = strings.TrimSpace(bookmark.ReplaceAllString(text, ""))
			}
			if text == "" {
				continue
			}
			doc.Blocks = append(doc.Blocks, raw.Block{Line: n, Text: text, Heading: heading})
		}
	}
	endGrid()
	return doc, nil
}

// Looks reports whether the text looks like this layout: many lines start
// with a tab and hold a single cell.
func Looks(data []byte) bool {
	cells, inner := 0, 0
	for _, line := range raw.Lines(data) {
		if strings.HasPrefix(line, "\t") {
			if strings.Contains(line[1:], "\t") {
				inner++
			} else {
				cells++
			}
		} else if strings.Contains(line, "\t") {
			inner++
		}
	}
	return cells >= 3 && cells > inner
}
