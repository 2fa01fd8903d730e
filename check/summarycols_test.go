package check

import (
	"strings"
	"testing"

	"budgetpack/model"
)

// TestSummaryColumnsOutOfOrder reads guangzhou-1-2026, whose 收入总体情况表
// prints 财政专户拨款收入/教育收费 and 其他资金收入/其他收入 (before 上级补助收入)
// and whose 本年支出总体情况表 prints 上缴上级支出 last: the national
// vocabulary reads them as money under their keys, so the column sums
// run over them; as published they hold, and a figure changed in one of
// those columns is a sum error at its row.
func TestSummaryColumnsOutOfOrder(t *testing.T) {
	tests := []struct {
		name    string
		kind    string // the table changed
		row     string // the changed row's name (or code)
		col     string // the changed column's key
		value   string
		wantRow string // the row the sum error is reported on ("" when none)
	}{
		{"as published", "", "", "", "", ""},
		{"教育收费 of 合计", "income_summary", "合计", "income.edu_fee", "100.00", "合计"},
		{"其他收入 of a unit", "income_summary", "广州市法律援助处", "income.other", "5.00", "广州市法律援助处"},
		{"上缴上级支出 of a 类", "expenditure_summary", "201", "remit", "10.00", "201 一般公共服务支出"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := corpusDoc(t, "guangzhou-1-2026")
			for _, c := range []struct{ kind, key, printed string }{
				{"income_summary", "income.edu_fee", "财政专户拨款收入 / 教育收费"},
				{"income_summary", "income.other", "其他资金收入 / 其他收入"},
				{"expenditure_summary", "remit", "上缴上级支出"},
			} {
				tab := doc.TableByKind(c.kind)
				if tab == nil {
					t.Fatalf("no %s", c.kind)
				}
				col := tab.Column(c.key)
				if col == nil || col.Type != model.TypeMoney || col.Printed != c.printed {
					t.Fatalf("%s column %s = %+v, want money printed %q", c.kind, c.key, col, c.printed)
				}
				if v, ok := tab.Rows[0].Values[c.key]; !ok || v.String() != "0.00" {
					t.Errorf("%s 合计 %s = %v, want the published 0.00", c.kind, c.key, v)
				}
			}
			if tc.kind != "" {
				tab := doc.TableByKind(tc.kind)
				changed := false
				for ri := range tab.Rows {
					if r := &tab.Rows[ri]; r.Name == tc.row || r.Code == tc.row {
						r.Values[tc.col] = model.MustAmount(tc.value)
						changed = true
						break
					}
				}
				if !changed {
					t.Fatalf("no row %s in %s", tc.row, tc.kind)
				}
			}
			fs, err := Run(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range fs {
				if f.Severity != Error || f.Rule != "sum.columns" {
					continue
				}
				if f.Kind == tc.kind && f.Row == tc.wantRow && f.Column == "合计" && strings.Contains(f.Message, tc.value) {
					found = true
				} else {
					t.Errorf("unexpected sum error: %s", f.Message)
				}
			}
			if tc.wantRow != "" && !found {
				t.Errorf("no sum.columns error at %s of %s", tc.wantRow, tc.kind)
			}
		})
	}
}
