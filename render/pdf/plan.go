package pdf

import (
	"math"
	"strings"

	"budgetpack/render/grid"
	"budgetpack/render/textbreak"
)

// Page geometry in mm: A4, with margins like an official print.
const (
	a4W, a4H     = 210.0, 297.0
	marginSide   = 18.0
	marginTop    = 20.0
	marginBottom = 20.0
	footerBase   = 11.0 // footer baseline, from the bottom edge
)

// Type in points and spacing in mm.
const (
	mmPerPt    = 25.4 / 72
	titlePt    = 16.0
	maxBodyPt  = 10.5
	minBodyPt  = 7.0
	footerPt   = 9.0
	notePt     = 0.9  // a note's size relative to the body
	lineFactor = 1.3  // line height relative to the type size
	vpadBody   = 0.9  // space above and below a cell's text
	vpadTitle  = 2.5  // space above and below a title
	maxMargin  = 1.0  // space left and right of a cell's text
	baseline   = 0.86 // baseline below the top of the em box, in em
	minShrink  = 3.0  // smallest type a figure is shrunk to
	// maxTextShrink is the most a code or unwrapped text is shrunk to
	// stay on one line; below it, it is broken instead.
	maxTextShrink = 0.75
	eps           = 1e-6 // slack for comparing lengths
)

// sheetLayout is one sheet measured for paper: column positions, every
// cell broken into lines, row heights, and the pages it takes.
type sheetLayout struct {
	s            *grid.Sheet
	landscape    bool
	pageW, pageH float64
	ncol         int
	colX         []float64 // left edge of each column, and the right edge
	bodyPt       float64
	margin       float64 // space left and right of a cell's text
	cells        [][]*cellBox
	rowH         []float64
	minRowH      float64
	// hf, ht are the header rows repeated on continuation pages; hh is
	// their height, 0 when none are repeated.
	hf, ht int
	hh     float64
	pages  []*page
	// vpad is the space above and below a body cell's text.
	vpad float64
	// cont is the index in cells and rowH of the line that continuation
	// pages show above the repeated header (Sheet.Continued), or -1.
	cont int
	// breakAt forces a page break before the first block at or after it
	// (0: none); paginate sets it to keep a table's last rows company.
	breakAt int
}

// cellBox is a cell that is not covered, ready to draw.
type cellBox struct {
	row, col, rs, cs int
	x, w             float64
	lines            []string
	pt               float64 // type size of the lines
	lh               float64 // line height
	vpad             float64
	margin           float64 // space left and right of the text
	align            grid.Align
	indent           float64
	bold             bool
	bordered         bool
	mark             string
	link             string // target sheet name
	linkRow          int
}

// need is the height the cell's text needs.
func (c *cellBox) need() float64 {
	return float64(max(len(c.lines), 1))*c.lh + 2*c.vpad
}

// capacity is how many lines fit in height h.
func (c *cellBox) capacity(h float64) int {
	return max(int(math.Floor((h-2*c.vpad)/c.lh+eps)), 0)
}

// page is one printed page of a sheet.
type page struct {
	sheet  *sheetLayout
	number int // 1-based, in the whole document
	first  bool
	pieces []piece
	spans  []portion
}

// piece is a row, or part of a row split by lines, placed on a page.
type piece struct {
	row    int
	y, h   float64
	repeat bool // a header row repeated on a continuation page
	// ranges are the lines of the row's own cells shown here, by column,
	// when the row is split across pages; nil means all lines.
	ranges [][2]int
}

// portion is the part of a cell merged over several rows that falls on
// one page, with the lines it shows there.
type portion struct {
	cell     *cellBox
	at       int // index of the piece it is drawn with
	y, h     float64
	from, to int
}

// display is the text a cell shows: its text, or its figure as
// published (decimals, separators, a percentage with "%").
func display(c grid.Cell) string {
	if c.IsNumber() {
		return c.Figure()
	}
	return c.Text
}

// plan measures and paginates every sheet and numbers the pages.
func plan(b *grid.Book, fs *fontSet) []*page {
	var pages []*page
	for _, s := range b.Sheets {
		sl := fit(s, fs)
		for _, pg := range sl.pages {
			pg.number = len(pages) + 1
			pages = append(pages, pg)
		}
	}
	return pages
}

// measure lays out one sheet: column widths scaled to the printable
// width, a body type size that fits them, and each cell's lines.
func measure(s *grid.Sheet, fs *fontSet) *sheetLayout { return measureAt(s, fs, 1, s.Landscape) }

// squeezes are the tighter settings tried, in turn, for a sheet that takes
// two or more pages but may fit on one: type and cell padding scaled down,
// never below minBodyPt.
var squeezes = []float64{0.94, 0.88, 0.82}

// fit measures and paginates a sheet. A table that fits on one page when
// set a little tighter, or (a landscape table) upright, is set so rather
// than split; otherwise it is set at its normal size.
func fit(s *grid.Sheet, fs *fontSet) *sheetLayout {
	sl := measureAt(s, fs, 1, s.Landscape)
	sl.paginate()
	if len(sl.pages) < 2 || s.Contents || sl.beyondOnePage() {
		return sl
	}
	orients := []bool{s.Landscape}
	if s.Landscape {
		orients = append(orients, false)
	}
	for _, land := range orients {
		for _, sq := range append([]float64{1}, squeezes...) {
			if sq == 1 && land == s.Landscape {
				continue
			}
			t := measureAt(s, fs, sq, land)
			if t.bodyPt < minBodyPt-eps || t.squeezedBelow(minBodyPt) {
				break
			}
			t.paginate()
			if len(t.pages) == 1 {
				return t
			}
		}
	}
	return sl
}

// beyondOnePage reports whether the sheet is far too tall to come to one
// page by any setting fit tries. Set s times smaller, text takes about s²
// of the height (lines s times shorter hold 1/s as much, each line s times
// lower), and an upright page is a4H/a4W taller than a landscape one; a
// sheet more than half again as tall as that gain allows is not measured
// four to eight more times for nothing (the explanations and the appendix
// run to several pages, and their line breaking is most of the time).
func (sl *sheetLayout) beyondOnePage() bool {
	tightest := squeezes[len(squeezes)-1]
	gain := 1 / (tightest * tightest)
	if sl.landscape {
		gain *= a4H / a4W
	}
	total := 0.0
	for _, h := range sl.rowH {
		total += h
	}
	return total > 1.5*gain*(sl.bottom()-sl.top())
}

// squeezedBelow reports whether some figure had to be set smaller than pt
// to fit its column: then the layout is too narrow to use.
func (sl *sheetLayout) squeezedBelow(pt float64) bool {
	for _, row := range sl.cells {
		for _, c := range row {
			if c != nil && len(c.lines) > 0 && c.pt < pt-eps {
				return true
			}
		}
	}
	return false
}

// measureAt measures a sheet with the type and padding of body cells
// scaled by squeeze (1 is the normal setting), on a landscape or upright
// page.
func measureAt(s *grid.Sheet, fs *fontSet, squeeze float64, landscape bool) *sheetLayout {
	sl := &sheetLayout{s: s, landscape: landscape, pageW: a4W, pageH: a4H, cont: -1, vpad: vpadBody * squeeze}
	if landscape {
		sl.pageW, sl.pageH = a4H, a4W
	}
	ncol := len(s.Widths)
	for _, r := range s.Rows {
		ncol = max(ncol, len(r.Cells))
	}
	ncol = max(ncol, 1)
	sl.ncol = ncol
	units := make([]float64, ncol)
	total := 0.0
	for j := range units {
		units[j] = 8
		if j < len(s.Widths) && s.Widths[j] > 0 {
			units[j] = s.Widths[j]
		}
		total += units[j]
	}
	printable := sl.pageW - 2*marginSide
	u := printable / total // mm per character unit
	// A character unit is half a Chinese character: at size pt a Chinese
	// character is pt*mmPerPt wide. The layout's widths leave about two
	// units for the cell margins.
	sl.bodyPt = math.Round(min(max(u/(mmPerPt/2), minBodyPt), maxBodyPt)*4) / 4
	if squeeze < 1 {
		sl.bodyPt = max(math.Round(sl.bodyPt*squeeze*4)/4, minBodyPt)
	}
	sl.margin = min(maxMargin, 0.8*u)
	sl.colX = make([]float64, ncol+1)
	sl.colX[0] = marginSide
	for j, w := range units {
		sl.colX[j+1] = sl.colX[j] + w*u
	}
	sl.minRowH = sl.bodyPt*mmPerPt*lineFactor + 2*sl.vpad

	n := len(s.Rows)
	sl.cells = make([][]*cellBox, n)
	for i, row := range s.Rows {
		sl.cells[i] = make([]*cellBox, ncol)
		for j, c := range row.Cells {
			if c.Covered || j >= ncol {
				continue
			}
			sl.cells[i][j] = sl.box(fs, c, i, j, n)
		}
	}
	for i := range s.Rows {
		sl.fitCaptions(fs, i)
	}
	sl.rowH = make([]float64, n)
	for i := range s.Rows {
		h := sl.minRowH
		for _, c := range sl.cells[i] {
			if c != nil && c.rs == 1 {
				h = max(h, c.need())
			}
		}
		sl.rowH[i] = h
	}
	// A merged cell taller than its rows makes its last row taller. Heights
	// only grow, so the order does not matter.
	for i := range s.Rows {
		for _, c := range sl.cells[i] {
			if c == nil || c.rs == 1 {
				continue
			}
			have := 0.0
			for k := i; k < i+c.rs; k++ {
				have += sl.rowH[k]
			}
			if need := c.need(); need > have {
				sl.rowH[i+c.rs-1] += need - have
			}
		}
	}
	if s.HeaderTo > s.HeaderFrom && s.HeaderFrom >= 0 && s.HeaderTo <= n {
		sl.hf, sl.ht = s.HeaderFrom, s.HeaderTo
		for i := sl.hf; i < sl.ht; i++ {
			sl.hh += sl.rowH[i]
		}
		if sl.hh > (sl.pageH-marginTop-marginBottom)/2 {
			sl.hh = 0 // a header that big is not repeated
		}
	}
	if s.Continued != "" && sl.hh > 0 {
		// the line that names the form on its continuation pages
		c := grid.Cell{Text: s.Continued, ColSpan: ncol, Style: grid.Style{Class: grid.Caption, Bold: true, Align: grid.Left, Wrap: true}}
		sl.cont = n
		row := make([]*cellBox, ncol)
		row[0] = sl.box(fs, c, n, 0, n+1)
		sl.cells = append(sl.cells, row)
		sl.rowH = append(sl.rowH, max(sl.minRowH, row[0].need()))
		sl.hh += sl.rowH[n]
	}
	return sl
}

// box measures one cell.
func (sl *sheetLayout) box(fs *fontSet, c grid.Cell, i, j, n int) *cellBox {
	cs := min(max(c.ColSpan, 1), sl.ncol-j)
	rs := min(max(c.RowSpan, 1), n-i)
	b := &cellBox{
		row: i, col: j, rs: rs, cs: cs,
		x: sl.colX[j], w: sl.colX[j+cs] - sl.colX[j],
		pt: sl.bodyPt, vpad: sl.vpad, margin: sl.margin, align: c.Style.Align, bold: c.Style.Bold,
		bordered: c.Style.Class.Bordered(), mark: c.Mark, link: c.Link, linkRow: c.LinkRow,
	}
	switch c.Style.Class {
	case grid.Title:
		b.pt, b.vpad, b.align, b.bold = titlePt, vpadTitle, grid.Center, true
	case grid.Header:
		b.align, b.bold = grid.Center, true
	case grid.Note:
		b.pt = max(sl.bodyPt*notePt, minBodyPt)
	}
	b.lh = b.pt * mmPerPt * lineFactor
	if b.align != grid.Center && c.Style.Indent > 0 {
		// about one Chinese character a step, never more than a third
		b.indent = min(float64(c.Style.Indent)*b.pt*mmPerPt, b.w/3)
	}
	text := fs.clean(display(c))
	if text == "" {
		return b
	}
	avail := b.w - 2*sl.margin - b.indent
	w := fs.width(text, b.pt)
	switch {
	case c.IsNumber():
		// A figure is never broken: it is shrunk until it fits.
		if w > avail && w > 0 {
			b.pt = max(b.pt*avail/w*0.98, minShrink)
		}
		b.lines = []string{text}
		return b
	case w > avail && w > 0 && !c.Style.Wrap && !strings.Contains(text, "\n") && c.Style.Class != grid.Caption &&
		(unbroken(c.Style.Class) || w <= avail*1.1) && avail/w >= maxTextShrink:
		// A code, or a text that is not to wrap and only just too
		// wide, is set a little smaller rather than broken.
		b.pt *= avail / w * 0.98
		b.lines = []string{text}
		return b
	}
	pt := b.pt
	b.lines = textbreak.Lines(text, avail, func(s string) float64 { return fs.width(s, pt) })
	return b
}

// fitCaptions lets the items of a caption row (the line under the title:
// 编制部门, 预算年度, 单位) run into the unused room of the caption cells
// beside them, so that an item the layout gave too narrow a span stays on
// one line. Captions have no borders; an item never reaches the text of
// another one or the page margins, else it wraps in its own cell.
func (sl *sheetLayout) fitCaptions(fs *fontSet, i int) {
	row := sl.cells[i]
	var items []*cellBox
	for j, c := range row {
		if c == nil {
			continue
		}
		if sl.s.Rows[i].Cells[j].Style.Class != grid.Caption || c.rs > 1 {
			return
		}
		if len(c.lines) > 0 { // an empty caption cell is free room
			items = append(items, c)
		}
	}
	// extent is where a one-line text would be drawn in its own cell
	extent := func(c *cellBox, w float64) (float64, float64) {
		switch c.align {
		case grid.Right:
			return c.x + c.w - 2*c.margin - c.indent - w, c.x + c.w
		case grid.Center:
			return c.x + (c.w-w)/2 - c.margin, c.x + (c.w+w)/2 + c.margin
		}
		return c.x, c.x + 2*c.margin + c.indent + w
	}
	one := func(c *cellBox) (string, float64, bool) {
		if len(c.lines) < 2 {
			return "", 0, false
		}
		text := fs.clean(sl.s.Rows[c.row].Cells[c.col].Text)
		if strings.Contains(text, "\n") {
			return "", 0, false
		}
		return text, fs.width(text, c.pt), true
	}
	for k, c := range items {
		text, w, ok := one(c)
		if !ok {
			continue
		}
		lo, hi := marginSide, sl.pageW-marginSide
		if k > 0 {
			p := items[k-1]
			_, end := extent(p, fs.width(strings.Join(p.lines, ""), p.pt))
			if len(p.lines) > 1 {
				end = p.x + p.w
			}
			lo = max(lo, end)
		}
		if k+1 < len(items) {
			nx := items[k+1]
			start, _ := extent(nx, fs.width(strings.Join(nx.lines, ""), nx.pt))
			if len(nx.lines) > 1 {
				start = nx.x
			}
			hi = min(hi, start)
		}
		x0, x1 := extent(c, w)
		if x1-x0 > hi-lo {
			continue
		}
		if x0 < lo {
			x0, x1 = lo, lo+(x1-x0)
		}
		if x1 > hi {
			x0, x1 = hi-(x1-x0), hi
		}
		c.x, c.w, c.lines = x0, x1-x0, []string{text}
	}
}

// top and bottom delimit the body of a page.
func (sl *sheetLayout) top() float64    { return marginTop }
func (sl *sheetLayout) bottom() float64 { return sl.pageH - marginBottom }

// paginate places the rows on pages. A sheet starts on a new page; the
// header rows are repeated at the top of each continuation page above
// bordered rows; rows tied together by merged cells stay on one page
// when they fit on one, else the merged text is shown again on each page;
// a row alone taller than a page is split by lines.
func (sl *sheetLayout) paginate() {
	sl.breakAt = 0
	sl.layOut()
	// the last page of a table never holds only its last one or two rows:
	// break earlier, so that three go over
	if len(sl.pages) < 2 {
		return
	}
	last := sl.pages[len(sl.pages)-1]
	var own []int
	for _, pc := range last.pieces {
		if !pc.repeat && (len(own) == 0 || own[len(own)-1] != pc.row) {
			own = append(own, pc.row)
		}
	}
	if len(own) == 0 || len(own) > 2 || own[0] <= sl.ht {
		return
	}
	prev := sl.pages[len(sl.pages)-2]
	first := -1
	for _, pc := range prev.pieces {
		if !pc.repeat {
			first = pc.row
			break
		}
	}
	at := own[0] - (3 - len(own))
	if first < 0 || at <= first+1 || at <= sl.ht {
		return
	}
	sl.breakAt = at
	sl.layOut()
}

// layOut places the rows on pages.
func (sl *sheetLayout) layOut() {
	n := len(sl.s.Rows)
	p := &pager{sl: sl}
	p.newPage(false)
	forced := false
	for i := 0; i < n; {
		end := sl.blockEnd(i)
		h := 0.0
		for k := i; k < end; k++ {
			h += sl.rowH[k]
		}
		keep := h
		if i == sl.hf && sl.ht > sl.hf && sl.ht < n {
			// the header stays with the first rows under it
			for k, e := sl.ht, sl.blockEnd(sl.ht); k < e; k++ {
				keep += sl.rowH[k]
			}
			keep = min(keep, h+sl.minRowH*3)
		}
		rep := sl.wantsHeader(i)
		switch {
		case sl.breakAt > 0 && !forced && i >= sl.breakAt && !p.fresh():
			forced = true
			p.newPage(rep)
		case p.y+keep <= sl.bottom()+eps:
		case !p.fresh() && p.freshTop(rep)+h <= sl.bottom()+eps:
			p.newPage(rep)
		default:
			// Too tall for a page: row by row.
			for k := i; k < end; k++ {
				p.placeRow(k)
			}
			i = end
			continue
		}
		for k := i; k < end; k++ {
			p.add(piece{row: k, y: p.y, h: sl.rowH[k]})
		}
		i = end
	}
	sl.pages = p.pages
	sl.portions()
}

// blockEnd is the end of the rows tied to row i by merged cells (and the
// whole header, if i starts it).
func (sl *sheetLayout) blockEnd(i int) int {
	end := i + 1
	if i == sl.hf && sl.ht > sl.hf {
		end = sl.ht
	}
	for k := i; k < end; k++ {
		for _, c := range sl.cells[k] {
			if c != nil {
				end = max(end, k+c.rs)
			}
		}
	}
	return end
}

// wantsHeader reports whether row i, at the top of a new page, gets the
// repeated header rows above it: a bordered table row below the header.
func (sl *sheetLayout) wantsHeader(i int) bool {
	if sl.hh == 0 || i < sl.ht {
		return false
	}
	row := sl.s.Rows[i]
	for j, c := range row.Cells {
		if j < sl.ncol && c.Style.Class.Bordered() {
			return true
		}
	}
	return false
}

// pager is the state of paginate.
type pager struct {
	sl    *sheetLayout
	pages []*page
	cur   *page
	y     float64 // where the next row goes
	start float64 // where the body starts on the current page
}

func (p *pager) freshTop(header bool) float64 {
	if header {
		return p.sl.top() + p.sl.hh
	}
	return p.sl.top()
}

// fresh reports whether nothing but the repeated header is on the page.
func (p *pager) fresh() bool { return p.y <= p.start+eps }

func (p *pager) newPage(header bool) {
	p.cur = &page{sheet: p.sl, first: len(p.pages) == 0}
	p.pages = append(p.pages, p.cur)
	p.y = p.sl.top()
	if header {
		if c := p.sl.cont; c >= 0 {
			p.add(piece{row: c, y: p.y, h: p.sl.rowH[c], repeat: true})
		}
		for k := p.sl.hf; k < p.sl.ht; k++ {
			p.add(piece{row: k, y: p.y, h: p.sl.rowH[k], repeat: true})
		}
	}
	p.start = p.y
}

func (p *pager) add(pc piece) {
	p.cur.pieces = append(p.cur.pieces, pc)
	p.y += pc.h
}

// placeRow places one row of a block too tall for a page.
func (p *pager) placeRow(k int) {
	sl := p.sl
	rep := sl.wantsHeader(k)
	h := sl.rowH[k] + p.growth(k)
	if p.y+h > sl.bottom()+eps && !p.fresh() && p.freshTop(rep)+sl.rowH[k] <= sl.bottom()+eps {
		p.newPage(rep)
		h = sl.rowH[k] + p.growth(k)
	}
	if p.y+h <= sl.bottom()+eps {
		p.add(piece{row: k, y: p.y, h: h})
		return
	}
	p.splitRow(k, rep)
}

// splitRow places a row taller than the rest of the page, by lines: each
// of its cells shows on each page the lines that fit there.
func (p *pager) splitRow(k int, rep bool) {
	sl := p.sl
	cells := sl.cells[k]
	next := make([]int, len(cells))
	maxLH := 0.0
	for _, c := range cells {
		if c != nil && c.rs == 1 {
			maxLH = max(maxLH, c.lh+2*c.vpad)
		}
	}
	for {
		avail := sl.bottom() - p.y
		if avail < maxLH && !p.fresh() {
			p.newPage(rep)
			continue
		}
		ranges := make([][2]int, len(cells))
		done := true
		h := sl.minRowH
		for j, c := range cells {
			if c == nil || c.rs > 1 {
				continue
			}
			rest := len(c.lines) - next[j]
			take := min(rest, max(c.capacity(avail), 1))
			ranges[j] = [2]int{next[j], next[j] + take}
			next[j] += take
			if take < rest {
				done = false
			}
			h = max(h, float64(max(take, 1))*c.lh+2*c.vpad)
		}
		if !done {
			h = max(avail, h)
		}
		p.add(piece{row: k, y: p.y, h: h, ranges: ranges})
		if done {
			return
		}
		p.newPage(rep)
	}
}

// growth is how much taller row k must be, when it ends cells merged over
// rows that began on an earlier page, for the rest of their text to fit.
func (p *pager) growth(k int) float64 {
	sl := p.sl
	g := 0.0
	for i := 0; i < k; i++ {
		for _, c := range sl.cells[i] {
			if c == nil || c.rs == 1 || i+c.rs-1 != k {
				continue
			}
			drawn, n := 0, max(len(c.lines), 1)
			split := false
			cur := 0.0
			for _, pg := range p.pages {
				y0, y1, ok := span(pg.pieces, c.row, k)
				if !ok {
					continue
				}
				if pg == p.cur {
					cur = y1 - y0
					continue
				}
				split = true
				_, _, drawn = showLines(n, c.capacity(y1-y0), drawn, false)
			}
			if !split || drawn >= n {
				continue
			}
			need := float64(n-drawn)*c.lh + 2*c.vpad
			g = max(g, need-(cur+sl.rowH[k]))
		}
	}
	return g
}

// span is the extent of the pieces of rows [from, to) on a page.
func span(pieces []piece, from, to int) (y0, y1 float64, ok bool) {
	for _, pc := range pieces {
		if pc.row < from || pc.row >= to {
			continue
		}
		if !ok {
			y0, ok = pc.y, true
		}
		y1 = pc.y + pc.h
	}
	return y0, y1, ok
}

// showLines decides which lines of a merged cell a page shows, given how
// many fit (cap) and how many earlier pages showed (drawn): the whole text
// again if it fits, else the lines that follow. The last page shows all
// that is left even if it overflows, so no text is ever lost.
func showLines(n, cap, drawn int, last bool) (from, to, nowDrawn int) {
	switch {
	case cap >= n:
		return 0, n, n
	case drawn >= n:
		return 0, 0, n
	case last:
		return drawn, n, n
	}
	to = min(n, drawn+max(cap, 0))
	return drawn, to, to
}

// portions lays the merged cells over the pages their rows fell on.
func (sl *sheetLayout) portions() {
	for i := range sl.cells {
		for _, c := range sl.cells[i] {
			if c == nil || c.rs == 1 {
				continue
			}
			var where []*page
			for _, pg := range sl.pages {
				if _, _, ok := span(pg.pieces, c.row, c.row+c.rs); ok {
					where = append(where, pg)
				}
			}
			drawn, n := 0, max(len(c.lines), 1)
			for w, pg := range where {
				y0, y1, _ := span(pg.pieces, c.row, c.row+c.rs)
				from, to, d := showLines(n, c.capacity(y1-y0), drawn, w == len(where)-1)
				drawn = d
				if len(c.lines) == 0 {
					from, to = 0, 0
				}
				at := 0
				for pi, pc := range pg.pieces {
					if pc.row >= c.row && pc.row < c.row+c.rs {
						at = pi
						break
					}
				}
				pg.spans = append(pg.spans, portion{cell: c, at: at, y: y0, h: y1 - y0, from: from, to: to})
			}
		}
	}
}

// unbroken reports whether a class holds a single token (a code, a 序号,
// a 栏次 number) that reads badly when broken.
func unbroken(c grid.Class) bool {
	return c == grid.Code || c == grid.Seq || c == grid.Lanci
}
