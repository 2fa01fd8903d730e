package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusFormsTextAsPDF reads the project forms of corpus documents from
// the PDF and from its layout text, where a wrapped cell comes out as
// several lines: both give the projects counted off the pages (beijing-3:
// 61 codes on pages 28–50, and the 转移支付 form of page 52), with the same
// codes, names and amounts, and the indicators of the whole list.
func TestCorpusFormsTextAsPDF(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	for _, tc := range []struct {
		name       string
		projects   int
		fromText   int // projects from the layout text
		indicators int // over all projects, as the PDF gives them
		code, item string
		amount     string
	}{
		{"beijing-1-2026", 34, 34, 297, "11000021T000000125435", "密云区气象台运行及服务维持费项目", "76.000000"},
		{"beijing-2-2026", 15, 15, 230, "", "", ""},
		{"beijing-3-2026", 62, 62, 471, "11000021T000000126362", "机动车排放实验室运行维护项目", "335.437700"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := filepath.Join(corpus, tc.name)
			for _, ext := range []string{".pdf", ".txt"} {
				doc, err := File(base+ext, Options{})
				if err != nil {
					t.Fatal(err)
				}
				want := tc.projects
				if ext == ".txt" {
					want = tc.fromText
				}
				if len(doc.Projects) != want {
					t.Errorf("%s: %d projects, want %d", ext, len(doc.Projects), want)
				}
				n := 0
				for _, p := range doc.Projects {
					n += len(p.Indicators)
				}
				if ext == ".pdf" && n != tc.indicators {
					t.Errorf("%s: %d indicators, want %d", ext, n, tc.indicators)
				}
				if tc.code == "" || len(doc.Projects) == 0 {
					continue
				}
				found := false
				for _, p := range doc.Projects {
					if p.Code == tc.code {
						found = true
						if p.Name != tc.item && ext == ".pdf" || !strings.HasPrefix(p.Name, tc.item[:9]) || p.Amounts["total"].String() != tc.amount {
							t.Errorf("%s: project %s %q %s, want %q %s", ext, p.Code, p.Name, p.Amounts["total"], tc.item, tc.amount)
						}
					}
				}
				if !found {
					t.Errorf("%s: no project %s", ext, tc.code)
				}
			}
		})
	}
}

// TestCorpusOverallFunds pins what the overall forms print outside their
// grid of labels: Beijing's 总体资金情况 block (a grid of headers over a
// line of amounts), and Chongqing's goal printed above the form's grid.
func TestCorpusOverallFunds(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	for _, tc := range []struct {
		name  string
		goal  string
		lines int
		name0 string // a budget line's printed name and amount
		sum0  string
	}{
		{"beijing-1-2026", "深入推进全面从严治党", 6, "财政拨款/项目支出", "28756.680335"},
		{"beijing-2-2026", "在市委市政府和首都绿化委员会", 4, "预算支出总额", "5133.737491"},
		{"beijing-3-2026", "我局2026年预算紧密围绕", 7, "其他资金/项目支出", "11538.472586"},
		{"chongqing-1-2026", "1.全力做好", 0, "", ""},
		{"chongqing-2-2026", "完善全市水网建设布局", 0, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := File(filepath.Join(corpus, tc.name+".pdf"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := doc.Overall
			if g == nil {
				t.Fatal("no overall goal")
			}
			if !strings.HasPrefix(g.Goal, tc.goal) || len(g.Budget) != tc.lines {
				t.Errorf("goal %.20q with %d budget lines, want %q… with %d", g.Goal, len(g.Budget), tc.goal, tc.lines)
			}
			if tc.name0 == "" {
				return
			}
			for _, b := range g.Budget {
				if b.Name == tc.name0 {
					if b.Amount.String() != tc.sum0 {
						t.Errorf("%s = %s, want %s", b.Name, b.Amount, tc.sum0)
					}
					return
				}
			}
			t.Errorf("no budget line %q in %+v", tc.name0, g.Budget)
		})
	}
}

// TestCorpusProseColumnText reads Guangzhou's 表12 (部门预算项目支出及其他支出
// 预算表, a 绩效目标 of many lines beside each project's amounts) from the
// layout text as from the PDF: one row per project, not per printed line,
// its wrapped name and goal joined.
func TestCorpusProseColumnText(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	for _, tc := range []struct {
		name       string
		rows       int
		item, goal string // a project's name and its goal's first words
		amount     string
	}{
		{"guangzhou-1-2026", 140, "2017年广州市强制隔离戒毒场所内部视频监控系统高清数字化升级改造项目", "在统一标准、互联互通、安全可靠的基础上", "95.41"},
		{"guangzhou-2-2026", 56, "", "", ""},
		{"guangzhou-3-2026", 45, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, ext := range []string{".pdf", ".txt"} {
				doc, err := File(filepath.Join(corpus, tc.name+ext), Options{})
				if err != nil {
					t.Fatal(err)
				}
				tab := doc.TableByKind("project_expenditure")
				if tab == nil {
					t.Fatalf("%s: no 项目支出表", ext)
				}
				if len(tab.Rows) != tc.rows {
					t.Errorf("%s: %d rows, want %d", ext, len(tab.Rows), tc.rows)
				}
				if tc.item == "" {
					continue
				}
				found := false
				for _, r := range tab.Rows {
					if r.Name != tc.item {
						continue
					}
					found = true
					goal := ""
					for _, s := range r.Texts {
						if len([]rune(s)) > len([]rune(goal)) {
							goal = s
						}
					}
					if r.Values["total"].String() != tc.amount || !strings.HasPrefix(goal, tc.goal) {
						t.Errorf("%s: %s %s goal %.20q, want %s %q…", ext, r.Name, r.Values["total"], goal, tc.amount, tc.goal)
					}
				}
				if !found {
					t.Errorf("%s: no row %q", ext, tc.item)
				}
			}
		})
	}
}

// TestCorpusFormTextIndicators reads forms of one project each from the
// layout text, where an indicator's wrapped cells come out as lines above
// and below its value's line: the documents whose text gives each
// indicator once, as the PDF does (counted off the pages).
func TestCorpusFormTextIndicators(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	for _, tc := range []struct {
		name                 string
		projects, indicators int
	}{
		{"beijing-3-2026", 62, 471}, // the list's 454 and its 转移支付 form's 17
		{"chongqing-2-2026", 3, 18},
		{"xian-3-2026", 4, 45},
		{"yantai-3-2026", 2, 15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := File(filepath.Join(corpus, tc.name+".txt"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, p := range doc.Projects {
				n += len(p.Indicators)
			}
			if len(doc.Projects) != tc.projects || n != tc.indicators {
				t.Errorf("%d projects with %d indicators, want %d with %d", len(doc.Projects), n, tc.projects, tc.indicators)
			}
		})
	}
}
