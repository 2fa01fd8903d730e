package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/model/parse"
	"budgetpack/render/grid"
)

// TestCorpusPublished checks, against what the source pages show, the
// printed details a pack keeps: the 合计 label merged over the code and
// name columns (Shanghai), the table's number over its title (Shanghai's
// 单位预算02表 at the right, Wuxi's 公开01表 at the left), labels set centred in their cells (Jiangsu's 收入预算总表,
// Wuxi's 上年结转结余) while indented names stay indented, and the 栏次 row
// and split codes as printed (Changsha: ** over the label columns, a 款 row
// without its 类).
func TestCorpusPublished(t *testing.T) {
	tests := []struct {
		doc, title string
		above      string   // the line printed over the title, "" for none
		numberLeft bool     // the line stands at the left
		rows       []string // body rows as showRow writes them, from the first
		from       int      // the first body row compared, counted from the header's first row
		centred    []string // names centred in their cells
		left       []string // names not centred
	}{
		{doc: "shanghai-1-2026", title: "2026年预算单位支出预算总表", from: 3, rows: []string{
			"201{1,1} {1,1} {1,1} 一般公共服务支出{1,1} 463,892,324{1,1} 28,753,324{1,1} 435,139,000{1,1}",
		}, centred: []string{"合计"}},
		{doc: "shanghai-2-2026", title: "2026年预算单位收入预算总表", above: "单位预算02表"},
		{doc: "shanghai-2-2026", title: "2026年预算单位财务收支预算总表", above: "单位预算01表"},
		{doc: "jiangsu-1-2018", title: "公开02表：收入预算总表",
			centred: []string{"一般公共预算资金", "政府性基金", "财政专户管理资金", "其他资金", "上年结转和结余资金"},
			left:    []string{"公共财政拨款(补助)资金", "专项收入"}},
		{doc: "wuxi-1-2026", title: "收支总表", above: "公开01表", numberLeft: true,
			centred: []string{"上年结转结余", "年终结转结余"},
			left:    []string{"一、一般公共预算拨款收入", "一、一般公共服务支出"}},
		{doc: "changsha-1-2025", title: "2025年部门收入总体情况表", from: 2, rows: []string{
			"**{1,1} **{1,1} **{1,1} **{1,1} 1{1,1} 2{1,1} 3{1,1} 4{1,1} 5{1,1} 6{1,1} 7{1,1} 8{1,1} 9{1,1}",
			"{1,1} {1,1} {1,1} 合计{1,1} 68,632.12{1,1} 68,632.12{1,1} 50,370.61{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
			"201{1,1} {1,1} {1,1} 一般公共服务支出{1,1} 3.00{1,1} 3.00{1,1} 3.00{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
			"{1,1} 11{1,1} {1,1} 纪检监察事务{1,1} 3.00{1,1} 3.00{1,1} 3.00{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
			"201{1,1} 11{1,1} 99{1,1} 其他纪检监察事务支出{1,1} 3.00{1,1} 3.00{1,1} 3.00{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.doc+"/"+tt.title, func(t *testing.T) {
			src := filepath.Join(corpus, tt.doc+".pdf")
			if _, err := os.Stat(src); err != nil {
				t.Skip("corpus not present:", err)
			}
			doc, err := parse.File(src, parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			book, err := Build(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var s *grid.Sheet
			for _, sh := range book.Sheets {
				if sh.Title == tt.title && !sh.Contents {
					s = sh
					break
				}
			}
			if s == nil {
				t.Fatalf("no sheet %s", tt.title)
			}
			title := 0
			for title < len(s.Rows) && s.Rows[title].Cells[0].Style.Class != grid.Title {
				title++
			}
			above := ""
			if title == 1 {
				above = s.Rows[0].Cells[0].Text
			}
			if above != tt.above {
				t.Errorf("over the title %q, want %q", above, tt.above)
			}
			if above != "" && (s.Rows[0].Cells[0].Style.Align == grid.Left) != tt.numberLeft {
				t.Errorf("%s aligned %v, want at the left %v", above, s.Rows[0].Cells[0].Style.Align, tt.numberLeft)
			}
			for i, want := range tt.rows {
				k := s.HeaderFrom + tt.from + i
				if k >= len(s.Rows) {
					t.Fatalf("no row %d", k)
				}
				if got := showRow(s.Rows[k]); got != want {
					t.Errorf("row %d:\n got %s\nwant %s", tt.from+i, got, want)
				}
			}
			align := map[string]grid.Align{}
			for _, r := range s.Rows[s.BodyFrom:] {
				for _, c := range r.Cells {
					if name := strings.TrimSpace(c.Text); (c.Style.Class == grid.Name || c.Style.Class == grid.Body) && name != "" {
						if _, ok := align[name]; !ok {
							align[name] = c.Style.Align
						}
						if c.Style.Align == grid.Center && c.Style.Indent != 0 {
							t.Errorf("%s centred and indented %d", name, c.Style.Indent)
						}
					}
				}
			}
			for _, name := range tt.centred {
				if a, ok := align[name]; !ok || a != grid.Center {
					t.Errorf("%s not centred (seen %v)", name, ok)
				}
			}
			for _, name := range tt.left {
				if a, ok := align[name]; !ok || a == grid.Center {
					t.Errorf("%s centred or missing (seen %v)", name, ok)
				}
			}
		})
	}
}
