package check

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/model/parse"
)

// crowdedIncome is a 收入总表 as pdftotext -layout prints it when the
// page's columns are narrower than their header words (yantai-2-2026):
// 一般公共预算收入, 政府性基金预算收入 and 国有资本经营预算收入 stand one
// space apart, each wrapped at the same place, over one column of
// figures (the other two funds are blank, so they leave no figures),
// and the band 财政拨款收入 stands over them, not over its 小计.
const crowdedIncome = `                                                                       收入总体情况表
部门（单位）：某某局                                                                                                                        单位：万元
  科目编码                                                       财政拨款收入
                                                                                  事业收入 事业单位经
                                                                            财政专户管 （不含教育                   上级补助收 附属单位上 使用非财政
                        科目名称      合计                                                           其他收入                           上年结转
                                                          一般公共预 政府性基金 国有资本经 理资金收入  收费）
                                                                                        营收入                 入    缴收入  拨款结余
类     款    项                                  小计
                                                           算收入  预算收入 营预算收入



205             教育支出                 39.41        38.41        38.41              1.00
`

// wrappedIncome is a 收入总表 whose header cell 其中：专项资金列入部门预算
// 项目 the text prints on three lines, each in a row of its own, under
// the band 一般公共预算拨款 (xian-1-2026).
const wrappedIncome = `                                                                部门综合预算收入总表

                                                                                                                                                 单位：元
                                                      一般公共预算拨款
 单位编码                        单位名称                                   其中：专项资
                                     合计                                           政府性基金拨款   事业收入    其他收入
                                                     小计             金列入部门预
                                                                     算项目
                        合计          28,384,234.71   28,384,234.71    550,000.00
121            某某局               28,384,234.71   28,384,234.71    550,000.00
`

// TestTextHeaderWordsRunTogether reads the 收入总表 of a layout text
// whose header words the export runs together. Words wrapped over rows
// of their own are read as one cell's (其中：专项资金… is the 其中 column,
// its band's 小计 the 一般公共预算 column, as the PDF reads them). Words
// of several columns side by side leave their column unkeyed, kept as
// printed with a 提示, and the 小计 whose band stands over them too:
// which fund the figures are cannot be told, and no relation fires on a
// guess.
func TestTextHeaderWordsRunTogether(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		values map[string]string // key → figure of the first body row; "" unkeyed or blank
		remark string            // a 提示 of the table holding this
	}{
		{"wrapped cell", wrappedIncome,
			map[string]string{"total": "28384234.71", "income.gpb": "28384234.71", "income.gpb_special": "550000.00", "income.total": ""}, ""},
		{"crowded header", crowdedIncome,
			map[string]string{"total": "39.41", "income.total": "", "income.appropriation": "", "income.gpb": "", "income.fund": "", "income.soe": ""},
			"表头“一般公共预 政府性基金 国有资本经 / 算收入 预算收入 营预算收入”连排了几列的表头文字"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := parse.Bytes("x.txt", []byte(tc.text), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			tab := doc.TableByKind("income_summary")
			if tab == nil || len(tab.Rows) == 0 {
				t.Fatalf("no 收入总表 rows in %+v", doc.Tables)
			}
			row := tab.Rows[0]
			for k, want := range tc.values {
				got := ""
				if v, ok := row.Values[k]; ok && !v.IsBlank() {
					got = v.String()
				}
				if got != want {
					t.Errorf("%s = %q, want %q (values %v, texts %v)", k, got, want, row.Values, row.Texts)
				}
			}
			if tc.remark != "" && !hasRemark(tab, tc.remark) {
				t.Errorf("no remark %q in %+v", tc.remark, tab.Remarks)
			}
			fs, err := Run(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				if strings.HasPrefix(f.Rule, "sum.") && f.Severity == Error {
					t.Errorf("false error: %s", f.Message)
				}
			}
		})
	}
}

func hasRemark(tab *model.Table, s string) bool {
	for _, r := range tab.Remarks {
		if strings.Contains(r.Text, s) {
			return true
		}
	}
	return false
}

// TestUnknownColumnsSomeParts: of several unknown money columns, the ones
// that account for a relation's difference are found though neither all
// of them nor one alone does (a group's 小计 beside its members, all kept
// as printed): a 提示, not an error. Where none does, the error stands.
func TestUnknownColumnsSomeParts(t *testing.T) {
	tests := []struct {
		name   string
		total  string
		errors int
	}{
		{"小计 and a member's sibling account", "139.41", 0}, // 100.00 + 38.41 + 1.00
		{"nothing accounts", "150.00", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &model.Document{Family: "national", Unit: "万元", Tables: []model.Table{{
				Kind: "expenditure_summary", Title: "支出总表", Unit: "万元",
				Columns: []model.Column{
					{Key: "code", Header: "科目编码", Type: model.TypeCode},
					{Key: "name", Header: "科目名称", Type: model.TypeName},
					{Key: "total", Header: "合计", Type: model.TypeMoney},
					{Key: "basic", Header: "基本支出", Type: model.TypeMoney},
					{Key: "extra.4", Header: "小计", Printed: "小计", Type: model.TypeText},
					{Key: "extra.5", Header: "甲 乙", Printed: "甲 乙", Type: model.TypeText},
					{Key: "extra.6", Header: "丙", Printed: "丙", Type: model.TypeText},
				},
				Rows: []model.Row{{
					Label: model.Label{Name: "合计", Role: model.RoleTotal}, Line: 10,
					Values: map[string]model.Amount{"total": model.MustAmount(tc.total), "basic": model.MustAmount("100.00")},
					Texts:  map[string]string{"extra.4": "38.41", "extra.5": "38.41", "extra.6": "1.00"},
				}},
			}}}
			fs, err := Run(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			errs, infos := 0, 0
			for _, f := range fs {
				switch {
				case f.Rule == "sum.columns" && f.Severity == Error:
					errs++
				case f.Rule == "sum.unknown_column":
					infos++
				}
			}
			if errs != tc.errors || infos != 1-tc.errors {
				t.Errorf("%d errors, %d 提示; want %d, %d: %v", errs, infos, tc.errors, 1-tc.errors, fs)
			}
		})
	}
}
