package textgrid

import (
	"math"
	"sort"

	"budgetpack/model/raw"
)

// snapTol is how far apart (in points) two ruling edges may be and still
// be one edge, and the widest gap joined within one ruling.
const snapTol = 3

// seg is one snapped ruling: at (the y of a horizontal, the x of a
// vertical) from lo to hi along it.
type seg struct {
	at, lo, hi float64
	virtual    bool
}

// ruled is one table found from rulings: its edge positions and the
// segments that draw them, and the words that fell into it.
type ruled struct {
	xs, ys []float64
	hs, vs []seg
	// cells holds, per minimal cell (row-major), the lines of words.
	words          [][]Word
	x0, x1, y0, y1 float64
}

// findRuled finds the tables drawn with rulings, as pdfplumber's "lines"
// strategy does: collinear edges within snapTol snap together, gaps of at
// most snapTol are joined, segments that cross form one table.
func findRuled(rs []Ruling) []*ruled {
	var hs, vs []seg
	for _, r := range rs {
		if !finite(r.X0, r.Y0, r.X1, r.Y1) {
			continue
		}
		x0, x1 := math.Min(r.X0, r.X1), math.Max(r.X0, r.X1)
		y0, y1 := math.Min(r.Y0, r.Y1), math.Max(r.Y0, r.Y1)
		w, h := x1-x0, y1-y0
		switch {
		case w >= h && w > 1:
			hs = append(hs, seg{at: (y0 + y1) / 2, lo: x0, hi: x1})
		case h > w && h > 1:
			vs = append(vs, seg{at: (x0 + x1) / 2, lo: y0, hi: y1})
		}
	}
	hs, vs = snapJoin(hs), snapJoin(vs)
	if len(hs) == 0 || len(vs) == 0 {
		return nil
	}
	// Segments that cross belong to one table (union-find). A sweep
	// keeps this near linear: only verticals whose x lies in a
	// horizontal's span are compared.
	n := len(hs) + len(vs)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	order := make([]int, len(vs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return vs[order[a]].at < vs[order[b]].at })
	vx := make([]float64, len(order))
	for i, k := range order {
		vx[i] = vs[k].at
	}
	for hi, h := range hs {
		start := sort.SearchFloat64s(vx, h.lo-snapTol)
		for i := start; i < len(vx) && vx[i] <= h.hi+snapTol; i++ {
			v := vs[order[i]]
			if h.at >= v.lo-snapTol && h.at <= v.hi+snapTol {
				a, b := find(hi), find(len(hs)+order[i])
				if a != b {
					parent[a] = b
				}
			}
		}
	}
	groups := map[int]*ruled{}
	var keys []int
	get := func(i int) *ruled {
		r := find(i)
		t, ok := groups[r]
		if !ok {
			t = &ruled{}
			groups[r] = t
			keys = append(keys, r)
		}
		return t
	}
	for i, h := range hs {
		t := get(i)
		t.hs = append(t.hs, h)
	}
	for i, v := range vs {
		t := get(len(hs) + i)
		t.vs = append(t.vs, v)
	}
	var out []*ruled
	for _, k := range keys {
		t := groups[k]
		if len(t.hs) == 0 || len(t.vs) == 0 {
			continue // a lone line: an underline or a rule, not a table
		}
		t.close()
		t.xs = positions(t.vs)
		t.ys = positions(t.hs)
		if len(t.xs) < 2 || len(t.ys) < 2 || len(t.xs) > maxEdges || len(t.ys) > maxEdges {
			continue
		}
		t.x0, t.x1 = t.xs[0], t.xs[len(t.xs)-1]
		t.y0, t.y1 = t.ys[0], t.ys[len(t.ys)-1]
		t.words = make([][]Word, (len(t.xs)-1)*(len(t.ys)-1))
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].y0 < out[j].y0 })
	return out
}

// snapJoin snaps segments whose positions lie within snapTol of each other
// to their mean position and joins the ones on one position that overlap
// or leave a gap of at most snapTol.
func snapJoin(ss []seg) []seg {
	if len(ss) == 0 {
		return nil
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].at < ss[j].at })
	var out []seg
	for i := 0; i < len(ss); {
		j, sum := i, 0.0
		for j < len(ss) && ss[j].at-ss[i].at <= snapTol {
			sum += ss[j].at
			j++
		}
		at := sum / float64(j-i)
		grp := append([]seg(nil), ss[i:j]...)
		sort.Slice(grp, func(a, b int) bool { return grp[a].lo < grp[b].lo })
		cur := seg{at: at, lo: grp[0].lo, hi: grp[0].hi}
		for _, s := range grp[1:] {
			if s.lo <= cur.hi+snapTol {
				cur.hi = math.Max(cur.hi, s.hi)
				continue
			}
			out = append(out, cur)
			cur = seg{at: at, lo: s.lo, hi: s.hi}
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// close draws an open outer side of the table where the perpendicular
// rulings bridge it: horizontals that run on past the outermost vertical
// end on a side nobody drew, and that side is closed where they end.
// Closing a side no ruling reaches would merge tables stacked on a page.
func (t *ruled) close() {
	minV, maxV := math.Inf(1), math.Inf(-1)
	for _, v := range t.vs {
		minV, maxV = math.Min(minV, v.at), math.Max(maxV, v.at)
	}
	minH, maxH := math.Inf(1), math.Inf(-1)
	for _, h := range t.hs {
		minH, maxH = math.Min(minH, h.at), math.Max(maxH, h.at)
	}
	// Left and right: horizontals reaching past the outer verticals.
	side := func(segs []seg, outer float64, left bool) (seg, bool) {
		edge := outer
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, s := range segs {
			var end float64
			if left {
				end = s.lo
				if end >= outer-snapTol {
					continue
				}
				edge = math.Min(edge, end)
			} else {
				end = s.hi
				if end <= outer+snapTol {
					continue
				}
				edge = math.Max(edge, end)
			}
			lo, hi = math.Min(lo, s.at), math.Max(hi, s.at)
		}
		if hi <= lo {
			return seg{}, false
		}
		return seg{at: edge, lo: lo, hi: hi, virtual: true}, true
	}
	if s, ok := side(t.hs, minV, true); ok {
		t.vs = append(t.vs, s)
	}
	if s, ok := side(t.hs, maxV, false); ok {
		t.vs = append(t.vs, s)
	}
	if s, ok := side(t.vs, minH, true); ok {
		t.hs = append(t.hs, s)
	}
	if s, ok := side(t.vs, maxH, false); ok {
		t.hs = append(t.hs, s)
	}
}

// positions lists the distinct positions of segments, merging those
// within snapTol.
func positions(ss []seg) []float64 {
	ps := make([]float64, 0, len(ss))
	for _, s := range ss {
		ps = append(ps, s.at)
	}
	sort.Float64s(ps)
	out := ps[:0]
	for _, p := range ps {
		if len(out) > 0 && p-out[len(out)-1] <= snapTol {
			continue
		}
		out = append(out, p)
	}
	return out
}

// covers reports whether some segment at position at runs from lo to hi.
func covers(ss []seg, at, lo, hi float64) bool {
	for _, s := range ss {
		if math.Abs(s.at-at) <= snapTol && s.lo <= lo+snapTol && s.hi >= hi-snapTol {
			return true
		}
	}
	return false
}

func (t *ruled) contains(w Word) bool {
	cx, cy := (w.X0+w.X1)/2, (w.Top+w.Bottom)/2
	return cx > t.x0 && cx < t.x1 && cy > t.y0 && cy < t.y1
}

func inAnyTable(ts []*ruled, w Word) bool {
	for _, t := range ts {
		if t.contains(w) {
			return true
		}
	}
	return false
}

// fill puts every word whose centre lies in the table into its minimal
// cell, in line order.
func (t *ruled) fill(lines []line) {
	nc := len(t.xs) - 1
	for li := range lines {
		for _, w := range lines[li].words {
			if !t.contains(w) {
				continue
			}
			cx, cy := (w.X0+w.X1)/2, (w.Top+w.Bottom)/2
			i := sort.SearchFloat64s(t.xs, cx) - 1
			j := sort.SearchFloat64s(t.ys, cy) - 1
			if i < 0 || j < 0 || i >= nc || j >= len(t.ys)-1 {
				continue
			}
			w.Line = lines[li].no
			t.words[j*nc+i] = append(t.words[j*nc+i], w)
		}
	}
}

// block makes the table's grid. Minimal cells with no ruling between them
// merge into one cell spanning them; the positions it covers hold Covered
// cells so that column indexes line up across rows.
func (t *ruled) block(b *builder, page int) (raw.Block, bool) {
	nc, nr := len(t.xs)-1, len(t.ys)-1
	// right[j*nc+i]: a ruling closes minimal cell (i,j) on its right;
	// below likewise on its bottom.
	right := make([]bool, nc*nr)
	below := make([]bool, nc*nr)
	for j := 0; j < nr; j++ {
		for i := 0; i < nc; i++ {
			right[j*nc+i] = i == nc-1 || covers(t.vs, t.xs[i+1], t.ys[j], t.ys[j+1])
			below[j*nc+i] = j == nr-1 || covers(t.hs, t.ys[j+1], t.xs[i], t.xs[i+1])
		}
	}
	owner := make([]int, nc*nr)
	for k := range owner {
		owner[k] = -1
	}
	type span struct{ i, j, w, h int }
	var spans []span
	for j := 0; j < nr; j++ {
		for i := 0; i < nc; i++ {
			if owner[j*nc+i] >= 0 {
				continue
			}
			w := 1
			for i+w-1 < nc-1 && !right[j*nc+i+w-1] && owner[j*nc+i+w] < 0 {
				w++
			}
			h := 1
		down:
			for j+h-1 < nr-1 {
				for k := 0; k < w; k++ {
					if below[(j+h-1)*nc+i+k] || owner[(j+h)*nc+i+k] >= 0 {
						break down
					}
				}
				h++
			}
			id := len(spans)
			spans = append(spans, span{i, j, w, h})
			for dj := 0; dj < h; dj++ {
				for di := 0; di < w; di++ {
					owner[(j+dj)*nc+i+di] = id
				}
			}
		}
	}
	// Text of each merged cell: its minimal cells' words, by line.
	texts := make([]string, len(spans))
	lineOf := make([]int, len(spans))
	for id, s := range spans {
		var ws []Word
		for dj := 0; dj < s.h; dj++ {
			for di := 0; di < s.w; di++ {
				ws = append(ws, t.words[(s.j+dj)*nc+s.i+di]...)
			}
		}
		if len(ws) == 0 {
			continue
		}
		ls := groupLines(ws)
		sort.SliceStable(ls, func(a, b int) bool { return ls[a].top < ls[b].top })
		parts := make([]string, len(ls))
		for k, l := range ls {
			parts[k] = l.text()
		}
		texts[id] = joinLines(parts)
		lineOf[id] = ls[0].words[0].Line
	}
	// Drop rows that are empty and hold no cell start: thin bands
	// between double rulings.
	blk := raw.Block{Page: page, Rows: []raw.Row{}}
	any := false
	for j := 0; j < nr; j++ {
		rowLine := 0
		for i := 0; i < nc; i++ {
			s := spans[owner[j*nc+i]]
			if s.j == j && s.i == i && lineOf[owner[j*nc+i]] > 0 && (rowLine == 0 || lineOf[owner[j*nc+i]] < rowLine) {
				rowLine = lineOf[owner[j*nc+i]]
			}
		}
		row := raw.Row{Cells: make([]raw.Cell, nc)}
		empty := true
		for i := 0; i < nc; i++ {
			id := owner[j*nc+i]
			s := spans[id]
			c := raw.Cell{}
			if s.j == j && s.i == i {
				c.Text = texts[id]
				if s.w > 1 {
					c.ColSpan = s.w
				}
				if s.h > 1 {
					c.RowSpan = s.h
				}
				if c.Text != "" {
					empty = false
				}
				if lineOf[id] > 0 {
					c.Line = b.anchor(page, lineOf[id])
				}
			} else {
				c.Covered = true
			}
			row.Cells[i] = c
		}
		if empty && rowLine == 0 {
			// A row with no text: keep it only if a span starts in it
			// or runs through it, so spans stay consistent.
			starts := false
			for i := 0; i < nc; i++ {
				s := spans[owner[j*nc+i]]
				if s.j == j && s.i == i && (s.h > 1 || s.w > 1) {
					starts = true
				}
				if s.j < j {
					starts = true
				}
			}
			if !starts {
				continue
			}
		}
		if rowLine == 0 && len(blk.Rows) > 0 {
			rowLine = lineNoOf(b, blk.Rows[len(blk.Rows)-1].Line)
		}
		if rowLine > 0 {
			row.Line = b.anchor(page, rowLine)
		} else {
			row.Line = b.anchor(page, 0)
		}
		for i := range row.Cells {
			if row.Cells[i].Line == 0 {
				row.Cells[i].Line = row.Line
			}
		}
		if !empty {
			any = true
		}
		blk.Rows = append(blk.Rows, row)
	}
	if !any {
		return raw.Block{}, false
	}
	blk.Line = blk.Rows[0].Line
	return blk, true
}

// lineNoOf returns the page line an anchor records.
func lineNoOf(b *builder, a int) int {
	if a <= 0 || a > len(b.doc.Places) {
		return 0
	}
	return b.doc.Places[a-1].Line
}
