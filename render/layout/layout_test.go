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

// TestHeaderRows builds header trees as the forms print them: a shorter
// path's leaf merged down to the last row, except under a group whose
// sub-columns repeat those of a deepest group three times or more (深圳's
// “三公” table: 总计 … each over the three budgets, as 公务用车购置及运行维护费
// / 小计 is), where the group is merged down and the sub-columns share the
// last row.
func TestHeaderRows(t *testing.T) {
	money := func(key string, headers ...string) []model.Column {
		var cols []model.Column
		for i, h := range headers {
			cols = append(cols, model.Column{Key: key + strconv.Itoa(i), Header: h, Type: model.TypeMoney})
		}
		return cols
	}
	funds := func(group string) []string {
		return []string{group + " / 一般公共预算", group + " / 政府性基金预算", group + " / 国有资本经营预算"}
	}
	var shenzhen []string
	for _, g := range []string{"总计", "因公出国(境)费", "公务接待费", "公务用车购置及运行维护费 / 小计",
		"公务用车购置及运行维护费 / 公务用车购置费", "公务用车购置及运行维护费 / 公务用车运行维护费"} {
		shenzhen = append(shenzhen, funds(g)...)
	}
	tests := []struct {
		name string
		cols []model.Column
		want []string
	}{
		{"a leaf merged down", append([]model.Column{
			{Key: "seq", Header: "序号", Type: model.TypeSeq},
			{Key: "code", Header: "功能分类科目 / 科目编码", Type: model.TypeCode},
			{Key: "name", Header: "功能分类科目 / 科目名称", Type: model.TypeName},
		}, money("m", "合计", "本年收入 / 一般公共预算 / 小计", "本年收入 / 一般公共预算 / 其中：财政拨款", "本年收入 / 事业收入")...),
			[]string{
				"序号{3,1} 功能分类科目{1,2} ~ 合计{3,1} 本年收入{1,3} ~ ~",
				"~ 科目编码{2,1} 科目名称{2,1} ~ 一般公共预算{1,2} ~ 事业收入{2,1}",
				"~ ~ ~ ~ 小计{1,1} 其中：财政拨款{1,1} ~",
			}},
		{"深圳 三公: the groups merged down over the three budgets", append([]model.Column{
			{Key: "unit_name", Header: "预算单位", Type: model.TypeText},
			{Key: "name", Header: "年度", Type: model.TypeName},
		}, money("m", shenzhen...)...),
			[]string{
				"预算单位{3,1} 年度{3,1} 总计{2,3} ~ ~ 因公出国(境)费{2,3} ~ ~ 公务接待费{2,3} ~ ~ 公务用车购置及运行维护费{1,9} ~ ~ ~ ~ ~ ~ ~ ~",
				"~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ 小计{1,3} ~ ~ 公务用车购置费{1,3} ~ ~ 公务用车运行维护费{1,3} ~ ~",
				"~ ~ " + strings.TrimSpace(strings.Repeat("一般公共预算{1,1} 政府性基金预算{1,1} 国有资本经营预算{1,1} ", 6)),
			}},
		{"江苏 收支总表: two groups over 项目名称 | 金额 keep their leaves merged down", []model.Column{
			{Key: "income_item", Header: "收入 / 项目名称", Type: model.TypeName},
			{Key: "income", Header: "收入 / 金额", Type: model.TypeMoney},
			{Key: "expense_item", Header: "支出 / 功能分类 / 功能科目名称", Type: model.TypeText},
			{Key: "expense", Header: "支出 / 功能分类 / 金额", Type: model.TypeMoney},
			{Key: "use_item", Header: "支出 / 支出用途 / 项目名称", Type: model.TypeText},
			{Key: "use", Header: "支出 / 支出用途 / 金额", Type: model.TypeMoney},
		},
			[]string{
				"收入{1,2} ~ 支出{1,4} ~ ~ ~",
				"项目名称{2,1} 金额{2,1} 功能分类{1,2} ~ 支出用途{1,2} ~",
				"~ ~ 功能科目名称{1,1} 金额{1,1} 项目名称{1,1} 金额{1,1}",
			}},
	}
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
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := headerRows(tt.cols)
			if len(rows) != len(tt.want) {
				t.Fatalf("got %d header rows", len(rows))
			}
			for i := range tt.want {
				if got := show(rows[i]); got != tt.want[i] {
					t.Errorf("row %d:\n got %s\nwant %s", i, got, tt.want[i])
				}
			}
		})
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
