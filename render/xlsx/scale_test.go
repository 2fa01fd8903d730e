package xlsx

import (
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"budgetpack/render/grid"
)

// manySheets is a book of the seed's sheets repeated to n sheets, each
// with its own name.
func manySheets(tb testing.TB, n int) *grid.Book {
	seed := seedBook(tb, seeds[0])
	b := *seed
	b.Sheets = nil
	for i := 0; len(b.Sheets) < n; i++ {
		s := *seed.Sheets[1+i%(len(seed.Sheets)-1)]
		s.Name = fmt.Sprintf("表%d", i+1)
		b.Sheets = append(b.Sheets, &s)
	}
	return &b
}

// timeWrite is the CPU time the process spends writing the book: on a
// shared machine the wall time says more about the neighbours.
func timeWrite(tb testing.TB, b *grid.Book) time.Duration {
	runtime.GC()
	start := cpuTime()
	if err := Write(io.Discard, b); err != nil {
		tb.Fatal(err)
	}
	return cpuTime() - start
}

// TestWriteLinearInSheets: eight times the sheets take well under
// eight squared times as long.
func TestWriteLinearInSheets(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	small, big := manySheets(t, 40), manySheets(t, 320)
	ts, tb := timeWrite(t, small), timeWrite(t, big)
	t.Logf("40 sheets %v, 320 sheets %v (×%.1f)", ts, tb, float64(tb)/float64(ts))
	if tb > 12*ts+time.Second {
		t.Errorf("40 sheets %v, 320 sheets %v: not linear", ts, tb)
	}
}

// BenchmarkWrite867Sheets: the workbook of the report that found the
// writer quadratic (867 sheets: 24 s before).
func BenchmarkWrite867Sheets(b *testing.B) {
	book := manySheets(b, 867)
	for b.Loop() {
		if err := Write(io.Discard, book); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPrintTitlesOnEverySheet: the print titles set without
// SetDefinedName reach the workbook, each scoped to its own sheet.
func TestPrintTitlesOnEverySheet(t *testing.T) {
	book := manySheets(t, 30)
	want := map[string]string{}
	for _, s := range book.Sheets {
		if s.HeaderTo > s.HeaderFrom && s.HeaderFrom >= 0 {
			want[s.Name] = fmt.Sprintf("%s!$%d:$%d", quoteSheet(s.Name), s.HeaderFrom+1, s.HeaderTo)
		}
	}
	_, f := write(t, book)
	got := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			got[d.Scope] = d.RefersTo
		}
	}
	if len(want) < 10 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("print titles %v, want %v", got, want)
	}
}
