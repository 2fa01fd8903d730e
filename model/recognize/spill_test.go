package recognize

import (
	"strings"
	"testing"

	"budgetpack/model/raw"
	"budgetpack/templates"
)

// TestSpilledColumns: a wide table printed page by page puts its last
// columns on a page of their own, under no title; when that page holds
// only header words that are columns of the table's kind, they join the
// table, else the grid stays a table of its own.
func TestSpilledColumns(t *testing.T) {
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		spill []raw.Row
		// want: the income table's last column key and the kinds read.
		last, kinds string
	}{
		{"header words of the kind", []raw.Row{merged("其他收入"), merged("")}, "income.other", "income_summary"},
		{"words of no column", []raw.Row{merged("备注说明"), merged("")}, "income.operating", "income_summary other"},
		{"figures", []raw.Row{merged("其他收入"), merged("12.00")}, "income.operating", "income_summary other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &raw.Document{Layout: "pdf", Blocks: []raw.Block{
				{Line: 1, Page: 1, Text: "2026年部门预算收入总表"},
				{Line: 2, Page: 1, Text: "单位：万元"},
				{Line: 3, Page: 1, Rows: []raw.Row{
					merged("科目编码", "科目名称", "合计", "财政拨款收入", "事业收入", "事业单位经营收入"),
					merged("201", "一般公共服务支出", "100.00", "100.00", "", ""),
					merged("合计", "", "100.00", "100.00", "", ""),
				}},
				{Line: 6, Page: 2, Text: "单位：万元"},
				{Line: 7, Page: 2, Rows: tt.spill},
			}}
			out, err := Recognize(doc, lib, Options{File: "x.pdf"})
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, tab := range out.Tables {
				kinds = append(kinds, tab.Kind)
			}
			if got := strings.Join(kinds, " "); got != tt.kinds {
				t.Fatalf("kinds %q, want %q", got, tt.kinds)
			}
			tab := out.Tables[0]
			if got := tab.Columns[len(tab.Columns)-1].Key; got != tt.last {
				t.Errorf("last column %q, want %q", got, tt.last)
			}
			if len(tab.Rows) != 2 || tab.Rows[0].Values["total"].String() != "100.00" || len(tab.Remarks) != 0 {
				t.Errorf("rows %+v remarks %+v", tab.Rows, tab.Remarks)
			}
			// The joined page's caption is the table's, not prose.
			for _, s := range out.Sections {
				for _, p := range s.Paragraphs {
					if len(kinds) == 1 && strings.Contains(p.Text, "单位") {
						t.Errorf("caption as prose: %q", p.Text)
					}
				}
			}
		})
	}
}
