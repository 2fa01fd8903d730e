// Package bench holds the benchmarks of each stage of a pack, on the two
// seed documents, and of checks and layout on documents grown to 1,875 –
// 15,000 rows:
//
//	go test ./bench -run '^$' -bench . -benchmem
//
// Each benchmark also reports cpu-ms/op, the process CPU time per
// operation, which a machine busy with other work disturbs less than the
// wall time of ns/op. run.sh compares a whole pack with the peer path.
package bench

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/check"
	"budgetpack/internal/benchdoc"
	"budgetpack/model"
	"budgetpack/model/docxtext"
	"budgetpack/model/parse"
	"budgetpack/model/pdftext"
	"budgetpack/model/raw"
	"budgetpack/model/recognize"
	"budgetpack/render/grid"
	"budgetpack/render/layout"
	"budgetpack/render/pdf"
	"budgetpack/render/xlsx"
	"budgetpack/templates"
)

var seeds = []struct {
	name, path string
	read       func([]byte) (*raw.Document, error)
}{
	{"hebei", "../testdata/hebei-xushui-gongxin-2024.txt", docxtext.Read},
	{"henan", "../testdata/henan-hongqi-gongxin-2023.txt", pdftext.Read},
}

// loop runs op b.N times and reports CPU per operation.
func loop(b *testing.B, op func() error) {
	b.Helper()
	b.ReportAllocs()
	start, n := benchdoc.CPUTime(), 0
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	benchdoc.ReportCPU(b, start, n)
}

func readSeed(b *testing.B, path string) []byte {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// prepared is a seed taken up to the given stage.
type prepared struct {
	data     []byte
	raw      *raw.Document
	doc      *model.Document
	set      *templates.Set
	findings []check.Finding
	book     *grid.Book
}

func prepare(b *testing.B, path string, read func([]byte) (*raw.Document, error), grow int) *prepared {
	b.Helper()
	p := &prepared{data: readSeed(b, path)}
	var err error
	if p.raw, err = read(p.data); err != nil {
		b.Fatal(err)
	}
	if p.doc, err = parse.Bytes(path, p.data, parse.Options{}); err != nil {
		b.Fatal(err)
	}
	if grow > 0 && benchdoc.Grow(p.doc, grow) < 0 {
		b.Fatal("no 类/款/项 table to grow")
	}
	lib, err := templates.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	p.set = lib.Set(p.doc.Family)
	if p.findings, err = check.Run(p.doc, p.set); err != nil {
		b.Fatal(err)
	}
	if p.book, err = layout.Build(p.doc, layout.Options{Set: p.set, Findings: p.findings, Review: true}); err != nil {
		b.Fatal(err)
	}
	return p
}

func each(b *testing.B, stage func(b *testing.B, p *prepared)) {
	for _, s := range seeds {
		b.Run(s.name, func(b *testing.B) { stage(b, prepare(b, s.path, s.read, 0)) })
	}
}

func BenchmarkRead(b *testing.B) {
	each(b, func(b *testing.B, p *prepared) {
		read := docxtext.Read
		if p.doc.Family != "hebei-2024" {
			read = pdftext.Read
		}
		loop(b, func() error { _, err := read(p.data); return err })
	})
}

func BenchmarkRecognize(b *testing.B) {
	lib, _ := templates.Embedded()
	each(b, func(b *testing.B, p *prepared) {
		loop(b, func() error { _, err := recognize.Recognize(p.raw, lib, recognize.Options{File: "x"}); return err })
	})
}

func BenchmarkCheck(b *testing.B) {
	each(b, func(b *testing.B, p *prepared) {
		loop(b, func() error { _, err := check.Run(p.doc, p.set); return err })
	})
}

func BenchmarkLayout(b *testing.B) {
	each(b, func(b *testing.B, p *prepared) {
		loop(b, func() error {
			_, err := layout.Build(p.doc, layout.Options{Set: p.set, Findings: p.findings, Review: true})
			return err
		})
	})
}

func BenchmarkXLSX(b *testing.B) {
	each(b, func(b *testing.B, p *prepared) {
		loop(b, func() error { return xlsx.Write(io.Discard, p.book) })
	})
}

func BenchmarkPDF(b *testing.B) {
	each(b, func(b *testing.B, p *prepared) {
		var buf bytes.Buffer
		loop(b, func() error { buf.Reset(); return pdf.Write(&buf, p.book, pdf.Options{}) })
		b.ReportMetric(float64(buf.Len())/1024, "KB")
	})
}

// BenchmarkPack is a whole pack from the file's bytes: read, recognize,
// check, lay out, and write the workbook and the PDF, as render does.
func BenchmarkPack(b *testing.B) {
	for _, s := range seeds {
		b.Run(s.name, func(b *testing.B) {
			data := readSeed(b, s.path)
			lib, _ := templates.Embedded()
			loop(b, func() error {
				doc, err := parse.Bytes(s.path, data, parse.Options{})
				if err != nil {
					return err
				}
				set := lib.Set(doc.Family)
				fs, err := check.Run(doc, set)
				if err != nil {
					return err
				}
				book, err := layout.Build(doc, layout.Options{Set: set, Findings: fs, Review: true})
				if err != nil {
					return err
				}
				if err := xlsx.Write(io.Discard, book); err != nil {
					return err
				}
				return pdf.Write(io.Discard, book, pdf.Options{})
			})
		})
	}
}

// Checks and layout of the Hebei seed whose 类/款/项 table has grown to
// n rows: the time should double with the rows (linear), and 7,500 rows
// check within the bound of 0.3 s.
func BenchmarkCheckRows(b *testing.B) {
	for _, n := range []int{1875, 3750, 7500, 15000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			p := prepare(b, seeds[0].path, seeds[0].read, n)
			loop(b, func() error { _, err := check.Run(p.doc, p.set); return err })
		})
	}
}

func BenchmarkLayoutRows(b *testing.B) {
	for _, n := range []int{1875, 3750, 7500, 15000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			p := prepare(b, seeds[0].path, seeds[0].read, n)
			loop(b, func() error {
				_, err := layout.Build(p.doc, layout.Options{Set: p.set, Findings: p.findings, Review: true})
				return err
			})
		})
	}
}

// TestSeedsPresent keeps `go test ./...` meaningful for this package.
func TestSeedsPresent(t *testing.T) {
	for _, s := range seeds {
		if _, err := os.Stat(s.path); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(filepath.Base(s.path), ".txt") {
			t.Errorf("%s is not a text export", s.path)
		}
	}
}
