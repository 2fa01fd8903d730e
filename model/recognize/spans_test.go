package recognize

import (
	"strings"
	"testing"

	"budgetpack/model/raw"
	"budgetpack/templates"
)

// merged builds a grid row from cells; "<" is covered from the left, "^"
// from above, and "text/c2", "text/r2" give spans.
func merged(texts ...string) raw.Row {
	var r raw.Row
	for _, s := range texts {
		c := raw.Cell{Text: s, Line: 1}
		switch {
		case s == "<" || s == "^":
			c = raw.Cell{Covered: true, Line: 1}
		case len(s) > 3 && s[len(s)-3:len(s)-1] == "/c":
			c.Text, c.ColSpan = s[:len(s)-3], int(s[len(s)-1]-'0')
		case len(s) > 3 && s[len(s)-3:len(s)-1] == "/r":
			c.Text, c.RowSpan = s[:len(s)-3], int(s[len(s)-1]-'0')
		}
		r.Cells = append(r.Cells, c)
	}
	return r
}

// TestMergedGrid reads a table whose header cells and 合计 are merged
// cells, as a Word document or a workbook gives them: a header cell merged
// over two columns heads both, and 合计 merged over the code and name
// columns names the total row.
func TestMergedGrid(t *testing.T) {
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	doc := &raw.Document{Layout: "docx", Blocks: []raw.Block{
		{Line: 1, Text: "部门预算一般公共预算财政拨款支出表", Heading: true},
		{Line: 2, Rows: []raw.Row{
			merged("304保定市徐水区工业和信息化局/c2", "<", "预算年度：2024/c2", "<", "单位：万元"),
			merged("序号/r2", "功能分类科目/c2", "<", "合计/r2", "基本支出/r2", "项目支出/r2"),
			merged("^", "科目编码", "科目名称", "^", "^", "^"),
			merged("栏次", "1", "2", "3", "4", "5"),
			merged("1", "合计/c2", "<", "10.00", "6.00", "4.00"),
			merged("2", "206", "科学技术支出", "10.00", "6.00", "4.00"),
		}},
	}}
	out, err := Recognize(doc, lib, Options{File: "x.docx"})
	if err != nil {
		t.Fatal(err)
	}
	tab := out.TableByKind("gpb_expenditure")
	if tab == nil {
		t.Fatalf("tables %+v", out.Tables)
	}
	var keys []string
	for _, c := range tab.Columns {
		keys = append(keys, c.Key+"="+c.Printed)
	}
	want := "[seq=序号 code=功能分类科目 / 科目编码 name=功能分类科目 / 科目名称 total=合计 basic=基本支出 project=项目支出]"
	if got := "[" + strings.Join(keys, " ") + "]"; got != want {
		t.Errorf("columns %s\nwant %s", got, want)
	}
	if len(tab.Rows) != 2 {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	total, class := tab.Rows[0], tab.Rows[1]
	if total.Name != "合计" || total.Code != "" || total.Role != "total" || total.Values["total"].String() != "10.00" {
		t.Errorf("total row %+v", total)
	}
	if class.Code != "206" || class.Name != "科学技术支出" || class.Values["project"].String() != "4.00" {
		t.Errorf("class row %+v", class)
	}
}
