package pdf

import (
	"math"
	"sort"

	"codeberg.org/go-pdf/fpdf"
)

// gridLines collects the borders of a page's cells and draws each grid
// line once: neighbouring cells share edges, and two rectangles would
// print a shared edge twice, a hair apart after rounding, which shows as
// a thicker line.
type gridLines struct {
	h, v map[int64][][2]float64 // by rounded y (x), the x (y) intervals
}

// key rounds a coordinate to a micrometre.
func key(v float64) int64 { return int64(math.Round(v * 1000)) }

func (g *gridLines) box(x, y, w, h float64) {
	if g.h == nil {
		g.h, g.v = map[int64][][2]float64{}, map[int64][][2]float64{}
	}
	g.h[key(y)] = append(g.h[key(y)], [2]float64{x, x + w})
	g.h[key(y+h)] = append(g.h[key(y+h)], [2]float64{x, x + w})
	g.v[key(x)] = append(g.v[key(x)], [2]float64{y, y + h})
	g.v[key(x+w)] = append(g.v[key(x+w)], [2]float64{y, y + h})
}

// draw strokes the merged lines, in a fixed order.
func (g *gridLines) draw(doc *fpdf.Fpdf) {
	for _, k := range sortedKeys(g.h) {
		y := float64(k) / 1000
		for _, s := range merge(g.h[k]) {
			doc.Line(s[0], y, s[1], y)
		}
	}
	for _, k := range sortedKeys(g.v) {
		x := float64(k) / 1000
		for _, s := range merge(g.v[k]) {
			doc.Line(x, s[0], x, s[1])
		}
	}
}

func sortedKeys(m map[int64][][2]float64) []int64 {
	keys := make([]int64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

// merge joins overlapping and touching intervals.
func merge(iv [][2]float64) [][2]float64 {
	sort.Slice(iv, func(i, j int) bool { return iv[i][0] < iv[j][0] || iv[i][0] == iv[j][0] && iv[i][1] < iv[j][1] })
	var out [][2]float64
	for _, s := range iv {
		if n := len(out); n > 0 && s[0] <= out[n-1][1]+1e-3 {
			out[n-1][1] = max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}
