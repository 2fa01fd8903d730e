package recognize

import (
	"strings"
	"testing"

	"budgetpack/model/raw"
	"budgetpack/templates"
)

// TestCentredProjectList reads a project list from a page's text, where
// no ruling bounds a project: its name, amounts and goal are wrapped over
// lines set in the middle of its indicator rows, rows of the project above
// them too, and the header's labels are wrapped over its lines, two of
// them on alternate lines of one column (beijing-3-2026 as pdftotext
// prints it).
func TestCentredProjectList(t *testing.T) {
	e := ""
	rows := [][]string{
		{e, e, "其中：", e, e, e, e, e, e, "本年绩", e},
		{e, e, e, e, e, e, e, e, "绩效指", "绩效度", e},
		{"项目名称", "项目总额", e, e, "绩效目标", "一级指标", "二级指标", "三级指标", e, "效指标", e},
		{e, e, e, e, e, e, e, e, "标性质", "量单位", e},
		{e, e, "财政资金", "其他资金", e, e, e, e, e, "值", e},
		// the first project: two rows above its name
		{e, e, e, e, e, "产出指标", "数量指标", "设备计量检定数量", "＝", "37", "台"},
		{e, e, e, e, e, "产出指标", "数量指标", "设备维护保养数量", "＝", "9", "套"},
		{"11000021T00", e, e, e, "实验室开展检测，", e, e, e, e, e, e},
		{"0000126362-", "335.437700", "335.437700", e, "为管理决策", "效益指标", "社会效益指标", "合规率", "≥", "90", "%"},
		{"机动车排放", e, e, e, "提供技术支持。", e, e, e, e, e, e},
		{e, e, e, e, e, "满意度指标", "服务对象满意度", "满意度", "≥", "90", "%"},
		{e, e, e, e, e, "成本指标", "经济成本指标", "维护费用", "≤", "146.65", "万元"},
		// the second: a class of the first again starts it
		{e, e, e, e, e, "产出指标", "数量指标", "网站日常运行", "＝", "365", "天"},
		{"11000022T00", e, e, e, "及时发布", e, e, e, e, e, e},
		{"0000422234-", "528.336000", "528.336000", e, "空气质量信息。", "产出指标", "时效指标", "按时完成", "≤", "12", "月"},
		{"宣传项目", e, e, e, e, e, e, e, e, e, e},
		{e, e, e, e, e, "效益指标", "社会效益指标", "覆盖率", "＝", "100", "%"},
		{e, e, e, e, e, "满意度指标", "服务对象满意度", "舆情处置率", "＝", "100", "%"},
	}
	doc := recognizePDF(t, raw.Block{Line: 1, Text: "预算表12 项目支出绩效目标表"}, pdfGrid(2, rows...))
	type want struct {
		code, name, total string
		values            []string
	}
	wants := []want{
		{"11000021T000000126362", "机动车排放", "335.437700", []string{"37", "9", "90", "90", "146.65"}},
		{"11000022T000000422234", "宣传项目", "528.336000", []string{"365", "12", "100", "100"}},
	}
	if len(doc.Projects) != len(wants) {
		t.Fatalf("%d projects, want %d: %+v", len(doc.Projects), len(wants), doc.Projects)
	}
	for i, w := range wants {
		p := doc.Projects[i]
		var values []string
		for _, ind := range p.Indicators {
			values = append(values, ind.Value)
		}
		if p.Code != w.code || p.Name != w.name || p.Amounts["total"].String() != w.total ||
			strings.Join(values, " ") != strings.Join(w.values, " ") {
			t.Errorf("project %d: %q %q %s values %v, want %q %q %s %v", i, p.Code, p.Name, p.Amounts["total"], values, w.code, w.name, w.total, w.values)
		}
	}
	if g := doc.Projects[0].Goal; g != "实验室开展检测，为管理决策提供技术支持。" {
		t.Errorf("goal %q", g)
	}
}

// TestCentredProjectsByPage starts a project where a page starts: a page
// of a list from a text prints each project's name centred on its rows
// there, so the rows at the top of a page are never the page before's
// project, even where its classes go on in their order.
func TestCentredProjectsByPage(t *testing.T) {
	shape := nationalShape(t, "project_performance")
	e := ""
	row := func(page int, cells ...string) printedRow { return printedRow{cells: cells, page: page} }
	rows := []printedRow{
		row(1, "项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"),
		row(1, e, e, e, "产出指标", "数量指标", "检定数量", "37"),
		row(1, "甲项目", "10.00", "目标甲", "效益指标", "社会效益指标", "合规率", "90"),
		row(1, e, e, e, "满意度指标", "服务对象满意度指标", "满意度", "95"),
		// the next page: its first row goes with the name below it,
		// though its class goes on from the row above
		row(2, e, e, e, "满意度指标", "服务对象满意度指标", "满意度", "90"),
		row(2, "乙项目", "20.00", "目标乙", "效益指标", "社会效益指标", "覆盖率", "100"),
		row(2, e, e, e, "产出指标", "数量指标", "次数", "3"),
	}
	got := readProjectList(shape, rows)
	if len(got) != 2 {
		t.Fatalf("%d projects, want 2: %+v", len(got), got)
	}
	for i, w := range []struct {
		name string
		n    int
	}{{"甲项目", 3}, {"乙项目", 3}} {
		if got[i].Name != w.name || len(got[i].Indicators) != w.n {
			t.Errorf("project %d: %q with %d indicators, want %q with %d", i, got[i].Name, len(got[i].Indicators), w.name, w.n)
		}
	}
}

// nationalTable is the national vocabulary's table of a kind.
func nationalTable(t *testing.T, kind string) *templates.Table {
	t.Helper()
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tab := lib.Set("national").Table(kind)
	if tab == nil {
		t.Fatalf("no %s table in the national vocabulary", kind)
	}
	return tab
}

// nationalShape is the form shape of the national vocabulary's table kind.
func nationalShape(t *testing.T, kind string) *templates.FormShape {
	t.Helper()
	def := nationalTable(t, kind)
	if def.Shape == nil {
		t.Fatalf("no %s shape", kind)
	}
	return def.Shape
}
