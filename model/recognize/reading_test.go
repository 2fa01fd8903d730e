package recognize

import (
	"testing"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

// pdfGrid builds a grid block of a PDF's rows, one line each from line.
func pdfGrid(line int, rows ...[]string) raw.Block {
	b := raw.Block{Line: line, Rows: []raw.Row{}}
	for i, texts := range rows {
		r := raw.Row{Line: line + i}
		for _, s := range texts {
			r.Cells = append(r.Cells, raw.Cell{Text: s, Line: line + i})
		}
		b.Rows = append(b.Rows, r)
	}
	return b
}

func recognizePDF(t *testing.T, blocks ...raw.Block) *model.Document {
	t.Helper()
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	out, err := Recognize(&raw.Document{Layout: "pdf", Blocks: blocks}, lib, Options{File: "x.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestHeaderOffItsFigures reads a two-sided 财政拨款收支总表 whose only
// money column of each side is headed 预算, the word centred in the cell
// and the figures set flush right, so that the grid holds the word and
// the figures in two columns (guangzhou-2-2026).
func TestHeaderOffItsFigures(t *testing.T) {
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "财政拨款收支总体情况表"},
		pdfGrid(2,
			[]string{"单位名称：广州市发展和改革委员会", "", "", "", "", "", "单位：万元"},
			[]string{"收入", "", "", "", "支出", "", ""},
			[]string{"项目", "预算", "", "项目", "", "预算", ""},
			[]string{"一、一般公共预算", "", "155,723.39", "一、一般公共服务支出", "", "", "12,090.48"},
			[]string{"", "", "", "六、科学技术支出", "", "", "143,632.91"},
			[]string{"本年收入合计", "", "155,723.39", "本年支出合计", "", "", "155,723.39"},
		),
		raw.Block{Line: 10, Text: "- 11 -"},
		// the next page's grid sets the columns a little apart
		pdfGrid(11,
			[]string{"", "收入", "", "", "", "支出", "", ""},
			[]string{"项目", "", "预算", "", "项目", "", "预算", ""},
			[]string{"", "", "", "", "二十四、结转下年", "", "", "0.00"},
			[]string{"收入总计", "", "", "155,723.39", "支出总计", "", "", "155,723.39"},
		))
	tab := out.TableByKind("appropriation_summary")
	if tab == nil {
		t.Fatalf("tables %+v", out.Tables)
	}
	for _, c := range tab.Columns {
		if c.Key == "expense.fund" || c.Key == "expense.soe" {
			t.Errorf("column %s (%s) read from a column the page does not print", c.Key, c.Printed)
		}
	}
	for _, r := range tab.Rows {
		if r.Pair != nil && r.Pair.Key == "exp.201" {
			if v := r.Values["expense.total"]; v.String() != "12090.48" {
				t.Errorf("201 支出/合计 %q, want 12090.48 (%+v)", v.String(), r.Values)
			}
		}
		if r.Key == "inc.total" || r.Key == "inc.grand" {
			if v := r.Values["income"]; v.String() != "155723.39" {
				t.Errorf("%s 收入 %q", r.Name, v.String())
			}
			if v := r.Values["expense.total"]; v.String() != "155723.39" {
				t.Errorf("%s 支出/合计 %q", r.Pair.Name, v.String())
			}
		}
	}
}

// TestNextPageWithFewerColumns reads a 支出总表 whose next page prints no
// header: the grid of that page leaves out the columns no row fills, so it
// is narrower than the first page's, and it goes on the same table
// (wuxi-2-2026, beijing-1-2026). A page number and a running head stand
// between them; 一、本年收入 is the 本年收入 row.
func TestNextPageWithFewerColumns(t *testing.T) {
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "支出总表"},
		pdfGrid(2,
			[]string{"科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"},
			[]string{"合计", "", "300.00", "200.00", "100.00", "", "", ""},
			[]string{"213", "农林水支出", "100.00", "", "100.00", "", "", ""},
			[]string{"21303", "水利", "100.00", "", "100.00", "", "", ""},
			[]string{"2130305", "水利工程建设", "100.00", "", "100.00", "", "", ""},
		),
		raw.Block{Line: 10, Text: "- 11 -"},
		raw.Block{Line: 11, Text: "无锡市水利局2026年度部门预算公开"},
		pdfGrid(12,
			[]string{"221", "住房保障支出", "200.00", "200.00", ""},
			[]string{"22102", "住房改革支出", "200.00", "200.00", ""},
			[]string{"2210203", "购房补贴", "200.00", "200.00", ""},
		),
	)
	tab := out.TableByKind("expenditure_summary")
	if tab == nil {
		t.Fatalf("tables %+v", out.Tables)
	}
	var codes []string
	var last model.Row
	for _, r := range tab.Rows {
		if r.Code != "" {
			codes = append(codes, r.Code)
			last = r
		}
	}
	if len(codes) != 6 || last.Code != "2210203" || last.Values["basic"].String() != "200.00" {
		t.Errorf("rows %v, want the next page's 221 rows after 2130305", codes)
	}
}

// TestOrdinalYearRows reads 一、本年收入 and 一、本年支出 as the rows of
// the year's income and expenditure (wuxi, changsha).
func TestOrdinalYearRows(t *testing.T) {
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "财政拨款收支总表"},
		pdfGrid(2,
			[]string{"收入", "", "支出", ""},
			[]string{"项目", "预算数", "项目", "预算数"},
			[]string{"一、本年收入", "100.00", "一、本年支出", "100.00"},
			[]string{"（一）一般公共预算拨款", "100.00", "（一）一般公共服务支出", "100.00"},
			[]string{"二、上年结转", "", "二、年终结转结余", ""},
			[]string{"收入总计", "100.00", "支出总计", "100.00"},
		))
	tab := out.TableByKind("appropriation_summary")
	if tab == nil {
		t.Fatalf("tables %+v", out.Tables)
	}
	if r := tab.Rows[0]; r.Key != "inc.total" || r.Pair == nil || r.Pair.Key != "exp.total" {
		t.Errorf("一、本年收入 read as %q / %+v", r.Key, r.Pair)
	}
}

// TestPageNumberNotProse: a page number between two lines of a paragraph
// running on to the next page is no part of it (guangzhou-2-2026).
func TestPageNumberNotProse(t *testing.T) {
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "支出总表"},
		pdfGrid(2,
			[]string{"科目编码", "科目名称", "合计"},
			[]string{"213", "农林水支出", "100.00"},
		),
		raw.Block{Line: 11, Text: "二、“三公”经费安排情况"},
		raw.Block{Line: 12, Text: "公务用车购置及运行维护费6.54万元，比上年减少"},
		raw.Block{Line: 13, Text: "- 31 -"},
		raw.Block{Line: 14, Text: "14.85万元，下降69.4%。"},
	)
	for _, s := range out.Sections {
		for _, p := range s.Paragraphs {
			if p.Text != "公务用车购置及运行维护费6.54万元，比上年减少14.85万元，下降69.4%。" {
				t.Errorf("paragraph %q", p.Text)
			}
		}
	}
}
