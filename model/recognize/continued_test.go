package recognize

import (
	"reflect"
	"testing"

	"budgetpack/model/raw"
)

// TestRepeatedHead finds a table's header printed again on its next page
// and the column of the first page each column of the next page stands
// under.
func TestRepeatedHead(t *testing.T) {
	first := pdfGrid(1,
		[]string{"单位名称：某局", "", "", "", "", "单位：万元"},
		[]string{"项目名称", "总计", "财政拨款", "", "其他资金", "绩效目标"},
		[]string{"", "", "一般公共预算", "政府性基金预算", "", ""},
		[]string{"合计", "30.00", "30.00", "0.00", "0.00", ""},
	)
	tests := []struct {
		name     string
		next     raw.Block
		wantOK   bool
		wantSkip int
		wantCols []int
	}{
		{"the same columns", pdfGrid(10,
			[]string{"项目名称", "总计", "财政拨款", "", "其他资金", "绩效目标"},
			[]string{"", "", "一般公共预算", "政府性基金预算", "", ""},
			[]string{"乙项目", "10.00", "10.00", "0.00", "0.00", "完成"},
		), true, 2, []int{0, 1, 2, 3, 4, 5}},
		// the next page's grid holds an empty column more before the last
		{"a column more", pdfGrid(10,
			[]string{"项目名称", "总计", "财政拨款", "", "其他资金", "", "绩效目标"},
			[]string{"", "", "一般公共预算", "政府性基金预算", "", "", ""},
			[]string{"乙项目", "10.00", "10.00", "0.00", "0.00", "", "完成"},
		), true, 2, []int{0, 1, 2, 3, 4, 4, 5}},
		{"no header", pdfGrid(10,
			[]string{"乙项目", "10.00", "10.00", "0.00", "0.00", "完成"},
		), false, 0, nil},
		// one word is no header: 合计 opens a table of its own
		{"one word", pdfGrid(10,
			[]string{"合计", "", "", "", "", ""},
			[]string{"乙项目", "10.00", "10.00", "0.00", "0.00", "完成"},
		), false, 0, nil},
		{"another header", pdfGrid(10,
			[]string{"科目编码", "科目名称", "合计", "基本支出", "项目支出"},
			[]string{"201", "一般公共服务支出", "10.00", "10.00", ""},
		), false, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			skip, cols, ok := repeatedHead(first, tc.next)
			if ok != tc.wantOK || skip != tc.wantSkip || !reflect.DeepEqual(cols, tc.wantCols) {
				t.Errorf("repeatedHead = %d, %v, %v; want %d, %v, %v", skip, cols, ok, tc.wantSkip, tc.wantCols, tc.wantOK)
			}
		})
	}
}

// TestContinuedUnderRepeatedHeader reads a table whose next page prints
// its header again, in a grid with an empty column more, after the page
// number and a line of a cell's text run over the page end: one table,
// the next page's figures under the first page's columns, the header
// not read as rows (guangzhou-1-2026, 部门预算项目支出及其他支出预算表).
func TestContinuedUnderRepeatedHeader(t *testing.T) {
	header := [][]string{
		{"科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位经营支出"},
	}
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "本年支出总体情况表"},
		pdfGrid(2,
			append(header,
				[]string{"", "合计", "300.00", "200.00", "100.00", "0.00"},
				[]string{"213", "农林水支出", "100.00", "", "100.00", "0.00"},
				[]string{"2130305", "水利工程建设", "100.00", "", "100.00", "0.00"},
			)...),
		raw.Block{Line: 10, Text: "按计划完成水利工程建设任务，确保工程质量"},
		raw.Block{Line: 11, Text: "- 27 -"},
		pdfGrid(12,
			[]string{"科目编码", "科目名称", "合计", "基本支出", "项目支出", "", "事业单位经营支出"},
			[]string{"221", "住房保障支出", "200.00", "200.00", "", "", "0.00"},
			[]string{"2210203", "购房补贴", "1,200.00", "1,200.00", "", "", "0.00"},
		),
	)
	if len(out.Tables) != 1 {
		for _, tab := range out.Tables {
			t.Logf("%s %q %d rows", tab.Kind, tab.Title, len(tab.Rows))
		}
		t.Fatalf("%d tables, want the one table", len(out.Tables))
	}
	tab := out.Tables[0]
	var codes []string
	for _, r := range tab.Rows {
		if r.Name == "科目名称" || r.Code == "科目编码" {
			t.Errorf("the repeated header read as a row: %+v", r)
		}
		if r.Code != "" {
			codes = append(codes, r.Code)
		}
	}
	if want := []string{"213", "2130305", "221", "2210203"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("codes %v, want %v", codes, want)
	}
	last := tab.Rows[len(tab.Rows)-1]
	if last.Values["basic"].String() != "1200.00" || last.Values["operating"].String() != "0.00" {
		t.Errorf("last row %v, want basic 1200.00 and operating 0.00 under their headers", last.Values)
	}
	if c := tab.Column("basic"); c == nil || !c.Grouped {
		t.Errorf("basic column %+v: the next page prints 1,200.00 with a separator", c)
	}
	if c := tab.Column("project"); c == nil || c.Grouped {
		t.Errorf("project column %+v: no figure of it prints a separator", c)
	}
}

// TestFormContinued reads a form that goes on on the next pages in grids
// of their own under no title: the text of a cell run over the page end
// goes back to its cell, a merged label cut in two is no row, and the form
// under the next title (a 转移支付 form, read as a project's) stays a table
// of its own (beijing-1-2026, beijing-2-2026 and beijing-3-2026).
func TestFormContinued(t *testing.T) {
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "预算13表 部门整体支出绩效目标表"},
		pdfGrid(2,
			[]string{"部门名称", "首都绿化委员会办公室", "", "", "", ""},
			[]string{"活动", "目标", "绩效指标", "指标性质", "指标值", "度量单位"},
			[]string{"全民义务植树补助", "在市委市政府和首都绿化委员会的坚强领导下，认真贯彻", "产出指标数量指标发放尽责证书", "＝", "24000", "张"},
			[]string{"", "", "产出指标质量指标服务接待率", "定性", "100%", ""},
		),
		raw.Block{Line: 6, Text: "效益指"},
		raw.Block{Line: 7, Text: "习近平生态文明思想。"},
		pdfGrid(8,
			[]string{"全民义务植树补助", "满意度指标服务对象满意度指标", "≥", "98", "%"},
		),
		raw.Block{Line: 9, Text: "节能减排及环境保护专项转移支付绩效目标表"},
		raw.Block{Line: 10, Text: "（2026年度）"},
		pdfGrid(11,
			[]string{"转移支付名称", "节能减排及环境保护专项转移支付", "市级主管部门", "北京市生态环境局"},
		),
	)
	var kinds []string
	for _, tab := range out.Tables {
		kinds = append(kinds, tab.Kind)
	}
	if want := []string{"overall_performance", "project_performance"}; !reflect.DeepEqual(kinds, want) {
		t.Fatalf("tables %v, want %v", kinds, want)
	}
	found := map[string]bool{}
	for _, r := range out.Tables[0].Rows {
		for _, s := range r.Texts {
			if s == "效益指" || s == "习近平生态文明思想。" {
				t.Errorf("%q read as a row of its own", s)
			}
			found[s] = true
		}
	}
	for _, want := range []string{
		"在市委市政府和首都绿化委员会的坚强领导下，认真贯彻习近平生态文明思想。", // the goal and its end on the next page
		"满意度指标服务对象满意度指标",                      // the next page's row
	} {
		if !found[want] {
			t.Errorf("no cell %q in the form", want)
		}
	}
}

// TestCodeAndNameInOneCell reads a 科目 printed with its code and name in
// one cell: the row has both, and the column keeps how it prints them so
// that the packs print them so (beijing 预算03表, guangzhou 表5).
func TestCodeAndNameInOneCell(t *testing.T) {
	tests := []struct {
		name, title, header, cell string
		wantCode, wantName        string
		wantFormat                string
	}{
		{"joined by a dash", "预算03表 支出总表", "支出功能分类科目", "2120803-城市建设支出", "2120803", "城市建设支出", "{code}-{name}"},
		{"code in brackets", "一般公共预算支出情况表（按功能分类科目）", "功能科目名称", "[201]一般公共服务支出", "201", "一般公共服务支出", "[{code}]{name}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := recognizePDF(t,
				raw.Block{Line: 1, Text: tc.title},
				pdfGrid(2,
					[]string{tc.header, "合计", "基本支出", "项目支出"},
					[]string{tc.cell, "4,256.00", "", "4,256.00"},
				))
			if len(out.Tables) != 1 || len(out.Tables[0].Rows) == 0 {
				t.Fatalf("tables %+v", out.Tables)
			}
			tab := out.Tables[0]
			r := tab.Rows[len(tab.Rows)-1]
			if r.Code != tc.wantCode || r.Name != tc.wantName {
				t.Errorf("row %q %q, want %q %q", r.Code, r.Name, tc.wantCode, tc.wantName)
			}
			format := ""
			for _, c := range tab.Columns {
				if c.CodeName != "" {
					format = c.CodeName
					if got := c.CodeAndName(r.Code, r.Name); got != tc.cell {
						t.Errorf("printed %q, want %q", got, tc.cell)
					}
				}
			}
			if format != tc.wantFormat {
				t.Errorf("column format %q, want %q", format, tc.wantFormat)
			}
		})
	}
}

// TestRunOn puts the text of a cell run over the page end back in the
// cell, unless the next page drew the merged cell again (beijing-1-2026,
// page 34: the goal's end is in the cell already).
func TestRunOn(t *testing.T) {
	g := pdfGrid(1,
		[]string{"项目", "年度目标", "指标"},
		[]string{"人工防雹项目", "在空域许可前提下，确保全市人工防雹保护区内正常开展", "作业点覆盖率"},
		[]string{"", "", "年检高炮数量"},
	)
	tests := []struct {
		line, want string
	}{
		{"人工防雹工作。", "在空域许可前提下，确保全市人工防雹保护区内正常开展人工防雹工作。"},
		{"保护区内正常开展", "在空域许可前提下，确保全市人工防雹保护区内正常开展"},
	}
	for _, tc := range tests {
		got := runOn(g, []raw.Block{{Line: 9, Text: tc.line}})
		if s := got.Rows[1].Cells[1].Text; s != tc.want {
			t.Errorf("%q: cell %q, want %q", tc.line, s, tc.want)
		}
		if g.Rows[1].Cells[1].Text != "在空域许可前提下，确保全市人工防雹保护区内正常开展" {
			t.Fatal("runOn changed the grid it was given")
		}
	}
}

// TestDroppedColumns reads a table whose next page prints no header and
// whose grid drops the columns no row of it fills (the blank first
// column, the funds it has none of): one table, each figure under its
// first-page column (wuxi-2-2026, 政府采购支出表).
func TestDroppedColumns(t *testing.T) {
	out := recognizePDF(t,
		raw.Block{Line: 1, Text: "政府采购支出表"},
		pdfGrid(2,
			[]string{"采购品目大类", "专项名称", "经济科目", "采购品目名称", "采购组织形式", "一般公共预算资金", "政府性基金", "其他资金", "总计"},
			[]string{"合计", "", "", "", "", "310.00", "", "", "310.00"},
			[]string{"货物", "", "", "", "", "10.00", "", "", "10.00"},
			[]string{"", "商品和服务支出", "办公费", "复印纸", "集中采购", "10.00", "", "", "10.00"},
		),
		raw.Block{Line: 6, Text: "- 25 -"},
		raw.Block{Line: 7, Text: "无锡市水利局2026年度部门预算公开"},
		// the next page: no header, no first column, no empty funds
		pdfGrid(8,
			[]string{"商品和服务支出", "维修（护）费", "物业管理服务", "集中采购", "300.00", "300.00"},
		),
	)
	if len(out.Tables) != 1 {
		t.Fatalf("%d tables, want the one table", len(out.Tables))
	}
	tab := out.Tables[0]
	last := tab.Rows[len(tab.Rows)-1]
	if last.Values["total"].String() != "300.00" || last.Name != "物业管理服务" {
		t.Errorf("last row %q %v %v, want 物业管理服务 with 总计 300.00", last.Name, last.Values, last.Texts)
	}
	under := ""
	for k, s := range last.Texts {
		if s == "商品和服务支出" {
			under = tab.Column(k).Header
		}
	}
	if under != "专项名称" {
		t.Errorf("商品和服务支出 under %q, want 专项名称", under)
	}
}

// TestUnderLastRow places a form's next page, a grid without the first
// page's merges, under the cells the first page's last row starts
// (beijing-2-2026, 部门整体支出绩效目标表).
func TestUnderLastRow(t *testing.T) {
	prev := pdfGrid(1,
		[]string{"", "活动", "", "绩效指标", "", "指标性质", "指标值", "", "度量单位"},
		[]string{"", "全民义务植树补助", "", "产出指标服务接待率", "", "定性", "100%", "", ""},
	)
	for _, j := range []int{0, 2, 4, 7} {
		prev.Rows[1].Cells[j].Covered = true // the label merged down, the cells merged across
	}
	next := pdfGrid(5, []string{"全民义务植树补助", "满意度指标尽责参与满意率", "≥", "98", "%"})
	got := underLastRow(prev, next)
	var texts []string
	for _, c := range got.Rows[0].Cells {
		texts = append(texts, c.Text)
	}
	want := []string{"", "全民义务植树补助", "", "满意度指标尽责参与满意率", "", "≥", "98", "", "%"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("got %q, want %q", texts, want)
	}
	// a next page as wide as the starts of no row stays as it is
	if other := pdfGrid(5, []string{"甲", "乙", "丙"}); !reflect.DeepEqual(underLastRow(prev, other), other) {
		t.Error("a grid of another width was moved")
	}
}

// TestOneColumnNarrower reads a table whose next page drops only its
// first column (jiangsu-3-2017's 政府采购预算表, pages 17–18): right after
// the page before, its rows are paired with the first page's columns from
// the right; with a line of prose between, the grid is not taken for the
// table's next page by that pairing.
func TestOneColumnNarrower(t *testing.T) {
	first := pdfGrid(2,
		[]string{"采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"},
		[]string{"合计", "", "", "", "", "616.00"},
		[]string{"三、服务C", "", "", "", "", "616.00"},
		[]string{"", "应用软件购建费", "信息网络及软件购置更新", "", "", "606.00"},
	)
	next := pdfGrid(8,
		[]string{"江苏法院云平台", "租赁费", "", "", "10.00"},
		[]string{"", "", "租赁服务（不带操作员）", "政府集中采购", "10.00"},
	)
	for _, tt := range []struct {
		name    string
		between []raw.Block
		joined  bool
	}{
		{"a page number between", []raw.Block{{Line: 6, Text: "- 18 -"}}, true},
		{"prose between", []raw.Block{{Line: 6, Text: "本部门政府采购预算说明如下"}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			blocks := append([]raw.Block{{Line: 1, Text: "政府采购预算表"}, first}, tt.between...)
			out := recognizePDF(t, append(blocks, next)...)
			tab := out.Tables[0]
			last := tab.Rows[len(tab.Rows)-1]
			got := last.Name == "租赁服务（不带操作员）" && last.Values["total"].String() == "10.00"
			if got != tt.joined {
				t.Errorf("last row %q %v %v; joined in its columns: %v, want %v", last.Name, last.Values, last.Texts, got, tt.joined)
			}
		})
	}
}
