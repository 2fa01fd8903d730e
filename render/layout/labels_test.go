package layout

import (
	"testing"

	"budgetpack/model"
)

// TestLabelsAsPrinted lays out the row labels as the source prints them:
// a unit's name printed once, under 单位名称, where the source leaves 科目名称
// blank on the unit's row (深圳 支出总表); a detail row keeps its code and
// name in their columns.
func TestLabelsAsPrinted(t *testing.T) {
	withUnit := []model.Column{
		{Key: "unit_name", Header: "单位名称", Printed: "预算单位", Type: model.TypeText},
		{Key: "code", Header: "科目编码", Printed: "科目编码", Type: model.TypeCode},
		{Key: "name", Header: "科目名称", Printed: "科目名称", Type: model.TypeName},
		{Key: "total", Header: "合计", Printed: "支出总计", Type: model.TypeMoney},
	}
	money := func(s string) map[string]model.Amount { return map[string]model.Amount{"total": amt(s)} }
	tests := []struct {
		name  string
		table model.Table
		want  []string
	}{
		{"unit named once", model.Table{Kind: "expenditure_summary", Title: "支出总表", Columns: withUnit,
			Rows: []model.Row{
				{Label: model.Label{Name: "深圳市民政局（本级）", Level: "单位", Role: model.RoleUnit}, Values: money("12.23"),
					Texts: map[string]string{"unit_name": "深圳市民政局（本级）"}},
				{Label: model.Label{Code: "205", Name: "教育支出", Level: "类"}, Values: money("12.23")},
			}},
			[]string{"深圳市民政局（本级）{1,1} {1,1} {1,1} 12.23{1,1}", "{1,1} 205{1,1} 教育支出{1,1} 12.23{1,1}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book, err := Build(&model.Document{Tables: []model.Table{tt.table}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := book.Sheets[1]
			for i, want := range tt.want {
				if got := showRow(s.Rows[s.BodyFrom+i]); got != want {
					t.Errorf("row %d:\n got %s\nwant %s", i, got, want)
				}
			}
		})
	}
}
