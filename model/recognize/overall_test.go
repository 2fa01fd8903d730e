package recognize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

// overallShape is the overall form's shape of a province that prints
// other labels than any corpus document: 单位全称, 年度整体目标, 重点工作
// (工作名称, 工作内容), 资金安排, and the indicator columns 指标类别, 指标子类,
// 指标名称, 目标值.
const overallShape = `    shape:
      layout: form
      fields:
        department: [单位全称]
        goal:       [年度整体目标]
      sections:
        tasks:  [重点工作]
        budget: [资金安排]
      tasks:
        name:    [工作名称]
        content: [工作内容]
      indicators:
        level1: [指标类别]
        level2: [指标子类]
        level3: [指标名称]
        value:  [目标值]
      skip: [合计]
    rows:
      - {key: total,   match: '资金总额'}
      - {key: basic,   match: '基本支出'}
      - {key: project, match: '项目支出'}
`

// libraryWithOverallShape loads the vocabulary with the overall form's
// shape replaced by shape.
func libraryWithOverallShape(t *testing.T, shape string) *templates.Library {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("../../templates/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatal("no templates", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == "national.yaml" {
			s := string(data)
			i := strings.Index(s, "  - kind: overall_performance")
			start := i + strings.Index(s[i:], "    shape:\n")
			end := strings.Index(s, "\n# 跨表核对")
			if i < 0 || start < i || end < start {
				t.Fatal("no overall shape in national.yaml")
			}
			data = []byte(s[:start] + shape + s[end:])
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := templates.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// TestOverallFormShapeAsData reads an overall form printed with labels
// that only the data names: the department, the goal with its next line,
// the tasks at their columns (not the 合计 row), the budget lines keyed by
// the table's rows, and the indicators with their merged class cells.
func TestOverallFormShapeAsData(t *testing.T) {
	blocks := []raw.Block{
		{Line: 1, Text: "部门整体支出绩效目标表"},
		pdfGrid(2,
			[]string{"单位全称", "", "某市档案局", ""},
			[]string{"年度整体目标", "完成档案接收与数字化，提升档案利用服务水平。", "", ""},
			[]string{"", "推进馆库改造，保障档案安全。", "", ""},
			[]string{"重点工作", "工作名称", "", "工作内容"},
			[]string{"", "档案接收", "", "接收到期档案并整理入库"},
			[]string{"", "合计", "", ""},
			[]string{"资金安排", "资金总额（万元）", "", "120.50"},
			[]string{"", "其中：基本支出", "", "100.00"},
			[]string{"", "项目支出", "", "20.50"},
			[]string{"指标类别", "指标子类", "指标名称", "目标值"},
			[]string{"产出指标", "数量指标", "档案数字化页数", "≥10万页"},
			[]string{"", "", "接收档案卷数", "≥2000卷"},
			[]string{"满意度指标", "服务对象满意度", "查档群众满意度", "≥90%"},
		),
	}
	lib := libraryWithOverallShape(t, overallShape)
	doc, err := Recognize(&raw.Document{Layout: "pdf", Blocks: blocks}, lib, Options{File: "x.pdf", Family: "national"})
	if err != nil {
		t.Fatal(err)
	}
	g := doc.Overall
	if g == nil {
		t.Fatal("no overall goal")
	}
	if doc.Department.Name != "某市档案局" {
		t.Errorf("department %q", doc.Department.Name)
	}
	if want := "完成档案接收与数字化，提升档案利用服务水平。\n推进馆库改造，保障档案安全。"; g.Goal != want {
		t.Errorf("goal %q, want %q", g.Goal, want)
	}
	if len(g.Tasks) != 1 || g.Tasks[0].Name != "档案接收" || g.Tasks[0].Content != "接收到期档案并整理入库" {
		t.Errorf("tasks %+v", g.Tasks)
	}
	var budget []string
	for _, b := range g.Budget {
		budget = append(budget, b.Key+"="+b.Amount.String())
	}
	if got, want := strings.Join(budget, " "), "total=120.50 basic=100.00 project=20.50"; got != want {
		t.Errorf("budget %s, want %s", got, want)
	}
	want := []model.Indicator{
		{Level1: "产出指标", Level2: "数量指标", Level3: "档案数字化页数", Value: "≥10万页"},
		{Level1: "产出指标", Level2: "数量指标", Level3: "接收档案卷数", Value: "≥2000卷"},
		{Level1: "满意度指标", Level2: "服务对象满意度", Level3: "查档群众满意度", Value: "≥90%"},
	}
	if len(g.Indicators) != len(want) {
		t.Fatalf("indicators %+v", g.Indicators)
	}
	for i, ind := range g.Indicators {
		ind.Line = 0
		if ind != want[i] {
			t.Errorf("indicator %d: %+v, want %+v", i, ind, want[i])
		}
	}

	// the national vocabulary's labels do not name this form's blocks
	plain := recognizePDF(t, blocks...)
	if o := plain.Overall; o != nil && (o.Goal != "" || len(o.Tasks) > 0 || len(o.Budget) > 0) {
		t.Errorf("read without its shape: %+v", o)
	}
}

// TestOverallIndicatorInOneCell reads indicators whose classes and name
// share one 绩效指标 cell (Beijing), split by the shape's classes and
// subclasses, the longest subclass first.
func TestOverallIndicatorInOneCell(t *testing.T) {
	s := &templates.FormShape{
		Classes: []string{"产出指标", "效益指标"},
		Subclasses: map[string][]string{
			"效益指标": {"社会效益", "社会效益指标"},
		},
	}
	tests := []struct{ text, l1, l2, l3 string }{
		{"产出指标数量指标气象监测预报服务人员", "产出指标", "", "数量指标气象监测预报服务人员"},
		{"效益指标社会效益指标提供预报预警业务及防灾减灾服务", "效益指标", "社会效益指标", "提供预报预警业务及防灾减灾服务"},
		{"效益指标社会效益 提升服务", "效益指标", "社会效益", "提升服务"},
		{"年度预算执行率", "", "", "年度预算执行率"},
	}
	for _, tt := range tests {
		got := splitIndicator(model.Indicator{}, tt.text, s)
		if got.Level1 != tt.l1 || got.Level2 != tt.l2 || got.Level3 != tt.l3 {
			t.Errorf("splitIndicator(%q) = %q/%q/%q, want %q/%q/%q", tt.text, got.Level1, got.Level2, got.Level3, tt.l1, tt.l2, tt.l3)
		}
	}
}
