package textgrid

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"budgetpack/model/raw"
)

// segment is a run of words on one line with no column gap inside: the
// content of one cell of a table found from aligned text.
type segment struct {
	text   string
	x0, x1 float64
	number bool
	// size is the font size of the segment's first word.
	size float64
	// bold: every word of the segment is set bold.
	bold bool
	// end is where the segment ends as printed: x1, or on a character
	// grid its last word's start plus that word's display width.
	end float64
}

// segments splits a line where words stand a column gap apart (about
// one font size); closer words are one cell's text. Two amounts are
// always two cells, and in a line that has columns (a column gap
// somewhere) so are an amount and the word beside it: pdftotext and
// tight PDF tables leave as little as one space between columns. In a
// line of prose, "经费 131.33 万元" stays one sentence.
//
// On a character grid (runeGrid) each segment's printed end is measured
// by display width (segment.end).
func segments(l line, runeGrid bool) []segment {
	gap := func(i int) bool {
		a, b := l.words[i-1], l.words[i]
		return b.X0-a.X1 >= 0.9*math.Max(a.Size, b.Size)
	}
	columns := false
	for i := 1; i < len(l.words); i++ {
		columns = columns || gap(i)
	}
	var out []segment
	start := 0
	for i := 1; i <= len(l.words); i++ {
		if i < len(l.words) && !gap(i) {
			a, b := isAmount(l.words[i-1].Text), isAmount(l.words[i].Text)
			if !(a && b || columns && (a || b) || columns && codeBeside(l.words[i-1].Text, l.words[i].Text)) {
				continue
			}
		}
		ws := l.words[start:i]
		text := joinWords(ws)
		last := ws[len(ws)-1]
		end := last.X1
		if runeGrid {
			end = last.X0 + displayWidth(last.Text)*last.Size
		}
		out = append(out, segment{text: text, x0: ws[0].X0, x1: last.X1, number: isNumber(text), size: ws[0].Size, bold: allBold(ws), end: end})
		start = i
	}
	return out
}

// displayWidth is the width of s in half-width characters: a wide
// character counts two.
func displayWidth(s string) float64 {
	n := 0.0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// allBold reports whether every word of ws is set bold.
func allBold(ws []Word) bool {
	for _, w := range ws {
		if !w.Bold {
			return false
		}
	}
	return len(ws) > 0
}

// codeBeside reports whether b, a figure, stands beside a, a run of
// digits: in a line of columns these are two cells (a table of narrow
// code columns prints 302 | 27 | 502 | 05 closer than a column gap), while
// one cell's figure goes on with other characters (2026-10-31 08:00:00).
func codeBeside(a, b string) bool {
	if a == "" || b == "" || b[0] < '0' || b[0] > '9' {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] < '0' || a[i] > '9' {
			return false
		}
	}
	return true
}

// isAmount reports whether s is a figure written with a decimal point or
// thousands commas: a plain integer beside a word is as often a year or a
// count in a sentence.
func isAmount(s string) bool {
	return isNumber(s) && strings.ContainsAny(s, ".,") && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ",")
}

// isNumber reports whether s is a figure: digits with thousands commas,
// an optional sign, decimal part or percent sign.
func isNumber(s string) bool {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+"), "%")
	digits := 0
	dot := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',':
		case r == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// sline is a line with its segments, as the table finder sees it.
type sline struct {
	line
	segs []segment
}

// stream finds the tables among lines that no ruling encloses: runs of
// lines holding two or more segments, with single-segment lines between
// them that line up with the table's cells (a label without figures). The
// rest are prose lines, one text block each.
func (b *builder) stream(lines []line) []item {
	var out []item
	text := func(l line) {
		a := b.anchor(l.page, l.no)
		t := l.text()
		blk := raw.Block{Line: a, Page: l.page, Text: t}
		if len(l.words) > 0 {
			blk.X0, blk.X1 = l.words[0].X0, l.words[0].X1
			for _, w := range l.words[1:] {
				blk.X0, blk.X1 = math.Min(blk.X0, w.X0), math.Max(blk.X1, w.X1)
			}
		}
		out = append(out, item{block: blk, page: l.page, top: l.top, furniture: isFurniture(t)})
	}
	sl := make([]sline, 0, len(lines))
	for _, l := range lines {
		if l.furniture {
			text(l)
			continue
		}
		sl = append(sl, sline{line: l, segs: segments(l, b.runeGrid)})
	}
	multi := func(i int) bool { return len(sl[i].segs) >= 2 }
	type span struct{ from, to int } // lines [from, to] of a table
	var regions []span
	for i := 0; i < len(sl); {
		if !multi(i) {
			i++
			continue
		}
		last := i
		j := i + 1
		nm := 1 // lines of several segments in the region
		margin := sl[i].x0()
	grow:
		for j < len(sl) {
			// A table found from alignment ends with its page: pdftotext
			// may place the next page's columns elsewhere, and a title at
			// the top of that page must not join the table. stitch joins
			// a table that goes on with the same columns.
			if sl[j].page != sl[j-1].page || gapAbove(sl, j) > maxRowGap*sl[j].size {
				break
			}
			margin = math.Min(margin, sl[j].x0())
			if multi(j) {
				last = j
				nm++
				j++
				continue
			}
			// Single-segment lines stay in the table when they line up
			// with its cells and a row of several cells follows soon, no
			// more of them in a row than a few per such row above (a
			// heading of two cells and a list under it are not a table).
			for k := j; k < len(sl) && k < j+min(maxSingles, max(3, 4*nm)); k++ {
				if k > j && (sl[k].page != sl[k-1].page || gapAbove(sl, k) > maxRowGap*sl[k].size) {
					break
				}
				if multi(k) {
					j = k
					continue grow
				}
				// A line must be a figure or line up with the table's
				// lines; after only one row of several cells (a header),
				// with that row, or stand packed with no blank line down
				// to the next such row (a header of several lines): a
				// heading and the list or title under it line up only
				// with each other. Only the nearest lines are compared,
				// which keeps this linear in the lines of a long table.
				ok := sl[k].segs[0].number
				near := sl[max(i, k-alignWindow):k]
				if nm >= 2 {
					ok = ok || alignsWith(sl[k], near, sl[k+1:min(len(sl), k+4)], false)
				} else {
					// "本年收入 上年结转结余" / "合计" / "小计 …"
					packed := gapAbove(sl, k) <= blankGap*sl[k].size && k+1 < len(sl) &&
						sl[k+1].page == sl[k].page && gapAbove(sl, k+1) <= blankGap*sl[k].size
					ok = ok || packed || alignsWith(sl[k], near, nil, true)
				}
				// After a wide gap, a line starts something else (a title,
				// the next table's heading) when it stands at the table's
				// margin or no row of several cells follows right below it;
				// the first line of a tall wrapped cell does not.
				if gapAbove(sl, k) > 2.5*sl[k].size && !sl[k].segs[0].number &&
					(sl[k].x0() <= margin+3*sl[k].size || k+1 >= len(sl) || !multi(k+1) || gapAbove(sl, k+1) > blankGap*sl[k].size) {
					ok = false
				}
				if !ok || isolated(sl, k) && !startsWithColumn(sl[k], near) {
					break
				}
			}
			break
		}
		regions = append(regions, span{i, last})
		i = last + 1
	}
	// A table's cells wrap: the last line of a cell may stand alone right
	// below the table's last row of several cells (the end of a wrapped
	// label at the foot of a page). Such lines join the table when they
	// touch it (no blank line between), line up with its cells and stand
	// off the margin, where a note would start. (Lines above the first
	// row are left alone: a title often stands right there.)
	for r := range regions {
		g := &regions[r]
		nextStart := len(sl)
		if r+1 < len(regions) {
			nextStart = regions[r+1].from
		}
		rows := sl[g.from : g.to+1]
		margin := math.Inf(1)
		for _, l := range rows {
			margin = math.Min(margin, l.x0())
		}
		for k := 0; k < 3 && g.to+1 < nextStart; k++ {
			c := g.to + 1
			if multi(c) || sl[c].page != sl[g.to].page || gapAbove(sl, c) > blankGap*sl[c].size ||
				sl[c].x0() < margin+2*sl[c].size ||
				!alignsWith(sl[c], rows[max(0, len(rows)-alignWindow):], nil, true) {
				break
			}
			g.to = c
		}
	}
	// An upper band of a header of several levels ("一般公共预算拨款" over
	// its 小计 and 其中 columns) may stand alone on its line right above
	// the table's first row. Such lines join the table when they are
	// packed onto it (no blank line between), set in its size, stand
	// inside its width off both edges (a note or 单位：元 stands at an
	// edge) and off its middle (a title is centred on the table).
	prevEnd := -1
	for r := range regions {
		g := &regions[r]
		first := sl[g.from]
		x0, x1 := math.Inf(1), math.Inf(-1)
		for _, l := range sl[g.from : g.to+1] {
			x0, x1 = math.Min(x0, l.x0()), math.Max(x1, l.x1())
		}
		for k := 0; k < 3 && g.from-1 > prevEnd; k++ {
			c, below := g.from-1, sl[g.from]
			sz := first.size
			if multi(c) || sl[c].page != below.page || gapAbove(sl, g.from) > blankGap*sz ||
				math.Abs(sl[c].size-sz) > 0.05*sz || !bandLine(sl[c], x0, x1) {
				break
			}
			g.from = c
		}
		prevEnd = g.to
	}
	// A table whose cells wrap over several lines, with blank lines
	// between its tall rows, falls apart into pieces: the lines of a
	// wrapped cell stand alone between the rows of several cells. Two
	// pieces on one page are one table when only such lines stand between
	// them (see wrapJoins).
	merged := regions[:0]
	for _, g := range regions {
		if n := len(merged); n > 0 && wrapJoins(sl, merged[n-1].from, merged[n-1].to, g.from, g.to) {
			merged[n-1].to = g.to
			continue
		}
		merged = append(merged, g)
	}
	regions = merged
	// A table going on from the page before may open its page with the
	// last lines of a wrapped cell, above its first row of several cells.
	// Such lines join the table when they are the first of their page,
	// packed onto each other and the table, inside it off its margin,
	// and line up with its cells or its other wrapped lines.
	for r := range regions {
		g := &regions[r]
		first := g.from
		for first > 0 && sl[first-1].page == sl[g.from].page && g.from-first <= maxWrapLines {
			first--
		}
		// Only where the page before ended in a table.
		if first == g.from || g.from-first > maxWrapLines || r == 0 || regions[r-1].to != first-1 ||
			sl[first-1].page != sl[first].page-1 {
			continue
		}
		rows := sl[g.from:min(g.to+1, g.from+alignWindow)]
		x0, x1 := math.Inf(1), math.Inf(-1)
		for _, l := range rows {
			x0, x1 = math.Min(x0, l.x0()), math.Max(x1, l.x1())
		}
		ok := true
		for k := first; k < g.from && ok; k++ {
			l := sl[k]
			ok = gapAbove(sl, k+1) <= blankGap*l.size && !wrapBreak(l.text()) &&
				l.x0() >= x0+2*l.size && l.x1() <= x1+2*l.size &&
				alignsWith(l, rows, nil, false)
		}
		if ok {
			g.from = first
		}
	}
	next := 0
	for _, g := range regions {
		for ; next < g.from; next++ {
			text(sl[next].line)
		}
		region := sl[g.from : g.to+1]
		if blk, cols, ok := b.streamGrid(region); ok {
			out = append(out, item{block: blk, cols: cols, stream: true, page: region[0].page, top: region[0].top})
		} else {
			for _, l := range region {
				text(l.line)
			}
		}
		next = g.to + 1
	}
	for ; next < len(sl); next++ {
		text(sl[next].line)
	}
	// Page numbers were set aside: put them back in reading order.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].page != out[j].page {
			return out[i].page < out[j].page
		}
		return out[i].top < out[j].top
	})
	return out
}

// joinCentred joins the halves of cells wrapped over two lines and
// centred on a row of figures: the text sets the row's middle line with
// the figures between the two lines of its wrapped labels ("1.一般公共预" /
// "21,940.96 二、外交支出" / "算"). Three lines in a row, the first and the
// last holding text in the same columns, and nothing else, and the middle
// one figures with those columns blank and figures right of each, are one
// row.
func joinCentred(rows []raw.Row, region []sline) []raw.Row {
	if len(rows) != len(region) {
		return rows
	}
	filled := func(r raw.Row) []int {
		var out []int
		for k, c := range r.Cells {
			if strings.TrimSpace(c.Text) != "" || c.Covered {
				out = append(out, k)
			}
		}
		return out
	}
	textOnly := func(r raw.Row, cols []int) bool {
		for _, k := range cols {
			c := r.Cells[k]
			if c.Covered || c.ColSpan > 1 || isNumber(strings.TrimSpace(c.Text)) || wrapBreak(c.Text) {
				return false
			}
		}
		return len(cols) > 0
	}
	next := func(i int) bool {
		return region[i].page == region[i-1].page && region[i].no == region[i-1].no+1
	}
	out := make([]raw.Row, 0, len(rows))
	for i := 0; i < len(rows); i++ {
		if i+2 < len(rows) && next(i+1) && next(i+2) {
			top, mid, bot := rows[i], rows[i+1], rows[i+2]
			s := filled(top)
			ok := textOnly(top, s) && textOnly(bot, s) && fmt.Sprint(s) == fmt.Sprint(filled(bot))
			figures := false
			for k, c := range mid.Cells {
				t := strings.TrimSpace(c.Text)
				figures = figures || isAmount(t)
				for _, j := range s {
					ok = ok && (k != j || t == "" && !c.Covered)
				}
			}
			// a label stands left of its row's figures; a row beside a
			// column of prose (a 绩效目标 wrapped over many lines next
			// to its amounts) is set by that column's lines, not
			// centred on its own
			for _, k := range s {
				right := false
				for j := k + 1; j < len(mid.Cells); j++ {
					right = right || isAmount(strings.TrimSpace(mid.Cells[j].Text))
				}
				ok = ok && right
			}
			for _, c := range mid.Cells {
				ok = ok && len([]rune(strings.TrimSpace(c.Text))) <= proseRunes
			}
			if ok && figures {
				row := raw.Row{Line: top.Line, AfterBreak: top.AfterBreak, Cells: append([]raw.Cell(nil), mid.Cells...)}
				for _, k := range s {
					row.Cells[k] = top.Cells[k]
					row.Cells[k].Text = joinLines([]string{top.Cells[k].Text, bot.Cells[k].Text})
				}
				out = append(out, row)
				i += 2
				continue
			}
		}
		out = append(out, rows[i])
	}
	return out
}

// proseRunes is the longest text a label cell prints on one line; a line
// of a longer cell is prose.
const proseRunes = 20

// maxWrapLines is the most lines of wrapped cells that may stand between
// two pieces of one table.
const maxWrapLines = 8

// wrapJoins reports whether the pieces of a table at lines [a0, a1] and
// [b0, b1] of one page, each big enough to be a table, are one table:
// the lines between them (none of
// several cells) are few, no blank space between two of them is wider
// than a row of a table may be tall, the pieces lie over each other, and
// every line between is the text of a wrapped cell. Such a line stands
// inside the table off its left margin, or starts where a text cell of
// the rows around starts with more wrapped text packed on to it or
// itself across most of the table (a wide cell of prose, "总体目标 …");
// a title (…表), a unit note, a note (注：) or a short heading set apart
// by blank lines is none.
func wrapJoins(sl []sline, a0, a1, b0, b1 int) bool {
	if sl[a1].page != sl[b0].page || b0-a1-1 > maxWrapLines ||
		!tableLike(sl[a0:a1+1]) || !tableLike(sl[b0:b1+1]) {
		return false
	}
	for k := a1 + 1; k <= b0; k++ {
		if gapAbove(sl, k) > maxRowGap*sl[k].size {
			return false
		}
	}
	rows := func(from, to int) (x0, x1 float64, n int) {
		x0, x1 = math.Inf(1), math.Inf(-1)
		for _, l := range sl[from : to+1] {
			if len(l.segs) >= 2 {
				x0, x1 = math.Min(x0, l.x0()), math.Max(x1, l.x1())
				n++
			}
		}
		return x0, x1, n
	}
	ax0, ax1, na := rows(max(a0, a1-alignWindow), a1)
	bx0, bx1, nb := rows(b0, min(b1, b0+alignWindow))
	if na == 0 || nb == 0 {
		return false
	}
	// The pieces lie over each other for most of the narrower's width.
	if ov := math.Min(ax1, bx1) - math.Max(ax0, bx0); ov < 0.6*math.Min(ax1-ax0, bx1-bx0) {
		return false
	}
	margin, right := math.Min(ax0, bx0), math.Max(ax1, bx1)
	// The rows of several cells around, on the page: a piece may be a
	// single row, the rest of the table below it in the next piece.
	var near []sline
	for _, l := range sl[max(0, a1-alignWindow):min(len(sl), b0+alignWindow)] {
		if len(l.segs) >= 2 && l.page == sl[b0].page {
			near = append(near, l)
		}
	}
	for k := a1 + 1; k < b0; k++ {
		l := sl[k]
		sz := l.size
		if wrapBreak(l.text()) || l.x1() > right+2*sz {
			return false
		}
		if l.x0() >= margin+2*sz {
			continue
		}
		// Several lines of one cell, or one line across most of the
		// table (a heading is short).
		packed := gapAbove(sl, k) <= blankGap*sz || gapAbove(sl, k+1) <= blankGap*sz ||
			l.x1()-l.x0() >= 0.6*(right-margin)
		if !packed || !startsWithColumn(l, near) {
			return false
		}
	}
	return true
}

// wrapBreak reports whether a line of text ends a table rather than
// wraps a cell of it: a table's title, a unit note, a note.
func wrapBreak(t string) bool {
	t = strings.TrimSpace(t)
	return strings.HasSuffix(t, "表") || strings.Contains(t, "单位：") || strings.Contains(t, "单位:") ||
		strings.HasPrefix(t, "注") || strings.HasPrefix(t, "备注")
}

// bandLine reports whether the single segment of l can be an upper header
// band of a table spanning x0…x1: text, not a title or a unit note, inside
// the table off both edges and off its middle.
func bandLine(l sline, x0, x1 float64) bool {
	s := l.segs[0]
	t := strings.TrimSpace(s.text)
	if s.number || t == "" || strings.HasSuffix(t, "表") || strings.ContainsAny(t, ":：") || strings.Contains(t, "单位") {
		return false
	}
	m := 2 * l.size
	if s.x0 < x0+m || s.x1 > x1-m {
		return false
	}
	return math.Abs((s.x0+s.x1)-(x0+x1)) > 2*l.size
}

// maxSingles is the most single-segment lines a table may hold in a row
// (a column of labels whose figures are all empty, wrapped cells).
const maxSingles = 40

// maxRowGap is the widest empty space (in font sizes) between two rows
// of one table found from aligned text: a table with wrapped cells has
// tall rows, and pdftotext renders their height as blank lines.
const maxRowGap = 6

// blankGap is the empty space (in font sizes) between two lines that
// counts as a blank line: a layout text's blank line is one size, a PDF's
// ordinary leading leaves well under one.
const blankGap = 0.8

// alignWindow is how many lines above a single-segment line are looked at
// to tell whether it lines up with the table.
const alignWindow = 60

// gapAbove is the empty space between line j and the line before it.
func gapAbove(sl []sline, j int) float64 {
	if j == 0 || sl[j].page != sl[j-1].page {
		return 0
	}
	return sl[j].top - sl[j-1].bottom
}

// isolated reports whether line k stands alone, with empty space (a blank
// line) both above and below: a title between two tables does.
func isolated(sl []sline, k int) bool {
	if k == 0 || k+1 >= len(sl) {
		return false
	}
	return gapAbove(sl, k) > blankGap*sl[k].size && gapAbove(sl, k+1) > blankGap*sl[k].size
}

// startsWithColumn reports whether l starts where a cell of a row of
// several cells starts, to the half font size: a row of a table set
// apart by blank lines does, a title between two tables seldom.
func startsWithColumn(l sline, ls []sline) bool {
	for _, o := range ls {
		if len(o.segs) < 2 {
			continue
		}
		for _, t := range o.segs {
			if !t.number && math.Abs(t.x0-l.x0()) <= 0.5*l.size {
				return true
			}
		}
	}
	return false
}

// alignsWith reports whether the single segment of l starts or ends
// within two font sizes of where a segment of another line of the table
// does (of a line of several segments, if multiOnly), or, both being
// text, has its middle within half a font size of that segment's.
func alignsWith(l sline, before, after []sline, multiOnly bool) bool {
	s := l.segs[0]
	tol := 2 * l.size
	check := func(ls []sline) bool {
		for _, o := range ls {
			if multiOnly && len(o.segs) < 2 {
				continue
			}
			for _, t := range o.segs {
				if math.Abs(t.x0-s.x0) <= tol || math.Abs(t.x1-s.x1) <= tol {
					return true
				}
				// A word centred in its cell ("项目" under "列入部门预算的")
				// lines up by its middle.
				if !t.number && !s.number && math.Abs((t.x0+t.x1)-(s.x0+s.x1)) <= l.size {
					return true
				}
			}
		}
		return false
	}
	return check(before) || check(after)
}

// streamGrid makes a grid of the region's lines, its columns found from
// where text lines up. It declines a region too small to be a table.
func (b *builder) streamGrid(region []sline) (raw.Block, []float64, bool) {
	if !tableLike(region) {
		return raw.Block{}, nil, false
	}
	seps := separators(region)
	if len(seps)+1 > maxColumns {
		return raw.Block{}, nil, false
	}
	// Drop columns in which no segment starts: two separators in one gap.
	starts := make([]int, len(seps)+1)
	for _, l := range region {
		for _, s := range l.segs {
			starts[colOf(seps, s.x0, true)]++
		}
	}
	kept := seps[:0:0]
	for k, sp := range seps {
		if starts[k+1] == 0 {
			continue // column k+1 is empty: drop its left separator
		}
		kept = append(kept, sp)
	}
	seps = kept
	nc := len(seps) + 1
	ext := extents(region, seps)
	printed := printedExtents(region, seps, ext)
	heads := columnHeads(region, seps, printed)
	figures := figureStarts(region, seps)
	labels := columnLabels(region, seps)
	blk := raw.Block{Page: region[0].page, Rows: make([]raw.Row, 0, len(region))}
	for _, l := range region {
		a := b.anchor(l.page, l.no)
		row := raw.Row{Line: a, Cells: make([]raw.Cell, nc)}
		for k := range row.Cells {
			row.Cells[k].Line = a
		}
		// Each segment takes the columns it reaches into; a later one
		// on the line cuts an earlier one's span short, and two in one
		// column are one cell.
		type placed struct {
			c0, c1 int
			text   string
			indent float64
			bold   bool
			// centred: the text stands as far from the right of its
			// columns' text as from the left, with room on both sides
			centred bool
		}
		var ps []placed
		for _, s := range l.segs {
			c0, c1 := reach(seps, ext, s)
			if n := len(ps); n > 0 && c0 <= ps[n-1].c1 {
				p := &ps[n-1]
				if c0 <= p.c0 {
					p.text += " " + s.text
					p.bold = p.bold && s.bold
					p.centred = false
					p.c1 = max(p.c1, c1)
					continue
				}
				p.c1 = c0 - 1
			}
			// where the cell's text starts, against the leftmost start of
			// the column's text (a column found from text has no edge)
			indent := 0.0
			if lo := ext[c0][0]; s.size > 0 && s.x0 > lo {
				indent = (s.x0 - lo) / s.size
			}
			ps = append(ps, placed{c0, c1, s.text, indent, s.bold, b.centredIn(s, printed, figures, c0, c1, heads[c0], labels[c0])})
		}
		for _, p := range ps {
			c := &row.Cells[p.c0]
			c.Text, c.Indent, c.Bold, c.Centred = p.text, p.indent, p.bold, p.centred
			if p.c1 > p.c0 {
				c.ColSpan = p.c1 - p.c0 + 1
				for k := p.c0 + 1; k <= p.c1; k++ {
					row.Cells[k].Covered = true
				}
			}
		}
		blk.Rows = append(blk.Rows, row)
	}
	blk.Rows = joinCentred(blk.Rows, region)
	blk.Line = blk.Rows[0].Line
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, l := range region {
		x0, x1 = math.Min(x0, l.x0()), math.Max(x1, l.x1())
	}
	cols := append(append([]float64{x0}, seps...), x1)
	return blk, cols, true
}

// tableLike reports whether a region is big enough to be a table. One
// line of two cells is a table only if it holds an amount: a heading with
// a note to its right ("编制单位：…  单位：万元") is not.
func tableLike(region []sline) bool {
	nMulti, maxSegs := 0, 0
	for _, l := range region {
		if len(l.segs) >= 2 {
			nMulti++
		}
		maxSegs = max(maxSegs, len(l.segs))
		for _, s := range l.segs {
			if s.number && strings.ContainsAny(s.text, ".,") {
				return true
			}
		}
	}
	return nMulti >= 2 || maxSegs >= 3
}

// extents returns, per column, the span from the leftmost to the
// rightmost edge of the segments that lie in that column alone: where the
// column's text really stands.
func extents(region []sline, seps []float64) [][2]float64 {
	ext := make([][2]float64, len(seps)+1)
	for k := range ext {
		ext[k] = [2]float64{math.Inf(1), math.Inf(-1)}
	}
	for _, l := range region {
		for _, s := range l.segs {
			c0, c1 := colOf(seps, s.x0, true), colOf(seps, s.x1, false)
			if c0 == c1 {
				ext[c0][0] = math.Min(ext[c0][0], s.x0)
				ext[c0][1] = math.Max(ext[c0][1], s.x1)
			}
		}
	}
	return ext
}

// printedExtents returns, per column, the span from the leftmost start to
// the rightmost printed end (segment.end) of the segments extents counts
// in it: where the column's text stands as printed.
func printedExtents(region []sline, seps []float64, ext [][2]float64) [][2]float64 {
	out := make([][2]float64, len(ext))
	for k := range out {
		out[k] = [2]float64{math.Inf(1), math.Inf(-1)}
	}
	for _, l := range region {
		for _, s := range l.segs {
			if c0, c1 := colOf(seps, s.x0, true), colOf(seps, s.x1, false); c0 == c1 {
				out[c0][0] = math.Min(out[c0][0], s.x0)
				out[c0][1] = math.Max(out[c0][1], s.end)
			}
		}
	}
	return out
}

// columnLabels returns, per column, the texts (not figures) lying in
// that column alone.
func columnLabels(region []sline, seps []float64) [][]segment {
	out := make([][]segment, len(seps)+1)
	for _, l := range region {
		for _, s := range l.segs {
			if c0, c1 := colOf(seps, s.x0, true), colOf(seps, s.x1, false); c0 == c1 && !s.number {
				out[c0] = append(out[c0], s)
			}
		}
	}
	return out
}

// figureStarts returns, per column, where the leftmost figure lying in
// that column alone starts, or +Inf where the column holds none.
func figureStarts(region []sline, seps []float64) []float64 {
	out := make([]float64, len(seps)+1)
	for k := range out {
		out[k] = math.Inf(1)
	}
	for _, l := range region {
		for _, s := range l.segs {
			if c0, c1 := colOf(seps, s.x0, true), colOf(seps, s.x1, false); c0 == c1 && s.number {
				out[c0] = math.Min(out[c0], s.x0)
			}
		}
	}
	return out
}

// columnHeads returns, per column, its head: the first text lying in
// that column alone, off its left edge as printed, among the region's
// lines above its first figure (the header's word, 项目, set centred
// over the column where the region starts with its header; a caption
// set flush left, 部门：, is no head); nil where there is none.
func columnHeads(region []sline, seps []float64, printed [][2]float64) []*segment {
	out := make([]*segment, len(printed))
	for _, l := range region {
		for _, s := range l.segs {
			if s.number {
				return out
			}
		}
		for k, s := range l.segs {
			c0, c1 := colOf(seps, s.x0, true), colOf(seps, s.x1, false)
			if c0 == c1 && out[c0] == nil && s.x0 > printed[c0][0] {
				out[c0] = &l.segs[k]
			}
		}
	}
	return out
}

// centredIn reports whether a segment of text, not a figure, is set
// centred in its column. A column found from text has no edges, and a
// text export moves text about, so either of two signs does: the text
// stands in the middle of its columns' text (lo to hi, as printed), at
// least one wide character from either side and as far from both within
// one; or, off the column's left edge and a character clear of the
// figures of the next column that has any, its middle is that of the
// column's head (a header word set centred, 项目). Names indented by
// level share where they start, centred ones where their middle is: a
// text that starts where another of its column (labels) starts, their
// middles a character or more apart, is indented, not centred.
func (b *builder) centredIn(s segment, printed [][2]float64, figures []float64, c0, c1 int, head *segment, labels []segment) bool {
	lo, hi := printed[c0][0], printed[c1][1]
	if s.number || s.size <= 0 || hi < lo {
		return false
	}
	char := s.size // a wide character's width
	if b.runeGrid {
		char = 2 * s.size
	}
	mid := (s.x0 + s.end) / 2
	for _, o := range labels {
		if math.Abs(o.x0-s.x0) < char/4 && math.Abs((o.x0+o.end)/2-mid) >= char {
			return false
		}
	}
	lm, rm := s.x0-lo, hi-s.end
	if lm >= char && rm >= char && math.Abs(lm-rm) <= char {
		return true
	}
	if lm < char/2 || head == nil {
		return false
	}
	for k := c1 + 1; k < len(figures); k++ {
		if !math.IsInf(figures[k], 1) {
			if s.end > figures[k]-char {
				return false
			}
			break
		}
	}
	return math.Abs((head.x0+head.end)/2-mid) <= char/2
}

// reach returns the columns a segment covers. A segment that crosses a
// boundary covers the columns whose text it overlaps by at least half of
// the narrower of the two: a label pushed a character or two into the
// figures' column by the layout stays in its own column, while a header
// over several columns spans them.
func reach(seps []float64, ext [][2]float64, s segment) (int, int) {
	c0, c1 := colOf(seps, s.x0, true), colOf(seps, s.x1, false)
	if c1 <= c0 {
		return c0, c0
	}
	first, last, best := -1, -1, c0
	bestOv := -1.0
	for c := c0; c <= c1; c++ {
		lo, hi := ext[c][0], ext[c][1]
		if hi < lo { // a column with no text of its own
			continue
		}
		ov := math.Min(s.x1, hi) - math.Max(s.x0, lo)
		if ov > bestOv {
			best, bestOv = c, ov
		}
		if ov > 0 && ov >= 0.5*math.Min(s.x1-s.x0, hi-lo) {
			if first < 0 {
				first = c
			}
			last = c
		}
	}
	if first < 0 {
		return best, best
	}
	return first, last
}

// colOf returns the column of position x: the number of separators left
// of it. A segment's start counts a separator it touches as left of it,
// its end as right of it.
func colOf(seps []float64, x float64, start bool) int {
	if start {
		return sort.Search(len(seps), func(i int) bool { return seps[i] > x })
	}
	return sort.Search(len(seps), func(i int) bool { return seps[i] >= x })
}

// separators finds the column boundaries of a region: every position
// that no segment of a multi-segment line covers, and, where a row of
// figures has two neighbours no such position divides (a label run on
// into the next column), the least covered position between them, so
// that no figure ever shares a cell with its neighbour.
func separators(region []sline) []float64 {
	var x0s, x1s []float64
	for _, l := range region {
		if len(l.segs) < 2 {
			continue
		}
		for _, s := range l.segs {
			x0s = append(x0s, s.x0)
			x1s = append(x1s, s.x1)
		}
	}
	sort.Float64s(x0s)
	sort.Float64s(x1s)
	// cover(x): segments with x0 < x < x1.
	cover := func(x float64) int {
		a := sort.SearchFloat64s(x0s, x)                                   // x0 < x
		e := sort.Search(len(x1s), func(i int) bool { return x1s[i] > x }) // x1 <= x
		return a - e
	}
	// Natural separators: the gaps of the union of segments.
	type iv struct{ lo, hi float64 }
	var ivs []iv
	for _, l := range region {
		if len(l.segs) < 2 {
			continue
		}
		for _, s := range l.segs {
			ivs = append(ivs, iv{s.x0, s.x1})
		}
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].lo < ivs[j].lo })
	var seps []float64
	if len(ivs) == 0 {
		return nil
	}
	end := ivs[0].hi
	for _, v := range ivs[1:] {
		if v.lo > end {
			seps = append(seps, (end+v.lo)/2)
		}
		end = math.Max(end, v.hi)
	}
	// Required separators between neighbouring segments of rows that
	// hold a figure.
	for _, l := range region {
		if len(seps) > maxColumns {
			return seps // too many to be a table; the caller declines it
		}
		hasNum := false
		for _, s := range l.segs {
			hasNum = hasNum || s.number
		}
		if !hasNum {
			continue
		}
		for k := 1; k < len(l.segs); k++ {
			a, c := l.segs[k-1], l.segs[k]
			lo, hi := a.x1, c.x0
			i := sort.SearchFloat64s(seps, lo)
			if i < len(seps) && seps[i] <= hi {
				continue
			}
			best, bestCov := (lo+hi)/2, cover((lo+hi)/2)
			for _, x := range []float64{lo, hi, lo + (hi-lo)/4, hi - (hi-lo)/4} {
				if cv := cover(x); cv < bestCov {
					best, bestCov = x, cv
				}
			}
			seps = append(seps, 0)
			copy(seps[i+1:], seps[i:])
			seps[i] = best
		}
	}
	return seps
}

// isFurniture reports whether a text line only numbers the page
// ("- 8 -", "第 3 页", "3/20"), which does not break a table running on
// to the next page.
func isFurniture(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" {
		return true
	}
	for _, r := range t {
		if !(r >= '0' && r <= '9' || strings.ContainsRune(" -—–/第页共", r)) {
			return false
		}
	}
	return true
}
