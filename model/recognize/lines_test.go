package recognize

import (
	"reflect"
	"testing"

	"budgetpack/model"
	"budgetpack/templates"
)

// TestCentredRows assigns the lines of a text export to the rows of their
// anchor lines, each anchor at its row's middle.
func TestCentredRows(t *testing.T) {
	tests := []struct {
		name    string
		pos     []int
		anchors []int
		want    []int
	}{
		{"one row", []int{1, 2, 3}, []int{1}, []int{0, 0, 0}},
		// a tall row (a name over 3 lines around its amount), then a row of one line
		{"tall then short", []int{1, 2, 3, 4}, []int{1, 3}, []int{0, 0, 0, 1}},
		// a row of one line, then one whose wrapped cell starts above its anchor
		{"short then tall", []int{1, 2, 3, 4, 5}, []int{0, 3}, []int{0, 1, 1, 1, 1}},
		// blank lines between: the boundary in the middle of the gap
		{"gaps", []int{1, 4, 5, 6, 9}, []int{0, 2, 4}, []int{0, 1, 1, 1, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := centredRows(tc.pos, tc.anchors); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("centredRows = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestHeaderColumns finds the labels of a header split over lines, two
// narrow columns' labels set one over the other in one column.
func TestHeaderColumns(t *testing.T) {
	labels := map[string][]string{
		"name": {"项目名称"}, "nature": {"绩效指标性质"}, "value": {"本年绩效指标值"}, "unit": {"绩效度量单位"},
	}
	rows := []printedRow{
		{cells: []string{"", "", "本年绩", ""}},
		{cells: []string{"", "绩效指", "绩效度", ""}},
		{cells: []string{"项目名称", "", "效指标", ""}},
		{cells: []string{"", "标性质", "量单位", ""}},
		{cells: []string{"", "", "值", ""}},
	}
	want := map[string]int{"name": 0, "nature": 1, "value": 2, "unit": 3}
	if got := headerColumns(rows, labels); !reflect.DeepEqual(got, want) {
		t.Errorf("headerColumns = %v, want %v", got, want)
	}
}

// TestJoinFragments joins a wrapped cell's lines: Chinese text and codes
// run on, words of Latin letters keep a space.
func TestJoinFragments(t *testing.T) {
	for _, tc := range []struct {
		parts []string
		want  string
	}{
		{[]string{"11000021T00", "0000126362-", "机动车排放", "实验室运行"}, "11000021T000000126362-机动车排放实验室运行"},
		{[]string{"PM2.5 and", "ozone"}, "PM2.5 and ozone"},
		{[]string{"", "设项目"}, "设项目"},
	} {
		if got := joinFragments(tc.parts); got != tc.want {
			t.Errorf("joinFragments(%q) = %q, want %q", tc.parts, got, tc.want)
		}
	}
}

// TestReadFunds reads Beijing's 总体资金情况 block: headers over a line of
// amounts, a group's name over the columns beside it.
func TestReadFunds(t *testing.T) {
	g := &model.OverallGoal{}
	var heads [][]string
	lines := [][]string{
		{"总体资金情况（万元）", "", "预算支出总额", "财政拨款", "", "", "其他资金", ""},
		{"", "", "", "合计", "基本支出", "项目支出", "合计", "基本支出"},
		{"", "", "30,775.648545", "30,767.648545", "2,010.968210", "28,756.680335", "8.000000", ""},
	}
	done := false
	for i, l := range lines {
		start := 0
		if i == 0 {
			start = 1
		}
		done = readFunds(g, &heads, l, start, i+1)
	}
	if !done {
		t.Fatal("the line of amounts did not end the block")
	}
	var got []string
	for _, b := range g.Budget {
		got = append(got, b.Name+"="+b.Amount.String())
	}
	want := []string{"预算支出总额=30775.648545", "财政拨款/合计=30767.648545", "财政拨款/基本支出=2010.968210",
		"财政拨款/项目支出=28756.680335", "其他资金/合计=8.000000"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("budget lines %v, want %v", got, want)
	}
}

// TestGoalFromCaption reads a goal printed above the form's grid and
// keeps the caption's lines before its label.
func TestGoalFromCaption(t *testing.T) {
	s := &templates.FormShape{Fields: map[string][]string{"goal": {"整体绩效目标", "当年整体绩效目标"}}}
	goal, lbl, before := goalFromCaption([]string{"单位名称:重庆市气象局当年整体绩效目标1.全力做好规划编制。"}, s)
	if goal != "1.全力做好规划编制。" || lbl != "当年整体绩效目标" || !reflect.DeepEqual(before, []string{"单位名称:重庆市气象局"}) {
		t.Errorf("goal %q label %q before %q", goal, lbl, before)
	}
	if goal, _, before := goalFromCaption([]string{"单位：万元"}, s); goal != "" || len(before) != 1 {
		t.Errorf("a caption without a goal gave %q, %q", goal, before)
	}
}

// TestJoinListLinesHeaderlessPage reads a list's page printed without a
// header whose grid, found from its text alone, lacks a column blank all
// down the page (其他资金): its cells stand one column left of the
// header's, and its 满意度 row (a wrapped 二级 name, the goal's last line
// beside it) keeps its cells together in its class.
func TestJoinListLinesHeaderlessPage(t *testing.T) {
	shape := nationalShape(t, "project_performance")
	e := ""
	var rows []printedRow
	var at []linePlace
	add := func(page, line int, cells ...string) {
		rows = append(rows, printedRow{cells: cells, line: len(rows) + 1})
		at = append(at, linePlace{page: page, line: line})
	}
	// page 1: the header, then a project of two indicators
	add(1, 1, "项目名称", "项目总额", e, e, "绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位")
	add(1, 2, e, e, "财政资金", "其他资金", e, e, e, e, e, e, e)
	add(1, 4, e, e, e, e, e, "产出指标", "数量指标", "检定数量", "≥", "37", "套")
	add(1, 5, "甲项目", "10.00", "10.00", e, "目标甲", e, e, e, e, e, e)
	add(1, 6, e, e, e, e, e, "满意度指标", "服务对象满意度指标", "公众满意度", "≥", "90", "%")
	// page 2: no header, its columns one to the left from 其他资金 on
	add(2, 1, e, e, e, "目标乙的第一行", "产出指标", "质量指标", "传输及时率", "≥", "96", "%", e)
	add(2, 2, "乙项目", "20.00", "20.00", "目标乙的第二行", e, e, e, e, e, e, e)
	add(2, 3, e, e, e, "目标乙的第三行", "产出指标", "时效指标", "完成时间", "≤", "12", "月", e)
	add(2, 5, e, e, e, e, e, "服务对象满意度 公众满", e, e, e, e, e)
	add(2, 6, e, e, e, "目标乙的末行。", "满意度指标", e, "≥", e, "85", "%", e)
	add(2, 7, e, e, e, e, e, "指标", "意率", e, e, e, e)
	got := readProjectList(shape, joinListLines(shape, rows, at))
	if len(got) != 2 {
		t.Fatalf("%d projects, want 2: %+v", len(got), got)
	}
	p := got[1]
	if p.Name != "乙项目" || p.Goal != "目标乙的第一行目标乙的第二行目标乙的第三行目标乙的末行。" {
		t.Errorf("project = %q, goal %q", p.Name, p.Goal)
	}
	want := []string{"产出指标|质量指标|96", "产出指标|时效指标|12", "满意度指标|服务对象满意度 公众满指标|85"}
	var have []string
	for _, ind := range p.Indicators {
		have = append(have, ind.Level1+"|"+ind.Level2+"|"+ind.Value)
	}
	if !reflect.DeepEqual(have, want) {
		t.Errorf("indicators = %q, want %q", have, want)
	}
}
