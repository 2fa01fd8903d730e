package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/model/layouttext"
)

// TestDetectLayoutText checks that pdftotext -layout output is told by its
// shape, and that the seeds keep their own layouts.
func TestDetectLayoutText(t *testing.T) {
	sample := "                               预算01表 收支总表\n" +
		"                                                     金额单位：万元\n" +
		"             项   目           预算数                项   目    预算数\n" +
		"一、一般公共预算拨款收入          17,921.44 一、一般公共服务支出\n" +
		"五、事业收入                         5.00 五、教育支出\n\f"
	if got, err := Detect("x.txt", []byte(sample)); err != nil || got != layouttext.Layout {
		t.Errorf("sample: %q, %v; want %q", got, err, layouttext.Layout)
	}
	for _, seed := range []string{hebei, henan} {
		data, err := os.ReadFile(seed)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := Detect(seed, data); got == layouttext.Layout {
			t.Errorf("%s detected as %s", filepath.Base(seed), got)
		}
	}
	// The corpus texts, where present, are detected too.
	files, _ := filepath.Glob("../../../shared/corpus/*.txt")
	for _, f := range files[:min(len(files), 3)] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := Detect(f, data); err != nil || got != layouttext.Layout {
			t.Errorf("%s: %q, %v", filepath.Base(f), got, err)
		}
	}
}

// textKindDiffs are the corpus documents whose layout text gives another
// number of tables kept as "other" (tables of no budget kind) than their
// PDF, as {from the PDF, from the text}. Every other kind, and so every
// standard and performance table, comes out the same from both. Why each
// remains:
//   - beijing-3: the performance forms run over dozens of pages of tall
//     wrapped rows. Where a page's columns are found at other places than
//     the page before (a column left empty on a whole page, a page that
//     opens with a band of the header), the form goes on as a table of
//     its own in the text.
//   - changsha-1: pages of the project forms whose columns shift on the
//     page (a wrapped 指标值内容 cell wider than its column) stay apart.
//   - yantai-*: a form whose 总体目标 stands alone between blank lines at
//     the margin, where a heading would stand: its indicator part is read
//     as a table of its own.
//   - jiangsu-3, chongqing-1, shanghai-3, xian-*: contents lists, prose set in columns and notes,
//     which the text's character grid and the PDF's glyph positions split
//     into tables differently; none holds a standard table.
//   - shenzhen-3, xian-2: a ruled list (项目绩效目标, 单位变动情况) that
//     goes on over pages, a cell cut by the page end, is one table from the
//     PDF and several from the text.
var textKindDiffs = map[string][2]int{
	"beijing-3-2026":   {0, 3}, // its 转移支付 form is a project form of the vocabulary
	"changsha-1-2025":  {0, 4},
	"chongqing-1-2026": {0, 2},
	"jiangsu-3-2017":   {2, 8},
	"shanghai-3-2026":  {2, 0},
	"xian-1-2026":      {3, 5},
	"shenzhen-3-2026":  {2, 3},
	"xian-2-2022":      {3, 10},
	"yantai-1-2026":    {0, 3},
	"yantai-2-2026":    {0, 3},
	"yantai-3-2026":    {0, 1},
}

// TestCorpusTextTablesAsPDF parses every corpus document from its PDF and
// from its pdftotext -layout text: both give the same tables of each
// kind, the differences in tables of no kind being the known ones above.
func TestCorpusTextTablesAsPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole corpus twice")
	}
	files, _ := filepath.Glob("../../../shared/corpus/*.txt")
	if len(files) == 0 {
		t.Skip("corpus not present")
	}
	kinds := func(path string) map[string]int {
		doc, err := File(path, Options{})
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		out := map[string]int{}
		for _, tb := range doc.Tables {
			out[tb.Kind]++
		}
		return out
	}
	for _, txt := range files {
		name := strings.TrimSuffix(filepath.Base(txt), ".txt")
		pdf := strings.TrimSuffix(txt, ".txt") + ".pdf"
		if _, err := os.Stat(pdf); err != nil {
			continue
		}
		t.Run(name, func(t *testing.T) {
			p, x := kinds(pdf), kinds(txt)
			for k := range p {
				if k != "other" && p[k] != x[k] {
					t.Errorf("%s: %d tables from the PDF, %d from the text", k, p[k], x[k])
				}
			}
			for k := range x {
				if _, ok := p[k]; !ok && k != "other" {
					t.Errorf("%s: none from the PDF, %d from the text", k, x[k])
				}
			}
			want, ok := textKindDiffs[name]
			if !ok {
				want = [2]int{p["other"], p["other"]}
			}
			if got := [2]int{p["other"], x["other"]}; got != want {
				t.Errorf("other (PDF, text) = %v, want %v", got, want)
			}
		})
	}
}
