package layout

import (
	"testing"

	"budgetpack/model"
)

// TestNumberFormat lays out a table whose source prints one column with
// thousands separators and another without: each figure cell carries its
// column's format and shows the published digits.
func TestNumberFormat(t *testing.T) {
	amt := func(s string) model.Amount {
		a, err := model.ParseAmount(s)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	doc := &model.Document{Tables: []model.Table{{
		Kind: "other", Title: "预算01表 收支总表",
		Columns: []model.Column{
			{Key: "name", Header: "项目", Type: model.TypeName},
			{Key: "grouped", Header: "预算数", Type: model.TypeMoney, Grouped: true},
			{Key: "plain", Header: "上年数", Type: model.TypeMoney},
		},
		Rows: []model.Row{{
			Label:  model.Label{Name: "收入总计"},
			Values: map[string]model.Amount{"grouped": amt("30,775.648545"), "plain": amt("12846.2")},
		}},
	}}}
	book, err := Build(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := book.Sheets[1]
	if s.Title != "预算01表 收支总表" {
		t.Errorf("title %q, want the published 预算01表 收支总表", s.Title)
	}
	tests := []struct {
		key, want string
		grouped   bool
	}{
		{"grouped", "30,775.648545", true},
		{"plain", "12846.2", false},
	}
	for _, tc := range tests {
		found := false
		for _, r := range s.Rows {
			for _, c := range r.Cells {
				if c.Ref != model.CellRef(0, 0, tc.key) {
					continue
				}
				found = true
				if c.Grouped != tc.grouped || c.Figure() != tc.want {
					t.Errorf("%s: grouped %v, shows %q; want %v, %q", tc.key, c.Grouped, c.Figure(), tc.grouped, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("no cell for %s", tc.key)
		}
	}
}

// TestCodeAndNameAsPrinted lays out a 科目 column that the source prints
// with the code and the name in one cell: the cell shows both as printed,
// a row without a code (合计) its name alone.
func TestCodeAndNameAsPrinted(t *testing.T) {
	tests := []struct {
		typ, format      string
		code, name, want string
	}{
		{model.TypeCode, "{code}-{name}", "2120803", "城市建设支出", "2120803-城市建设支出"},
		{model.TypeName, "[{code}]{name}", "201", "一般公共服务支出", "[201]一般公共服务支出"},
		{model.TypeName, "[{code}]{name}", "", "合计", "合计"},
		{model.TypeCode, "", "2120803", "城市建设支出", "2120803"},
	}
	for _, tc := range tests {
		doc := &model.Document{Tables: []model.Table{{
			Kind: "other", Title: "预算03表 支出总表",
			Columns: []model.Column{
				{Key: "subject", Header: "支出功能分类科目", Type: tc.typ, CodeName: tc.format},
				{Key: "total", Header: "合计", Type: model.TypeMoney},
			},
			Rows: []model.Row{{Label: model.Label{Code: tc.code, Name: tc.name}, Values: map[string]model.Amount{}}},
		}}}
		book, err := Build(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, r := range book.Sheets[1].Rows {
			for _, c := range r.Cells {
				if c.Ref == model.CellRef(0, 0, "subject") {
					got = c.Text
				}
			}
		}
		if got != tc.want {
			t.Errorf("%s %q: cell %q, want %q", tc.typ, tc.format, got, tc.want)
		}
	}
}
