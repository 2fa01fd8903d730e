package layout

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"budgetpack/model/parse"
	"budgetpack/render/grid"
)

// corpus is the folder of real disclosures shared by the project's work trees.
const corpus = "../../../shared/corpus"

// showRow writes a row as its cells' texts with {rows,cols} spans, "~" for
// a covered cell, as TestHeaderRows does.
func showRow(r grid.Row) string {
	var out []string
	for _, c := range r.Cells {
		if c.Covered {
			out = append(out, "~")
			continue
		}
		out = append(out, cellText(c)+"{"+strconv.Itoa(max(c.RowSpan, 1))+","+strconv.Itoa(max(c.ColSpan, 1))+"}")
	}
	return strings.Join(out, " ")
}

// TestCorpusForms checks, for a document of each of four provinces, that
// the public pack's sheet of a table has the header band, merges and first
// rows of the published form (read off the source pages): no column the
// form lacks (Beijing's 收支总表 has no 序号), Shanghai's band 本年支出 /
// 预算数 / 基本支出 / 人员经费 and its 类 / 款 / 项 code columns, each part of
// the code in its own column.
func TestCorpusForms(t *testing.T) {
	tests := []struct {
		doc, title string
		caption    string   // the caption row, "" to skip
		want       []string // header rows, then the first body rows
	}{
		{"beijing-1-2026", "预算01表 收支总表", "金额单位：万元{1,4} ~ ~ ~", []string{
			"收入{1,2} ~ 支出{1,2} ~",
			"项目{1,1} 预算数{1,1} 项目{1,1} 预算数{1,1}",
			"一、一般公共预算拨款收入{1,1} 17,921.443777{1,1} 一、一般公共服务支出{1,1} {1,1}",
			"二、政府性基金预算拨款收入{1,1} {1,1} 二、外交支出{1,1} {1,1}",
		}},
		{"beijing-1-2026", "预算05表 一般公共预算支出表", "", []string{
			"功能分类科目{1,2} ~ 预算数{1,6} ~ ~ ~ ~ ~",
			"科目编码{2,1} 科目名称{2,1} 合计{2,1} 基本支出{1,3} ~ ~ 项目支出{1,2} ~",
			"~ ~ ~ 小计{1,1} 人员经费{1,1} 公用经费{1,1} 项目支出总数{1,1} 扣除基建项目后预算数{1,1}",
			"2200509{1,1} 气象服务{1,1} 4,249.500000{1,1} {1,1} {1,1} {1,1} 4,249.500000{1,1} 4,249.500000{1,1}",
		}},
		// an empty form: 合计 is its total row's label, not a header word
		{"beijing-1-2026", "预算08表 国有资本经营预算支出表", "", []string{
			"功能分类科目{1,2} ~ 预算数{1,3} ~ ~",
			"科目编码{1,1} 科目名称{1,1} 合计{1,1} 基本支出{1,1} 项目支出{1,1}",
		}},
		{"shanghai-1-2026", "2026年预算单位财务收支预算总表", "", []string{
			"本年收入{1,2} ~ 本年支出{1,5} ~ ~ ~ ~",
			"项目{3,1} 预算数{3,1} 项目{3,1} 预算数{1,4} ~ ~ ~",
			"~ ~ ~ 合计{2,1} 基本支出{1,2} ~ 项目支出{2,1}",
			"~ ~ ~ ~ 人员经费{1,1} 公用经费{1,1} ~",
			"一、财政拨款收入{1,1} 471,452,100{1,1} 一、一般公共服务支出{1,1} 463,892,324{1,1} 12,016,088{1,1} 16,737,236{1,1} 435,139,000{1,1}",
		}},
		{"shanghai-1-2026", "2026年预算单位收入预算总表", "", []string{
			"项目{1,4} ~ ~ ~ 收入预算{1,4} ~ ~ ~ 其他收入{3,1}",
			"功能分类科目编码{1,3} ~ ~ 功能分类科目名称{2,1} 合计{2,1} 财政拨款收入{2,1} 事业收入{2,1} 事业单位经营收入{2,1} ~",
			"类{1,1} 款{1,1} 项{1,1} ~ ~ ~ ~ ~ ~",
			"201{1,1} {1,1} {1,1} 一般公共服务支出{1,1} 463,892,324{1,1} 463,892,324{1,1} {1,1} {1,1} {1,1}",
			"201{1,1} 41{1,1} {1,1} 数据事务{1,1} 463,892,324{1,1} 463,892,324{1,1} {1,1} {1,1} {1,1}",
			"201{1,1} 41{1,1} 01{1,1} 行政运行{1,1} 28,853,324{1,1} 28,853,324{1,1} {1,1} {1,1} {1,1}",
		}},
		// an empty form: its whole header, its blank row and its 合计 row
		{"shanghai-1-2026", "2026年预算单位政府性基金预算支出功能分类预算表", "", []string{
			"项目{1,4} ~ ~ ~ 政府性基金预算支出{1,3} ~ ~",
			"功能分类科目编码{1,3} ~ ~ 功能分类科目名称{2,1} 合计{2,1} 基本支出{2,1} 项目支出{2,1}",
			"类{1,1} 款{1,1} 项{1,1} ~ ~ ~ ~",
			"{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
			"合计{1,4} ~ ~ ~ {1,1} {1,1} {1,1}", // merged over 类/款/项 and the name, as printed
		}},
		{"shenzhen-1-2026", "收支总表", "", []string{
			"收入{1,2} ~ 支出{1,2} ~",
			"项目{1,1} 2026年预算数{1,1} 项目{1,1} 2026年预算数{1,1}",
			"一、财政拨款{1,1} 28,097.48{1,1} 一、教育支出{1,1} 12.23{1,1}",
			"1.一般公共预算拨款{1,1} 8,761.33{1,1} 进修及培训{1,1} 12.23{1,1}",
		}},
		// 西安: the expenditure under three classifications, each its own
		// label and amount columns, 收入 over two columns and 支出 over six
		{"xian-1-2026", "部门综合预算收支总表", "", []string{
			"收入{1,2} ~ 支出{1,6} ~ ~ ~ ~ ~",
			"项目{1,1} 预算数{1,1} 支出功能分类科目（按大类）{1,1} 预算数{1,1} 部门预算支出经济分类科目（按大类）{1,1} 预算数{1,1} 政府预算支出经济分类科目（按大类）{1,1} 预算数{1,1}",
			"一、部门预算{1,1} 28,384,234.71{1,1} 一、部门预算{1,1} 28,384,234.71{1,1} 一、部门预算{1,1} 28,384,234.71{1,1} 一、部门预算{1,1} 28,384,234.71{1,1}",
			"1、财政拨款{1,1} 28,384,234.71{1,1} 1、一般公共服务支出{1,1} 22,669,300.94{1,1} 1、人员经费和公用经费支出{1,1} 19,328,114.71{1,1} 1、机关工资福利支出{1,1} 17,103,265.51{1,1}",
			"(1)一般公共预算拨款{1,1} 28,384,234.71{1,1} 2、外交支出{1,1} {1,1} (1)工资福利支出{1,1} 17,103,265.51{1,1} 2、机关商品和服务支出{1,1} 9,919,499.20{1,1}",
		}},
		{"xian-3-2026", "部门综合预算财政拨款收支总表", "", []string{
			"收入{1,2} ~ 支出{1,6} ~ ~ ~ ~ ~",
			"项目{1,1} 预算数{1,1} 支出功能分类科目（按大类）{1,1} 预算数{1,1} 部门预算支出经济分类科目（按大类）{1,1} 预算数{1,1} 政府预算支出经济分类科目（按大类）{1,1} 预算数{1,1}",
		}},
		// 西安's 政府采购: 科目编码 类/款/项, then each item's catalogue entry and
		// its two economic classifications' 类 and 款 codes in columns of their own
		{"xian-1-2026", "部门综合预算政府采购（资产配置、购买服务）预算表", "", []string{
			"科目编码{1,3} ~ ~ 单位编码{2,1} 采购项目{2,1} 采购目录{2,1} 购买服务内容{2,1} 规格型号{2,1} 数量{2,1} 部门预算支出经济科目编码{1,2} ~ 政府预算支出经济科目编码{1,2} ~ 实施采购时间{2,1} 预算金额{2,1} 说明{2,1}",
			"类{1,1} 款{1,1} 项{1,1} ~ ~ ~ ~ ~ ~ 类{1,1} 款{1,1} 类{1,1} 款{1,1} ~ ~ ~",
			"{1,1} {1,1} {1,1} {1,1} 合计{1,1} {1,1} {1,1} {1,1} 6{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} 3,786,500.00{1,1} {1,1}",
			"201{1,1} 40{1,1} 04{1,1} 1{1,1} 全额{1,1} {1,1} {1,1} {1,1} 6{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} 3,786,500.00{1,1} {1,1}",
			"201{1,1} 40{1,1} 04{1,1} 121001{1,1} 西安市信访局{1,1} {1,1} {1,1} {1,1} 6{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} 3,786,500.00{1,1} {1,1}",
			"201{1,1} 40{1,1} 04{1,1} {1,1} 接待中心安保服务{1,1} C05040300保安服务{1,1} {1,1} 详见合同{1,1} 1{1,1} 302{1,1} 27{1,1} 502{1,1} 05{1,1} {1,1} 499,800.00{1,1} {1,1}",
		}},
		// 深圳 支出总表: each column merged down over two header rows but the
		// 2026年政府采购项目 band over its three; the unit's row names the
		// unit once, under 预算单位, its 科目编码 and 科目名称 blank
		{"shenzhen-1-2026", "支出总表", "", []string{
			"预算单位{2,1} 科目编码{2,1} 科目名称{2,1} 支出总计{2,1} 基本支出{2,1} 项目支出{2,1} 事业单位经营支出{2,1} 对附属单位补助支出{2,1} 上缴上级支出{2,1} 2026年政府采购项目{1,3} ~ ~",
			"~ ~ ~ ~ ~ ~ ~ ~ ~ 小计{1,1} 其中：2026年政府采购项目中预留给中小企业的项目资金规模{1,1} 其中：2026年政府采购项目中预留给小型、微型企业的项目资金规模{1,1}",
			"深圳市民政局（本级）{1,1} {1,1} {1,1} 28,283.46{1,1} 5,581.69{1,1} 22,701.77{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 2,469.28{1,1} 585.20{1,1} 0.00{1,1}",
			"{1,1} 205{1,1} 教育支出{1,1} 12.23{1,1} 0.00{1,1} 12.23{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1}",
			"{1,1} 20508{1,1} 进修及培训{1,1} 12.23{1,1} 0.00{1,1} 12.23{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1}",
		}},
		// 广州 draws each cell edge as a thin filled trapezoid: the ruled
		// grid gives four columns under 收入 / 支出, and the 收入总体情况表's
		// bands over their columns
		{"guangzhou-1-2026", "收支总体情况表", "", []string{
			"收入{1,2} ~ 支出{1,2} ~",
			"项目{1,1} 预算{1,1} 项目{1,1} 预算{1,1}",
			"一、预算拨款{1,1} 174,177.85{1,1} 一、一般公共服务支出{1,1} 1,075.58{1,1}",
		}},
		{"guangzhou-1-2026", "收入总体情况表", "", []string{
			"单位名称{2,1} 合计{2,1} 财政拨款收入{1,3} ~ ~ 财政专户拨款收入{1,2} ~ 其他资金收入{1,3} ~ ~ 上级补助收入{2,1} 附属单位上缴收入{2,1} 上年结转结余{2,1}",
			"~ ~ 一般公共预算{1,1} 政府性基金预算{1,1} 国有资本经营预算{1,1} 教育收费{1,1} 其他专户收入拨款{1,1} 事业收入{1,1} 事业单位经营收入{1,1} 其他收入{1,1} ~ ~ ~",
		}},
		// codes printed inside the name cell, as the page prints them
		{"guangzhou-1-2026", "一般公共预算支出情况表（按功能分类科目）", "", []string{
			"功能科目名称{2,1} 一般公共预算支出{1,3} ~ ~",
			"~ 小计{1,1} 其中：基本支出{1,1} 项目支出{1,1}",
			"合计{1,1} 174,177.85{1,1} 151,664.25{1,1} 22,513.60{1,1}",
			"[201]一般公共服务支出{1,1} 1,075.58{1,1} 6.49{1,1} 1,069.09{1,1}",
		}},
		// 深圳's “三公” table: 总计, 因公出国(境)费 and 公务接待费 merged down over
		// two rows, every group's 一般公共预算 | 政府性基金预算 | 国有资本经营预算 on
		// the last header row, all of them money
		{"shenzhen-1-2026", "财政拨款“三公”经费支出表", "", []string{
			"预算单位{3,1} 年度{3,1} 总计{2,3} ~ ~ 因公出国(境)费{2,3} ~ ~ 公务接待费{2,3} ~ ~ 公务用车购置及运行维护费{1,9} ~ ~ ~ ~ ~ ~ ~ ~",
			"~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ 小计{1,3} ~ ~ 公务用车购置费{1,3} ~ ~ 公务用车运行维护费{1,3} ~ ~",
			"~ ~ 一般公共预算{1,1} 政府性基金预算{1,1} 国有资本经营预算{1,1} 一般公共预算{1,1} 政府性基金预算{1,1} 国有资本经营预算{1,1} 一般公共预算{1,1} 政府性基金预算{1,1} 国有资本经营预算{1,1} 一般公共预算{1,1} 政府性基金预算{1,1} 国有资本经营预算{1,1} 一般公共预算{1,1} 政府性基金预算{1,1} 国有资本经营预算{1,1} 一般公共预算{1,1} 政府性基金预算{1,1} 国有资本经营预算{1,1}",
			"深圳市民政局（本级）{1,1} 2025年{1,1} 33.00{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 0.00{1,1} 15.00{1,1} 0.00{1,1} 0.00{1,1} 18.00{1,1} 0.00{1,1} 0.00{1,1} 12.00{1,1} 0.00{1,1} 0.00{1,1} 6.00{1,1} 0.00{1,1} 0.00{1,1}",
		}},
		// 西安's 收入总表: every source under its own header, as printed
		{"xian-3-2026", "部门综合预算收入总表", "", []string{
			"单位编码{3,1} 单位名称{3,1} 部门预算{1,12} ~ ~ ~ ~ ~ ~ ~ ~ ~ ~ ~",
			"~ ~ 合计{2,1} 一般公共预算拨款{1,2} ~ 政府性基金拨款{2,1} 上级补助收入{2,1} 事业收入{2,1} 事业单位经营收入{2,1} 使用非财政拨款结余{2,1} 对附属单位上缴收入{2,1} 上年结转{2,1} 上年实户资金余额{2,1} 其他收入{2,1}",
			"~ ~ ~ 小计{1,1} 其中：专项资金列入部门预算项目{1,1} ~ ~ ~ ~ ~ ~ ~ ~ ~",
			"合计{1,2} ~ 42,034,723.58{1,1} 40,052,896.08{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1} 981,827.50{1,1} 1,000,000.00{1,1}",
		}},
		{"beijing-1-2026", "预算02表 收入总表", "", []string{
			"合计{2,1} 本年收入{1,10} ~ ~ ~ ~ ~ ~ ~ ~ ~ 上年结转结余{1,6} ~ ~ ~ ~ ~",
			"~ 小计{1,1} 一般公共预算资金{1,1} 政府性基金预算资金{1,1} 国有资本经营预算资金{1,1} 财政专户管理资金{1,1} 事业收入{1,1} 事业单位经营收入{1,1} 上级补助收入{1,1} 附属单位上缴收入{1,1} 其他收入{1,1} 小计{1,1} 一般公共预算资金{1,1} 政府性基金预算资金{1,1} 国有资本经营预算资金{1,1} 财政专户管理资金{1,1} 单位资金{1,1}",
			"30,775.648545{1,1} 17,929.443777{1,1} 17,921.443777{1,1} {1,1} {1,1} {1,1} 5.000000{1,1} {1,1} {1,1} {1,1} 3.000000{1,1} 12,846.204768{1,1} 2,706.670189{1,1} 10,139.534579{1,1} {1,1} {1,1} {1,1}",
		}},
		// 江苏 prints each income category once, merged down beside its
		// 小计 and items; the row after the last item is the next category
		{"jiangsu-1-2018", "公开02表：收入预算总表", "", []string{
			"项目名称{1,1} {1,1} 金额{1,1}",
			"收入总计{1,2} ~ 21,955.35{1,1}", // merged over both label columns, as printed
			"一般公共预算资金{3,1} 小计{1,1} 21,940.96{1,1}",
			"~ 公共财政拨款(补助)资金{1,1} 21,940.96{1,1}",
			"~ 专项收入{1,1} {1,1}",
			"政府性基金{1,1} 小计{1,1} {1,1}",
			"财政专户管理资金{3,1} 小计{1,1} {1,1}",
			"~ 专户管理教育收费{1,1} {1,1}",
			"~ 其他非税收入{1,1} {1,1}",
			"其他资金{5,1} 小计{1,1} 14.39{1,1}",
			"~ 事业收入{1,1} {1,1}",
			"~ 经营收入{1,1} {1,1}",
			"~ 其他收入{1,1} 14.39{1,1}",
			"~ 债务资金(银行贷款){1,1} {1,1}",
			// 其中 under a merged category is that category's, not a name of its own
			"上年结转和结余资金{2,1} 小计{1,1} {1,1}",
			"~ 其中：动用上年结转和结余资金{1,1} {1,1}",
		}},
		// the page ends inside 其他资金's cell and the next goes on with it
		{"jiangsu-3-2017", "二、2017年度江苏省高级人民法院部门收入预算总表", "", []string{
			"项目名称{1,1} {1,1} 金额{1,1}",
			"收入总计{1,2} ~ 28,849.38{1,1}",
			"一般公共预算资金{3,1} 小计{1,1} 28,849.38{1,1}",
			"~ 公共财政拨款(补助)资金{1,1} 28,849.38{1,1}",
			"~ 专项收入{1,1} {1,1}",
			"政府性基金{1,1} 小计{1,1} {1,1}",
			"财政专户管理资金{3,1} 小计{1,1} {1,1}",
			"~ 专户管理教育收费{1,1} {1,1}",
			"~ 其他非税收入{1,1} {1,1}",
			"其他资金{5,1} 小计{1,1} {1,1}",
			"~ 事业收入{1,1} {1,1}",
			"~ 经营收入{1,1} {1,1}",
			"~ 其他收入{1,1} {1,1}",
			"~ 债务资金(银行贷款){1,1} {1,1}",
			"上年结转和结余资金{2,1} 小计{1,1} {1,1}",
		}},
		// 支出项目类别 is merged down; 总计 stands under the 2026年预算 band
		{"shenzhen-1-2026", "项目支出总表", "", []string{
			"支出项目类别{3,1} 2026年预算{1,11} ~ ~ ~ ~ ~ ~ ~ ~ ~ ~",
			"~ 总计{2,1} 财政拨款{1,3} ~ ~ 财政专户管理资金{2,1} 单位资金{1,5} ~ ~ ~ ~ 上年结余、结转{2,1}",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.doc+"/"+tt.title, func(t *testing.T) {
			s := corpusSheet(t, tt.doc, tt.title)
			var got []string
			for i := s.HeaderFrom; i < len(s.Rows) && len(got) < len(tt.want); i++ {
				got = append(got, showRow(s.Rows[i]))
			}
			for i := range tt.want {
				if i >= len(got) || got[i] != tt.want[i] {
					g := ""
					if i < len(got) {
						g = got[i]
					}
					t.Errorf("row %d:\n got %s\nwant %s", i, g, tt.want[i])
				}
			}
			if tt.caption != "" && s.HeaderFrom > 1 {
				if got := showRow(s.Rows[s.HeaderFrom-1]); got != tt.caption {
					t.Errorf("caption:\n got %s\nwant %s", got, tt.caption)
				}
			}
			for _, c := range s.Rows[s.HeaderFrom].Cells {
				if strings.Contains(c.Text, "序号") {
					t.Errorf("a 序号 column the form lacks: %s", showRow(s.Rows[s.HeaderFrom]))
				}
			}
		})
	}
}

// TestCorpusPrinted checks the public pack against what the source pages
// show: the rows a Shanghai 收支总表 prints empty to line its sides up
// (blank, not zero), its names flush left at every level where the page
// prints them so, and indented by level where the page indents them
// (Yantai).
func TestCorpusPrinted(t *testing.T) {
	tests := []struct {
		doc, title string
		blank      []int          // body rows printed empty
		indents    map[string]int // row name → its indent in the pack
	}{
		{"shanghai-1-2026", "2026年预算单位财务收支预算总表", []int{7, 8, 9, 10},
			map[string]int{"一、财政拨款收入": 0, "1、一般公共预算": 0, "四、其他收入": 0}},
		// the second Shanghai document sets 1、一般公共预算 two characters in
		{"shanghai-2-2026", "2026年预算单位财务收支预算总表", []int{7, 8, 9, 10},
			map[string]int{"一、财政拨款收入": 0, "1、一般公共预算": 2, "二、事业收入": 0}},
		{"shanghai-1-2026", "2026年预算单位一般公共预算支出功能分类预算表", nil,
			map[string]int{"一般公共服务支出": 0, "数据事务": 0, "行政运行": 0, "机关事业单位基本养老保险缴费支出": 0}},
		{"yantai-1-2026", "支出总体情况表", nil,
			map[string]int{"一般公共服务支出": 0, "政府办公厅（室）及相关机构事务": 1, "行政运行": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.doc+"/"+tt.title, func(t *testing.T) {
			s := corpusSheet(t, tt.doc, tt.title)
			for _, i := range tt.blank {
				r := s.Rows[s.BodyFrom+i]
				for _, c := range r.Cells {
					if c.Text != "" || c.IsNumber() {
						t.Errorf("body row %d is not blank: %s", i, showRow(r))
						break
					}
				}
			}
			seen := map[string]bool{}
			for _, r := range s.Rows[s.BodyFrom:] {
				for _, c := range r.Cells {
					if want, ok := tt.indents[c.Text]; ok && c.Style.Class == grid.Name && !seen[c.Text] {
						seen[c.Text] = true
						if c.Style.Indent != want {
							t.Errorf("%s indented %d, want %d", c.Text, c.Style.Indent, want)
						}
					}
				}
			}
			for name := range tt.indents {
				if !seen[name] {
					t.Errorf("no row %s", name)
				}
			}
		})
	}
}

// corpusSheet is the public pack's sheet of the given title, made from
// the corpus document doc's PDF; the test is skipped without the corpus.
func corpusSheet(t *testing.T, doc, title string) *grid.Sheet {
	t.Helper()
	src := filepath.Join(corpus, doc+".pdf")
	if _, err := os.Stat(src); err != nil {
		t.Skip("corpus not present:", err)
	}
	d, err := parse.File(src, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	book, err := Build(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range book.Sheets {
		if sh.Title == title && !sh.Contents {
			return sh
		}
	}
	t.Fatalf("no sheet %s", title)
	return nil
}

// TestCorpusBold checks that the public pack sets bold what the source
// page prints bold and nothing else (read off the pages): 重庆's 收支总表
// prints its 合计 labels bold and their figures plain, its 收入总表 the
// 合计 row bold throughout and the 类 rows plain; 西安's 收入总表 prints
// its 合计 plain, though a total.
func TestCorpusBold(t *testing.T) {
	tests := []struct {
		doc, title string
		row        string          // the first body row whose label cell prints this
		want       map[string]bool // cell text → bold, for the row's cells
	}{
		{"chongqing-2-2026", "2026年部门收支总体情况表", "合计",
			map[string]bool{"合计": true, "186,549.30": false}},
		{"chongqing-2-2026", "2026年部门收支总体情况表", "一、一般公共预算资金",
			map[string]bool{"一、一般公共预算资金": false, "128,148.56": false, "一、一般公共服务支出": false}},
		{"chongqing-2-2026", "2026年部门收入总体情况表", "合计",
			map[string]bool{"合计": true, "186,549.30": true, "128,148.56": true}},
		{"chongqing-2-2026", "2026年部门收入总体情况表", "201",
			map[string]bool{"一般公共服务支出": false, "59.56": false}},
		{"chongqing-1-2026", "2026年部门支出总体情况表", "合计",
			map[string]bool{"合计": true, "14,770.62": true}},
		{"xian-1-2026", "部门综合预算收入总表", "合计",
			map[string]bool{"合计": false, "28,384,234.71": false}},
	}
	for _, tt := range tests {
		t.Run(tt.doc+"/"+tt.title+"/"+tt.row, func(t *testing.T) {
			s := corpusSheet(t, tt.doc, tt.title)
			for _, r := range s.Rows[s.BodyFrom:] {
				found := false
				for _, c := range r.Cells {
					found = found || (c.Text == tt.row && !c.Covered)
				}
				if !found {
					continue
				}
				seen := map[string]bool{}
				for _, c := range r.Cells {
					text := cellText(c)
					if want, ok := tt.want[text]; ok && !seen[text] {
						seen[text] = true
						if c.Style.Bold != want {
							t.Errorf("%s bold %v, want %v", text, c.Style.Bold, want)
						}
					}
				}
				for text := range tt.want {
					if !seen[text] {
						t.Errorf("no cell %s in row %s", text, showRow(r))
					}
				}
				return
			}
			t.Errorf("no row %s", tt.row)
		})
	}
}
