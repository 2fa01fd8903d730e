package textgrid

import (
	"math"
	"sort"
	"strings"

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
	// Every word is tested against every table: bound the tables of a
	// page (a real page has a handful).
	if len(out) > maxTables {
		out = out[:maxTables]
	}
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

// byEdge groups segments by the edge position (index into ps) they lie on.
func byEdge(ss []seg, ps []float64) [][]seg {
	out := make([][]seg, len(ps))
	for _, s := range ss {
		k := sort.SearchFloat64s(ps, s.at-snapTol)
		for ; k < len(ps) && ps[k] <= s.at+snapTol; k++ {
			out[k] = append(out[k], s)
		}
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
	t.overflow()
}

// overflow gives back to the row above the last line of a cell's text
// that runs out of its cell over the ruling below it (a wrapped name one
// line too long for its row, printed over the top of the next row's
// text): a word that crosses the ruling above its cell and collides with
// a word of the cell's own printed below it belongs to the cell above.
func (t *ruled) overflow() {
	nc := len(t.xs) - 1
	for j := 1; j < len(t.ys)-1; j++ {
		for i := 0; i < nc; i++ {
			ws := t.words[j*nc+i]
			var keep, up []Word
			for _, w := range ws {
				if w.Top < t.ys[j] && collides(w, ws) {
					up = append(up, w)
				} else {
					keep = append(keep, w)
				}
			}
			if len(up) > 0 {
				t.words[j*nc+i] = keep
				t.words[(j-1)*nc+i] = append(t.words[(j-1)*nc+i], up...)
			}
		}
	}
}

// collides reports whether a word of ws starts below w while overlapping
// it on the page: two lines of one cell never overlap.
func collides(w Word, ws []Word) bool {
	for _, v := range ws {
		if v.Top > w.Top && v.Top < w.Bottom-1 && v.X0 < w.X1 && v.X1 > w.X0 {
			return true
		}
	}
	return false
}

// block makes the table's grid. Minimal cells with no ruling between them
// merge into one cell spanning them; the positions it covers hold Covered
// cells so that column indexes line up across rows. It returns the title
// lines the table's frame held above its first row of several cells, and
// the grid's column edges. align, where not nil, are the column edges of
// the grid this one may continue (see alignTo): the columns drawn on
// those edges are kept though no text starts in them.
func (t *ruled) block(b *builder, page int, align []float64) (titles []raw.Block, grid raw.Block, cols []float64, ok bool) {
	nc, nr := len(t.xs)-1, len(t.ys)-1
	// right[j*nc+i]: a ruling closes minimal cell (i,j) on its right;
	// below likewise on its bottom. Segments are grouped by the edge they
	// draw, so each test looks only at the few segments of one edge.
	vAt, hAt := byEdge(t.vs, t.xs), byEdge(t.hs, t.ys)
	right := make([]bool, nc*nr)
	below := make([]bool, nc*nr)
	for j := 0; j < nr; j++ {
		for i := 0; i < nc; i++ {
			right[j*nc+i] = i == nc-1 || covers(vAt[i+1], t.xs[i+1], t.ys[j], t.ys[j+1])
			below[j*nc+i] = j == nr-1 || covers(hAt[j+1], t.ys[j+1], t.xs[i], t.xs[i+1])
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
	// titles keep the spaces the page prints between their words (预算01表
	// 收支总表): a cell's label spread out to fill it is one word, a title is not
	titleTexts := make([]string, len(spans))
	lineOf := make([]int, len(spans))
	indentOf := make([]float64, len(spans))
	// runsOn: the cell's last line reaches its right edge (wrapped there);
	// inside: every word of the cell lies within its left and right edges
	runsOn := make([]bool, len(spans))
	inside := make([]bool, len(spans))
	centred := make([]bool, len(spans))
	bold := make([]bool, len(spans))
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
		tparts := make([]string, len(ls))
		for k, l := range ls {
			parts[k] = cellText(l.words)
			tparts[k] = titleText(l.words)
		}
		texts[id] = joinLines(parts)
		titleTexts[id] = joinLines(tparts)
		lineOf[id] = ls[0].words[0].Line
		indentOf[id] = indentIn(ls[0].words[0], t.xs[s.i])
		left, right := t.xs[s.i], t.xs[s.i+s.w]
		runsOn[id] = fillsTo(ls[len(ls)-1].words, right)
		inside[id] = true
		for _, w := range ws {
			if w.X0 < left-1 || w.X1 > right+1 {
				inside[id] = false
			}
		}
		centred[id] = centredIn(ls, t.xs[s.i], t.xs[s.i+s.w])
		bold[id] = allBold(ws)
	}
	// Keep only the columns and rows where some text starts: rulings
	// drawn for page margins, spacer columns and empty bands between
	// double rulings make minimal cells nobody wrote in. A merged cell
	// keeps the kept columns and rows it covers.
	keepC, keepR := make([]int, nc), make([]int, nr)
	for id, s := range spans {
		if texts[id] != "" {
			keepC[s.i], keepR[s.j] = 1, 1
		}
	}
	t.alignTo(keepC, align)
	newIdx := func(keep []int) int {
		n := 0
		for k, v := range keep {
			if v == 0 {
				keep[k] = -1
				continue
			}
			keep[k] = n
			n++
		}
		return n
	}
	boxes := make([][4]int, len(spans))
	for id, s := range spans {
		boxes[id] = [4]int{s.i, s.j, s.w, s.h}
	}
	keepBlankRows(keepR, boxes, texts, t.ys, t.drawnAcross)
	nc2, nr2 := newIdx(keepC), newIdx(keepR)
	if nc2 == 0 || nr2 == 0 {
		return nil, raw.Block{}, nil, false
	}
	within := func(keep []int, from, n int) (first, count int) {
		first = -1
		for k := from; k < from+n; k++ {
			if keep[k] >= 0 {
				if first < 0 {
					first = keep[k]
				}
				count++
			}
		}
		return first, count
	}
	type cell struct {
		id, i, j, w, h int
	}
	owner2 := make([]int, nc2*nr2) // owner cell index per kept position
	var cells []cell
	for id, s := range spans {
		i0, w := within(keepC, s.i, s.w)
		j0, h := within(keepR, s.j, s.h)
		if w == 0 || h == 0 {
			continue
		}
		for dj := 0; dj < h; dj++ {
			for di := 0; di < w; di++ {
				owner2[(j0+dj)*nc2+i0+di] = len(cells)
			}
		}
		cells = append(cells, cell{id, i0, j0, w, h})
	}
	// Leading rows holding a single text, a title or a unit line the
	// table's frame takes in, are text lines before the grid: a title
	// is a line of its own.
	first := 0
	for first < nr2-1 {
		n, own, tall := 0, 0, false
		var only cell
		for i := 0; i < nc2; i++ {
			c := cells[owner2[first*nc2+i]]
			if c.j != first || c.i != i {
				tall = tall || c.j < first
				continue
			}
			own++
			tall = tall || c.h > 1
			if texts[c.id] != "" {
				n++
				only = c
			}
		}
		if n != 1 || tall {
			break
		}
		// A text held in one of the cells the row draws, within its
		// edges, right over a row of figures is a row of the table's body
		// (the end of a cell the page before cut), not a title set in the
		// frame: a title stands over the header.
		if own > 1 && inside[only.id] && strings.TrimSpace(texts[only.id]) != "" && first+1 < nr2 {
			figures := false
			for i := 0; i < nc2; i++ {
				if c := cells[owner2[(first+1)*nc2+i]]; c.j == first+1 && c.i == i && isNumber(strings.TrimSpace(texts[c.id])) {
					figures = true
				}
			}
			if figures {
				break
			}
		}
		titles = append(titles, raw.Block{Line: b.anchor(page, lineOf[only.id]), Page: page, Text: titleTexts[only.id]})
		first++
	}
	blk := raw.Block{Page: page, Rows: make([]raw.Row, 0, nr2-first)}
	for j := first; j < nr2; j++ {
		rowLine := 0
		for i := 0; i < nc2; i++ {
			c := cells[owner2[j*nc2+i]]
			if l := lineOf[c.id]; c.j == j && c.i == i && l > 0 && (rowLine == 0 || l < rowLine) {
				rowLine = l
			}
		}
		if rowLine == 0 && len(blk.Rows) > 0 {
			rowLine = lineNoOf(b, blk.Rows[len(blk.Rows)-1].Line)
		}
		row := raw.Row{Line: b.anchor(page, rowLine), Cells: make([]raw.Cell, nc2)}
		for i := 0; i < nc2; i++ {
			c := cells[owner2[j*nc2+i]]
			rc := raw.Cell{Line: row.Line}
			if c.j == j && c.i == i {
				rc.Text = texts[c.id]
				rc.Indent = indentOf[c.id]
				rc.RunsOn = runsOn[c.id]
				rc.Centred = centred[c.id]
				rc.Bold = bold[c.id]
				if c.w > 1 {
					rc.ColSpan = c.w
				}
				if c.h > 1 {
					rc.RowSpan = c.h
				}
				if lineOf[c.id] > 0 {
					rc.Line = b.anchor(page, lineOf[c.id])
				}
			} else {
				rc.Covered = true
			}
			row.Cells[i] = rc
		}
		blk.Rows = append(blk.Rows, row)
	}
	blk.Line = blk.Rows[0].Line
	cols = make([]float64, 0, nc2+1)
	for i, k := range keepC {
		if k >= 0 {
			cols = append(cols, t.xs[i])
		}
	}
	cols = append(cols, t.xs[len(t.xs)-1])
	return titles, blk, cols, true
}

// lineNoOf returns the page line an anchor records.
func lineNoOf(b *builder, a int) int {
	if a <= 0 || a > len(b.doc.Places) {
		return 0
	}
	return b.doc.Places[a-1].Line
}

// keepBlankRows marks as kept (spans: {column, row, width, height} of
// each merged cell) the rows drawn as rows of their own that nobody
// wrote in: below the first row with text, every cell of the row its own
// (no merged cell runs into or out of it), at least two of them, as tall
// as a row of text, and closed by a ruling drawn across the table (not
// only the frame closed where the verticals end). A form prints such
// rows (to line the two sides of a 收支总表 up, or to show an empty
// table's body); a thin band between double rulings or a margin is not.
func keepBlankRows(keepR []int, spans [][4]int, texts []string, ys []float64, drawn func(y float64) bool) {
	nr := len(keepR)
	// the cells of each row, and whether each is a one-row cell
	own := make([]int, nr)
	merged := make([]bool, nr)
	for _, s := range spans {
		j, h := s[1], s[3]
		if h == 1 {
			own[j]++
			continue
		}
		for k := j; k < j+h; k++ {
			merged[k] = true
		}
	}
	// the usual height of a row with text
	var hs []float64
	for id, s := range spans {
		if texts[id] != "" && s[3] == 1 {
			hs = append(hs, ys[s[1]+1]-ys[s[1]])
		}
	}
	if len(hs) == 0 {
		return
	}
	sort.Float64s(hs)
	usual := hs[len(hs)/2]
	seenText := false
	for j := 0; j < nr; j++ {
		if keepR[j] != 0 {
			seenText = true
			continue
		}
		if !seenText || merged[j] || own[j] < 2 || ys[j+1]-ys[j] < 0.6*usual || !drawn(ys[j+1]) {
			continue
		}
		keepR[j] = 1
	}
}

// indentIn is how far a cell's first word starts right of the cell's
// left edge, in the size of its characters.
func indentIn(w Word, left float64) float64 {
	if w.Size <= 0 || w.X0 < left {
		return 0
	}
	return (w.X0 - left) / w.Size
}

// centredIn reports whether every line of a cell's text stands as far
// from the cell's right edge as from its left (within half a character),
// with at least a character of room on each side: text set centred, not
// indented (an indented name leaves more room on the right).
func centredIn(ls []line, left, right float64) bool {
	if len(ls) == 0 {
		return false
	}
	for _, l := range ls {
		if len(l.words) == 0 {
			return false
		}
		x0, x1, size := l.words[0].X0, l.words[0].X1, l.words[0].Size
		for _, w := range l.words[1:] {
			x0, x1 = math.Min(x0, w.X0), math.Max(x1, w.X1)
		}
		if size <= 0 {
			return false
		}
		lm, rm := (x0-left)/size, (right-x1)/size
		if lm < 1 || rm < 1 || math.Abs(lm-rm) > 0.5 {
			return false
		}
	}
	return true
}

// drawnAcross reports whether a drawn horizontal ruling runs along y over
// most of the table's width.
func (t *ruled) drawnAcross(y float64) bool {
	x0, x1 := t.xs[0], t.xs[len(t.xs)-1]
	covered := 0.0
	for _, h := range t.hs {
		if h.virtual || math.Abs(h.at-y) > snapTol {
			continue
		}
		covered += math.Min(h.hi, x1) - math.Max(h.lo, x0)
	}
	return covered >= 0.9*(x1-x0)
}

// fillsTo reports whether a line of a cell's words runs out to the cell's
// right edge, right: less than about one character and a half of room is
// left, so the next character did not fit and the text was wrapped.
func fillsTo(ws []Word, right float64) bool {
	if len(ws) == 0 {
		return false
	}
	last := ws[0]
	for _, w := range ws[1:] {
		if w.X1 > last.X1 {
			last = w
		}
	}
	return right-last.X1 < 1.5*last.Size
}

// alignTo keeps (keep: per column, 1 where text starts in it) the columns
// of a table going on from the page before, whose column edges are prev:
// a page whose rows leave a column blank (其他资金 no project has) still
// draws it, and keeping it lets the page's grid line up with the page
// before instead of shifting every later cell one column to the left.
// It does so only where the table draws every edge of prev, ends on
// prev's right edge, and starts text in no column prev lacks, so that
// the two grids then have the same columns; otherwise keep is left as
// it is.
func (t *ruled) alignTo(keep []int, prev []float64) {
	if len(prev) < 2 || math.Abs(prev[len(prev)-1]-t.xs[len(t.xs)-1]) > snapTol {
		return
	}
	want := make([]int, len(keep))
	for _, x := range prev[:len(prev)-1] {
		i := sort.SearchFloat64s(t.xs, x)
		switch {
		case i < len(keep) && t.xs[i]-x <= snapTol:
		case i > 0 && i-1 < len(keep) && x-t.xs[i-1] <= snapTol:
			i--
		default:
			return // an edge of prev this table does not draw
		}
		want[i] = 1
	}
	for i, k := range keep {
		if k != 0 && want[i] == 0 {
			return // text in a column prev has not: another layout
		}
	}
	copy(keep, want)
}
