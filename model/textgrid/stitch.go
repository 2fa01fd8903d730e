package textgrid

import (
	"math"
	"sort"
	"strings"

	"budgetpack/model/raw"
)

// stitch returns the blocks in order, joining a grid that opens a page to
// the grid that closed the page before when they have the same columns
// and no title (only page numbers) stands between them; rows repeating
// the first grid's header are dropped. A ruled grid's first row that only
// finishes cells the page end cut (see carryOver) goes back into the last
// row of the ruled grid before, whatever its columns and the running head
// printed between.
func stitch(items []item) []raw.Block {
	out := make([]raw.Block, 0, len(items))
	lastGrid := -1 // index in out of the grid that may continue
	var lastCols []float64
	lastStream := false
	lastPage := 0
	// the last ruled grid, its columns and page, and the lines set since
	lastRuled, ruledPage, since := -1, 0, 0
	var ruledCols []float64
	for _, it := range items {
		blk := it.block
		if !blk.IsGrid() {
			out = append(out, blk)
			if !it.furniture {
				lastGrid = -1
				since++
				if it.page != ruledPage+1 {
					lastRuled = -1 // text under the grid on its own page: the table ended there
				}
			}
			continue
		}
		if lastRuled >= 0 && !it.stream && blk.Page == ruledPage+1 && since <= maxHeadLines && len(blk.Rows) > 1 {
			prev := &out[lastRuled]
			if last, ok := carryOver(prev.Rows[len(prev.Rows)-1], ruledCols, blk.Rows[0], it.cols); ok {
				prev.Rows = append(append([]raw.Row(nil), prev.Rows[:len(prev.Rows)-1]...), last)
				blk.Rows = blk.Rows[1:]
				blk.Line = blk.Rows[0].Line
			}
		}
		lastRuled = -1
		// A page that prints the header again is left to the header's
		// own matching; one that goes straight on with rows, in columns
		// found otherwise, is laid into the columns of the page before.
		if lastGrid >= 0 && blk.Page == lastPage+1 && it.stream && lastStream && !sameColumns(lastCols, it.cols, true) &&
			!repeatsHead(out[lastGrid].Rows, blk.Rows) {
			if m := columnMap(lastCols, it.cols); m != nil {
				blk.Rows = remap(blk.Rows, m, len(lastCols)-1)
				it.cols = lastCols
			}
		}
		if lastGrid >= 0 && blk.Page == lastPage+1 && sameColumns(lastCols, it.cols, it.stream && lastStream) {
			prev := &out[lastGrid]
			rows := dropRepeatedHeader(prev.Rows, blk.Rows)
			if len(rows) > 0 {
				rows[0].AfterBreak = true
				prev.Rows = append(prev.Rows, rows...)
			}
			lastPage = blk.Page
			if !it.stream {
				lastRuled, ruledCols, ruledPage, since = lastGrid, it.cols, blk.Page, 0
			}
			continue
		}
		out = append(out, blk)
		lastGrid, lastCols, lastPage, lastStream = len(out)-1, it.cols, blk.Page, it.stream
		if !it.stream {
			lastRuled, ruledCols, ruledPage, since = len(out)-1, it.cols, blk.Page, 0
		}
	}
	return out
}

// maxHeadLines is the most lines (a running head, a page number) a page
// prints between the end of a ruled table and its going on.
const maxHeadLines = 3

// carryOver returns last, the row closing a page's ruled grid (column
// edges lastCols), with the text of next, the first row of the next
// page's grid (edges nextCols), run on in its cells, and ok, where next
// only finishes cells the page end cut: it holds no figure, and each of
// its texts stands in a cell whose edges are those of a cell of last that
// holds a text whose last line ran out to the cell's edge (wrapped there).
// The two grids may have different columns (a page drops the columns it
// leaves empty), so cells pair by their edges on the page.
func carryOver(last raw.Row, lastCols []float64, next raw.Row, nextCols []float64) (raw.Row, bool) {
	const tol = 3 // points: one edge drawn on two pages
	at := func(cols []float64, x float64) int {
		for i, c := range cols {
			if math.Abs(c-x) <= tol {
				return i
			}
		}
		return -1
	}
	cells := append([]raw.Cell(nil), last.Cells...)
	filled := 0
	for j, c := range next.Cells {
		s := strings.TrimSpace(c.Text)
		if s == "" {
			continue
		}
		if c.Covered || isNumber(s) || j+1 >= len(nextCols) {
			return last, false
		}
		w := max(c.ColSpan, 1)
		if j+w >= len(nextCols) {
			return last, false
		}
		i, e := at(lastCols, nextCols[j]), at(lastCols, nextCols[j+w])
		if i < 0 || e <= i || i >= len(cells) {
			return last, false
		}
		p := cells[i]
		ps := strings.TrimSpace(p.Text)
		if p.Covered || !p.RunsOn || ps == "" || isNumber(ps) || max(p.ColSpan, 1) != e-i {
			return last, false
		}
		cells[i].Text = joinLines([]string{p.Text, s})
		cells[i].RunsOn = c.RunsOn
		filled++
	}
	if filled == 0 {
		return last, false
	}
	last.Cells = cells
	return last, true
}

// columnMap matches the columns of a table found from aligned text on
// one page to those of the table closing the page before, where the two
// were found with different columns: a page's wrapped cells or empty
// columns make or lose columns of their own. Positions are the page's
// own (both pages set on one grid); each column of b goes to the column
// of a holding its middle. The tables are one only if every inner
// boundary of b lies on one of a, or every one of a on one of b (one
// table found with a column more or less); otherwise columnMap returns
// nil.
func columnMap(a, b []float64) []int {
	if len(a) < 3 || len(b) < 3 {
		return nil
	}
	wa, wb := a[len(a)-1]-a[0], b[len(b)-1]-b[0]
	if wa <= 0 || wb <= 0 {
		return nil
	}
	tol := 0.02 * math.Max(wa, wb)
	// within reports whether every inner boundary of x lies on one of y.
	within := func(x, y []float64) bool {
		for _, v := range x[1 : len(x)-1] {
			i := sort.SearchFloat64s(y, v)
			if !(i < len(y) && y[i]-v <= tol || i > 0 && v-y[i-1] <= tol) {
				return false
			}
		}
		return true
	}
	if !within(a, b) && !within(b, a) {
		return nil
	}
	m := make([]int, len(b)-1)
	inner := a[1 : len(a)-1]
	for j := range m {
		m[j] = sort.SearchFloat64s(inner, (b[j]+b[j+1])/2)
	}
	return m
}

// repeatsHead reports whether next opens with the words of one of the
// first rows of first (its header, under a caption row), whatever the
// columns they stand in.
func repeatsHead(first, next []raw.Row) bool {
	if len(first) == 0 || len(next) == 0 {
		return false
	}
	w := func(r raw.Row) string {
		var sb strings.Builder
		for _, c := range r.Cells {
			sb.WriteString(strings.Join(strings.Fields(c.Text), ""))
		}
		return sb.String()
	}
	b := w(next[0])
	for _, r := range first[:min(len(first), 3)] {
		if a := w(r); a != "" && a == b {
			return true
		}
	}
	return false
}

// remap puts the rows' cells into n columns, cell j into column m[j];
// cells meeting in one column are joined, and a merged cell keeps no
// span (its columns are not those of the table it now belongs to).
func remap(rows []raw.Row, m []int, n int) []raw.Row {
	out := make([]raw.Row, len(rows))
	for r, row := range rows {
		nr := row
		nr.Cells = make([]raw.Cell, n)
		for k := range nr.Cells {
			nr.Cells[k].Line = row.Line
		}
		for j, c := range row.Cells {
			if j >= len(m) || c.Covered {
				continue
			}
			d := &nr.Cells[m[j]]
			if t := strings.TrimSpace(c.Text); t != "" {
				if d.Text != "" {
					d.Text += " "
				}
				d.Text += t
				d.Line = c.Line
			}
		}
		out[r] = nr
	}
	return out
}

// sameColumns reports whether two grids have as many columns, their
// inner boundaries within a few units of each other, or, for tables found
// from aligned text, within a few hundredths of the table's width: a
// layout text may scale one page's character grid differently from the
// next.
func sameColumns(a, b []float64, stream bool) bool {
	if len(a) != len(b) || len(a) < 2 {
		return false
	}
	wa, wb := a[len(a)-1]-a[0], b[len(b)-1]-b[0]
	if stream {
		if wa <= 0 || wb <= 0 {
			return false
		}
		for i := 1; i < len(a)-1; i++ {
			if math.Abs((a[i]-a[0])/wa-(b[i]-b[0])/wb) > 0.05 {
				return false
			}
		}
		return true
	}
	tol := math.Max(3, 0.03*math.Max(wa, wb))
	for i := 1; i < len(a)-1; i++ {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}

// dropRepeatedHeader drops the leading rows of next that repeat the
// leading rows of first, the header a table prints again on each page.
func dropRepeatedHeader(first, next []raw.Row) []raw.Row {
	k := 0
	for k < len(first) && k < len(next) && sameTexts(first[k], next[k]) {
		k++
	}
	// Never cut through a merged cell running down from the header.
	for k > 0 && k < len(next) && coveredFromAbove(next[k]) {
		k--
	}
	return next[k:]
}

// coveredFromAbove reports whether some cell of the row is covered by a
// merged cell starting in a row above.
func coveredFromAbove(r raw.Row) bool {
	reach := -1 // the last column a cell of this row spans to
	for i, c := range r.Cells {
		if !c.Covered {
			reach = i + max(c.ColSpan, 1) - 1
			continue
		}
		if i > reach {
			return true
		}
	}
	return false
}

func sameTexts(a, b raw.Row) bool {
	if len(a.Cells) != len(b.Cells) || a.IsBlank() {
		return false
	}
	for i := range a.Cells {
		if strings.Join(strings.Fields(a.Cells[i].Text), "") != strings.Join(strings.Fields(b.Cells[i].Text), "") {
			return false
		}
	}
	return true
}
