package recognize

import (
	"testing"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

func recognizeText(t *testing.T, blocks ...raw.Block) *model.Document {
	t.Helper()
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	out, err := Recognize(&raw.Document{Layout: "layout-text", Blocks: blocks}, lib, Options{File: "x.txt"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTextHeaderWordsBesideFigures reads tables of a layout text whose
// Chinese header words, narrower in characters than on the page, stand in
// columns of their own left of their figures set flush right, beside
// columns of figures without header words (yantai-3-2026, wuxi-1-2026).
func TestTextHeaderWordsBesideFigures(t *testing.T) {
	e := ""
	tests := []struct {
		name  string
		title string
		kind  string
		rows  [][]string
		row   string // the row's name
		want  map[string]string
	}{
		{
			// 小计 left of its figures, 人员支出 over none (yantai-3)
			"basic", "一般公共预算基本支出情况表", "gpb_basic",
			[][]string{
				{e, e, e, e, "基本支出预算", e},
				{"科目编码", "科目名称", "小计", e, "人员支出", "日常公用支出"},
				{"30201", "办公费", e, "2.50", e, "2.50"},
				{"30202", "印刷费", e, "1.50", e, "1.50"},
				{e, "合计", e, "4.00", e, "4.00"},
			},
			"办公费", map[string]string{"total": "2.50", "personnel": "", "public": "2.50"},
		},
		{
			// 预算数 left of the figures on each side (wuxi-1)
			"sides", "财政拨款收支总表", "appropriation_summary",
			[][]string{
				{e, "收入", e, e, e, "支出", e, e},
				{"项目", e, "预算数", e, "项目", e, "预算数", e},
				{"一、本年收入", e, e, "3,210.10", "一、本年支出", e, e, "3,210.10"},
				{"（一）一般公共预算拨款", e, e, "3,210.10", "（一）一般公共服务支出", e, e, "3,210.10"},
				{"收入总计", e, e, "3,210.10", "支出总计", e, e, "3,210.10"},
			},
			"收入总计", map[string]string{"income": "3210.10", "expense.total": "3210.10"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := recognizeText(t, raw.Block{Line: 1, Text: tc.title}, pdfGrid(2, tc.rows...))
			tab := out.TableByKind(tc.kind)
			if tab == nil {
				t.Fatalf("no %s in %+v", tc.kind, out.Tables)
			}
			found := false
			for _, r := range tab.Rows {
				if r.Name != tc.row {
					continue
				}
				found = true
				for k, w := range tc.want {
					v, ok := r.Values[k]
					got := ""
					if ok && !v.IsBlank() {
						got = v.String()
					}
					if got != w {
						t.Errorf("%s %s = %q, want %q (%+v)", tc.row, k, got, w, r.Values)
					}
				}
			}
			if !found {
				t.Errorf("no row %s", tc.row)
			}
		})
	}
}
