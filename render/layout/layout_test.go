package layout

import (
	"strconv"
	"strings"
	"testing"

	"budgetpack/check"
	"budgetpack/model"
	"budgetpack/model/parse"
	"budgetpack/render/grid"
)

func TestHeaderRows(t *testing.T) {
	cols := []model.Column{
		{Key: "seq", Header: "序号", Type: model.TypeSeq},
		{Key: "code", Header: "功能分类科目 / 科目编码", Type: model.TypeCode},
		{Key: "name", Header: "功能分类科目 / 科目名称", Type: model.TypeName},
		{Key: "total", Header: "合计", Type: model.TypeMoney},
		{Key: "a", Header: "本年收入 / 一般公共预算 / 小计", Type: model.TypeMoney},
		{Key: "b", Header: "本年收入 / 一般公共预算 / 其中：财政拨款", Type: model.TypeMoney},
		{Key: "c", Header: "本年收入 / 事业收入", Type: model.TypeMoney},
	}
	rows := headerRows(cols)
	show := func(r grid.Row) string {
		var out []string
		for _, c := range r.Cells {
			if c.Covered {
				out = append(out, "~")
				continue
			}
			out = append(out, c.Text+"{"+strconv.Itoa(max(c.RowSpan, 1))+","+strconv.Itoa(max(c.ColSpan, 1))+"}")
		}
		return strings.Join(out, " ")
	}
	want := []string{
		"序号{3,1} 功能分类科目{1,2} ~ 合计{3,1} 本年收入{1,3} ~ ~",
		"~ 科目编码{2,1} 科目名称{2,1} ~ 一般公共预算{1,2} ~ 事业收入{2,1}",
		"~ ~ ~ ~ 小计{1,1} 其中：财政拨款{1,1} ~",
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d header rows", len(rows))
	}
	for i := range want {
		if got := show(rows[i]); got != want[i] {
			t.Errorf("row %d:\n got %s\nwant %s", i, got, want[i])
		}
	}
}

func TestNamer(t *testing.T) {
	n := newNamer()
	tests := []struct{ in, want string }{
		{"收支总表", "收支总表"},
		{"收支总表", "收支总表(2)"},
		{"a/b:c?", "a-b-c-"},
		{strings.Repeat("长", 40), strings.Repeat("长", 31)},
		{strings.Repeat("长", 40), strings.Repeat("长", 28) + "(2)"},
	}
	for _, tt := range tests {
		if got := n.take(tt.in); got != tt.want {
			t.Errorf("take(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBuildSeeds(t *testing.T) {
	for _, src := range []string{"../../testdata/hebei-xushui-gongxin-2024.txt", "../../testdata/henan-hongqi-gongxin-2023.txt"} {
		doc, err := parse.File(src, parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		fs, err := check.Run(doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		book, err := Build(doc, Options{Findings: fs, Review: true})
		if err != nil {
			t.Fatal(err)
		}
		refs := map[string]bool{}
		for _, s := range book.Sheets {
			for ri, r := range s.Rows {
				if len(r.Cells) != len(s.Widths) {
					t.Fatalf("%s row %d has %d cells for %d columns", s.Name, ri, len(r.Cells), len(s.Widths))
				}
				for ci, c := range r.Cells {
					if c.Ref != "" {
						refs[c.Ref] = true
					}
					// a span never runs past the sheet
					if c.ColSpan > 1 && ci+c.ColSpan > len(s.Widths) || c.RowSpan > 1 && ri+c.RowSpan > len(s.Rows) {
						t.Errorf("%s row %d col %d: span %dx%d runs past the sheet", s.Name, ri, ci, c.RowSpan, c.ColSpan)
					}
				}
			}
		}
		// every figure of the model has its cell
		for ti, tab := range doc.Tables {
			for ri, r := range tab.Rows {
				for key, v := range r.Values {
					if !v.IsBlank() && !refs[model.CellRef(ti, ri, key)] && tab.Kind != "overall_performance" {
						t.Errorf("%s: %s row %d %s = %s has no cell", src, tab.Kind, ri, key, v)
					}
				}
			}
		}
		// every finding with a cell is marked there
		marked := 0
		for _, f := range fs {
			if f.Ref != "" && refs[f.Ref] {
				marked++
			}
		}
		if marked == 0 {
			t.Errorf("%s: no finding marks a cell", src)
		}
		last := book.Sheets[len(book.Sheets)-1]
		if last.Name != AppendixName || !strings.Contains(last.Rows[0].Cells[0].Text, "数据差异说明") {
			t.Errorf("%s: last sheet %s", src, last.Name)
		}
	}
}

func TestAppendixWithoutFindings(t *testing.T) {
	doc, err := parse.File("../../testdata/henan-hongqi-gongxin-2023.txt", parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	book, err := Build(doc, Options{Review: true})
	if err != nil {
		t.Fatal(err)
	}
	last := book.Sheets[len(book.Sheets)-1]
	if last.Name != AppendixName || !strings.Contains(last.Rows[1].Cells[0].Text, "未发现数据差异") {
		t.Errorf("appendix without findings: %+v", last.Rows)
	}
	// without Appendix and findings there is no appendix at all
	book, _ = Build(doc, Options{})
	if book.Sheets[len(book.Sheets)-1].Name == AppendixName {
		t.Error("an appendix nobody asked for")
	}
}
