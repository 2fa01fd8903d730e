package recognize

import (
	"strings"
	"testing"

	"budgetpack/templates"
)

func TestHeaderPaths(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		w    int
		want []string
	}{
		{
			name: "narrow row over an aligned one (DOCX lists merged cells once)",
			rows: [][]string{
				{"序号", "功能分类科目", "合计", "本年收入", "上年结转"},
				{"", "科目编码", "科目名称", "", "小计", "财政拨款 收入", "其他收入", ""},
			},
			w:    8,
			want: []string{"序号", "功能分类科目/科目编码", "功能分类科目/科目名称", "合计", "本年收入/小计", "本年收入/财政拨款收入", "本年收入/其他收入", "上年结转"},
		},
		{
			name: "two groups side by side split evenly",
			rows: [][]string{
				{"序号", "收入", "支出"},
				{"", "项  目", "预算数", "项  目", "预算数"},
			},
			w:    5,
			want: []string{"序号", "收入/项目", "收入/预算数", "支出/项目", "支出/预算数"},
		},
		{
			name: "aligned rows with horizontal merges left blank (PDF)",
			rows: [][]string{
				{"收入", "", "支出", ""},
				{"项目", "金额", "项目", "金额"},
			},
			w:    4,
			want: []string{"收入/项目", "收入/金额", "支出/项目", "支出/金额"},
		},
		{
			name: "a blank with nothing below is not a merge",
			rows: [][]string{
				{"代码", "总计", "本年收入", "", ""},
				{"", "", "合计", "一般公共预算", ""},
				{"", "", "", "小计", "其中：财政拨款"},
			},
			w:    5,
			want: []string{"代码", "总计", "本年收入/合计", "本年收入/一般公共预算/小计", "本年收入/一般公共预算/其中：财政拨款"},
		},
		{
			// a grid found from aligned text gives no spans: 单位名称 and
			// 合计 stand in rows of their own, and do not reach under
			// 一般公共预算拨款, a band printed above
			name: "a merge ends under a band above",
			rows: [][]string{
				{"", "", "一般公共预算拨款", ""},
				{"单位名称", "", "", "其中：专项资金"},
				{"", "合计", "", ""},
				{"", "", "小计", "列入部门预算的"},
			},
			w:    4,
			want: []string{"单位名称", "单位名称/合计", "一般公共预算拨款/小计", "一般公共预算拨款/其中：专项资金/列入部门预算的"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths := headerPaths(tt.rows, tt.w)
			var got []string
			for _, p := range paths {
				got = append(got, strings.Join(p, "/"))
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestMatchColumns(t *testing.T) {
	col := func(key string, words ...string) templates.Column {
		return templates.Column{Key: key, Words: words}
	}
	// 上缴上级支出 at its own place, and printed last (also)
	remitTwice := []templates.Column{col("total", "合计"), col("basic", "基本支出"),
		{Key: "remit", Words: []string{"上缴上级"}, Optional: true},
		{Key: "subsidy", Words: []string{"对附属单位"}, Optional: true},
		{Key: "remit", Words: []string{"上缴上级"}, Optional: true, Also: true}}
	tests := []struct {
		name  string
		cols  []templates.Column
		paths []string
		want  []int
	}{
		{
			name:  "by words, not by position",
			cols:  []templates.Column{col("total", "合计"), col("basic", "基本支出"), col("project", "项目支出")},
			paths: []string{"序号", "合计", "基本支出", "项目支出"},
			want:  []int{1, 2, 3},
		},
		{
			name:  "the same leaf under two parents",
			cols:  []templates.Column{col("income.total", "本年收入", "合计"), col("carry.total", "上年结转", "合计")},
			paths: []string{"总计", "本年收入/合计", "本年收入/小计", "上年结转结余/合计"},
			want:  []int{1, 3},
		},
		{
			name: "garbled headers between anchors pair up in order",
			cols: []templates.Column{col("basic", "基本支出", "小计"), col("wages", "人员经费", "工资福利"),
				col("family", "人员经费", "对个人和家庭"), col("project", "项目支出", "小计")},
			paths: []string{"基本支出/小计", "基本支出/人员经费", "基本支出", "项目支出/小计"},
			want:  []int{0, 1, 2, 3},
		},
		{
			name:  "a missing optional column",
			cols:  []templates.Column{col("total", "合计"), {Key: "operating", Words: []string{"经营支出"}, Optional: true}},
			paths: []string{"合计"},
			want:  []int{0, -1},
		},
		{
			name:  "a missing required column",
			cols:  []templates.Column{col("total", "合计"), col("basic", "基本支出")},
			paths: []string{"合计", "备注"},
			want:  []int{0, -1},
		},
		{
			name:  "a column at its other place",
			cols:  remitTwice,
			paths: []string{"合计", "基本支出", "对附属单位补助支出", "上缴上级支出"},
			want:  []int{0, 1, -1, 2, 3},
		},
		{
			name:  "a column at its own place leaves the other unread",
			cols:  remitTwice,
			paths: []string{"合计", "基本支出", "上缴上级支出", "对附属单位补助支出"},
			want:  []int{0, 1, 2, 3, -1},
		},
		{
			name:  "the other place is not filled by position",
			cols:  append(remitTwice[:len(remitTwice):len(remitTwice)], col("note", "备注")),
			paths: []string{"合计", "基本支出", "对附属单位补助支出", "其他", "备注"},
			want:  []int{0, 1, -1, 2, -1, 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths [][]string
			for _, p := range tt.paths {
				paths = append(paths, strings.Split(p, "/"))
			}
			got := matching{}.matchColumns(tt.cols, paths)
			for i := range tt.want {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestBudgetYearPaths(t *testing.T) {
	paths := [][]string{
		{"单位名称"},
		{"2021年", "合计"}, {"2021年", "小计"}, {"2021年", "公务接待费"},
		{"2022年", "合计"}, {"2022年", "小计"}, {"2022年", "公务接待费"},
		{"增减变化情况", "合计"}, {"增减变化情况", "小计"}, {"增减变化情况", "公务接待费"},
	}
	for _, year := range []int{2022, 0} {
		got := budgetYearPaths(paths, year)
		for j, p := range got {
			keep := j == 0 || j >= 4 && j <= 6
			if keep != (p != nil) {
				t.Errorf("year %d: column %d %v kept %v", year, j, paths[j], p != nil)
			}
		}
	}
	// one period only: nothing changes
	one := [][]string{{"2026年预算数", "合计"}, {"2026年预算数", "小计"}}
	if got := budgetYearPaths(one, 2026); got[0] == nil || got[1] == nil {
		t.Error("a single period's columns dropped")
	}
}
