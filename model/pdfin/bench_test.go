package pdfin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"budgetpack/internal/benchdoc"
)

// BenchmarkRead reads each corpus PDF into raw grids and prose (Read:
// pages, words, rulings, then textgrid). Besides the wall time it reports
// the process's CPU time per read (cpu-ms/op), which other work on a
// shared machine disturbs less.
func BenchmarkRead(b *testing.B) {
	benchCorpus(b, func(data []byte) error { _, err := Read(data); return err })
}

// BenchmarkPages reads each corpus PDF into placed words and rulings only.
func BenchmarkPages(b *testing.B) {
	benchCorpus(b, func(data []byte) error { _, err := Pages(data); return err })
}

func benchCorpus(b *testing.B, read func([]byte) error) {
	for _, file := range corpusPDFs(b) {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(file), ".pdf"), func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if err := read(data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

func cpuTime() time.Duration { return benchdoc.CPUTime() }
