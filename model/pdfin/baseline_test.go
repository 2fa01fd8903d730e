package pdfin

import (
	"cmp"
	"math"
	"math/rand"
	"slices"
	"testing"
)

// TestBaselineOrder: the radix sort orders glyphs as a sort by direction,
// baseline and drawing order does.
func TestBaselineOrder(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, n := range []int{0, 1, 5, 63, 64, 300, 5000} {
		gs := make([]glyph, n)
		for i := range gs {
			v := math.Round(r.NormFloat64()*200) / 4 // many equal baselines
			switch r.Intn(20) {
			case 0:
				v = math.Copysign(0, -1)
			case 1:
				v = math.Inf(1 - 2*r.Intn(2))
			}
			gs[i] = glyph{v: v, dir: r.Intn(4)}
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		slices.SortStableFunc(want, func(a, b int) int {
			if c := cmp.Compare(gs[a].dir, gs[b].dir); c != 0 {
				return c
			}
			return cmp.Compare(gs[a].v, gs[b].v)
		})
		for k, key := range baselineOrder(gs) {
			if int(key.i) != want[k] {
				t.Fatalf("n=%d: place %d holds glyph %d, want %d", n, k, key.i, want[k])
			}
		}
	}
}
