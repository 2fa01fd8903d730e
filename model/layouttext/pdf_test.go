package layouttext

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"budgetpack/model/pdfin"
	"budgetpack/model/raw"
)

var figureRe = regexp.MustCompile(`^-?\d+\.\d+$`)

// gridFigures counts the decimal figures standing as whole cells of the
// document's grids, commas removed.
func gridFigures(doc *raw.Document) map[string]int {
	out := map[string]int{}
	for _, b := range doc.Blocks {
		for _, r := range b.Rows {
			for _, c := range r.Cells {
				v := strings.ReplaceAll(strings.TrimSpace(c.Text), ",", "")
				if figureRe.MatchString(v) {
					out[v]++
				}
			}
		}
	}
	return out
}

// diff lists what a holds more often than b, as "value×n".
func diff(a, b map[string]int) []string {
	var out []string
	for k, n := range a {
		if d := n - b[k]; d > 0 {
			out = append(out, fmt.Sprintf("%s×%d", k, d))
		}
	}
	sort.Strings(out)
	return out
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// TestPDFAndTextSameFigures reads each corpus PDF with the PDF reader and
// its pdftotext -layout text with this reader: both go through the one
// grid builder, and their grids hold the same multiset of decimal figures.
func TestPDFAndTextSameFigures(t *testing.T) {
	var report []string
	for _, f := range corpusTexts(t) {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		pdf := strings.TrimSuffix(f, ".txt") + ".pdf"
		t.Run(name, func(t *testing.T) {
			txt, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(pdf)
			if err != nil {
				t.Skip("no PDF beside the text")
			}
			start := time.Now()
			pd, err := pdfin.Read(data)
			elapsed := time.Since(start)
			if err != nil {
				t.Fatalf("pdfin.Read: %v", err)
			}
			td, err := Read(txt)
			if err != nil {
				t.Fatal(err)
			}
			pf, tf := gridFigures(pd), gridFigures(td)
			onlyText, onlyPDF := diff(tf, pf), diff(pf, tf)
			if len(onlyText) > 0 || len(onlyPDF) > 0 {
				t.Errorf("figures only in the text's grids: %d %v; only in the PDF's grids: %d %v",
					len(onlyText), head(onlyText), len(onlyPDF), head(onlyPDF))
			}
			grids := 0
			for _, b := range pd.Blocks {
				if b.IsGrid() {
					grids++
				}
			}
			report = append(report, fmt.Sprintf("%-18s text %4d  pdf %4d  only-text %3d  only-pdf %3d  pdf grids %3d  %v", name, total(tf), total(pf), len(onlyText), len(onlyPDF), grids, elapsed.Round(time.Millisecond)))
		})
	}
	sort.Strings(report)
	t.Log("\n" + strings.Join(report, "\n"))
}

func head(s []string) []string { return s[:min(len(s), 12)] }
