package textgrid

import (
	"fmt"
	"testing"
)

// TestColumnMap matches the columns a page of a table found from aligned
// text was given to those of the page before.
func TestColumnMap(t *testing.T) {
	tests := []struct {
		name string
		a, b []float64
		want string
	}{
		// The next page found a column more (a wrapped cell of its own):
		// both parts go to the one column.
		{"a column more", []float64{0, 10, 30, 50, 60}, []float64{0, 10, 20, 30, 50, 60}, "[0 1 1 2 3]"},
		// The next page lost the left column (empty on the whole page).
		{"a column less", []float64{0, 10, 30, 50, 60}, []float64{12, 30, 50, 60}, "[1 2 3]"},
		// Other columns altogether: another table.
		{"other columns", []float64{0, 10, 30, 50, 60}, []float64{0, 20, 40, 60}, "[]"},
		{"too few columns", []float64{0, 60}, []float64{0, 30, 60}, "[]"},
	}
	for _, tc := range tests {
		if got := fmt.Sprint(columnMap(tc.a, tc.b)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}
