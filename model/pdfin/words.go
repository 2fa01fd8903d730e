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
func words(glyphs []glyph) []textgrid.Word {
	var out []textgrid.Word
	byDir := [4][]glyph{}
	for _, g := range glyphs {
		byDir[g.dir] = append(byDir[g.dir], g)
	}
	for dir, gs := range byDir {
		if len(gs) == 0 {
			continue
		}
		slices.SortStableFunc(gs, func(a, b glyph) int { return cmp.Compare(a.v, b.v) })
		for len(gs) > 0 {
			// One line: the run of glyphs whose baselines stay near the mean.
			sum, size := gs[0].v, gs[0].size
			n := 1
			for n < len(gs) {
				mean := sum / float64(n)
				if math.Abs(gs[n].v-mean) > lineTolerance*math.Max(size, gs[n].size) {
					break
				}
				sum += gs[n].v
				size = math.Max(size, gs[n].size)
				n++
			}
			out = lineWords(out, dir, gs[:n])
			gs = gs[n:]
		}
	}
	return out
}

// lineWords splits one line into words and appends them.
func lineWords(out []textgrid.Word, dir int, line []glyph) []textgrid.Word {
	slices.SortStableFunc(line, func(a, b glyph) int {
		if c := cmp.Compare(a.u0, b.u0); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	// Drop overstruck duplicates.
	kept := line[:0]
	for _, g := range line {
		dup := false
		for k := len(kept) - 1; k >= 0 && k >= len(kept)-4; k-- {
			q := kept[k]
			if q.text == g.text && math.Abs(q.u0-g.u0) < overstrike*math.Max(q.u1-q.u0, 0.3*q.size) &&
				math.Abs(q.v-g.v) < overstrike*q.size {
				dup = true
				break
			}
		}
		if !dup {
			kept = append(kept, g)
		}
	}
	start := 0
	for i := 1; i <= len(kept); i++ {
		if i < len(kept) {
			gap := kept[i].u0 - kept[i-1].u1
			if gap <= wordGap*math.Max(kept[i].size, kept[i-1].size) {
				continue
			}
		}
		out = append(out, makeWord(dir, kept[start:i]))
		start = i
	}
	return out
}

// makeWord builds a word from its glyphs, its box on the displayed page.
func makeWord(dir int, gs []glyph) textgrid.Word {
	var b strings.Builder
	u0, u1 := gs[0].u0, gs[0].u1
	t0, t1 := gs[0].t0, gs[0].t1
	var vsum, size float64
	for _, g := range gs {
		b.WriteString(g.text)
		u0, u1 = math.Min(u0, g.u0), math.Max(u1, g.u1)
		t0, t1 = math.Min(t0, g.t0), math.Max(t1, g.t1)
		vsum += g.v
		size = math.Max(size, g.size)
	}
	xa, ya := fromFrame(dir, u0, t0)
	xb, yb := fromFrame(dir, u1, t1)
	w := textgrid.Word{
		Text: b.String(),
		X0:   math.Min(xa, xb), X1: math.Max(xa, xb),
		Top: math.Min(ya, yb), Bottom: math.Max(ya, yb),
		Size: size,
	}
	if dir == dirRight {
		w.Baseline = vsum / float64(len(gs))
	} else {
		// Turned text has no horizontal baseline: its middle stands in.
		w.Baseline = (w.Top + w.Bottom) / 2
	}
	return w
}
