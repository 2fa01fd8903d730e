package layout

import (
	"testing"

	"budgetpack/model"
	"budgetpack/render/grid"
)

// TestPrintedDetails lays out what the model records of how the source
// prints a table: a 合计 merged over the 类/款/项 columns and the name
// column, a 款 row that leaves 类 blank, the 栏次 row as printed (** over
// the label columns), the table's number over the title and a label set
// centred in its cell.
func TestPrintedDetails(t *testing.T) {
	split := []model.Column{
		{Key: "code.1", Header: "科目编码 / 类", Printed: "科目编码 / 类", Type: model.TypeCode},
		{Key: "code.2", Header: "科目编码 / 款", Printed: "科目编码 / 款", Type: model.TypeCode},
		{Key: "code.3", Header: "科目编码 / 项", Printed: "科目编码 / 项", Type: model.TypeCode},
		{Key: "name", Header: "科目名称", Printed: "科目名称", Type: model.TypeName},
		{Key: "total", Header: "合计", Printed: "合计", Type: model.TypeMoney},
	}
	money := func(s string) map[string]model.Amount { return map[string]model.Amount{"total": amt(s)} }
	rows := func(total model.Label) []model.Row {
		return []model.Row{
			{Label: total, Values: money("3.00")},
			{Label: model.Label{Code: "201", Name: "一般公共服务支出", Level: "类"}, Values: money("3.00")},
			{Label: model.Label{Code: "20111", Name: "纪检监察事务", Level: "款"}, Values: money("3.00")},
			{Label: model.Label{Code: "2011199", Name: "其他纪检监察事务支出", Level: "项", Centred: true}, Values: money("3.00")},
		}
	}
	tests := []struct {
		name   string
		table  model.Table
		header []string // the rows from the title on
		body   []string
		centre string // a name the pack centres
	}{
		{"merged total, full codes, numbered by the packs",
			model.Table{Kind: "expenditure_summary", Title: "支出总表", Columns: split, Numbered: true,
				Rows: rows(model.Label{Name: "合计", Role: model.RoleTotal, Merged: true})},
			[]string{"支出总表{1,5} ~ ~ ~ ~"},
			[]string{
				"1{1,1} 2{1,1} 3{1,1} 4{1,1} 5{1,1}",
				"合计{1,4} ~ ~ ~ 3.00{1,1}",
				"201{1,1} {1,1} {1,1} 一般公共服务支出{1,1} 3.00{1,1}",
				"201{1,1} 11{1,1} {1,1} 纪检监察事务{1,1} 3.00{1,1}",
				"201{1,1} 11{1,1} 99{1,1} 其他纪检监察事务支出{1,1} 3.00{1,1}",
			}, "其他纪检监察事务支出"},
		{"own parts, 栏次 as printed, number over the title",
			model.Table{Kind: "expenditure_summary", Title: "支出总表", Number: "单位预算03表", Columns: split, Numbered: true,
				Lanci: []string{"**", "**", "**", "**", "1"}, OwnPart: []string{"款"},
				Rows: rows(model.Label{Name: "合计", Role: model.RoleTotal})},
			[]string{"单位预算03表{1,5} ~ ~ ~ ~", "支出总表{1,5} ~ ~ ~ ~"},
			[]string{
				"**{1,1} **{1,1} **{1,1} **{1,1} 1{1,1}",
				"{1,1} {1,1} {1,1} 合计{1,1} 3.00{1,1}",
				"201{1,1} {1,1} {1,1} 一般公共服务支出{1,1} 3.00{1,1}",
				"{1,1} 11{1,1} {1,1} 纪检监察事务{1,1} 3.00{1,1}",
				"201{1,1} 11{1,1} 99{1,1} 其他纪检监察事务支出{1,1} 3.00{1,1}",
			}, "合计"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book, err := Build(&model.Document{Tables: []model.Table{tt.table}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := book.Sheets[1]
			for i, want := range tt.header {
				if got := showRow(s.Rows[i]); got != want {
					t.Errorf("row %d:\n got %s\nwant %s", i, got, want)
				}
			}
			from := s.HeaderTo - 1 // the 栏次 row closes the header
			for i, want := range tt.body {
				if got := showRow(s.Rows[from+i]); got != want {
					t.Errorf("row %d:\n got %s\nwant %s", from+i, got, want)
				}
			}
			found := false
			for _, r := range s.Rows[s.BodyFrom:] {
				for _, c := range r.Cells {
					if c.Text == tt.centre && !c.Covered {
						found = true
						if c.Style.Align != grid.Center || c.Style.Indent != 0 {
							t.Errorf("%s: align %v indent %d, want centred", c.Text, c.Style.Align, c.Style.Indent)
						}
					}
				}
			}
			if !found {
				t.Errorf("no cell %s", tt.centre)
			}
		})
	}
}
