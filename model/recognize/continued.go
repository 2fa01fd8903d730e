package recognize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"budgetpack/model/raw"
)

// A table the page end cuts goes on under no title of its own on the next
// page: with its header printed again, or with none, in the same columns.
// The functions here tell such a next piece from a table of its own, so
// that the pieces make one table and the pack prints it as published.

// maxBreakLines is the most prose lines a page break sets between two
// pieces of one table (page number, running head, the end of a cell's
// text run over the page end, a merged label cut in two).
const maxBreakLines = 15

// maxBreakLine is the longest such line, in characters: the width of a
// cell's text, shorter than a paragraph's line.
const maxBreakLine = 30

// unknownTitle matches a line that names a table the vocabulary does not
// know (节能减排及环境保护专项转移支付绩效目标表): a table of its own begins.
var unknownTitle = regexp.MustCompile(`\p{Han}{4,}表\s*([（(][^）)]*[）)])?$`)

// pageBreakLines reports whether the prose lines between two grids are
// only what a page break prints between two pieces of one table: page
// numbers, running heads, header pieces, and short lines of cell text
// run over the page end; no heading, note or title of another table.
func pageBreakLines(lines []raw.Block) bool {
	if len(lines) > maxBreakLines {
		return false
	}
	for _, l := range lines {
		s := strings.TrimSpace(l.Text)
		if s == "" || pageNumber.MatchString(s) || runningHead(s) {
			continue
		}
		if utf8.RuneCountInString(s) > maxBreakLine || sectionHd.MatchString(s) || noteStart.MatchString(s) || unknownTitle.MatchString(norm(s)) {
			return false
		}
	}
	return true
}

// onLaterPage reports whether grid next starts on a page after the one
// grid prev starts on; a source without pages (0) cannot tell, and says yes.
func onLaterPage(next, prev raw.Block) bool {
	return next.Page == 0 || prev.Page == 0 || next.Page > prev.Page
}

// headerLimit is the most rows a table's header (with its caption rows)
// takes above the first row of figures.
const headerLimit = 8

// filledCells are the non-empty cells of a row that start there (not
// covered by a merge), by column.
type filledCell struct {
	col  int
	text string
}

func filledCells(row raw.Row) []filledCell {
	var out []filledCell
	for j, c := range row.Cells {
		if c.Covered {
			continue
		}
		if s := norm(c.Text); s != "" {
			out = append(out, filledCell{j, s})
		}
	}
	return out
}

// repeatedHead finds the header of grid first printed again at the top of
// grid next (the table's next page): each of next's leading rows without
// figures is one of first's header rows, cell for cell. It returns how
// many rows of next are the header and, for each column of next, the
// column of first it stands under, read off the header cells the two
// share (a page may drop or add an empty column); ok is false when next
// does not open with first's header.
func repeatedHead(first, next raw.Block) (skip int, cols []int, ok bool) {
	var head [][]filledCell
	for i, row := range first.Rows {
		if i >= headerLimit || hasFigure(row) {
			break
		}
		head = append(head, filledCells(row))
	}
	wn := gridWidth(next)
	cols = make([]int, wn)
	for j := range cols {
		cols[j] = -1
	}
	shared, h := 0, 0
	for skip < len(next.Rows) && skip < headerLimit {
		row := next.Rows[skip]
		if hasFigure(row) {
			break
		}
		got := filledCells(row)
		if len(got) == 0 {
			skip++
			continue
		}
		match := -1
		for k := h; k < len(head); k++ {
			if sameTexts(head[k], got) {
				match = k
				break
			}
		}
		if match < 0 {
			break
		}
		for i, c := range got {
			cols[c.col] = head[match][i].col
		}
		shared += len(got)
		h = match + 1
		skip++
	}
	if shared < 3 {
		return 0, nil, false // one word (合计) is no header
	}
	// the columns no header cell names keep their distance from the
	// nearest named column on their left (or, first of all, on their
	// right); one with no room left before the next named column is a
	// piece of the column on its left (figures set off their header)
	wf := gridWidth(first)
	named := append([]int(nil), cols...)
	for j := range cols {
		if cols[j] >= 0 {
			continue
		}
		for a := j - 1; a >= 0; a-- {
			if named[a] >= 0 {
				cols[j] = named[a] + j - a
				for b := j + 1; b < wn; b++ {
					if named[b] >= 0 {
						if cols[j] >= named[b] {
							cols[j] = named[a]
						}
						break
					}
				}
				break
			}
		}
		if cols[j] < 0 {
			for a := j + 1; a < wn; a++ {
				if named[a] >= 0 {
					cols[j] = max(named[a]-(a-j), 0)
					break
				}
			}
		}
		if cols[j] < 0 || cols[j] >= wf {
			cols[j] = min(j, wf-1)
		}
	}
	for j := 1; j < wn; j++ {
		if cols[j] < cols[j-1] {
			return 0, nil, false // crossed columns: not the same table
		}
	}
	return skip, cols, true
}

// sameTexts reports whether two header rows print the same words in the
// same order.
func sameTexts(a, b []filledCell) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].text != b[i].text {
			return false
		}
	}
	return true
}

// underHead returns next without its repeated header rows, each cell
// moved to the column of first it stands under (see repeatedHead).
func underHead(first, next raw.Block, skip int, cols []int) raw.Block {
	w := gridWidth(first)
	out := next
	out.Rows = make([]raw.Row, 0, len(next.Rows)-skip)
	for _, row := range next.Rows[skip:] {
		cells := make([]raw.Cell, w)
		for j := range cells {
			cells[j].Line = row.Line
		}
		for j, c := range row.Cells {
			if j >= len(cols) {
				break
			}
			to := &cells[cols[j]]
			switch {
			case strings.TrimSpace(c.Text) == "":
				if to.Text == "" {
					to.Covered = c.Covered
				}
			case to.Text == "":
				*to = c
				if c.ColSpan > 1 && j+c.ColSpan-1 < len(cols) {
					to.ColSpan = cols[j+c.ColSpan-1] - cols[j] + 1
				}
			default:
				to.Text += " " + c.Text // two columns of this page under one of the first
			}
		}
		row.Cells = cells
		out.Rows = append(out.Rows, row)
	}
	return out
}

// maxLabelPiece is the longest piece of a merged label a page break cuts
// in two (效益指 / 标), in characters.
const maxLabelPiece = 6

// cellRunOn are the lines between two pieces of a form that are the text
// of a cell run over the page end: not the page's number or running head,
// and not a piece of a merged label, which the form's rows print already.
func cellRunOn(lines []raw.Block) []raw.Block {
	var out []raw.Block
	for _, l := range lines {
		s := norm(l.Text)
		if s == "" || pageNumber.MatchString(s) || runningHead(s) ||
			utf8.RuneCountInString(s) <= maxLabelPiece && !strings.ContainsAny(s, "。，；：:、") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// withoutRepeatedHead drops from a grid the rows that print its header
// again below its body (a reader that read two pages as one grid): a run
// of rows without figures that are the header's rows, cell for cell.
func withoutRepeatedHead(g raw.Block) raw.Block {
	body := 0
	for body < len(g.Rows) && body < headerLimit && !hasFigure(g.Rows[body]) {
		body++
	}
	if body == 0 || body >= len(g.Rows) {
		return g
	}
	var kept []raw.Row
	for i := body; i < len(g.Rows); i++ {
		if !hasFigure(g.Rows[i]) && len(filledCells(g.Rows[i])) > 0 {
			rest := g
			rest.Rows = g.Rows[i:]
			if skip, cols, ok := repeatedHead(g, rest); ok && identity(cols, skip, rest) {
				i += skip - 1
				continue
			}
		}
		kept = append(kept, g.Rows[i])
	}
	if len(kept) == len(g.Rows)-body {
		return g
	}
	out := g
	out.Rows = append(append([]raw.Row(nil), g.Rows[:body]...), kept...)
	return out
}

// identity reports whether the header rows found again stand in the
// header's own columns.
func identity(cols []int, skip int, rest raw.Block) bool {
	for j, c := range cols {
		if c != j {
			return false
		}
	}
	return skip > 0 && skip <= len(rest.Rows)
}

// runOn appends the text of a cell run over the page end to that cell in
// grid g: the last filled cell of the column whose cells hold the longest
// text (a project's goal, an indicator's description), where a form's
// long texts wrap; unless a cell holds it already (a merged cell the
// next page draws again). It returns g with a copy of the changed row.
func runOn(g raw.Block, lines []raw.Block) raw.Block {
	if len(lines) == 0 || len(g.Rows) == 0 {
		return g
	}
	col, longest := -1, 0
	for _, row := range g.Rows {
		for j, c := range row.Cells {
			if n := utf8.RuneCountInString(strings.TrimSpace(c.Text)); n > longest {
				col, longest = j, n
			}
		}
	}
	if col < 0 {
		return g
	}
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(strings.TrimSpace(l.Text))
	}
	text := norm(sb.String())
	for _, row := range g.Rows {
		for _, c := range row.Cells {
			if strings.Contains(norm(c.Text), text) {
				return g // a merged cell drawn again on the next page: its text is in already
			}
		}
	}
	for i := len(g.Rows) - 1; i >= 0; i-- {
		row := g.Rows[i]
		if col >= len(row.Cells) || strings.TrimSpace(row.Cells[col].Text) == "" {
			continue
		}
		rows := append([]raw.Row(nil), g.Rows...)
		cells := append([]raw.Cell(nil), row.Cells...)
		cells[col].Text = strings.TrimRight(cells[col].Text, " ") + sb.String()
		rows[i].Cells = cells
		g.Rows = rows
		return g
	}
	return g
}

// Column kinds of a grid's body, for droppedColumns.
const (
	colEmpty = iota
	colText
	colFigure
)

// columnKinds tells, for each column of the grid's rows with figures
// (every row where rows holds none), whether its cells are texts or
// figures, by the majority of its filled cells.
func columnKinds(b raw.Block) []int {
	rows := b.Rows
	var body []raw.Row
	for _, r := range rows {
		if hasFigure(r) {
			body = append(body, r)
		}
	}
	if len(body) == 0 {
		body = rows
	}
	kinds := make([]int, gridWidth(b))
	for j := range kinds {
		switch {
		case columnMostly(body, j, isFigure):
			kinds[j] = colFigure
		case !columnBlank(nil, body, j):
			kinds[j] = colText
		}
	}
	return kinds
}

// droppedColumns maps the columns of a table's next page that prints no
// header and fewer columns than its first page (its grid drops the
// columns no row of it fills: a blank first column, funds it has none of)
// onto the first page's columns: its text columns onto the text columns
// before the first page's figures, its figure columns onto the columns
// the first page fills with figures, each counted from the right, where
// the totals stand. ok is false where the pages' columns do not pair so.
func droppedColumns(first, next raw.Block) (cols []int, ok bool) {
	fk, nk := columnKinds(first), columnKinds(next)
	if len(nk) >= len(fk) {
		return nil, false
	}
	var fText, fFig, nText, nFig []int
	for j, k := range fk {
		switch {
		case k == colFigure:
			fFig = append(fFig, j)
		case len(fFig) == 0:
			fText = append(fText, j)
		}
	}
	for j, k := range nk {
		switch k {
		case colText:
			if len(nFig) > 0 {
				return nil, false // text after the figures: another table
			}
			nText = append(nText, j)
		case colFigure:
			nFig = append(nFig, j)
		}
	}
	if len(nFig) == 0 || len(nFig) > len(fFig) || len(nText) > len(fText) {
		return nil, false
	}
	cols = make([]int, len(nk))
	for j := range cols {
		cols[j] = -1
	}
	for i, j := range nText {
		cols[j] = fText[len(fText)-len(nText)+i]
	}
	for i, j := range nFig {
		cols[j] = fFig[len(fFig)-len(nFig)+i]
	}
	for j := range cols {
		if cols[j] < 0 {
			// an empty column goes with the one before it
			cols[j] = 0
			if j > 0 {
				cols[j] = cols[j-1]
			}
		}
		if j > 0 && cols[j] < cols[j-1] {
			return nil, false
		}
	}
	return cols, true
}

// underLastRow places the rows of a form's next page whose grid is
// narrower than the page before (no merged label column, no merges) under
// the cells the last row of that page starts, where their count is the
// next page's width (beijing-2-2026, 部门整体支出绩效目标表: 活动, 绩效指标,
// 指标性质, 指标值, 度量单位 under the first page's merged cells).
func underLastRow(prev, next raw.Block) raw.Block {
	if len(prev.Rows) == 0 {
		return next
	}
	var starts []int
	for j, c := range prev.Rows[len(prev.Rows)-1].Cells {
		if !c.Covered {
			starts = append(starts, j)
		}
	}
	if wn := gridWidth(next); wn >= gridWidth(prev) || len(starts) != wn {
		return next
	}
	return underHead(prev, next, 0, starts)
}
