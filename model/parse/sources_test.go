package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/model"
)

// guangzhouBasic is page 23 of guangzhou-1-2026 (表11 部门预算基本支出预算表)
// as pdftotext -layout prints it, cut after its second unit: 总计 over
// 财政拨款 (合计 and its three budgets), 财政专户拨款 and 其他资金.
const guangzhouBasic = `
                                          部门预算基本支出预算表

单位名称：广州市司法局                                                                                   单位：万元
支出项目类别（资金使用                                       财政拨款
              总计                                                                  财政专户拨款      其他资金
       单位）                  合计            一般公共预算         政府性基金预算     国有资本经营预算
       合计     151,664.25    151,664.25      151,664.25        0.00         0.00        0.00          0.00
广州市司法局（本级）    18,782.75     18,782.75        18,782.75        0.00         0.00        0.00          0.00
 工资福利支出       13,200.85     13,200.85        13,200.85        0.00         0.00        0.00          0.00
 商品和服务支出        1,573.97      1,573.97        1,573.97        0.00         0.00        0.00          0.00
 对个人和家庭的补助      3,982.63      3,982.63        3,982.63        0.00         0.00        0.00          0.00
 资本性支出             25.30         25.30           25.30        0.00         0.00        0.00          0.00
广州市法律援助处        1,543.36      1,543.36        1,543.36        0.00         0.00        0.00          0.00
`

// shenzhenProject is page 22 of shenzhen-1-2026 (表5 项目支出总表), cut
// after its third project: 总计 over the three budgets (no 财政拨款 小计),
// 财政专户管理资金, 单位资金's five sources and 上年结余、结转, under a
// 2026 年预算 band, the budgets' names split over two lines.
const shenzhenProject = `                                                                          项目支出总表
部门名称：深圳市民政局（本级）                                                                                                                            单位：万元

                                                                                     2026 年预算

     支出项目类别                               财政拨款                                                     单位资金
                                                                 财政专户                                                                    上年结余、
                 总计           一般公共       政府性基金预       国有资本经营                         事业单位          上级补助          附属单位
                                                                 管理资金     事业收入                                                 其他收入       结转
                              预算拨款        算拨款         预算拨款                           经营收入          收入            上缴收入
深圳市民政局（本级）       22,701.77    3,179.64    19,336.15       0.00     0.00       0.00          0.00          0.00          0.00      0.00         185.98
     安全生产和应急管理
                      21.96     21.96         0.00        0.00     0.00       0.00          0.00          0.00          0.00      0.00           0.00
专项经费
     福利彩票公益金项目   19,336.15       0.00     19,336.15       0.00     0.00       0.00          0.00          0.00          0.00      0.00           0.00

`

// TestSourceOfFundsColumns reads the basic and project expenditure tables
// printed by source of funds, from a corpus page's text and from the
// corpus PDFs: every source is a money column of its own key (not text
// kept as printed), 总计 is the total (not 财政拨款's 合计), and a row's
// figures land under their sources.
func TestSourceOfFundsColumns(t *testing.T) {
	guangzhou := []string{"name", "total", "src_approp", "src_gpb", "src_fund", "src_soe", "src_special", "src_other"}
	shenzhenBasic := []string{"name", "total", "src_approp", "src_gpb", "src_fund", "src_soe", "src_special",
		"src_business", "src_operating", "src_superior", "src_affiliated", "src_other", "src_carry"}
	shenzhen := append([]string{"name", "total"}, shenzhenBasic[3:]...)
	tests := []struct {
		name string
		file string // a corpus PDF, or "" for text
		text string
		kind string
		keys []string // the columns read, in printed order (less text ones)
		row  string   // a row and some of its figures
		want map[string]string
	}{
		{"guangzhou page text", "", guangzhouBasic, "basic_summary", guangzhou, "广州市法律援助处",
			map[string]string{"total": "1543.36", "src_approp": "1543.36", "src_gpb": "1543.36", "src_other": "0.00"}},
		{"shenzhen page text", "", shenzhenProject, "project_expenditure", shenzhen, "福利彩票公益金项目",
			map[string]string{"total": "19336.15", "src_gpb": "0.00", "src_fund": "19336.15", "src_carry": "0.00"}},
		{"guangzhou basic", "guangzhou-1-2026.pdf", "", "basic_summary", guangzhou, "广州市司法局（本级）",
			map[string]string{"total": "18782.75", "src_approp": "18782.75", "src_special": "0.00"}},
		{"guangzhou project", "guangzhou-2-2026.pdf", "", "project_expenditure", guangzhou, "", nil},
		{"shenzhen basic", "shenzhen-1-2026.pdf", "", "basic_summary", shenzhenBasic, "工资福利支出",
			map[string]string{"total": "3838.92", "src_approp": "3838.92", "src_gpb": "3838.92", "src_carry": "0.00"}},
		{"shenzhen project", "shenzhen-3-2026.pdf", "", "project_expenditure", shenzhen, "", nil},
		// Yantai prints 单位资金 as one column and 使用非财政拨款结余 beside 上年结转
		{"yantai project", "yantai-1-2026.pdf", "", "project_expenditure",
			[]string{"name", "total", "src_approp", "src_gpb", "src_fund", "src_soe", "src_special", "src_unit", "src_balance", "src_carry"},
			"合计", map[string]string{"total": "5039.97", "src_approp": "4946.96", "src_unit": "93.01", "src_soe": ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var doc *model.Document
			var err error
			if tc.file == "" {
				doc, err = Bytes("page.txt", []byte(tc.text), Options{})
			} else {
				src := filepath.Join(corpus, tc.file)
				if _, serr := os.Stat(src); serr != nil {
					t.Skip("corpus not present:", serr)
				}
				doc, err = File(src, Options{})
			}
			if err != nil {
				t.Fatal(err)
			}
			tab := doc.TableByKind(tc.kind)
			if tab == nil {
				t.Fatalf("no %s", tc.kind)
			}
			var keys []string
			for _, c := range tab.Columns {
				if c.Type != model.TypeText {
					keys = append(keys, c.Key)
				}
				if strings.HasPrefix(c.Key, "src_") && c.Type != model.TypeMoney {
					t.Errorf("%s (%s) is %s, not money", c.Key, c.Printed, c.Type)
				}
			}
			if strings.Join(keys, " ") != strings.Join(tc.keys, " ") {
				t.Errorf("columns\n got %v\nwant %v", keys, tc.keys)
			}
			if tc.row == "" {
				return
			}
			for _, r := range tab.Rows {
				if r.Name != tc.row {
					continue
				}
				for k, w := range tc.want {
					if got := r.Values[k]; got.String() != w {
						t.Errorf("%s %s: got %q, want %q", tc.row, k, got.String(), w)
					}
				}
				return
			}
			t.Errorf("no row %s", tc.row)
		})
	}
}
