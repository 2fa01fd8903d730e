package layouttext

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// knownDiffs are the differences the test expects, each for a reason that
// lies outside the grid builder.
var knownDiffs = map[string]struct{ onlyText, onlyPDF, lostTitles string }{
	// pdftotext puts the decimal part ".73" of "12,572.73" on the line
	// above its integer part, out of reach of the join.
	"chongqing-1-2026": {onlyPDF: "12572.73×1"},
	// The contents list "1. 2026年…" stands a wide gap from its number in
	// the PDF (a grid of two columns) and one space in the text.
	"shanghai-2-2026": {lostTitles: "1. 2026年预算单位财务收支预算总表"},
	"shanghai-3-2026": {lostTitles: "1. 2026年预算单位财务收支预算总表"},
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
			k := knownDiffs[name]
			onlyText, onlyPDF := diff(tf, pf), diff(pf, tf)
			if strings.Join(onlyText, " ") != k.onlyText || strings.Join(onlyPDF, " ") != k.onlyPDF {
				t.Errorf("figures only in the text's grids: %d %v (known %q); only in the PDF's grids: %d %v (known %q)",
					len(onlyText), head(onlyText), k.onlyText, len(onlyPDF), head(onlyPDF), k.onlyPDF)
			}
			grids := 0
			var lines []string
			for _, b := range pd.Blocks {
				if b.IsGrid() {
					grids++
				} else {
					lines = append(lines, squash(b.Text))
				}
			}
			// The titles of the text are within text lines of the PDF
			// too (a PDF line may hold more: a title poppler cut at the
			// page's edge, a heading on the title's baseline).
			var lost []string
			ts := titles(string(txt))
			for _, ti := range ts {
				if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, squash(ti)) }) {
					lost = append(lost, ti)
				}
			}
			if strings.Join(lost, " ") != k.lostTitles {
				t.Errorf("%d of %d titles not a text line of the PDF, e.g. %q", len(lost), len(ts), head(lost))
			}
			report = append(report, fmt.Sprintf("%-18s text %4d  pdf %4d  only-text %3d  only-pdf %3d  pdf grids %3d  titles %3d/%3d  %v", name, total(tf), total(pf), len(onlyText), len(onlyPDF), grids, len(ts)-len(lost), len(ts), elapsed.Round(time.Millisecond)))
		})
	}
	sort.Strings(report)
	t.Log("\n" + strings.Join(report, "\n"))
}

func head(s []string) []string { return s[:min(len(s), 12)] }
