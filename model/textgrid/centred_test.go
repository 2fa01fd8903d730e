package textgrid

import "testing"

// TestCentredIn tells a label set centred in its cell (both margins
// equal within half a character) from one indented from the left edge.
func TestCentredIn(t *testing.T) {
	word := func(x0, x1 float64) Word { return Word{Text: "字", X0: x0, X1: x1, Size: 10} }
	tests := []struct {
		name        string
		lines       [][]Word
		left, right float64
		want        bool
	}{
		{"centred", [][]Word{{word(40, 80)}}, 0, 120, true},
		{"centred within half a character", [][]Word{{word(42, 82)}}, 0, 120, true},
		{"indented two characters", [][]Word{{word(20, 60)}}, 0, 120, false},
		{"flush left", [][]Word{{word(1, 41)}}, 0, 120, false},
		{"filling the cell", [][]Word{{word(5, 115)}}, 0, 120, false},
		{"two words, centred together", [][]Word{{word(30, 50), word(70, 90)}}, 0, 120, true},
		{"a second line indented", [][]Word{{word(40, 80)}, {word(10, 50)}}, 0, 120, false},
		{"no size", [][]Word{{{Text: "字", X0: 40, X1: 80}}}, 0, 120, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ls []line
			for _, ws := range tt.lines {
				ls = append(ls, line{words: ws})
			}
			if got := centredIn(ls, tt.left, tt.right); got != tt.want {
				t.Errorf("centredIn = %v, want %v", got, tt.want)
			}
		})
	}
}
