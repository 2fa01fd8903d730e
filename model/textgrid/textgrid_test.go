package textgrid

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"budgetpack/model/raw"
)

// w places a word of size 10 with its baseline at y, as a PDF reader does.
func w(text string, x0, x1, y float64) Word {
	return Word{Text: text, X0: x0, X1: x1, Top: y - 8, Bottom: y + 2, Baseline: y, Size: 10}
}

func hr(x0, x1, y float64) Ruling { return Ruling{X0: x0, Y0: y, X1: x1, Y1: y} }
func vr(x, y0, y1 float64) Ruling { return Ruling{X0: x, Y0: y0, X1: x, Y1: y1} }

// cellSpec renders a row as the test expects it: text, "<" for a covered
// cell, a span as text{c×r}.
func rowSpec(r raw.Row) string {
	var cs []string
	for _, c := range r.Cells {
		s := c.Text
		if c.Covered {
			s = "<"
		}
		if c.ColSpan > 1 || c.RowSpan > 1 {
			s += fmt.Sprintf("{%d×%d}", max(c.ColSpan, 1), max(c.RowSpan, 1))
		}
		cs = append(cs, s)
	}
	return strings.Join(cs, "|")
}

// blocksSpec renders the blocks: "T:text" for a text line, "G" and its
// rows for a grid, "^" before a row after a page break.
func blocksSpec(doc *raw.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		if !b.IsGrid() {
			out = append(out, "T:"+b.Text)
			continue
		}
		out = append(out, "G")
		for _, r := range b.Rows {
			p := "  "
			if r.AfterBreak {
				p = "  ^"
			}
			out = append(out, p+rowSpec(r))
		}
	}
	return out
}

// checkAnchors asserts that every Line field is an anchor into Places
// naming a page.
func checkAnchors(t *testing.T, doc *raw.Document) {
	t.Helper()
	ok := func(what string, a int) {
		if a <= 0 || a > len(doc.Places) || doc.Places[a-1].Page <= 0 {
			t.Errorf("%s: anchor %d is not a place with a page (places %d)", what, a, len(doc.Places))
		}
	}
	for bi, b := range doc.Blocks {
		ok(fmt.Sprintf("block %d", bi), b.Line)
		if b.Page <= 0 {
			t.Errorf("block %d: no page", bi)
		}
		for ri, r := range b.Rows {
			ok(fmt.Sprintf("block %d row %d", bi, ri), r.Line)
			for ci, c := range r.Cells {
				ok(fmt.Sprintf("block %d row %d cell %d", bi, ri, ci), c.Line)
			}
		}
	}
}

func TestBuild(t *testing.T) {
	tests := []struct {
		name  string
		pages []Page
		want  []string
	}{
		{
			name: "ruled table with a merged header, title and prose around it",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("表一", 100, 120, 20), w("收支总表", 125, 165, 20),
					w("收入", 40, 60, 110), w("合计", 240, 260, 120),
					w("项目", 40, 60, 130), w("金额", 140, 160, 130),
					w("一、拨款", 20, 60, 150), w("1,234.56", 140, 190, 150), w("7.00", 270, 290, 150),
					w("说明：以上为预算数。", 20, 120, 200),
				},
				Rulings: []Ruling{
					hr(0, 300, 100), hr(0, 200, 120), hr(0, 300, 140), hr(0, 300, 160),
					vr(0, 100, 160), vr(100, 120, 160), vr(200, 100, 160), vr(300, 100, 160),
				}}},
			want: []string{
				"T:表一 收支总表",
				"G",
				"  收入{2×1}|<|合计{1×2}",
				"  项目|金额|<",
				"  一、拨款|1,234.56|7.00",
				"T:说明：以上为预算数。",
			},
		},
		{
			// the frame takes in the title: it keeps the space between the
			// table's number and its name (预算01表 收支总表, beijing-1-2026)
			name: "a title inside the ruled frame keeps its space",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("预算01表", 100, 140, 15), w("收支总表", 146, 186, 15),
					w("项目", 20, 40, 35), w("金额", 220, 240, 35),
					w("合计", 20, 40, 55), w("1.00", 220, 240, 55),
				},
				Rulings: []Ruling{
					hr(0, 300, 0), hr(0, 300, 20), hr(0, 300, 40), hr(0, 300, 60),
					vr(0, 0, 60), vr(300, 0, 60), vr(100, 20, 60),
				}}},
			want: []string{"T:预算01表 收支总表", "G", "  项目|金额", "  合计|1.00"},
		},
		{
			// wuxi-2-2026 政府采购支出表: 无锡市水利局 wraps at its cell's
			// edge as the page ends, （本级） finishes it atop the next page
			name: "a cell the page end cuts goes on in the next page's first row",
			pages: []Page{
				{Number: 1, Width: 400, Height: 400,
					Words: []Word{
						w("名称", 20, 40, 15), w("金额", 220, 240, 15),
						w("无锡市水利局", 40, 96, 35), w("835.23", 220, 250, 35),
					},
					Rulings: []Ruling{
						hr(0, 300, 0), hr(0, 300, 20), hr(0, 300, 40),
						vr(0, 0, 40), vr(100, 0, 40), vr(300, 0, 40),
					}},
				{Number: 2, Width: 400, Height: 400,
					Words: []Word{
						w("（本级）", 5, 45, 15),
						w("办公费", 20, 50, 35), w("2.00", 220, 240, 35),
					},
					Rulings: []Ruling{
						hr(0, 300, 0), hr(0, 300, 20), hr(0, 300, 40),
						vr(0, 0, 40), vr(100, 0, 40), vr(300, 0, 40),
					}},
			},
			want: []string{"G", "  名称|金额", "  无锡市水利局（本级）|835.23", "  ^办公费|2.00"},
		},
		{
			// jiangsu-3-2017 政府采购预算表: the next page keeps fewer
			// columns and prints a running head; the cut cell is found by
			// its edges on the page
			name: "a cut cell goes on in a next page of other columns",
			pages: []Page{
				{Number: 1, Width: 400, Height: 400,
					Words: []Word{
						w("类别", 20, 40, 15), w("科目", 120, 140, 15), w("金额", 220, 240, 15),
						w("信息网络及软件购", 105, 195, 35), w("606.00", 220, 250, 35),
					},
					Rulings: []Ruling{
						hr(0, 300, 0), hr(0, 300, 20), hr(0, 300, 40),
						vr(0, 0, 40), vr(100, 0, 40), vr(200, 0, 40), vr(300, 0, 40),
					}},
				{Number: 2, Width: 400, Height: 400,
					Words: []Word{
						w("某局2026年度部门预算公开", 100, 220, 10),
						w("置更新", 105, 135, 35),
						w("会议费", 120, 150, 55), w("2.00", 220, 240, 55),
					},
					Rulings: []Ruling{
						hr(0, 300, 20), hr(0, 300, 40), hr(0, 300, 60),
						vr(0, 20, 60), vr(100, 20, 60), vr(200, 20, 60), vr(300, 20, 60),
					}},
			},
			want: []string{
				"G", "  类别|科目|金额", "  |信息网络及软件购置更新|606.00",
				"T:某局2026年度部门预算公开",
				"G", "  会议费|2.00",
			},
		},
		{
			// beijing-1-2026 项目支出绩效目标表: no project has 其他资金, so
			// the next page writes nothing in that column; it draws it on
			// the page before's edges and keeps it, or every later cell
			// would stand one column to the left
			name: "a next page keeps the blank column the page before has",
			pages: []Page{
				{Number: 1, Width: 500, Height: 400,
					Words: []Word{
						w("名称", 20, 40, 15), w("财政", 120, 140, 15), w("其他", 220, 240, 15), w("目标", 320, 340, 15),
						w("甲", 20, 30, 35), w("1.00", 120, 140, 35), w("好", 320, 330, 35),
						w("3", 240, 250, 380), // the page number between the pieces
					},
					Rulings: []Ruling{
						hr(0, 400, 0), hr(0, 400, 20), hr(0, 400, 40),
						vr(0, 0, 40), vr(100, 0, 40), vr(200, 0, 40), vr(300, 0, 40), vr(400, 0, 40),
					}},
				{Number: 2, Width: 500, Height: 400,
					Words: []Word{
						w("乙", 20, 30, 15), w("2.00", 120, 140, 15), w("中", 320, 330, 15),
					},
					Rulings: []Ruling{
						hr(0, 400, 0), hr(0, 400, 20),
						vr(0, 0, 20), vr(100, 0, 20), vr(200, 0, 20), vr(300, 0, 20), vr(400, 0, 20),
					}},
			},
			want: []string{"G", "  名称|财政|其他|目标", "  甲|1.00||好", "  ^乙|2.00||中", "T:3"},
		},
		{
			// a line of text between the pages (not a page number) may
			// open another table: the next page keeps only its own columns
			name: "a blank column is not kept across a line of text",
			pages: []Page{
				{Number: 1, Width: 500, Height: 400,
					Words: []Word{
						w("名称", 20, 40, 15), w("财政", 120, 140, 15), w("其他", 220, 240, 15), w("目标", 320, 340, 15),
						w("甲", 20, 30, 35), w("1.00", 120, 140, 35), w("好", 320, 330, 35),
					},
					Rulings: []Ruling{
						hr(0, 400, 0), hr(0, 400, 20), hr(0, 400, 40),
						vr(0, 0, 40), vr(100, 0, 40), vr(200, 0, 40), vr(300, 0, 40), vr(400, 0, 40),
					}},
				{Number: 2, Width: 500, Height: 400,
					Words: []Word{
						w("附表", 20, 60, 10),
						w("乙", 20, 30, 35), w("2.00", 120, 140, 35), w("中", 320, 330, 35),
					},
					Rulings: []Ruling{
						hr(0, 400, 20), hr(0, 400, 40),
						vr(0, 20, 40), vr(100, 20, 40), vr(200, 20, 40), vr(300, 20, 40), vr(400, 20, 40),
					}},
			},
			want: []string{"G", "  名称|财政|其他|目标", "  甲|1.00||好", "T:附表", "G", "  乙|2.00|中"},
		},
		{
			// a short label that ends well inside its cell was not wrapped:
			// the next page's label row is a row of its own
			name: "a label that did not wrap is not run on",
			pages: []Page{
				{Number: 1, Width: 400, Height: 400,
					Words: []Word{
						w("名称", 20, 40, 15), w("金额", 220, 240, 15),
						w("合计", 5, 25, 35), w("835.23", 220, 250, 35),
					},
					Rulings: []Ruling{
						hr(0, 300, 0), hr(0, 300, 20), hr(0, 300, 40),
						vr(0, 0, 40), vr(100, 0, 40), vr(300, 0, 40),
					}},
				{Number: 2, Width: 400, Height: 400,
					Words: []Word{
						w("其中：", 5, 35, 15),
						w("办公费", 20, 50, 35), w("2.00", 220, 240, 35),
					},
					Rulings: []Ruling{
						hr(0, 300, 0), hr(0, 300, 20), hr(0, 300, 40),
						vr(0, 0, 40), vr(100, 0, 40), vr(300, 0, 40),
					}},
			},
			want: []string{"G", "  名称|金额", "  合计|835.23", "  ^其中：|", "  办公费|2.00"},
		},
		{
			// a title set in one of the frame's drawn cells stands over the
			// header, not over figures: it stays the table's title
			name: "a title in a drawn cell over the header",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("预算05表", 5, 45, 15),
					w("项目", 20, 40, 35), w("金额", 220, 240, 35),
					w("合计", 20, 40, 55), w("1.00", 220, 240, 55),
				},
				Rulings: []Ruling{
					hr(0, 300, 0), hr(0, 300, 20), hr(0, 300, 40), hr(0, 300, 60),
					vr(0, 0, 60), vr(100, 0, 60), vr(300, 0, 60),
				}}},
			want: []string{"T:预算05表", "G", "  项目|金额", "  合计|1.00"},
		},
		{
			// a title spread out one character a word is one word
			name: "a spread-out title inside the ruled frame",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("收", 100, 110, 15), w("支", 130, 140, 15), w("总", 160, 170, 15), w("表", 190, 200, 15),
					w("项目", 20, 40, 35), w("金额", 220, 240, 35),
					w("合计", 20, 40, 55), w("1.00", 220, 240, 55),
				},
				Rulings: []Ruling{
					hr(0, 300, 0), hr(0, 300, 20), hr(0, 300, 40), hr(0, 300, 60),
					vr(0, 0, 60), vr(300, 0, 60), vr(100, 20, 60),
				}}},
			want: []string{"T:收支总表", "G", "  项目|金额", "  合计|1.00"},
		},
		{
			name: "open outer sides closed where the horizontals reach; stacked tables stay apart",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("甲", 20, 30, 15), w("1.00", 120, 140, 15), w("2.00", 220, 240, 15),
					w("乙", 20, 30, 35), w("3.00", 120, 140, 35), w("4.00", 220, 240, 35),
					w("丙", 20, 30, 115), w("5.00", 120, 140, 115), w("6.00", 220, 240, 115),
				},
				Rulings: []Ruling{
					hr(0, 300, 0), hr(0, 300, 20), hr(0, 300, 40), vr(100, 0, 40), vr(200, 0, 40),
					hr(0, 300, 100), hr(0, 300, 120), vr(100, 100, 120), vr(200, 100, 120),
				}}},
			want: []string{
				"G", "  甲|1.00|2.00", "  乙|3.00|4.00",
				"G", "  丙|5.00|6.00",
			},
		},
		{
			// a name wrapped to two lines in a row too low for them: its
			// second line crosses the ruling below and is printed over the
			// top of the next row's own text
			name: "a cell's last line overflowing into the row below stays in its row",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("2110199-其他事务", 10, 90, 14), w("1.00", 120, 140, 14),
					w("支出", 10, 30, 26), w("2110199-其他事务", 10, 90, 29), w("2.00", 120, 140, 29),
					w("支出", 10, 30, 46), w("2110199-其他事务", 10, 90, 49), w("3.00", 120, 140, 49),
					w("2130301-行政运行", 10, 90, 69), w("4.00", 120, 140, 69),
				},
				Rulings: []Ruling{
					hr(0, 200, 0), hr(0, 200, 20), hr(0, 200, 40), hr(0, 200, 60), hr(0, 200, 80),
					vr(0, 0, 80), vr(100, 0, 80), vr(200, 0, 80),
				}}},
			want: []string{
				"G",
				"  2110199-其他事务支出|1.00",
				"  2110199-其他事务支出|2.00",
				"  2110199-其他事务|3.00",
				"  2130301-行政运行|4.00",
			},
		},
		{
			name: "unruled table from aligned text",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("部门收入总表", 120, 180, 10),
					w("项目", 20, 40, 30), w("合计", 160, 180, 30), w("拨款", 240, 260, 30),
					w("一、一般公共服务支出", 20, 120, 45), w("1,100.00", 140, 180, 45), w("1,000.00", 220, 260, 45),
					w("二、教育支出", 20, 80, 60), w("50.00", 155, 180, 60), w("50.00", 235, 260, 60),
					w("合计", 20, 40, 75), w("1,150.00", 140, 180, 75), w("1,050.00", 220, 260, 75),
					w("以上数据为年初预算。", 20, 120, 110),
				}}},
			want: []string{
				"T:部门收入总表",
				"G",
				"  项目|合计|拨款",
				"  一、一般公共服务支出|1,100.00|1,000.00",
				"  二、教育支出|50.00|50.00",
				"  合计|1,150.00|1,050.00",
				"T:以上数据为年初预算。",
			},
		},
		{
			name: "table continued on the next page with its header repeated",
			pages: []Page{
				{Number: 1, Width: 400, Height: 400, Words: []Word{
					w("支出总表", 120, 160, 10),
					w("科目", 20, 40, 30), w("金额", 160, 180, 30),
					w("一、工资", 20, 60, 45), w("10.00", 155, 180, 45),
					w("二、商品", 20, 60, 60), w("20.00", 155, 180, 60),
					w("- 1 -", 140, 160, 390),
				}},
				{Number: 2, Width: 400, Height: 400, Words: []Word{
					w("科目", 20, 40, 30), w("金额", 160, 180, 30),
					w("三、补助", 20, 60, 45), w("30.00", 155, 180, 45),
					w("合计", 20, 40, 60), w("60.00", 155, 180, 60),
				}},
			},
			want: []string{
				"T:支出总表",
				"G",
				"  科目|金额",
				"  一、工资|10.00",
				"  二、商品|20.00",
				"  ^三、补助|30.00",
				"  合计|60.00",
				"T:- 1 -",
			},
		},
		{
			name: "a table with a new title on the next page is a new table",
			pages: []Page{
				{Number: 1, Width: 400, Height: 400, Words: []Word{
					w("科目", 20, 40, 30), w("金额", 160, 180, 30),
					w("一、工资", 20, 60, 45), w("10.00", 155, 180, 45),
				}},
				{Number: 2, Width: 400, Height: 400, Words: []Word{
					w("收入总表", 120, 160, 10),
					w("科目", 20, 40, 30), w("金额", 160, 180, 30),
					w("一、拨款", 20, 60, 45), w("30.00", 155, 180, 45),
				}},
			},
			want: []string{
				"G", "  科目|金额", "  一、工资|10.00",
				"T:收入总表",
				"G", "  科目|金额", "  一、拨款|30.00",
			},
		},
		{
			name: "a number split over two lines and one drawn in two pieces",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("项目", 20, 40, 30), w("预算数", 150, 180, 30), w("上年数", 230, 260, 30),
					w("一、本年收入", 20, 80, 45), w("244,895", 145, 180, 45), w("24,1", 215, 235, 45), w("69.74", 235.5, 260, 45),
					w(".02", 180, 195, 57),
					w("二、上年结转", 20, 80, 75), w("1.00", 160, 180, 75), w("2.00", 240, 260, 75),
				}}},
			want: []string{
				"G",
				"  项目|预算数|上年数",
				"  一、本年收入|244,895.02|24,169.74",
				"  二、上年结转|1.00|2.00",
			},
		},
		{
			name: "a figure glued to the next cell's text, a unit kept with its figure",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("项目", 20, 40, 30), w("金额", 150, 170, 30), w("说明", 200, 220, 30),
					w("一、收入", 20, 60, 45), w("0.00一是确保场所安全", 140, 260, 45),
					w("二、支出", 20, 60, 60), w("1.50", 144, 164, 60), w("共计1.5万元", 200, 250, 60),
				}}},
			want: []string{
				"G",
				"  项目|金额|说明",
				"  一、收入|0.00|一是确保场所安全",
				"  二、支出|1.50|共计1.5万元",
			},
		},
		{
			name: "prose only, a figure inside a sentence",
			pages: []Page{{Number: 1, Width: 400, Height: 400,
				Words: []Word{
					w("一、部门职能", 20, 80, 20),
					w("本部门公用经费", 20, 90, 40), w("131.33", 92, 120, 40), w("万元。", 122, 150, 40),
				}}},
			want: []string{"T:一、部门职能", "T:本部门公用经费131.33万元。"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Build("test", tc.pages)
			if err != nil {
				t.Fatal(err)
			}
			got := blocksSpec(doc)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			checkAnchors(t, doc)
		})
	}
}

func TestDropRepeatedHeader(t *testing.T) {
	row := func(cells ...raw.Cell) raw.Row { return raw.Row{Cells: cells} }
	txt := func(s string) raw.Cell { return raw.Cell{Text: s} }
	cov := raw.Cell{Covered: true}
	tall := raw.Cell{Text: "项目", RowSpan: 2}
	first := []raw.Row{row(tall, txt("金额")), row(cov, txt("本年")), row(txt("甲"), txt("1.00"))}
	tests := []struct {
		name string
		next []raw.Row
		want int
	}{
		{"whole header repeated", []raw.Row{row(tall, txt("金额")), row(cov, txt("本年")), row(txt("乙"), txt("2.00"))}, 1},
		{"no header", []raw.Row{row(txt("乙"), txt("2.00"))}, 1},
		{"a merged cell is not cut", []raw.Row{row(tall, txt("金额")), row(cov, txt("上年")), row(txt("乙"), txt("2.00"))}, 3},
	}
	for _, tc := range tests {
		if got := dropRepeatedHeader(first, tc.next); len(got) != tc.want {
			t.Errorf("%s: %d rows left, want %d", tc.name, len(got), tc.want)
		}
	}
}

// TestBuildPlaces checks that anchors name the page and the line within
// it: the source's own line where words carry one, else the line's rank.
func TestBuildPlaces(t *testing.T) {
	pages := []Page{
		{Number: 1, Words: []Word{w("标题", 20, 40, 10)}},
		{Number: 2, Words: []Word{
			{Text: "甲", X0: 0, X1: 1, Top: 4, Bottom: 5, Baseline: 4.8, Size: 1, Line: 5},
			{Text: "1.00", X0: 10, X1: 14, Top: 4, Bottom: 5, Baseline: 4.8, Size: 1, Line: 5},
			{Text: "乙", X0: 0, X1: 1, Top: 6, Bottom: 7, Baseline: 6.8, Size: 1, Line: 7},
			{Text: "2.00", X0: 10, X1: 14, Top: 6, Bottom: 7, Baseline: 6.8, Size: 1, Line: 7},
		}},
	}
	doc, err := Build("test", pages)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 2 || !doc.Blocks[1].IsGrid() {
		t.Fatalf("blocks: %v", blocksSpec(doc))
	}
	tests := []struct {
		anchor int
		want   raw.Place
	}{
		{doc.Blocks[0].Line, raw.Place{Page: 1, Line: 1}},
		{doc.Blocks[1].Line, raw.Place{Page: 2, Line: 5}},
		{doc.Blocks[1].Rows[1].Line, raw.Place{Page: 2, Line: 7}},
		{doc.Blocks[1].Rows[1].Cells[1].Line, raw.Place{Page: 2, Line: 7}},
	}
	for _, tc := range tests {
		if got := doc.Places[tc.anchor-1]; got != tc.want {
			t.Errorf("anchor %d = %+v, want %+v", tc.anchor, got, tc.want)
		}
	}
	if doc.Blocks[1].Page != 2 {
		t.Errorf("grid page = %d, want 2", doc.Blocks[1].Page)
	}
}

// TestBuildLimits checks that Build refuses more than it bounds and
// survives coordinates that are not numbers.
func TestBuildLimits(t *testing.T) {
	if _, err := Build("test", make([]Page, MaxPages+1)); err == nil {
		t.Error("too many pages: no error")
	}
	if _, err := Build("test", []Page{{Number: 1, Words: make([]Word, MaxWords+1)}}); err == nil {
		t.Error("too many words: no error")
	}
	nan := math.NaN()
	doc, err := Build("test", []Page{{Number: 1,
		Words:   []Word{{Text: "x", X0: nan, X1: 1}, w("ok", 0, 10, 10), {Text: "", X0: 0, X1: 1}},
		Rulings: []Ruling{{X0: nan}, hr(0, math.Inf(1), 3)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := blocksSpec(doc); len(got) != 1 || got[0] != "T:ok" {
		t.Errorf("got %v", got)
	}
}

// TestHeaderBands: a header of several levels found from aligned text
// keeps its upper bands, printed alone on their lines above the first
// row of several cells, and a word centred alone in its cell on a line
// of its own ("项目" under "列入部门预算的"); the figures stay under
// their headers.
func TestHeaderBands(t *testing.T) {
	words := []Word{
		w("部门综合预算支出总表", 200, 350, 60),
		w("部门预算", 400, 440, 100),
		w("一般公共预算拨款", 190, 270, 114),
		w("单位名称", 10, 50, 128), w("其中：专项资金", 250, 320, 128), w("其他收入", 500, 540, 128),
		w("合计", 120, 140, 142), w("小计", 200, 220, 142), w("列入部门预算的", 250, 320, 142),
		w("项目", 275, 295, 156),
		w("合计", 10, 30, 170), w("300.00", 100, 140, 170), w("200.00", 180, 220, 170), w("100.00", 500, 540, 170),
	}
	doc, err := Build("test", []Page{{Number: 1, Width: 600, Height: 800, Words: words}})
	if err != nil {
		t.Fatal(err)
	}
	got := blocksSpec(doc)
	if len(got) != 8 || got[0] != "T:部门综合预算支出总表" || got[1] != "G" {
		t.Fatalf("want the title and one grid of six rows, got\n%s", strings.Join(got, "\n"))
	}
	g := doc.Blocks[1]
	col := func(r int, text string) int {
		for k, c := range g.Rows[r].Cells {
			if c.Text == text {
				return k
			}
		}
		return -1
	}
	if col(0, "部门预算") < 0 || col(1, "一般公共预算拨款") < 0 || col(5, "项目") >= 0 || col(4, "项目") < 0 {
		t.Errorf("bands or 项目 not in the header:\n%s", strings.Join(got, "\n"))
	}
	if col(3, "合计") != col(5, "300.00") || col(3, "小计") != col(5, "200.00") || col(2, "其他收入") != col(5, "100.00") {
		t.Errorf("figures not under their headers:\n%s", strings.Join(got, "\n"))
	}
}

// TestCodeBeside: in a line of columns, a run of digits beside another
// figure is two cells (narrow code columns 302 | 27), a figure going on
// with other characters one (2026-10-31 08:00:00).
func TestCodeBeside(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"302", "27", true},
		{"1", "302", true},
		{"05", "2026-10-31", true},
		{"2026-10-31", "08:00:00", false},
		{"2026", "年", false},
		{"C05040300保安服务", "1", false},
		{"", "1", false},
	}
	for _, tt := range tests {
		if got := codeBeside(tt.a, tt.b); got != tt.want {
			t.Errorf("codeBeside(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestPrintedRows: a ruled row nobody wrote in is kept where it is a row
// of the form (as tall as a row of text, a cell per column: a 收支总表
// lining its sides up), not where it is a thin band between double
// rulings, a margin above the table or verticals running on below it
// with no ruling to close them; each cell says how far its text
// starts right of its left edge, in characters.
func TestPrintedRows(t *testing.T) {
	page := Page{Number: 1, Width: 400, Height: 400,
		Words: []Word{
			w("项目", 10, 30, 34), w("金额", 110, 130, 34),
			w("一般公共服务支出", 2, 82, 54), w("1.00", 150, 170, 54),
			w("行政运行", 22, 62, 74), w("1.00", 150, 170, 74),
			w("合计", 40, 60, 115), w("1.00", 150, 170, 115),
		},
		Rulings: []Ruling{
			// a margin band above the header, the header, two rows, an
			// empty row, a double ruling, the total row
			hr(0, 200, 0), hr(0, 200, 20), hr(0, 200, 40), hr(0, 200, 60), hr(0, 200, 80),
			hr(0, 200, 100), hr(0, 200, 102), hr(0, 200, 122),
			vr(0, 0, 122), vr(100, 0, 122), vr(200, 0, 122),
			// verticals running on below the table with no ruling under
			// them (a band the page does not show as a row)
			vr(0, 122, 140), vr(100, 122, 140), vr(200, 122, 140),
		}}
	doc, err := Build("pdf", []Page{page})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"G", "  项目|金额", "  一般公共服务支出|1.00", "  行政运行|1.00", "  |", "  合计|1.00"}
	if got := blocksSpec(doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !doc.Indents {
		t.Error("a page's grid does not say it measured indents")
	}
	rows := doc.Blocks[0].Rows
	for _, tt := range []struct {
		row  int
		want float64
	}{{1, 0.2}, {2, 2.2}, {4, 4}} {
		if got := rows[tt.row].Cells[0].Indent; math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("row %d indent %g, want %g", tt.row, got, tt.want)
		}
	}
}
