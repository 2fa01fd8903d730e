package textgrid

import (
	"math"
	"strings"

	"budgetpack/model/raw"
)

// stitch returns the blocks in order, joining a grid that opens a page to
// the grid that closed the page before when they have the same columns
// and no title (only page numbers) stands between them; rows repeating
// the first grid's header are dropped.
func stitch(items []item) []raw.Block {
	out := make([]raw.Block, 0, len(items))
	lastGrid := -1 // index in out of the grid that may continue
	var lastCols []float64
	lastStream := false
	lastPage := 0
	for _, it := range items {
		blk := it.block
		if !blk.IsGrid() {
			out = append(out, blk)
			if !it.furniture {
				lastGrid = -1
			}
			continue
		}
		if lastGrid >= 0 && blk.Page == lastPage+1 && sameColumns(lastCols, it.cols, it.stream && lastStream) {
			prev := &out[lastGrid]
			rows := dropRepeatedHeader(prev.Rows, blk.Rows)
			if len(rows) > 0 {
				rows[0].AfterBreak = true
				prev.Rows = append(prev.Rows, rows...)
			}
			lastPage = blk.Page
			continue
		}
		out = append(out, blk)
		lastGrid, lastCols, lastPage, lastStream = len(out)-1, it.cols, blk.Page, it.stream
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
