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

// TestNationalIncomeColumns matches the national vocabulary's 收入总表
// columns to headers as the corpus prints them: sources of funds in each
// province's own order, a group's 小计 (一般公共预算拨款/小计 is the
// 一般公共预算 column, not 本年收入/小计), and 使用非财政拨款结余, whose 非
// says it is no 财政拨款 and which is no 上级补助收入 either.
func TestNationalIncomeColumns(t *testing.T) {
	tab := nationalTable(t, "income_summary")
	tests := []struct {
		name  string
		paths []string
		want  map[string]string // key → printed header ("" not read)
	}{
		{"西安 2026", []string{"单位编码", "单位名称", "部门预算/合计", "部门预算/一般公共预算拨款/小计",
			"部门预算/一般公共预算拨款/其中：专项资金列入部门预算项目", "部门预算/政府性基金拨款", "部门预算/上级补助收入",
			"部门预算/事业收入", "部门预算/事业单位经营收入", "部门预算/使用非财政拨款结余", "部门预算/对附属单位上缴收入",
			"部门预算/上年结转", "部门预算/上年实户资金余额", "部门预算/其他收入"},
			map[string]string{"income.total": "", "income.appropriation": "",
				"income.gpb": "部门预算/一般公共预算拨款/小计", "income.gpb_special": "部门预算/一般公共预算拨款/其中：专项资金列入部门预算项目",
				"income.superior": "部门预算/上级补助收入", "income.balance": "部门预算/使用非财政拨款结余",
				"income.affiliated": "部门预算/对附属单位上缴收入", "carryover": "部门预算/上年结转",
				"income.account_balance": "部门预算/上年实户资金余额", "income.other": "部门预算/其他收入"}},
		{"烟台", []string{"科目编码/类", "科目编码/款", "科目编码/项", "科目名称", "合计", "财政拨款收入/小计",
			"财政拨款收入/一般公共预算收入", "财政拨款收入/政府性基金预算收入", "财政拨款收入/国有资本经营预算收入",
			"财政专户管理资金收入", "事业收入（不含教育收费）", "事业单位经营收入", "其他收入", "上级补助收入",
			"附属单位上缴收入", "使用非财政拨款结余", "上年结转"},
			map[string]string{"income.total": "", "income.appropriation": "财政拨款收入/小计",
				"income.gpb": "财政拨款收入/一般公共预算收入", "income.superior": "上级补助收入",
				"income.balance": "使用非财政拨款结余", "carryover": "上年结转", "income.other": "其他收入"}},
		{"北京", []string{"合计", "本年收入/小计", "本年收入/一般公共预算资金", "本年收入/政府性基金预算资金",
			"本年收入/事业收入", "本年收入/上级补助收入", "本年收入/附属单位上缴收入", "本年收入/其他收入",
			"上年结转结余/小计", "上年结转结余/一般公共预算资金", "上年结转结余/单位资金"},
			map[string]string{"income.total": "本年收入/小计", "income.gpb": "本年收入/一般公共预算资金",
				"income.affiliated": "本年收入/附属单位上缴收入", "income.other": "本年收入/其他收入",
				"carryover": "上年结转结余/小计"}},
		{"重庆", []string{"科目/科目编码", "科目/科目名称", "总计", "一般公共预算拨款收入", "政府性基金预算拨款收入",
			"事业收入", "上级补助收入", "附属单位上缴收入", "事业单位经营收入", "其他收入"},
			map[string]string{"income.superior": "上级补助收入", "income.operating": "事业单位经营收入",
				"income.affiliated": "附属单位上缴收入", "income.other": "其他收入"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths [][]string
			for _, p := range tt.paths {
				paths = append(paths, strings.Split(p, "/"))
			}
			got := map[string]string{}
			for i, j := range (matching{leaf: true}).matchColumns(tab.Columns, paths) {
				if j >= 0 {
					got[tab.Columns[i].Key] = tt.paths[j]
				}
			}
			for k, want := range tt.want {
				if got[k] != want {
					t.Errorf("%s read at %q, want %q", k, got[k], want)
				}
			}
		})
	}
}
