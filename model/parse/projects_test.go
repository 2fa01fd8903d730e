package parse

import (
	"budgetpack/model"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// corpusProjects pins, per corpus document, the projects read from its
// project performance forms (项目支出绩效目标表) by the shape the national
// vocabulary gives them, counted off the pages: the number of projects,
// and of the second (else the first) its name, amount and indicators.
// Guangzhou publishes no project forms.
var corpusProjects = []struct {
	name       string
	projects   int
	sample     string
	amount     string
	indicators int
}{
	// one list over many pages (项目名称, 项目总额, 绩效目标, 一级/二级/三级指标 …)
	// (the code printed over two lines of the name's cell, 11000022T00 /
	// 0000422234-, is the project's code; beijing-3 adds its 转移支付 form)
	{"beijing-1-2026", 34, "朝阳区气象台站运行及服务维持费项目", "64.000000", 8},
	{"beijing-2-2026", 15, "全民参与花园城市建设实践", "450.000000", 15},
	{"beijing-3-2026", 62, "生态环境保护宣传平台运营项目", "528.336000", 13},
	{"changsha-1-2025", 14, "大院运行和维修经费", "2791.51", 17},
	{"chongqing-1-2026", 1, "气象事务", "4902.34", 12},
	// one form per project (项目名称, 主管部门, 资金, 年度目标, 指标 rows);
	// Chongqing's 专项资金 forms print no amount beside the name
	{"chongqing-2-2026", 3, "重庆市水利专项资金", "", 7},
	{"xian-1-2026", 9, "接待中心人员办公事务", "24.70", 6},
	{"xian-2-2022", 6, "指挥中心运行维护费", "1624.61", 15},
	{"xian-3-2026", 4, "购买中介机构审计服务", "350.00", 14},
	{"yantai-1-2026", 10, "办公室政务运行保障经费", "891.00", 69},
	{"yantai-2-2026", 22, "自然资源开发利用卫星遥感监测", "200", 8},
	{"yantai-3-2026", 2, "实施公车统管费用", "5.00", 7},
	{"guangzhou-1-2026", 0, "", "", 0},
}

func TestCorpusProjects(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	for _, tc := range corpusProjects {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := readCorpus(filepath.Join(corpus, tc.name))
			if err != nil {
				t.Skip("readers not ready:", err)
			}
			if len(doc.Projects) != tc.projects {
				t.Fatalf("%d projects, want %d", len(doc.Projects), tc.projects)
			}
			if tc.projects == 0 {
				return
			}
			p := doc.Projects[0]
			if tc.projects > 1 {
				p = doc.Projects[1]
			}
			amount := ""
			if a, ok := p.Amounts["total"]; ok {
				amount = a.String()
			}
			if p.Name != tc.sample || amount != tc.amount || len(p.Indicators) != tc.indicators {
				t.Errorf("project %q amount %q with %d indicators, want %q %q with %d", p.Name, amount, len(p.Indicators), tc.sample, tc.amount, tc.indicators)
			}
			for _, ind := range p.Indicators {
				if ind.Level3 == "" && ind.Value == "" {
					t.Errorf("indicator without name and value at line %d", ind.Line)
				}
			}
		})
	}
}

// TestCorpusOverall pins the overall forms (部门整体支出绩效目标表) read by
// the shape the vocabulary gives them: the goal's first words, the number
// of tasks and of indicators, and one indicator as read.
func TestCorpusOverall(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	for _, tc := range []struct {
		name, goal        string
		tasks, indicators int
		firstTask         string
		sample            model.Indicator // an indicator the form prints
	}{
		// its indicators in one 绩效指标 cell: classes and name split
		{"beijing-1-2026", "深入推进全面从严治党", 0, 9, "",
			model.Indicator{Level1: "产出指标", Level2: "数量指标", Level3: "气象监测预报服务人员", Value: "200", Nature: "≥", Unit: "人"}},
		// 13 indicators on its page; the 转移支付 form after it is a form of its own
		{"beijing-3-2026", "我局2026年预算紧密围绕", 0, 13, "",
			model.Indicator{Level1: "效益指标", Level2: "可持续影响指标", Level3: "为本市生态环境监管提供有效技术支持", Value: "优", Nature: "定性"}},
		// the tasks at the columns 任务名称 and 主要内容; not the 金额合计 row
		{"xian-1-2026", "2026年，西安市信访局", 6, 14, "保运转",
			model.Indicator{Level1: "成本指标", Level2: "经济成本", Level3: "信访事务业务经费支出（万元/年）", Value: "≤443.62"}},
		{"xian-3-2026", "履行审计监督职责", 5, 22, "机关运转", model.Indicator{}},
		{"changsha-1-2025", "", 0, 24, "", model.Indicator{}},
		// 指标名称 … 指标值 under a 绩效指标 row label
		{"chongqing-1-2026", "", 0, 11, "",
			model.Indicator{Level3: "气候预测准确率", Value: "68", Nature: "≥", Unit: "%"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := readCorpus(filepath.Join(corpus, tc.name))
			if err != nil {
				t.Skip("readers not ready:", err)
			}
			g := doc.Overall
			if g == nil {
				t.Fatal("no overall goal")
			}
			if !strings.HasPrefix(g.Goal, tc.goal) || len(g.Indicators) != tc.indicators || len(g.Tasks) != tc.tasks {
				t.Errorf("goal %.20q with %d tasks, %d indicators, want %q… with %d, %d", g.Goal, len(g.Tasks), len(g.Indicators), tc.goal, tc.tasks, tc.indicators)
			}
			if tc.firstTask != "" && (len(g.Tasks) == 0 || g.Tasks[0].Name != tc.firstTask || g.Tasks[0].Content == "") {
				t.Errorf("tasks %+v, want the first %q with its content", g.Tasks, tc.firstTask)
			}
			if tc.sample.Level3 == "" {
				return
			}
			for _, ind := range g.Indicators {
				ind.Line, ind.Description = 0, ""
				if ind == tc.sample {
					return
				}
			}
			t.Errorf("no indicator %+v among %+v", tc.sample, g.Indicators)
		})
	}
}

// level1 matches a first-level indicator class as a project list prints it.
var level1 = regexp.MustCompile(`^(产出|效益|满意度|成本)指标$`)

// TestCorpusListColumns pins the columns of the project lists read as
// printed: every first-level class (a class followed by its second-level
// class) stands in the column headed 一级指标, on
// the list's first page and on every page after it, where a later page's
// grid leaves a column blank (beijing-1-2026 fills 其他资金 for no
// project; xian-3-2026 its merged 项目名称 on the page a project goes on).
func TestCorpusListColumns(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	for _, tc := range []struct {
		name string
		rows int // rows printing a first-level class (a merged one once)
	}{
		{"beijing-1-2026", 297}, // every indicator row prints its class
		{"beijing-2-2026", 230},
		{"beijing-3-2026", 457}, // with its 转移支付 form's 3
		{"xian-3-2026", 18},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := readCorpus(filepath.Join(corpus, tc.name))
			if err != nil {
				t.Skip("readers not ready:", err)
			}
			rows := 0
			for _, tb := range doc.Tables {
				if tb.Kind != "project_performance" {
					continue
				}
				head := ""
				for _, c := range tb.Columns {
					if c.Header == "一级指标" {
						head = c.Key
					}
				}
				for _, r := range tb.Rows {
					for k, s := range r.Texts {
						if s == "一级指标" && head == "" {
							head = k
						}
					}
				}
				// a class followed by a second-level class (数量指标), not a
				// second-level 成本指标 followed by its indicator
				next := map[string]string{}
				for i := 1; i < len(tb.Columns); i++ {
					next[tb.Columns[i-1].Key] = tb.Columns[i].Key
				}
				for _, r := range tb.Rows {
					for k, s := range r.Texts {
						if !level1.MatchString(s) || !strings.HasSuffix(r.Texts[next[k]], "指标") {
							continue
						}
						rows++
						if k != head {
							t.Errorf("%s: %s at line %d in %s, not under 一级指标 (%s)", tb.Title, s, r.Line, k, head)
						}
					}
				}
			}
			if rows != tc.rows {
				t.Errorf("%d rows with a class, want %d", rows, tc.rows)
			}
		})
	}
}
