package check

import (
	"strings"
	"testing"

	"budgetpack/model"
)

// TestIncomeSummarySources reads the 部门综合预算收入总表 of the Xi'an
// documents, which print 上级补助收入 before 事业收入, 一般公共预算拨款 over
// 小计 and 其中：专项资金, and besides the year's income 使用非财政拨款结余
// (2026), 用事业基金弥补收支差额 (2022), 上年结转 and 上年实户资金余额: each
// column is read under its own key as money (使用非财政拨款结余 is no
// 上级补助收入), the 合计 = Σ sources sum runs over them (it holds as
// published), and a figure changed in one of them is a sum error at its row.
// The 合计 row's figures are pinned as read off the pages.
//
// The Beijing forms print 本年收入 and 上年结转结余 each over its 小计 and its
// sources: 合计 = 本年收入 + 上年结转结余, and each 小计 adds up its sources.
func TestIncomeSummarySources(t *testing.T) {
	type col struct{ key, printed, total string } // total: the 合计 row's figure ("" blank)
	const (
		gpb     = "部门预算 / 一般公共预算拨款 / 小计"
		special = "部门预算 / 一般公共预算拨款 / 其中：专项资金列入部门预算项目"
	)
	tests := []struct {
		doc  string
		cols []col
		// a figure set into a source column of the 合计 row: the sum error
		// it makes ("" key: none changed)
		key, value string
		// words the error names the changed column by, as the page prints it
		named string
	}{
		{"xian-1-2026", []col{
			{"income.gpb", gpb, "28384234.71"},
			{"income.gpb_special", special, "550000.00"},
			{"income.superior", "部门预算 / 上级补助收入", ""},
			{"income.balance", "部门预算 / 使用非财政拨款结余", ""},
			{"income.affiliated", "部门预算 / 对附属单位上缴收入", ""},
			{"carryover", "部门预算 / 上年结转", ""},
			{"income.account_balance", "部门预算 / 上年实户资金余额", ""},
			{"income.other", "部门预算 / 其他收入", ""},
		}, "income.superior", "1000.00", ""},
		{"xian-3-2026", []col{
			{"income.gpb", gpb, "40052896.08"},
			{"income.superior", "部门预算 / 上级补助收入", ""},
			{"income.balance", "部门预算 / 使用非财政拨款结余", ""},
			{"income.account_balance", "部门预算 / 上年实户资金余额", "981827.50"},
			{"income.other", "部门预算 / 其他收入", "1000000.00"},
		}, "income.account_balance", "981827.60", ""},
		{"xian-3-2026", nil, "", "", ""},
		// 广州 prints 财政专户拨款收入 over 教育收费 and 其他专户收入拨款: the
		// finding names the column so, not 财政专户管理资金
		{"guangzhou-1-2026", []col{
			{"income.special", "财政专户拨款收入 / 其他专户收入拨款", "0.00"},
		}, "income.special", "100.00", "其他专户收入拨款 100.00"},
		// 本年收入 and 上年结转结余 each over its 小计 and its sources: 合计 =
		// 本年收入 + 上年结转结余, each 小计 = Σ its sources
		{"beijing-1-2026", []col{
			{"income.total", "本年收入 / 小计", "17929.443777"},
			{"income.gpb", "本年收入 / 一般公共预算资金", "17921.443777"},
			{"income.affiliated", "本年收入 / 附属单位上缴收入", ""},
			{"income.other", "本年收入 / 其他收入", "3.000000"},
			{"carryover", "上年结转结余 / 小计", "12846.204768"},
			{"carryover.gpb", "上年结转结余 / 一般公共预算资金", "2706.670189"},
			{"carryover.fund", "上年结转结余 / 政府性基金预算资金", "10139.534579"},
			{"carryover.unit", "上年结转结余 / 单位资金", ""},
		}, "carryover.fund", "10139.634579", ""},
		{"beijing-1-2026", nil, "income.other", "3.100000", "其他收入"},
		// (its 上年结转结余 was once read as 其他收入)
		{"beijing-2-2026", []col{
			{"income.other", "本年收入 / 其他收入", ""},
			{"carryover", "上年结转结余 / 小计", "2.031158"},
			{"carryover.gpb", "上年结转结余 / 一般公共预算资金", "2.031158"},
		}, "", "", ""},
		{"xian-2-2022", []col{
			{"income.gpb", gpb, "518161240.01"},
			{"income.gpb_special", special, "158047922.00"},
			{"income.superior", "部门预算 / 上级补助收入", "0.00"},
			{"income.fund_balance", "部门预算 / 用事业基金弥补收支差额", "0.00"},
			{"carryover", "部门预算 / 上年结转", "0.00"},
			{"income.account_balance", "部门预算 / 上年实户资金余额", "0.00"},
			{"income.other", "部门预算 / 其他收入", "2000000.00"},
		}, "income.fund_balance", "10.00", ""},
	}
	for _, tc := range tests {
		t.Run(tc.doc+" "+tc.key, func(t *testing.T) {
			doc := corpusDoc(t, tc.doc)
			tab := doc.TableByKind("income_summary")
			if tab == nil {
				t.Fatal("no 收入总表")
			}
			if strings.HasPrefix(tc.doc, "xian") { // (a form with 本年收入/小计 or 财政拨款收入 prints it)
				for _, k := range []string{"income.total", "income.appropriation"} {
					if c := tab.Column(k); c != nil {
						t.Errorf("%s read at %q: the form prints no such column", k, c.Printed)
					}
				}
			}
			if len(tab.Rows) == 0 || tab.Rows[0].Role != model.RoleTotal {
				t.Fatal("no 合计 row first")
			}
			totalRow := "合计" // (北京 prints its 合计 row without a label: findings name it 合计)
			for _, c := range tc.cols {
				got := tab.Column(c.key)
				if got == nil || got.Type != model.TypeMoney || got.Printed != c.printed {
					t.Fatalf("column %s = %+v, want money printed %q", c.key, got, c.printed)
				}
				if v := tab.Rows[0].Values[c.key]; v.String() != c.total && !(c.total == "" && v.IsBlank()) {
					t.Errorf("合计 %s = %q, want the published %q", c.key, v.String(), c.total)
				}
			}
			if tc.key != "" {
				tab.Rows[0].Values[tc.key] = model.MustAmount(tc.value)
			}
			fs, err := Run(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range fs {
				if f.Severity != Error || f.Kind != "income_summary" {
					continue
				}
				// (the 合计 row is also no longer the units' sum)
				if tc.key != "" && f.Row == totalRow && strings.Contains(f.Message, tc.value) {
					found = found || f.Rule == "sum.columns" && strings.Contains(f.Message, tc.named)
				} else {
					t.Errorf("unexpected error: %s", f.Message)
				}
			}
			if tc.key != "" && !found {
				t.Errorf("no sum.columns error at 合计 for %s = %s", tc.key, tc.value)
			}
		})
	}
}
