package check

import (
	"strings"
	"testing"

	"budgetpack/model"
)

// TestSeveralClassifications reads the 收支总表 of xian-1-2026, which prints
// the expenditure under three classifications (功能分类, 部门预算经济分类,
// 政府预算经济分类) beside the income: as published every classification
// adds up to 本年支出合计 and 支出总计 and no error is found; a figure changed
// under one classification is an error at its row and column.
func TestSeveralClassifications(t *testing.T) {
	tests := []struct {
		name      string
		side      int    // the side whose label names the changed row
		row, col  string // the changed cell: the row's label on that side, the column key
		value     string
		rule      string // the expected error
		errRow    string // the row it is reported on
		errColumn string
	}{
		{"as published", 0, "", "", "", "", "", ""},
		{"a 部门预算经济分类 item", 2, "(1)工资福利支出", "expense.econ_dept", "17103265.61", "sum.outline", "1、人员经费和公用经费支出", "支出/部门预算经济分类预算数"},
		{"a 政府预算经济分类 类", 3, "2、机关商品和服务支出", "expense.econ_gov", "9919499.30", "sum.outline", "一、部门预算", "支出/政府预算经济分类预算数"},
		{"a 政府预算经济分类 支出总计", 3, "支出总计", "expense.econ_gov", "28384234.81", "sum.rows", "支出总计", "支出/政府预算经济分类预算数"},
		{"a 功能分类 类", 1, "5、教育支出", "expense", "219900.00", "sum.outline", "一、部门预算", "支出/预算数"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := corpusDoc(t, "xian-1-2026")
			tab := doc.TableByKind("income_expense_summary")
			if tab == nil {
				t.Fatal("no 收支总表")
			}
			if tc.row != "" {
				changed := false
				for ri := range tab.Rows {
					if l := tab.Rows[ri].Side(tc.side); l != nil && l.Name == tc.row {
						tab.Rows[ri].Values[tc.col] = model.MustAmount(tc.value)
						changed = true
						break
					}
				}
				if !changed {
					t.Fatalf("no row %s on side %d", tc.row, tc.side)
				}
			}
			fs, err := Run(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			var errs []Finding
			for _, f := range fs {
				if f.Severity == Error {
					errs = append(errs, f)
				}
			}
			if tc.rule == "" {
				for _, f := range errs {
					t.Errorf("an error on the published figures: %s", f.Message)
				}
				return
			}
			found := false
			for _, f := range errs {
				if f.Rule == tc.rule && f.Row == tc.errRow && f.Column == tc.errColumn && strings.Contains(f.Table, "收支总表") {
					found = true
				}
			}
			if !found {
				for _, f := range errs {
					t.Logf("%s %s|%s %s", f.Rule, f.Row, f.Column, f.Message)
				}
				t.Errorf("no %s error on %s / %s", tc.rule, tc.errRow, tc.errColumn)
			}
		})
	}
}
