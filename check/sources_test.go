package check

import (
	"strings"
	"testing"

	"budgetpack/model"
)

// TestSourceOfFundsRelations checks the basic and project expenditure
// tables printed by source of funds (Guangzhou's 部门预算基本支出预算表 and
// 部门预算项目支出及其他支出预算表, Shenzhen's 基本支出总表 and 项目支出总表,
// Yantai's 项目支出预算情况表):
// as published their 总计 is the sum of the sources and the appropriation
// the sum of its three budgets, so no error is found on them; a source
// changed on one row is an error on that row, in the column whose sum no
// longer holds. Shenzhen's 项目支出总表 prints no 财政拨款 小计, so its 总计
// adds up the three budgets directly.
func TestSourceOfFundsRelations(t *testing.T) {
	tests := []struct {
		file, kind string
		row, col   string // the changed cell: the row's name, the column key
		value      string
		errCols    []string // the columns reported on that row, by key
	}{
		{"guangzhou-1-2026", "basic_summary", "", "", "", nil},
		{"guangzhou-1-2026", "project_expenditure", "", "", "", nil},
		{"shenzhen-1-2026", "basic_summary", "", "", "", nil},
		{"shenzhen-1-2026", "project_expenditure", "", "", "", nil},
		// 1,543.36 read as 1,534.36: the appropriation's 合计 no longer adds up
		{"guangzhou-1-2026", "basic_summary", "广州市法律援助处", "src_gpb", "1534.36", []string{"src_approp"}},
		// a source outside the appropriation: 总计 no longer adds up
		{"guangzhou-1-2026", "basic_summary", "广州市法律援助处", "src_other", "10.00", []string{"total"}},
		// 小计 and its parts both hold, but not 总计 over the sources
		{"shenzhen-1-2026", "basic_summary", "工资福利支出", "src_approp", "3838.29", []string{"total", "src_approp"}},
		// no 小计 printed: 总计 over 一般公共预算拨款 … 上年结余、结转
		{"shenzhen-1-2026", "project_expenditure", "社工服务项目", "src_carry", "3.13", []string{"total"}},
		// Yantai prints 单位资金 as one column: 5,039.97 = 4,946.96 + 93.01
		{"yantai-1-2026", "project_expenditure", "", "", "", nil},
		{"yantai-1-2026", "project_expenditure", "合计", "src_unit", "39.01", []string{"total"}},
	}
	for _, tc := range tests {
		name := tc.file + "/" + tc.kind + "/as published"
		if tc.col != "" {
			name = tc.file + "/" + tc.kind + "/" + tc.col + " changed"
		}
		t.Run(name, func(t *testing.T) {
			doc := corpusDoc(t, tc.file) // each case changes its own copy
			tab := doc.TableByKind(tc.kind)
			if tab == nil {
				t.Fatalf("no %s", tc.kind)
			}
			if tc.row != "" {
				changed := false
				for ri := range tab.Rows {
					if tab.Rows[ri].Name == tc.row {
						tab.Rows[ri].Values[tc.col] = model.MustAmount(tc.value)
						changed = true
						break
					}
				}
				if !changed {
					t.Fatalf("no row %s", tc.row)
				}
			}
			fs, err := Run(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				if f.Severity != Error || f.Rule != "sum.columns" || f.Table != tab.Title {
					continue
				}
				if f.Row != tc.row {
					t.Errorf("an error on another row: %s", f.Message)
					continue
				}
				got = append(got, f.Ref[strings.LastIndex(f.Ref, "/")+1:])
			}
			if strings.Join(got, ",") != strings.Join(tc.errCols, ",") {
				t.Errorf("errors in columns %v, want %v", got, tc.errCols)
			}
		})
	}
}
