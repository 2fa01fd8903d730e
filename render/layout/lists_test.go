package layout

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/render/grid"
)

// listRows is the header and the first body rows of a sheet, as showRow
// writes them, with the text of each cell cut to its first runes.
func listRows(s *grid.Sheet, body int) []string {
	var out []string
	for i := s.HeaderFrom; i < s.BodyFrom+body && i < len(s.Rows); i++ {
		r := s.Rows[i]
		cells := make([]grid.Cell, len(r.Cells))
		for j, c := range r.Cells {
			if rs := []rune(c.Text); len(rs) > 6 {
				c.Text = string(rs[:6])
			}
			cells[j] = c
		}
		out = append(out, showRow(grid.Row{Cells: cells}))
	}
	return out
}

// TestPublishedList checks that a project list read as printed renders
// as published: its two header rows as a tree (其中： across 财政资金 and
// 其他资金, the others merged down), the copy of the header a source page
// repeats dropped, each project's cells merged down over its indicator
// rows (across the source's page break too, where the next page restates
// the project and prints whole the goal the first page cut short), and a blank 一级指标 merged into the one above it.
func TestPublishedList(t *testing.T) {
	tb := textTable(10,
		[]string{"项目名称", "项目总额", "其中：", "", "绩效目标", "一级指标", "二级指标", "指标值"},
		[]string{"", "", "财政资金", "其他资金", "", "", "", ""},
		[]string{"甲项目", "30.00", "30.00", "", "办好甲", "产出指标", "数量指标", "800"},
		[]string{"", "", "", "", "", "", "质量指标", "合格"},
		[]string{"", "", "", "", "", "效益指标", "社会效益指标", "显著"},
		[]string{"项目名称", "项目总额", "其中：", "", "绩效目标", "一级指标", "二级指标", "指标值"},
		[]string{"", "", "财政资金", "其他资金", "", "", "", ""},
		[]string{"甲项目", "30.00", "30.00", "", "办好甲项目", "成本指标", "经济成本指标", "29"},
		[]string{"乙项目", "5.00", "", "5.00", "办好乙", "产出指标", "时效指标", "年底"},
	)
	tb.Kind = listKind
	doc := &model.Document{Tables: []model.Table{tb}}
	s := columnTable(doc, &doc.Tables[0], nil, 0)
	got := listRows(s, 9)
	want := []string{
		"项目名称{2,1} 项目总额{2,1} 其中：{1,2} ~ 绩效目标{2,1} 一级指标{2,1} 二级指标{2,1} 指标值{2,1}",
		"~ ~ 财政资金{1,1} 其他资金{1,1} ~ ~ ~ ~",
		"甲项目{4,1} 30.00{4,1} 30.00{4,1} {4,1} 办好甲项目{4,1} 产出指标{2,1} 数量指标{1,1} 800{1,1}",
		"~ ~ ~ ~ ~ ~ 质量指标{1,1} 合格{1,1}",
		"~ ~ ~ ~ ~ 效益指标{1,1} 社会效益指标{1,1} 显著{1,1}",
		"~ ~ ~ ~ ~ 成本指标{1,1} 经济成本指标{1,1} 29{1,1}",
		"乙项目{1,1} 5.00{1,1} {1,1} 5.00{1,1} 办好乙{1,1} 产出指标{1,1} 时效指标{1,1} 年底{1,1}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("list laid out as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s.HeaderTo-s.HeaderFrom != 2 || s.BodyFrom != s.HeaderTo {
		t.Errorf("header rows [%d,%d), body from %d; want two header rows then the body", s.HeaderFrom, s.HeaderTo, s.BodyFrom)
	}
	// a list of another kind is laid out as before: its rows as read
	tb.Kind = "other"
	doc = &model.Document{Tables: []model.Table{tb}}
	s = columnTable(doc, &doc.Tables[0], nil, 0)
	if n := len(s.Rows) - s.BodyFrom; n != len(tb.Rows) {
		t.Errorf("another kind's table has %d body rows, want its %d rows as read", n, len(tb.Rows))
	}
}

// TestPublishedListIndicators checks a list whose indicator headings sit
// under one 绩效指标 and are printed once over the rows they head: a blank
// 一级/二级 cell joins the one above it, and the heading a new source page
// restates joins the merged one above it; a heading printed on every row
// (as Beijing prints) stays on every row.
func TestPublishedListIndicators(t *testing.T) {
	tb := textTable(10,
		[]string{"单位编码", "项目名称", "资金总额", "绩效指标", "", ""},
		[]string{"", "", "", "一级指标", "二级指标", "三级指标"},
		[]string{"106001", "甲项目", "428.69", "成本指标", "经济成本指标", "成本控制率"},
		[]string{"", "", "", "", "社会成本指标", ""},
		[]string{"", "", "", "产出指标", "数量指标", "检查次数"},
		[]string{"", "", "", "", "", "活动次数"},
		[]string{"单位编码", "项目名称", "资金总额", "绩效指标", "", ""},
		[]string{"", "", "", "一级指标", "二级指标", "三级指标"},
		[]string{"106001", "甲项目", "428.69", "产出指标", "数量指标", "方案份数"},
		[]string{"", "", "", "", "质量指标", "合格率"},
		[]string{"106001", "乙项目", "9.5", "产出指标", "数量指标", "份数"},
		[]string{"", "", "", "产出指标", "数量指标", "次数"},
	)
	tb.Kind = listKind
	doc := &model.Document{Tables: []model.Table{tb}}
	s := columnTable(doc, &doc.Tables[0], nil, 0)
	got := listRows(s, 8)
	want := []string{
		"单位编码{2,1} 项目名称{2,1} 资金总额{2,1} 绩效指标{1,3} ~ ~",
		"~ ~ ~ 一级指标{1,1} 二级指标{1,1} 三级指标{1,1}",
		"106001{6,1} 甲项目{6,1} 428.69{6,1} 成本指标{2,1} 经济成本指标{1,1} 成本控制率{1,1}",
		"~ ~ ~ ~ 社会成本指标{1,1} {1,1}",
		"~ ~ ~ 产出指标{4,1} 数量指标{3,1} 检查次数{1,1}",
		"~ ~ ~ ~ ~ 活动次数{1,1}",
		"~ ~ ~ ~ ~ 方案份数{1,1}",
		"~ ~ ~ ~ 质量指标{1,1} 合格率{1,1}",
		"106001{2,1} 乙项目{2,1} 9.5{2,1} 产出指标{1,1} 数量指标{1,1} 份数{1,1}",
		"~ ~ ~ 产出指标{1,1} 数量指标{1,1} 次数{1,1}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("list laid out as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCorpusPublishedList checks Beijing's and Changsha's 项目支出绩效目标表
// against the source pages: the two header rows as printed, and the first
// projects' cells merged down over their indicator rows (Beijing's first
// project has 6 indicators; Changsha's first project 27 over three source
// pages that each restate it, under its 合计 and unit rows, with 成本指标
// over 3 rows).
func TestCorpusPublishedList(t *testing.T) {
	tests := []struct {
		doc, title string
		want       []string
	}{
		{"beijing-2-2026", "预算12表 项目支出绩效目标表", []string{
			"项目名称{2,1} 项目总额{2,1} 其中：{1,2} ~ 绩效目标{2,1} 一级指标{2,1} 二级指标{2,1} 三级指标{2,1} 绩效指标性质{2,1} 本年绩效指标{2,1} 绩效度量单位{2,1}",
			"~ ~ 财政资金{1,1} 其他资金{1,1} ~ ~ ~ ~ ~ ~ ~",
			"110000{6,1} 30.000{6,1} 30.000{6,1} {6,1} 国庆节后将接{6,1} 产出指标{1,1} 质量指标{1,1} 花卉满足花坛{1,1} 定性{1,1} 满足{1,1} {1,1}",
		}},
		{"changsha-1-2025", "2025年项目支出绩效目标表", []string{
			"单位编码{2,1} 单位（项目）{2,1} 资金总额{2,1} 绩效目标{2,1} 绩效指标{1,9} ~ ~ ~ ~ ~ ~ ~ ~",
			"~ ~ ~ ~ 一级指标{1,1} 二级指标{1,1} 三级指标{1,1} 指标值{1,1} 指标值内容{1,1} 评（扣）分标{1,1} 度量单位{1,1} 指标值类型{1,1} 备注{1,1}",
			"合计{1,1} {1,1} 40,233{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
			"106001{1,1} 长沙市公安局{1,1} 40,233{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
			"106001{27,1} 大型警保卫及{27,1} 428.69{27,1} 发挥公安职能{27,1} 成本指标{3,1} 经济成本指标{1,1} 成本控制率{1,1} 100{1,1} 成本控制在总{1,1} 成本控制在总{1,1} %{1,1} ≤{1,1} 20{1,1}",
			"~ ~ ~ ~ ~ 社会成本指标{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.doc, func(t *testing.T) {
			s := corpusSheet(t, tc.doc, tc.title)
			got := listRows(s, len(tc.want)-2)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("laid out as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
