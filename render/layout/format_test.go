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
