package layouttext

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestCorpusCentred tells, on the character grid of a text export, the
// labels the page sets centred (read off the PDF pages: 广州's and 深圳's
// 收支总表 centre 本年收入合计 and 收入总计 in the 项目 column) from those it
// sets flush left or indented by level (烟台's 款 and 项 names, 广州's 三公
// items), measuring a Chinese character two cells wide as printed.
func TestCorpusCentred(t *testing.T) {
	tests := []struct {
		doc     string
		page    int
		centred map[string]bool // a cell's text → whether it is centred
	}{
		{"guangzhou-1-2026", 8, map[string]bool{
			"本年收入合计": true, "本年支出合计": true, "收入总计": true, "支出总计": true,
			"上年结转结余": false, "二十三、其他支出": false,
		}},
		{"shenzhen-1-2026", 17, map[string]bool{
			"本年收入合计": true, "本年支出合计": true, "上年结余、结转": false,
		}},
		// 江苏's 收入预算总表 centres each income category beside its items
		{"jiangsu-1-2018", 14, map[string]bool{
			"一般公共预算资金": true, "政府性基金": true, "其他资金": true, "公共财政拨款(补助)资金": false,
		}},
		// two names indented alike, whose middles come near the header's
		{"guangzhou-1-2026", 22, map[string]bool{
			"1.公务用车购置费": false, "2.公务用车运行维护费": false, "行政经费": false,
		}},
		{"yantai-1-2026", 0, map[string]bool{
			"一般公共服务支出": false, "政府办公厅（室）及相关机构事务": false, "行政运行": false,
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.doc, tt.page), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(corpusDir, tt.doc+".txt"))
			if err != nil {
				t.Skip("corpus not present:", err)
			}
			doc, err := Read(data)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, b := range doc.Blocks {
				if tt.page > 0 && b.Page != tt.page {
					continue
				}
				for _, r := range b.Rows {
					for _, c := range r.Cells {
						want, ok := tt.centred[c.Text]
						if !ok || seen[c.Text] {
							continue
						}
						seen[c.Text] = true
						if c.Centred != want {
							t.Errorf("%s centred %v, want %v (indent %.1f)", c.Text, c.Centred, want, c.Indent)
						}
					}
				}
			}
			for text := range tt.centred {
				if !seen[text] {
					t.Errorf("no cell %s", text)
				}
			}
		})
	}
}
