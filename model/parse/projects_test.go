package parse

import (
	"os"
	"path/filepath"
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
	{"beijing-1-2026", 34, "7445-朝阳区气象台站运行及服务维持费项目", "64.000000", 8},
	{"beijing-2-2026", 15, "6140-全民参与花园城市建设实践", "450.000000", 15},
	{"beijing-3-2026", 61, "0000422234-生态环境保护宣传平台运营项目", "528.336000", 13},
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
// the shape the vocabulary gives them: the goal's first words and the
// number of indicators.
func TestCorpusOverall(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	for _, tc := range []struct {
		name, goal string
		indicators int
	}{
		{"beijing-1-2026", "深入推进全面从严治党", 0}, // its indicators in one merged 绩效指标 column: not read
		{"xian-3-2026", "履行审计监督职责", 22},
		{"changsha-1-2025", "", 24},
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
			if !strings.HasPrefix(g.Goal, tc.goal) || len(g.Indicators) != tc.indicators {
				t.Errorf("goal %.20q with %d indicators, want %q… with %d", g.Goal, len(g.Indicators), tc.goal, tc.indicators)
			}
		})
	}
}
