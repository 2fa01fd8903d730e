package parse

import (
	"os"
	"path/filepath"
	"testing"

	"budgetpack/model"
)

// TestCorpusContinuedTables reads corpus tables that the page end cuts
// and that go on under no title on the next pages (the header printed
// again, or none): each is one table over the pages the PDF shows it on
// (read off the pages), and no untitled table follows it.
func TestCorpusContinuedTables(t *testing.T) {
	tests := []struct {
		doc, kind   string
		first, last int // the pages the table spans
	}{
		{"beijing-1-2026", "expenditure_summary", 4, 5},   // 预算03表, its second page without header
		{"beijing-1-2026", "project_performance", 17, 45}, // cell text run over the page end between pages 33 and 34
		{"beijing-2-2026", "overall_performance", 24, 27}, // the form's next pages drop its first column
		{"guangzhou-1-2026", "project_expenditure", 29, 47},
		{"guangzhou-2-2026", "project_expenditure", 26, 32},
		{"wuxi-2-2026", "procurement", 26, 29}, // next pages without header drop the columns they do not fill
		{"xian-2-2022", "overall_performance", 64, 69},
		{"xian-3-2026", "overall_performance", 42, 43}, // a merged label cut in two between the pages
	}
	for _, tc := range tests {
		t.Run(tc.doc+"/"+tc.kind, func(t *testing.T) {
			src := filepath.Join(corpus, tc.doc+".pdf")
			if _, err := os.Stat(src); err != nil {
				t.Skip("corpus not present:", err)
			}
			doc, err := File(src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			page := func(line int) int {
				if line <= 0 || line > len(doc.Places) {
					return 0
				}
				return doc.Places[line-1].Page
			}
			at := -1
			for i, tab := range doc.Tables {
				if tab.Kind == tc.kind {
					at = i
					break
				}
			}
			if at < 0 {
				t.Fatalf("no %s", tc.kind)
			}
			tab := doc.Tables[at]
			last := 0
			for _, r := range tab.Rows {
				last = max(last, page(r.Line))
			}
			if first := page(tab.Line); first != tc.first || last != tc.last {
				t.Errorf("%s on pages %d–%d, want %d–%d", tab.Title, first, last, tc.first, tc.last)
			}
			if at+1 < len(doc.Tables) {
				if next := doc.Tables[at+1]; next.Kind == "other" && next.Title == "" && page(next.Line) <= tc.last {
					t.Errorf("an untitled table of %d rows on page %d follows %s", len(next.Rows), page(next.Line), tab.Title)
				}
			}
			for _, r := range tab.Rows {
				for _, s := range r.Texts {
					if pageNumberText(s) {
						t.Errorf("page number %q read as a row", s)
					}
				}
				if pageNumberText(r.Name) {
					t.Errorf("page number %q read as a row", r.Name)
				}
			}
		})
	}
}

// pageNumberText reports whether a cell holds only a page number (- 27 -).
func pageNumberText(s string) bool {
	if len(s) < 3 || s[0] != '-' || s[len(s)-1] != '-' {
		return false
	}
	_, err := model.ParseAmount(s[1 : len(s)-1])
	return err == nil
}
