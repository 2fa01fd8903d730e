package recognize

import (
	"strings"
	"testing"

	"budgetpack/model/raw"
	"budgetpack/templates"
)

// TestNationalThreePublicColumns matches the national vocabulary's “三公”
// columns to headers as provinces print them: split by fund under each
// category (深圳), with a total of the funds (合计 under each category),
// repeated by period (2025年 | 2026年 | 增减变化情况), plain (长沙, 无锡)
// and one category split by fund (广州's 合计 | 一般公共预算 | …). A
// category split by fund is read from its comprehensive fund; the other
// funds' columns are read under no key of the vocabulary.
func TestNationalThreePublicColumns(t *testing.T) {
	tab := nationalTable(t, "three_public")
	funds := func(groups ...string) []string {
		var out []string
		for _, g := range groups {
			for _, f := range []string{"一般公共预算", "政府性基金预算", "国有资本经营预算"} {
				out = append(out, g+"/"+f)
			}
		}
		return out
	}
	periods := func(labels ...string) []string {
		var out []string
		for _, l := range labels {
			for _, c := range []string{"合计", "因公出国（境）费", "公务用车购置及运行维护费/小计",
				"公务用车购置及运行维护费/公务用车购置费", "公务用车购置及运行维护费/公务用车运行维护费", "公务接待费"} {
				out = append(out, l+"/"+c)
			}
		}
		return out
	}
	const car = "公务用车购置及运行维护费"
	tests := []struct {
		name  string
		paths []string
		want  map[string]string // key → printed header ("" not read)
		funds int               // columns of other funds, read as printed
	}{
		{"深圳：每类分三种资金", append([]string{"预算单位", "年度"},
			funds("总计", "因公出国(境)费", "公务接待费", car+"/小计", car+"/公务用车购置费", car+"/公务用车运行维护费")...),
			map[string]string{"total": "总计/一般公共预算", "abroad": "因公出国(境)费/一般公共预算",
				"reception": "公务接待费/一般公共预算", "vehicle": car + "/小计/一般公共预算",
				"vehicle.purchase": car + "/公务用车购置费/一般公共预算", "vehicle.operation": car + "/公务用车运行维护费/一般公共预算",
				"gpb": "", "fund": "", "soe": "", "three": ""}, 12},
		{"每类分资金并印合计", []string{"年度", "总计/合计", "总计/一般公共预算", "总计/政府性基金预算",
			"因公出国（境）费/合计", "因公出国（境）费/一般公共预算", "因公出国（境）费/政府性基金预算",
			"公务接待费/合计", "公务接待费/一般公共预算", "公务接待费/政府性基金预算"},
			map[string]string{"total": "总计/合计", "abroad": "因公出国（境）费/合计", "reception": "公务接待费/合计",
				"gpb": "", "fund": ""}, 6},
		{"按年度分组", append([]string{"单位名称"}, periods("2025年", "2026年", "增减变化情况")...),
			map[string]string{"total": "2026年/合计", "abroad": "2026年/因公出国（境）费", "reception": "2026年/公务接待费",
				"vehicle": "2026年/" + car + "/小计", "vehicle.purchase": "2026年/" + car + "/公务用车购置费",
				"vehicle.operation": "2026年/" + car + "/公务用车运行维护费"}, 0},
		{"长沙", []string{"部门名称", "三公经费预（决）算数（财政拨款）/小计", "三公经费预（决）算数（财政拨款）/公务接待费",
			"三公经费预（决）算数（财政拨款）/因公出国（境）费", "三公经费预（决）算数（财政拨款）/公务用车购置及运行费",
			"三公经费预（决）算数（财政拨款）/其中：公务用车购置", "三公经费预（决）算数（财政拨款）/其中：公务用车运行费"},
			map[string]string{"three": "三公经费预（决）算数（财政拨款）/小计", "reception": "三公经费预（决）算数（财政拨款）/公务接待费",
				"abroad": "三公经费预（决）算数（财政拨款）/因公出国（境）费", "vehicle": "三公经费预（决）算数（财政拨款）/公务用车购置及运行费",
				"vehicle.purchase":  "三公经费预（决）算数（财政拨款）/其中：公务用车购置",
				"vehicle.operation": "三公经费预（决）算数（财政拨款）/其中：公务用车运行费", "gpb": ""}, 0},
		{"无锡", []string{"“三公”经费合计", "因公出国（境）费", car + "/小计", car + "/公务用车购置费", car + "/公务用车运行维护费",
			"公务接待费", "会议费", "培训费"},
			map[string]string{"total": "“三公”经费合计", "abroad": "因公出国（境）费", "vehicle": car + "/小计",
				"vehicle.purchase": car + "/公务用车购置费", "vehicle.operation": car + "/公务用车运行维护费",
				"reception": "公务接待费", "meeting": "会议费", "training": "培训费", "gpb": ""}, 0},
		{"广州：只有一组分资金", []string{"项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"},
			map[string]string{"total": "合计", "gpb": "一般公共预算", "fund": "政府性基金预算", "soe": "国有资本经营预算"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths [][]string
			for _, p := range tt.paths {
				paths = append(paths, strings.Split(p, "/"))
			}
			assign, _, funds := matching{leaf: true, anyOrder: tab.AnyOrder}.matchHeader(tab.Columns, paths, 2026)
			n := 0
			for j, f := range funds {
				if f {
					n++
					if leaf := paths[j][len(paths[j])-1]; !fundLeaf.MatchString(leaf) {
						t.Errorf("column %q marked another fund's", tt.paths[j])
					}
				}
			}
			if n != tt.funds {
				t.Errorf("%d columns of other funds, want %d", n, tt.funds)
			}
			got := map[string]string{}
			for i, j := range assign {
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

// TestFundGroupPathsLeavesSources keeps a header whose groups list sources
// of funds beside the funds (本年收入 over 一般公共预算 and 事业收入) as it
// is: its funds are columns of the table, not one category's split.
func TestFundGroupPathsLeavesSources(t *testing.T) {
	for _, kind := range []string{"income_summary", "three_public"} {
		tab := nationalTable(t, kind)
		var paths [][]string
		for _, p := range []string{"合计", "本年收入/小计", "本年收入/一般公共预算", "本年收入/政府性基金预算",
			"本年收入/事业收入", "上年结转结余/小计", "上年结转结余/一般公共预算", "上年结转结余/政府性基金预算", "上年结转结余/单位资金"} {
			paths = append(paths, strings.Split(p, "/"))
		}
		got := fundGroupPaths(paths, matching{leaf: true}.names(tab.Columns))
		for j := range paths {
			if strings.Join(got[j], "/") != strings.Join(paths[j], "/") {
				t.Errorf("%s: column %d %v read as %v", kind, j, paths[j], got[j])
			}
		}
	}
}

// TestRepairBlankKeepsToItsHeader moves a column the header words put on
// a blank column onto a neighbour only where the neighbour's own header
// does not say it is another column: 单位预留机动经费 beside a blank
// 结转下年资金 is not read as 结转下年资金, while a header word centred over
// the wrong one of two columns (the figures under a blank header, or
// under the same header spread) still moves.
func TestRepairBlankKeepsToItsHeader(t *testing.T) {
	tab := &templates.Table{Columns: []templates.Column{
		{Key: "name", Type: "name", Words: []string{"项目"}},
		{Key: "total", Type: "money", Words: []string{"合计"}},
		{Key: "carry", Type: "money", Words: []string{"结转下年"}, Optional: true},
	}}
	row := func(cells ...string) raw.Row {
		r := raw.Row{}
		for _, c := range cells {
			r.Cells = append(r.Cells, raw.Cell{Text: c})
		}
		return r
	}
	data := []raw.Row{row("工资", "10.00", "", "3.00"), row("办公", "5.00", "", "1.00")}
	tests := []struct {
		name  string
		paths []string
		want  int // the carry column's source
	}{
		{"a neighbour under another header", []string{"项目", "合计", "结转下年资金", "单位预留机动经费"}, 2},
		{"a neighbour without a header", []string{"项目", "合计", "结转下年资金", ""}, 3},
		{"one header over both", []string{"项目", "合计", "结转下年资金", "结转下年资金"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths [][]string
			for _, p := range tt.paths {
				if p == "" {
					paths = append(paths, nil)
					continue
				}
				paths = append(paths, strings.Split(p, "/"))
			}
			mt := matching{leaf: true}
			assign := []int{0, 1, 2}
			repairBlank(tab, assign, data, 4, make([]bool, 4), false, func(i, j, k int) bool {
				return contradicts(mt, tab.Columns[i], paths, j, k)
			})
			if assign[2] != tt.want || assign[1] != 1 {
				t.Errorf("got %v, want carry at %d", assign, tt.want)
			}
		})
	}
}
