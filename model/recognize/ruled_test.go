package recognize

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/model/raw"
)

// ruledBlock builds a grid as a ruled page gives it: merged header cells
// with their spans (see merged).
func ruledBlock(line int, rows ...raw.Row) raw.Block {
	for i := range rows {
		rows[i].Line = line + i
	}
	return raw.Block{Line: line, Rows: rows}
}

// TestPeriodsByWord reads a “三公” table that prints its columns under
// 上年, 当年 and 增减变化情况 (西安): the keys are the 当年 group's, and a
// column of that group blank in every row (会议费) stays blank rather than
// taking the figures of the 增减 group beside it.
func TestPeriodsByWord(t *testing.T) {
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "部门财政拨款“三公”经费支出表", Heading: true},
		ruledBlock(2,
			merged("单位名称/r2", "上年/c4", "<", "<", "<", "当年/c4", "<", "<", "<", "增减变化情况/c4", "<", "<", "<"),
			merged("^", "合计", "公务接待费", "会议费", "培训费", "合计", "公务接待费", "会议费", "培训费", "合计", "公务接待费", "会议费", "培训费"),
			merged("合计", "30.00", "10.00", "", "20.00", "50.00", "15.00", "", "35.00", "20.00", "5.00", "", "15.00"),
		))
	tb := findKind(t, out, "three_public")
	if len(tb.Rows) != 1 {
		t.Fatalf("rows %+v", tb.Rows)
	}
	want := map[string]string{"total": "50.00", "reception": "15.00", "training": "35.00", "meeting": ""}
	for k, w := range want {
		got, ok := tb.Rows[0].Values[k]
		if !ok {
			t.Errorf("no column %s: %+v", k, tb.Columns)
			continue
		}
		if got.String() != w {
			t.Errorf("%s = %q, want %q", k, got.String(), w)
		}
	}
}

// TestCodeInNameCell reads an economic-classification table that prints
// each code inside the name cell under one header (部门预算支出经济科目 |
// 预算, 广州): the codes and names apart, and how the source wrote them
// kept for the layout.
func TestCodeInNameCell(t *testing.T) {
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "一般公共预算基本支出情况表（按经济分类科目）", Heading: true},
		pdfGrid(2,
			[]string{"部门预算支出经济科目", "预算"},
			[]string{"合计", "100.00"},
			[]string{"[301]工资福利支出", "60.00"},
			[]string{"[30101]基本工资", "60.00"},
			[]string{"[302]商品和服务支出", "40.00"},
		))
	tb := findKind(t, out, "gpb_basic")
	var keys []string
	for _, c := range tb.Columns {
		keys = append(keys, c.Key)
	}
	if len(keys) != 2 || keys[0] != "name" || keys[1] != "total" {
		t.Fatalf("columns %v", keys)
	}
	if f := tb.Columns[0].CodeName; f != "["+model.CodePlace+"]"+model.NamePlace {
		t.Errorf("CodeName = %q", f)
	}
	want := [][3]string{{"", "合计", "100.00"}, {"301", "工资福利支出", "60.00"}, {"30101", "基本工资", "60.00"}, {"302", "商品和服务支出", "40.00"}}
	for i, w := range want {
		r := tb.Rows[i]
		if r.Code != w[0] || r.Name != w[1] || r.Values["total"].String() != w[2] {
			t.Errorf("row %d = %s %s %s, want %v", i, r.Code, r.Name, r.Values["total"].String(), w)
		}
	}
}

func findKind(t *testing.T, doc *model.Document, kind string) *model.Table {
	t.Helper()
	for i := range doc.Tables {
		if doc.Tables[i].Kind == kind {
			return &doc.Tables[i]
		}
	}
	var kinds []string
	for _, tb := range doc.Tables {
		kinds = append(kinds, tb.Kind+" "+tb.Title)
	}
	t.Fatalf("no %s table: %v", kind, kinds)
	return nil
}

// TestBlankPrintedColumns keeps a column the form prints with a header of
// its own though no row fills it (长沙 收入总体情况表: 事业单位经营服务收入,
// 上级补助收入, 其它收入), in its place, as a blank column: the pack prints
// the form's columns, not only the filled ones.
func TestBlankPrintedColumns(t *testing.T) {
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "2025年部门收入总体情况表", Heading: true},
		ruledBlock(2,
			merged("科目编码/r2", "科目名称/r2", "合计/r2", "本级财政拨款/r2", "事业单位经营服务收入/r2", "上级补助收入/r2", "事业收入/r2"),
			merged("^", "^", "^", "^", "^", "^", "^"),
			merged("", "合计", "10.00", "10.00", "", "", ""),
			merged("201", "一般公共服务支出", "10.00", "10.00", "", "", ""),
		))
	tb := findKind(t, out, "income_summary")
	var got []string
	for _, c := range tb.Columns {
		got = append(got, c.Printed)
	}
	want := []string{"科目编码", "科目名称", "合计", "本级财政拨款", "事业单位经营服务收入", "上级补助收入", "事业收入"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("columns\n got %v\nwant %v", got, want)
	}
	if v := tb.Rows[1].Texts; v["extra.5"] != "" || v["extra.6"] != "" {
		t.Errorf("a blank column filled: %v", v)
	}
}
