package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/model/parse"
)

// corpus is the folder of real disclosures shared by the project's work trees.
const corpus = "../../shared/corpus"

// TestCorpusReadsHold reads real disclosures from their PDFs and expects
// no error on relations that hold on the printed pages: each was once
// reported because the page was mis-read.
func TestCorpusReadsHold(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	tests := []struct {
		file string
		why  string
		// table limits the expectation to the findings on tables whose
		// title holds it ("" for every finding)
		table string
	}{
		{"beijing-1-2026.pdf", "支出总表 going on to a page without header whose blank 其中 columns the grid drops (220 read as 1909.27)", ""},
		{"beijing-3-2026.pdf", "支出总表 over pages: wrapped 科目 names (…支出, …履约) ran into the next rows (208, 210, 211, 215)", ""},
		{"wuxi-1-2026.pdf", "支出总表 going on to a page with fewer filled columns (2210203); 一、本年收入 as 本年收入; 其中 list of 收入预算合计", ""},
		{"wuxi-2-2026.pdf", "支出总表 going on to the next page (221 住房保障支出); 一、本年收入; 其中 list of 收入预算合计", ""},
		{"guangzhou-2-2026.pdf", "财政拨款收支总表: 预算 centred over figures set flush right; a page number inside the 三公 paragraph", ""},
		{"changsha-1-2025.pdf", "财政拨款收支总体情况表: 一、本年收入 is the 本年收入 row", "财政拨款收支"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := parse.File(filepath.Join(corpus, tc.file), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			fs, err := Run(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				if f.Severity == Error && strings.Contains(f.Table+f.Message, tc.table) {
					t.Errorf("%s: %s", tc.why, f.Message)
				}
			}
		})
	}
}
