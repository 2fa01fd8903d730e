package pdfin

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"budgetpack/model/textgrid"
)

// Grouping glyphs, as fractions of the font size.
const (
	// lineTolerance: a glyph belongs to a line when its baseline lies
	// within this of the line's mean baseline.
	lineTolerance = 0.5
	// wordGap: a gap wider than this between two glyphs of a line breaks
	// the word.
	wordGap = 0.12
	// overstrike: a glyph drawn again with the same text within this of
	// the first (fake bold) is one glyph.
	overstrike = 0.3
)

// words groups the glyphs of a page into words: lines by baseline, then
// words by the gaps between glyphs, for each writing direction apart.
//
// Glyphs on one baseline (within tightTolerance) form a run; runs whose
// baselines lie within lineTolerance of a line's mean join that line, as
// long as they do not overlap its glyphs: two texts drawn over each other
// a few points apart stay two lines.
//
// scratch is a slice the sorted glyphs may reuse.
func words(glyphs []glyph, scratch *[]glyph) []textgrid.Word {
	if len(glyphs) == 0 {
		return nil
	}
	// A word is some glyphs: room for most pages' words at once.
	out := make([]textgrid.Word, 0, len(glyphs)/4+16)
	glyphs = sortByBaseline(glyphs, (*scratch)[:0])
	*scratch = glyphs
	for len(glyphs) > 0 {
		dir := glyphs[0].dir
		n := 1
		for n < len(glyphs) && glyphs[n].dir == dir {
			n++
		}
		gs := glyphs[:n]
		glyphs = glyphs[n:]
		var open []*textLine
		for len(gs) > 0 {
			sum, size := gs[0].v, gs[0].size
			n := 1
			for n < len(gs) && math.Abs(gs[n].v-sum/float64(n)) <= tightTolerance*math.Max(size, gs[n].size) {
				sum += gs[n].v
				size = math.Max(size, gs[n].size)
				n++
			}
			run := dedupe(gs[:n])
			gs = gs[n:]
			mean := sum / float64(n)
			for _, part := range splitOverlaps(run) {
				open = placeRun(&out, dir, open, part, mean, size)
			}
		}
		for _, l := range open {
			out = lineWords(out, dir, l.all())
		}
	}
	return out
}

// placeRun adds a run of glyphs on one baseline to the first open line it
// fits, or to a new line, first finishing the lines it has left behind.
func placeRun(out *[]textgrid.Word, dir int, open []*textLine, run []glyph, mean, size float64) []*textLine {
	k := 0
	for _, l := range open {
		if mean-l.mean() > lineTolerance*math.Max(l.size, size) {
			*out = lineWords(*out, dir, l.all())
			continue
		}
		open[k] = l
		k++
	}
	open = open[:k]
	for _, l := range open {
		if math.Abs(mean-l.mean()) <= lineTolerance*math.Max(l.size, size) && !l.overlaps(run) {
			l.add(run)
			return open
		}
	}
	l := &textLine{}
	l.add(run)
	return append(open, l)
}

// dedupe drops overstruck duplicates (a glyph drawn again with the same
// text a fraction of its width away: fake bold) from a run on one baseline.
func dedupe(run []glyph) []glyph {
	slices.SortStableFunc(run, func(a, b glyph) int {
		if c := cmp.Compare(a.u0, b.u0); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	kept := run[:0]
	for _, g := range run {
		dup := false
		for k := len(kept) - 1; k >= 0 && k >= len(kept)-4; k-- {
			q := kept[k]
			if q.text == g.text && math.Abs(q.u0-g.u0) < overstrike*math.Max(q.u1-q.u0, 0.3*q.size) &&
				math.Abs(q.v-g.v) < overstrike*q.size {
				dup = true
				if !q.hidden && !g.hidden && (q.u0 != g.u0 || q.v != g.v) {
					kept[k].bold = true // drawn again a little apart: a fake bold
				}
				break
			}
		}
		if !dup {
			kept = append(kept, g)
		}
	}
	return kept
}

// splitOverlaps returns the run as it is when no two of its glyphs lie
// over each other; otherwise it splits the run, in drawing order, where the
// pen goes back behind the glyph it drew last, so that texts drawn over each other
// become lines apart (pieces that do not collide join again as one line).
func splitOverlaps(run []glyph) [][]glyph {
	overlap := false
	for i := 1; i < len(run); i++ {
		if run[i-1].u1-run[i].u0 > 0.3*math.Max(run[i].size, run[i-1].size) {
			overlap = true
			break
		}
	}
	if !overlap {
		return [][]glyph{run}
	}
	slices.SortStableFunc(run, func(a, b glyph) int { return cmp.Compare(a.seq, b.seq) })
	var out [][]glyph
	start := 0
	for i := 1; i <= len(run); i++ {
		if i == len(run) || run[i].u0 < run[i-1].u0 {
			out = append(out, run[start:i])
			start = i
		}
	}
	return out
}

// sortByBaseline orders the glyphs by direction, then baseline, then
// drawing order. It sorts small keys and moves each glyph once.
// The result is appended to out.
func sortByBaseline(glyphs, out []glyph) []glyph {
	keys := baselineOrder(glyphs)
	out = slices.Grow(out, len(glyphs))
	for _, key := range keys {
		out = append(out, glyphs[key.i])
	}
	return out
}

// baselineKey is a glyph's place in the baseline order: its direction,
// its baseline as bits that sort as the numbers do, and its index.
type baselineKey struct {
	v   uint64
	dir int32
	i   int32
}

// baselineOrder returns the glyphs' keys in the order of direction,
// baseline and drawing order: a radix sort, stable, of keys made in
// drawing order (the baselines are never NaN: glyph drops such glyphs).
func baselineOrder(glyphs []glyph) []baselineKey {
	n := len(glyphs)
	keys := make([]baselineKey, n, 2*n)
	for i, g := range glyphs {
		v := g.v
		if v == 0 {
			v = 0 // -0 sorts with +0
		}
		b := math.Float64bits(v)
		if b>>63 != 0 {
			b = ^b
		} else {
			b |= 1 << 63
		}
		keys[i] = baselineKey{b, int32(g.dir), int32(i)}
	}
	if n < 64 {
		slices.SortFunc(keys, func(a, b baselineKey) int {
			if a.dir != b.dir {
				return cmp.Compare(a.dir, b.dir)
			}
			if a.v != b.v {
				return cmp.Compare(a.v, b.v)
			}
			return cmp.Compare(a.i, b.i)
		})
		return keys
	}
	src, dst := keys, keys[n:2*n]
	var count [256]int
	// Passes over the baseline's bytes, lowest first, then the direction.
	for shift := 0; shift <= 64; shift += 8 {
		digit := func(k baselineKey) int {
			if shift == 64 {
				return int(uint32(k.dir) & 0xff)
			}
			return int(byte(k.v >> shift))
		}
		clear(count[:])
		for _, k := range src {
			count[digit(k)]++
		}
		if count[digit(src[0])] == n {
			continue // all alike in this digit
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, k := range src {
			d := digit(k)
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	return src
}

// tightTolerance: glyphs within this (of the font size) share a baseline.
const tightTolerance = 0.15

// textLine is a line being gathered.
type textLine struct {
	runs  [][]glyph // pieces of the page's glyph slice
	n     int
	sum   float64
	size  float64
	spans [][2]float64 // the covered stretches along the line, sorted
}

func (l *textLine) mean() float64 { return l.sum / float64(l.n) }

// all returns the line's glyphs in one slice.
func (l *textLine) all() []glyph {
	if len(l.runs) == 1 {
		return l.runs[0]
	}
	out := make([]glyph, 0, l.n)
	for _, r := range l.runs {
		out = append(out, r...)
	}
	return out
}

// overlaps reports whether a glyph of run lies over a glyph of the line.
func (l *textLine) overlaps(run []glyph) bool {
	for _, g := range run {
		margin := 0.3 * g.size
		i, _ := slices.BinarySearchFunc(l.spans, g.u0, func(s [2]float64, u float64) int { return cmp.Compare(s[1], u) })
		for ; i < len(l.spans) && l.spans[i][0] < g.u1; i++ {
			if math.Min(l.spans[i][1], g.u1)-math.Max(l.spans[i][0], g.u0) > margin {
				return true
			}
		}
	}
	return false
}

func (l *textLine) add(run []glyph) {
	l.runs = append(l.runs, run)
	first := len(l.spans)
	for _, g := range run {
		l.n++
		l.sum += g.v
		l.size = math.Max(l.size, g.size)
		// Glyphs side by side join the run's last stretch at once (the
		// covered stretches come out the same).
		if k := len(l.spans) - 1; k >= first && g.u0 >= l.spans[k][0] && g.u0 <= l.spans[k][1] {
			l.spans[k][1] = math.Max(l.spans[k][1], g.u1)
			continue
		}
		l.spans = append(l.spans, [2]float64{g.u0, g.u1})
	}
	slices.SortFunc(l.spans, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	merged := l.spans[:1]
	for _, s := range l.spans[1:] {
		last := &merged[len(merged)-1]
		if s[0] <= last[1] {
			last[1] = math.Max(last[1], s[1])
			continue
		}
		merged = append(merged, s)
	}
	l.spans = merged
}

// lineWords splits one line into words and appends them.
func lineWords(out []textgrid.Word, dir int, line []glyph) []textgrid.Word {
	slices.SortStableFunc(line, func(a, b glyph) int {
		if c := cmp.Compare(a.u0, b.u0); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	kept := line
	start := 0
	for i := 1; i <= len(kept); i++ {
		if i < len(kept) {
			gap := kept[i].u0 - kept[i-1].u1
			if gap <= wordGap*math.Max(kept[i].size, kept[i-1].size) && drawnTogether(kept[i-1], kept[i]) {
				continue
			}
		}
		out = append(out, makeWord(dir, kept[start:i]))
		start = i
	}
	return out
}

// drawnTogether reports whether two glyphs side by side were drawn one
// after the other (a few glyphs apart, for fake bold drawn twice). A word
// is drawn in one go: a glyph drawn elsewhere in the content that happens
// to touch it (a figure ending where the next column's text begins)
// starts a word of its own, as in poppler.
func drawnTogether(a, b glyph) bool {
	d := b.seq - a.seq
	return d >= -maxSeqGap && d <= maxSeqGap
}

// maxSeqGap is how far apart in the drawing order two glyphs of one word
// may be.
const maxSeqGap = 4

// makeWord builds a word from its glyphs, its box on the displayed page.
func makeWord(dir int, gs []glyph) textgrid.Word {
	var b strings.Builder
	if len(gs) > 1 {
		n := 0
		for _, g := range gs {
			n += len(g.text)
		}
		b.Grow(n)
	}
	u0, u1 := gs[0].u0, gs[0].u1
	t0, t1 := gs[0].t0, gs[0].t1
	var vsum, size float64
	bold := true
	for _, g := range gs {
		bold = bold && g.bold
		b.WriteString(g.text)
		u0, u1 = min(u0, g.u0), max(u1, g.u1)
		t0, t1 = min(t0, g.t0), max(t1, g.t1)
		vsum += g.v
		size = max(size, g.size)
	}
	text := b.String()
	if len(gs) == 1 {
		text = gs[0].text
	}
	xa, ya := fromFrame(dir, u0, t0)
	xb, yb := fromFrame(dir, u1, t1)
	w := textgrid.Word{
		Text: text,
		X0:   math.Min(xa, xb), X1: math.Max(xa, xb),
		Top: math.Min(ya, yb), Bottom: math.Max(ya, yb),
		Size: size, Bold: bold,
	}
	if dir == dirRight {
		w.Baseline = vsum / float64(len(gs))
	} else {
		// Turned text has no horizontal baseline: its middle stands in.
		w.Baseline = (w.Top + w.Bottom) / 2
	}
	return w
}
