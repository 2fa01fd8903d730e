package check

import (
	"os"
	"testing"

	"budgetpack/internal/benchdoc"
	"budgetpack/model"
	"budgetpack/model/parse"
)

// benchDoc reads the document at path.
func benchDoc(tb testing.TB, path string) *model.Document {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := parse.Bytes(path, data, parse.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// benchRun runs every check on doc, reporting allocations and the CPU
// time per run.
func benchRun(b *testing.B, doc *model.Document) {
	b.ReportAllocs()
	start, n := benchdoc.CPUTime(), 0
	for b.Loop() {
		if _, err := Run(doc, nil); err != nil {
			b.Fatal(err)
		}
		n++
	}
	benchdoc.ReportCPU(b, start, n)
}

// BenchmarkCheck runs every check on the Hebei seed.
func BenchmarkCheck(b *testing.B) {
	doc := benchDoc(b, hebei)
	benchRun(b, doc)
}

// BenchmarkCheck7500 runs every check on the Hebei seed whose 类/款/项
// table has grown to 7,500 rows; the bound is 0.3 s per run.
func BenchmarkCheck7500(b *testing.B) {
	doc := benchDoc(b, hebei)
	ti := benchdoc.Grow(doc, 7500)
	if ti < 0 {
		b.Fatal("no 类/款/项 table")
	}
	b.ReportMetric(float64(len(doc.Tables[ti].Rows)), "rows")
	benchRun(b, doc)
}

// TestGrownDocumentAddsUp: the grown table itself raises no in-table
// finding, so the benchmark measures checking, not reporting.
func TestGrownDocumentAddsUp(t *testing.T) {
	doc := benchDoc(t, hebei)
	ti := benchdoc.Grow(doc, 600)
	fs, err := Run(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	title := doc.Tables[ti].Title
	for _, f := range fs {
		if f.Table == title && (f.Rule == "sum.hierarchy" || f.Rule == "sum.columns") {
			t.Errorf("grown table: %s %s", f.Rule, f.Message)
			break
		}
	}
}
