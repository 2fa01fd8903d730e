package recognize

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

// recognizeIndented recognizes blocks of a reader that measured where
// each cell's text starts (raw.Document.Indents).
func recognizeIndented(t *testing.T, blocks ...raw.Block) *model.Document {
	t.Helper()
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	out, err := Recognize(&raw.Document{Layout: "pdf", Blocks: blocks, Indents: true}, lib, Options{File: "x.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// indented sets the indent of the first cell of each row (by row index).
func indented(b raw.Block, col int, indents ...float64) raw.Block {
	for i, v := range indents {
		b.Rows[i].Cells[col].Indent = v
	}
	return b
}

// TestPrintedForm reads what the page shows of a table's form: the names'
// indentation (Shanghai prints every level flush left; another source
// indents 款 and 项), the rows printed empty (kept blank, not zero), and
// an empty table's header (类/款/项 in three columns) with its blank row
// and its 合计 row, which is no header word.
func TestPrintedForm(t *testing.T) {
	header := [][]string{
		{"项目", "", "", "", "一般公共预算支出", "", ""},
		{"功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"},
		{"类", "款", "项", "", "", "", ""},
	}
	body := [][]string{
		{"201", "", "", "一般公共服务支出", "1,000", "1,000", ""},
		{"201", "41", "", "数据事务", "1,000", "1,000", ""},
		{"201", "41", "01", "行政运行", "1,000", "1,000", ""},
		{"", "", "", "", "", "", ""},
		{"合计", "", "", "", "1,000", "1,000", ""},
	}
	grid := func(indents ...float64) raw.Block {
		b := pdfGrid(2, append(append([][]string{}, header...), body...)...)
		return indented(b, 3, append([]float64{0, 0, 0}, indents...)...)
	}
	tests := []struct {
		name    string
		indents []float64 // of the body's name cells
		want    []int     // the rows' Indent
	}{
		{"flush left (Shanghai)", []float64{0.3, 0.3, 0.3, 0, 0}, []int{0, 0, 0, 0, 0}},
		{"indented by level", []float64{0.3, 1.4, 2.2, 0, 0}, []int{0, 1, 2, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := recognizeIndented(t, raw.Block{Line: 1, Text: "2026年预算单位一般公共预算支出功能分类预算表"}, grid(tt.indents...))
			tab := out.TableByKind("gpb_expenditure")
			if tab == nil {
				t.Fatalf("tables %+v", out.Tables)
			}
			if !tab.Indents {
				t.Error("the table does not say its indents are as printed")
			}
			var got []int
			for _, r := range tab.Rows {
				got = append(got, r.Indent)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("rows %+v", tab.Rows)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("indents %v, want %v", got, tt.want)
					break
				}
			}
			// the row printed empty stays, blank, between 行政运行 and 合计
			blank := tab.Rows[3]
			if blank.Code != "" || blank.Name != "" || !blank.Values["total"].IsBlank() || !blank.Values["basic"].IsBlank() {
				t.Errorf("the empty row: %+v", blank)
			}
			if tab.Rows[4].Name != "合计" || tab.Rows[4].Role != model.RoleTotal {
				t.Errorf("the total row: %+v", tab.Rows[4])
			}
		})
	}

	// an empty table: its header, one blank row, 合计 with no figure
	out := recognizeIndented(t,
		raw.Block{Line: 1, Text: "2026年预算单位政府性基金预算支出功能分类预算表"},
		pdfGrid(2,
			[]string{"项目", "", "", "", "政府性基金预算支出", "", ""},
			[]string{"功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"},
			[]string{"类", "款", "项", "", "", "", ""},
			[]string{"", "", "", "", "", "", ""},
			[]string{"合计", "", "", "", "", "", ""},
		),
		raw.Block{Line: 8, Text: "注：本单位无政府性基金预算。"})
	tab := out.TableByKind("fund_expenditure")
	if tab == nil {
		t.Fatalf("tables %+v", out.Tables)
	}
	var printed []string
	for _, c := range tab.Columns {
		printed = append(printed, c.Printed)
	}
	want := "项目 / 功能分类科目编码 / 类|项目 / 功能分类科目编码 / 款|项目 / 功能分类科目编码 / 项|项目 / 功能分类科目名称|" +
		"政府性基金预算支出 / 合计|政府性基金预算支出 / 基本支出|政府性基金预算支出 / 项目支出"
	if got := strings.Join(printed, "|"); got != want {
		t.Errorf("columns\n got %s\nwant %s", got, want)
	}
	if len(tab.Rows) != 2 || tab.Rows[0].Name != "" || tab.Rows[1].Name != "合计" || !tab.Rows[1].Values["total"].IsBlank() {
		t.Errorf("rows %+v", tab.Rows)
	}
	if len(tab.Notes) != 1 || !strings.Contains(tab.Notes[0].Text, "本单位无政府性基金预算") {
		t.Errorf("notes %+v", tab.Notes)
	}
}

// TestEmptyFormHeader reads an empty 政府性基金 table whose code column is
// headed 功能科目代码 and whose note stands in brackets (Jiangsu, Yantai):
// the code column is the table's, the note the table's.
func TestEmptyFormHeader(t *testing.T) {
	out := recognizeIndented(t,
		raw.Block{Line: 1, Text: "七、2017年度江苏省高级人民法院部门政府性基金支出预算表"},
		pdfGrid(2,
			[]string{"功能科目代码", "功能科目名称", "金额"},
			[]string{"", "合计", ""},
		),
		raw.Block{Line: 4, Text: "（注：2017年没有使用政府性基金预算拨款安排的支出。）"})
	tab := out.TableByKind("fund_expenditure")
	if tab == nil {
		t.Fatalf("tables %+v", out.Tables)
	}
	var keys []string
	for _, c := range tab.Columns {
		keys = append(keys, c.Key+":"+c.Printed)
	}
	if got, want := strings.Join(keys, "|"), "code:功能科目代码|name:功能科目名称|total:金额"; got != want {
		t.Errorf("columns %s, want %s", got, want)
	}
	if len(tab.Rows) != 1 || tab.Rows[0].Name != "合计" || tab.Rows[0].Role != model.RoleTotal {
		t.Errorf("rows %+v", tab.Rows)
	}
	if len(tab.Notes) != 1 || !strings.HasPrefix(tab.Notes[0].Text, "（注：") {
		t.Errorf("notes %+v", tab.Notes)
	}
}
