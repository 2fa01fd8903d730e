package recognize

import (
	"fmt"
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
	// 合计 merged over the code and name columns is printed so again
	if !total.Merged || class.Merged {
		t.Errorf("merged: total %v, class %v", total.Merged, class.Merged)
	}
	if got := strings.Join(tab.Lanci, " "); got != "栏次 1 2 3 4 5" {
		t.Errorf("栏次 %q", got)
	}
}

// TestPrintedDetails reads how a page sets a table: its number on its own
// line over the title (at its left), a 款 row that leaves 类 blank (every 款 row so:
// the table prints 款 codes alone), the 栏次 row with ** over the label
// columns, and a name set centred in its cell.
func TestPrintedDetails(t *testing.T) {
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	centred := func(r raw.Row, k int, indent float64) raw.Row {
		r.Cells[k].Centred, r.Cells[k].Indent = true, indent
		return r
	}
	doc := &raw.Document{Layout: "pdf", Indents: true, Blocks: []raw.Block{
		{Line: 1, Text: "部门预算 05 表", X0: 40, X1: 100},
		{Line: 2, Text: "一般公共预算支出表", X0: 200, X1: 400},
		{Line: 3, Rows: []raw.Row{
			merged("类", "款", "项", "科目名称", "合计", "基本支出", "项目支出"),
			merged("**", "**", "**", "**", "1", "2", "3"),
			centred(merged("", "", "", "合计", "10.00", "6.00", "4.00"), 3, 3),
			merged("206", "", "", "科学技术支出", "10.00", "6.00", "4.00"),
			merged("", "01", "", "科学技术管理事务", "10.00", "6.00", "4.00"),
			// as far from both edges, but where the other names start:
			// set flush left like them
			centred(merged("206", "01", "01", "行政运行", "10.00", "6.00", "4.00"), 3, 0),
		}},
	}}
	out, err := Recognize(doc, lib, Options{File: "x.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	tab := out.TableByKind("gpb_expenditure")
	if tab == nil {
		t.Fatalf("tables %+v", out.Tables)
	}
	if tab.Number != "部门预算05表" || !tab.NumberLeft || tab.Title != "一般公共预算支出表" {
		t.Errorf("number %q (left %v), title %q", tab.Number, tab.NumberLeft, tab.Title)
	}
	if got := strings.Join(tab.Lanci, " "); got != "** ** ** ** 1 2 3" {
		t.Errorf("栏次 %q", got)
	}
	if got := strings.Join(tab.OwnPart, " "); got != "款" {
		t.Errorf("own parts %q", got)
	}
	if len(tab.Rows) != 4 {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	if r := tab.Rows[2]; r.Code != "20601" || r.Level != "款" {
		t.Errorf("款 row %q %q", r.Code, r.Level)
	}
	if !tab.Rows[0].Centred || tab.Rows[1].Centred || tab.Rows[3].Centred {
		t.Errorf("centred: 合计 %v, 科学技术支出 %v, 行政运行 %v", tab.Rows[0].Centred, tab.Rows[1].Centred, tab.Rows[3].Centred)
	}
	for _, s := range out.Sections {
		for _, p := range s.Paragraphs {
			if strings.Contains(p.Text, "05") {
				t.Errorf("the number left in the prose: %q", p.Text)
			}
		}
	}
}

// TestLabelMergedDown reads a label cell merged down beside several rows
// (江苏's 收入预算总表 prints each income category once beside its 小计
// and its items): the row that prints it spans them, the rows it covers
// have no name of their own, and a 其中 item under it is not taken for
// a name; 收入总计, merged across both label columns, spans them.
func TestLabelMergedDown(t *testing.T) {
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	// the grid as the PDF reader gives the page's ruled table
	doc := &raw.Document{Layout: "pdf", Blocks: []raw.Block{
		{Line: 1, Text: "公开02表：收入预算总表"},
		{Line: 2, Rows: []raw.Row{
			merged("项目名称", "", "金额"),
			merged("收入总计/c2", "<", "21,955.35"),
			merged("一般公共预算资金/r3", "小计", "21,940.96"),
			merged("^", "公共财政拨款(补助)资金", "21,940.96"),
			merged("^", "专项收入", ""),
			merged("政府性基金", "小计", ""),
			merged("上年结转和结余资金/r2", "小计", ""),
			merged("^", "其中：动用上年结转和结余资金", ""),
		}},
	}}
	out, err := Recognize(doc, lib, Options{File: "x.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Tables) != 1 {
		t.Fatalf("tables %+v", out.Tables)
	}
	var got []string
	for _, r := range out.Tables[0].Rows {
		got = append(got, fmt.Sprintf("%s/%d/%d", r.Name, r.RowSpan, r.Across))
	}
	want := "收入总计/0/2 一般公共预算资金/3/0 /0/0 /0/0 政府性基金/0/0 上年结转和结余资金/2/0 /0/0"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("rows %s\nwant %s", g, want)
	}
}

// TestCoveredFromLeft tells a name cell inside a 合计 merged across to it
// (重庆's 政府采购预算明细表: 合计 over 品目 and the name column), which
// leaves the row its label, from one inside a category merged down from
// above, whose row has no label of its own.
func TestCoveredFromLeft(t *testing.T) {
	tests := []struct {
		row  raw.Row
		j    int
		want bool
	}{
		{merged("合计/c2", "<", "947.00"), 1, true},
		{merged("^", "专项收入", ""), 0, false},
		{merged("A", "^", "47.00"), 1, false},
		{merged("^", "^", "47.00"), 1, false},
	}
	for _, tt := range tests {
		if got := coveredFromLeft(tt.row, tt.j); got != tt.want {
			t.Errorf("%q cell %d: covered from the left %v, want %v", tt.row.Texts(), tt.j, got, tt.want)
		}
	}
}
