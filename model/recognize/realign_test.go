package recognize

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

func TestRealign(t *testing.T) {
	// 总计 = 本年 + 结转; 本年 = 拨款 + 基金 + 其他; 结转 = 结转拨款 (as Henan's 收入总体情况表)
	tpl := &templates.Table{Checks: templates.TableChecks{Sums: []templates.Sum{
		{Total: "total", Parts: []string{"cur", "carry"}},
		{Total: "cur", Parts: []string{"gpb", "fund", "other"}},
		{Total: "carry", Parts: []string{"carry.gpb"}},
	}}}
	keys := []string{"total", "cur", "gpb", "fund", "other", "carry", "carry.gpb"}
	var cols []colRef
	for j, k := range keys {
		cols = append(cols, colRef{src: j + 1, col: model.Column{Key: k, Header: k, Type: model.TypeMoney}})
	}
	row := func(cells ...string) raw.Row {
		r := raw.Row{Line: 7, Cells: []raw.Cell{{Text: "合计", Line: 7}}}
		for _, c := range cells {
			r.Cells = append(r.Cells, raw.Cell{Text: c, Line: 7})
		}
		return r
	}
	tests := []struct {
		name   string
		in     raw.Row
		want   string // the figures in key order after reading, "|"-joined
		remark bool
	}{
		{"holds as printed", row("283.98", "142.98", "142.98", "", "", "141.00", "141.00"), "283.98|142.98|142.98|||141.00|141.00", false},
		{"a run one column to the left", row("283.98", "142.98", "142.98", "", "141.00", "141.00", ""), "283.98|142.98|142.98|||141.00|141.00", true},
		{"no move makes it add up: stays", row("283.98", "142.98", "142.98", "", "", "141.00", ""), "283.98|142.98|142.98|||141.00|", false},
		{"a real error stays", row("283.98", "142.98", "142.98", "", "", "141.00", "140.00"), "283.98|142.98|142.98|||141.00|140.00", false},
		{"a rounding slip stays", row("283.98", "142.98", "142.97", "", "", "141.00", "141.00"), "283.98|142.98|142.97|||141.00|141.00", false},
		{"text in a figure cell stays", row("283.98", "x", "142.98", "", "141.00", "141.00", ""), "283.98|x|142.98||141.00|141.00|", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, remark, _ := realign(tpl, cols, tt.in)
			var figs []string
			for j := range keys {
				figs = append(figs, strings.TrimSpace(got.Cells[j+1].Text))
			}
			if strings.Join(figs, "|") != tt.want {
				t.Errorf("read %s, want %s", strings.Join(figs, "|"), tt.want)
			}
			if (remark != "") != tt.remark {
				t.Errorf("remark %q, want one: %v", remark, tt.remark)
			}
			if tt.remark && !strings.Contains(remark, "第 7 行") {
				t.Errorf("remark %q does not name the line", remark)
			}
		})
	}
}
