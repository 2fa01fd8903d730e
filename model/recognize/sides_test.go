package recognize

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

// pdfRow builds a grid row of a PDF's grid: one cell per column.
func pdfRow(line int, texts ...string) raw.Row {
	r := raw.Row{Line: line}
	for _, s := range texts {
		r.Cells = append(r.Cells, raw.Cell{Text: s, Line: line})
	}
	return r
}

// spanned makes cell j of a row a merged cell over n columns.
func spanned(r raw.Row, j, n int) raw.Row {
	r.Cells[j].ColSpan = n
	for k := j + 1; k < j+n; k++ {
		r.Cells[k].Covered = true
	}
	return r
}

// xianSummary is a 收支总表 printing the expenditure under three
// classifications beside the income, as 西安 publishes it (表1 部门综合预算
// 收支总表 of xian-1-2026, shortened): 收入 and 支出 each printed once over
// their columns where a PDF centres them.
func xianSummary() *raw.Document {
	return &raw.Document{Layout: "pdf", Blocks: []raw.Block{
		{Line: 1, Text: "部门综合预算收支总表"},
		{Line: 2, Text: "单位：元"},
		{Line: 3, Rows: []raw.Row{
			pdfRow(3, "收入", "", "", "", "支出", "", "", ""),
			pdfRow(4, "项目", "预算数", "支出功能分类科目（按大类）", "预算数", "部门预算支出经济分类科目（按大类）", "预算数", "政府预算支出经济分类科目（按大类）", "预算数"),
			pdfRow(5, "一、部门预算", "100.00", "一、部门预算", "100.00", "一、部门预算", "100.00", "一、部门预算", "100.00"),
			pdfRow(6, "1、财政拨款", "100.00", "1、一般公共服务支出", "70.00", "1、人员经费和公用经费支出", "60.00", "1、机关工资福利支出", "55.00"),
			pdfRow(7, "(1)一般公共预算拨款", "100.00", "2、教育支出", "", "(1)工资福利支出", "55.00", "2、机关商品和服务支出", "45.00"),
			pdfRow(8, "其中：专项资金列入部门预算的项目", "20.00", "3、社会保障和就业支出", "30.00", "(2)商品和服务支出", "5.00", "3、机关资本性支出", ""),
			pdfRow(9, "2、事业收入", "", "", "", "2、专项业务经费支出", "40.00", "", ""),
			pdfRow(10, "", "", "", "", "(1)商品和服务支出", "40.00", "", ""),
			pdfRow(11, "本年收入合计", "100.00", "本年支出合计", "100.00", "本年支出合计", "100.00", "本年支出合计", "100.00"),
			pdfRow(12, "上年结转", "", "结转下年", "", "结转下年", "", "结转下年", ""),
			pdfRow(13, "收入总计", "100.00", "支出总计", "100.00", "支出总计", "100.00", "支出总计", "100.00"),
		}},
	}}
}

// TestSeveralClassifications reads each classification of the
// expenditure into its own label and amount column, under the 支出 band.
func TestSeveralClassifications(t *testing.T) {
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	out, err := Recognize(xianSummary(), lib, Options{File: "x.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	tab := out.TableByKind("income_expense_summary")
	if tab == nil {
		t.Fatalf("no 收支总表 in %+v", out.Tables)
	}
	var cols []string
	for _, c := range tab.Columns {
		cols = append(cols, c.Key+"="+c.Printed)
	}
	want := "income_item=收入 / 项目|income=收入 / 预算数|expense_item=支出 / 支出功能分类科目（按大类）|expense=支出 / 预算数|" +
		"expense_item.econ_dept=支出 / 部门预算支出经济分类科目（按大类）|expense.econ_dept=支出 / 预算数|" +
		"expense_item.econ_gov=支出 / 政府预算支出经济分类科目（按大类）|expense.econ_gov=支出 / 预算数"
	if got := strings.Join(cols, "|"); got != want {
		t.Fatalf("columns\n got %s\nwant %s", got, want)
	}
	tests := []struct {
		row                     int
		left, fn, dept, gov     string
		inc, exp, expDept, eGov string
	}{
		{1, "1、财政拨款", "1、一般公共服务支出", "1、人员经费和公用经费支出", "1、机关工资福利支出", "100.00", "70.00", "60.00", "55.00"},
		{3, "其中：专项资金列入部门预算的项目", "3、社会保障和就业支出", "(2)商品和服务支出", "3、机关资本性支出", "20.00", "30.00", "5.00", ""},
		{5, "", "", "(1)商品和服务支出", "", "", "", "40.00", ""},
		{8, "收入总计", "支出总计", "支出总计", "支出总计", "100.00", "100.00", "100.00", "100.00"},
	}
	for _, tc := range tests {
		r := tab.Rows[tc.row]
		name := func(k int) string {
			if l := r.Side(k); l != nil {
				return l.Name
			}
			return ""
		}
		if name(0) != tc.left || name(1) != tc.fn || name(2) != tc.dept || name(3) != tc.gov {
			t.Errorf("row %d labels %q %q %q %q, want %q %q %q %q", tc.row, name(0), name(1), name(2), name(3), tc.left, tc.fn, tc.dept, tc.gov)
		}
		for key, want := range map[string]string{"income": tc.inc, "expense": tc.exp, "expense.econ_dept": tc.expDept, "expense.econ_gov": tc.eGov} {
			if got := r.Values[key].String(); got != want {
				t.Errorf("row %d %s = %q, want %q", tc.row, key, got, want)
			}
		}
	}
	last := tab.Rows[len(tab.Rows)-1]
	for k := 1; k <= 3; k++ {
		if l := last.Side(k); l == nil || l.Key != "exp.grand" || l.Role != model.RoleGrandTotal {
			t.Errorf("支出总计 of side %d: %+v, want key exp.grand", k, l)
		}
	}
	if l := tab.Rows[0].Side(2); l == nil || l.Code != "" {
		t.Errorf("an economic side's label takes no 功能分类 code: %+v", l)
	}
	if p := tab.Rows[1].Pair; p == nil || p.Code != "201" {
		t.Errorf("the 功能分类 side keeps its 类 codes: %+v", p)
	}
}

// TestProcurementCodes reads the 政府采购 list of 西安: the 科目编码 (类/款/项)
// is the row's code; the 部门预算 and 政府预算 经济分类 codes (类, 款) are other
// classifications of the item, kept as printed beside it.
func TestProcurementCodes(t *testing.T) {
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	doc := &raw.Document{Layout: "pdf", Blocks: []raw.Block{
		{Line: 1, Text: "部门综合预算政府采购（资产配置、购买服务）预算表"},
		{Line: 2, Text: "单位：元"},
		{Line: 3, Rows: []raw.Row{
			pdfRow(3, "科目编码", "", "", "单位编码", "采购项目", "采购目录", "购买服务内容", "规格型号", "数量", "部门预算支出经济科目编码", "", "政府预算支出经济科目编码", "", "实施采购时间", "预算金额", "说明"),
			spanned(pdfRow(4, "类", "款 项", "", "", "", "", "", "", "", "类", "款", "类", "款", "", "", ""), 1, 2), // 款 and 项 read as one cell
			pdfRow(5, "", "", "", "", "合计", "", "", "", "1", "", "", "", "", "", "499,800.00", ""),
			pdfRow(6, "201", "40", "04", "121001", "西安市信访局", "", "", "", "1", "", "", "", "", "", "499,800.00", ""),
			pdfRow(7, "201", "40", "04", "", "接待中心安保服务", "C05040300保安服务", "", "详见合同", "1", "302", "27", "502", "05", "2026-10-31 08:00:00", "499,800.00", ""),
		}},
	}}
	out, err := Recognize(doc, lib, Options{File: "x.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	tab := out.TableByKind("procurement")
	if tab == nil {
		t.Fatalf("no 政府采购表 in %+v", out.Tables)
	}
	r := tab.Rows[2]
	if r.Code != "2014004" || r.Name != "接待中心安保服务" {
		t.Errorf("item row %q %q, want 2014004 接待中心安保服务", r.Code, r.Name)
	}
	for key, want := range map[string]string{"catalog": "C05040300保安服务", "spec": "详见合同", "econ_dept.class": "302", "econ_dept.item": "27",
		"econ_gov.class": "502", "econ_gov.item": "05", "date": "2026-10-31 08:00:00"} {
		if got := r.Texts[key]; got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if got := r.Values["quantity"].String(); got != "1" {
		t.Errorf("数量 %q, want 1", got)
	}
	if got := r.Values["total"].String(); got != "499800.00" {
		t.Errorf("预算金额 %q, want 499800.00", got)
	}
	var heads []string
	for _, c := range tab.Columns {
		if c.Type == model.TypeCode {
			heads = append(heads, c.Printed)
		}
	}
	if got := strings.Join(heads, "|"); got != "科目编码 / 类|科目编码 / 款|科目编码 / 项" {
		t.Errorf("code columns headed %s", got)
	}
}
