package layout

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/render/grid"
)

// textTable is an untitled table of text columns, one row per line of cells.
func textTable(line int, rows ...[]string) model.Table {
	t := model.Table{Kind: "other", Line: line}
	n := 0
	for _, r := range rows {
		n = max(n, len(r))
	}
	for j := 0; j < n; j++ {
		t.Columns = append(t.Columns, model.Column{Key: "c" + string(rune('1'+j)), Type: model.TypeText})
	}
	for i, r := range rows {
		row := model.Row{Texts: map[string]string{}, Line: line + i}
		for j, c := range r {
			row.Texts[t.Columns[j].Key] = c
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func titled(title string, line int) model.Table {
	return model.Table{Kind: "income_summary", Title: title, Line: line,
		Columns: []model.Column{{Key: "name", Header: "项目", Type: model.TypeName}}}
}

func sheetTitles(b *grid.Book) []string {
	var out []string
	for _, s := range b.Sheets[1:] {
		out = append(out, s.Title)
	}
	return out
}

// sheetText is every cell's text of a sheet, one row a line.
func sheetText(s *grid.Sheet) []string {
	var out []string
	for _, r := range s.Rows {
		var cells []string
		for _, c := range r.Cells {
			if !c.Covered {
				cells = append(cells, cellText(c))
			}
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

func TestTableOfContents(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want bool
	}{
		{"parts", [][]string{{"第一部分", "部门概况"}, {"第二部分", "部门预算收支总体情况"}}, true},
		{"table names", [][]string{{"1.", "2026年预算单位财务收支预算总表"}, {"2.", "2026年预算单位收入预算总表"}}, true},
		{"contents with headings", [][]string{{"", "目 录"}, {"第一部分", "部门概况"}, {"一、主要职能"}}, true},
		{"table names with pages", [][]string{{"表1 收支总表", "3"}, {"表2 收入总表", "4"}}, true},
		{"empty-table list", [][]string{{"报表", "报表名称", "是否空表", "表格为空的理由"}, {"表9", "政府性基金收支表", "是", "不涉及"}}, false},
		{"key projects", [][]string{{"二级预算单位名称", "一级项目名称", "预算数（万元）", "绩效目标"}, {"本级", "社工服务", "628.10", "推进"}}, false},
		{"headings only", [][]string{{"一、部门职责"}, {"二、机构编制"}}, false},
	}
	for _, tt := range tests {
		tab := textTable(1, tt.rows...)
		if got := tableOfContents(&tab); got != tt.want {
			t.Errorf("%s: tableOfContents = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A document laid out on pages: its prose prints a table of contents and a
// key-project table split over two pages; an untitled form follows the
// official tables under a printed title line.
func proseDoc() *model.Document {
	places := []raw.Place{
		{Page: 1, Line: 1}, // 1 heading 目录 page
		{Page: 1, Line: 3}, // 2 the table of contents
		{Page: 2, Line: 1}, // 3 heading 重点项目
		{Page: 2, Line: 2}, // 4 paragraph
		{Page: 2, Line: 4}, // 5 key-project table
		{Page: 3, Line: 1}, // 6 its continuation
		{Page: 3, Line: 9}, // 7 paragraph after it
		{Page: 4, Line: 1}, // 8 收入总表
		{Page: 5, Line: 1}, // 9 title line of the form
		{Page: 5, Line: 3}, // 10 the untitled form
		{Page: 5, Line: 4}, // 11 the form's second row
		{Page: 6, Line: 1}, // 12 an untitled table after a titled one, no title line
		{Page: 2, Line: 5}, // 13 rows
		{Page: 3, Line: 2}, // 14
	}
	toc := textTable(2, []string{"第一部分", "部门概况"}, []string{"第二部分", "重点项目"})
	key := textTable(5, []string{"单位名称", "项目名称", "预算数（万元）", "绩效目标"}, []string{"本级", "社工服务", "628.10", "推进社会工作"})
	cont := textTable(6, []string{"本级", "社会组织管理", "569.04", "强化登记审查"})
	form := textTable(10, []string{"转移支付名称", "污染防治", "主管部门", "生态环境局"}, []string{"年度金额", "400"})
	loose := textTable(12, []string{"项目名称", "金额"}, []string{"甲", "1"})
	loose.Columns[0].Header = "项目名称"
	loose.Columns[1].Header = "金额"
	return &model.Document{
		Department: model.Department{Name: "某局"},
		Places:     places,
		Tables:     []model.Table{toc, key, cont, titled("收入总表", 8), form, loose},
		Sections: []model.Section{
			{Heading: "一、文字部分", Line: 1},
			{Heading: "第七部分 重点项目", Line: 3, Paragraphs: []model.Paragraph{{Text: "重点项目绩效目标情况如下：", Line: 4}, {Text: "备注：无。", Line: 7}}},
			{Heading: "", Line: 9, Paragraphs: []model.Paragraph{{Text: "专项转移支付绩效目标表（2026年度）", Line: 9}}},
		},
	}
}

func TestPlanBook(t *testing.T) {
	plan := planBook(proseDoc())
	want := []int{leftOut, inNarrative, inNarrative, ownSheet, ownSheet, ownSheet}
	for i, w := range want {
		if plan.where[i] != w {
			t.Errorf("table %d: where = %d, want %d", i, plan.where[i], w)
		}
	}
	if got := plan.names[4]; got != "专项转移支付绩效目标表（2026年度）" {
		t.Errorf("form named %q, want the title line above it", got)
	}
	if got := plan.names[5]; got != "项目名称、金额" {
		t.Errorf("loose table named %q, want its header", got)
	}
	if !plan.titleParas[9] {
		t.Errorf("the form's title line is not marked as its title")
	}
}

func TestProseTablesInBook(t *testing.T) {
	book, err := Build(proseDoc(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(sheetTitles(book), ",")
	want := "收入总表,专项转移支付绩效目标表（2026年度）,项目名称、金额,文字说明"
	if got != want {
		t.Errorf("sheets = %s\nwant %s", got, want)
	}
	if got := cellText(book.Sheets[2].Rows[0].Cells[0]); got != "专项转移支付绩效目标表（2026年度）" {
		t.Errorf("the named sheet prints title %q", got)
	}
	for _, s := range book.Sheets {
		if strings.HasPrefix(s.Name, "表") {
			t.Errorf("untitled sheet %q in the book", s.Name)
		}
	}
	ns := book.Sheets[len(book.Sheets)-1]
	lines := sheetText(ns)
	wantLines := []string{
		"文字说明",
		"一、文字部分",
		"第七部分 重点项目",
		"重点项目绩效目标情况如下：",
		"单位名称|项目名称|预算数（万元）|绩效目标",
		"本级|社工服务|628.10|推进社会工作",
		"本级|社会组织管理|569.04|强化登记审查",
		"备注：无。",
	}
	if strings.Join(lines, "\n") != strings.Join(wantLines, "\n") {
		t.Errorf("文字说明:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
	if len(ns.Widths) != 4 {
		t.Fatalf("文字说明 has %d columns, want the table's 4", len(ns.Widths))
	}
	total := 0.0
	for _, w := range ns.Widths {
		total += w
	}
	if total < narrativeWidth-0.5 || total > narrativeWidth+0.5 {
		t.Errorf("文字说明 is %.1f units wide, want %.0f (A4 upright)", total, narrativeWidth)
	}
	// the header row is a bordered header, the body bordered, the prose not
	if c := ns.Rows[4].Cells[0]; c.Style.Class != grid.Header || !c.Style.Class.Bordered() {
		t.Errorf("table header cell class %v, want a bordered header", c.Style.Class)
	}
	if c := ns.Rows[5].Cells[1]; !c.Style.Class.Bordered() {
		t.Errorf("table body cell class %v is not bordered", c.Style.Class)
	}
	if c := ns.Rows[3].Cells[0]; c.ColSpan != 4 || c.Style.Class.Bordered() {
		t.Errorf("paragraph spans %d columns, bordered %v; want 4, no border", c.ColSpan, c.Style.Class.Bordered())
	}
}

func TestWidenRow(t *testing.T) {
	// a two-column table in a four-column narrative: its last cell spans the rest
	r := grid.Row{Cells: []grid.Cell{{Text: "a"}, {Text: "b"}}}
	w := widenRow(r, 4)
	if len(w.Cells) != 4 || w.Cells[1].ColSpan != 3 || !w.Cells[2].Covered || !w.Cells[3].Covered {
		t.Errorf("widened row = %+v", w.Cells)
	}
	// a header cell spanning the last two columns grows
	r = grid.Row{Cells: []grid.Cell{{Text: "a"}, {Text: "b", ColSpan: 2}, {Covered: true}}}
	w = widenRow(r, 5)
	if w.Cells[1].ColSpan != 4 || len(w.Cells) != 5 {
		t.Errorf("widened span = %+v", w.Cells)
	}
}

// Prose a reader split into columns (cells mostly empty) reads as lines of
// text in 文字说明, not as a grid.
func TestSparseTableAsText(t *testing.T) {
	garbled := textTable(2,
		[]string{"", "", "（二）支出预算总计", "", "", "21,955.35", "", ""},
		[]string{"", "万元。包括：", "", "", "", "", "", ""},
		[]string{"", "", "", "", "1．公共安全（类）支出", "", "", ""},
	)
	if !sparse(&garbled) {
		t.Fatalf("a grid with 4 of 24 cells filled is not sparse")
	}
	dense := textTable(2, []string{"项目", "预算数"}, []string{"甲", ""})
	if sparse(&dense) {
		t.Errorf("a grid with 3 of 4 cells filled is sparse")
	}
	doc := &model.Document{
		Department: model.Department{Name: "某院"},
		Tables:     []model.Table{titled("收入总表", 1), garbled},
		Sections: []model.Section{{Heading: "一、收支预算总体情况", Line: 1,
			Paragraphs: []model.Paragraph{{Text: "（一）收入预算总计", Line: 2}, {Text: "与上年相比增加。", Line: 9}}}},
	}
	doc.Tables[0].Line = 1
	book, err := Build(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ns := book.Sheets[len(book.Sheets)-1]
	got := strings.Join(sheetText(ns), "\n")
	want := strings.Join([]string{"文字说明", "一、收支预算总体情况", "（一）收入预算总计",
		"（二）支出预算总计 21,955.35", "万元。包括：", "1．公共安全（类）支出", "与上年相比增加。"}, "\n")
	if got != want {
		t.Errorf("文字说明:\n%s\nwant\n%s", got, want)
	}
	if len(ns.Widths) != 1 {
		t.Errorf("文字说明 has %d columns, want 1", len(ns.Widths))
	}
	// standing right after an official table it is still prose, not a sheet
	doc.Tables[1].Line = 1
	doc.Tables[0].Line = 0
	if w := planBook(doc).where[1]; w != inNarrative {
		t.Errorf("prose grid after an official table: where = %d, want in 文字说明", w)
	}
}
