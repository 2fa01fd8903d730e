package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusProcurementColumns reads the 政府采购预算表 of forms that list
// it by functional 科目 and by source of funds (烟台: 类/款/项 | 科目名称 |
// 合计 | 财政拨款 小计, 一般公共预算 … | 财政专户管理资金 | 单位资金 …; 重庆:
// 总计 before its sources; 无锡: 资金来源 before 总计): each column under its
// own key, and the 合计 row's total the printed 合计, not a source's figure.
func TestCorpusProcurementColumns(t *testing.T) {
	for _, tc := range []struct {
		name, keys, total, gpb string
	}{
		{"yantai-2-2026", "code.1 code.2 code name total src_approp src_gpb src_fund src_soe src_special src_unit src_balance src_carry", "9931.63", "9907.13"},
		{"yantai-1-2026", "code.1 code.2 code name total src_approp src_gpb src_fund src_soe src_special src_unit src_balance src_carry", "", ""},
		{"chongqing-1-2026", "extra.1 name total src_gpb src_fund src_soe src_special extra.8 extra.9 extra.10 extra.11 extra.12", "947.00", ""},
		{"wuxi-1-2026", "extra.1 extra.2 extra.3 name extra.5 src_gpb src_fund extra.8 src_carry total", "2.61", "2.61"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(corpus, tc.name+".pdf")
			if _, err := os.Stat(path); err != nil {
				t.Skip("corpus not present")
			}
			doc, err := File(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			tab := doc.TableByKind("procurement")
			if tab == nil {
				t.Fatal("no 政府采购预算表")
			}
			var keys []string
			for _, c := range tab.Columns {
				keys = append(keys, c.Key)
			}
			if got := strings.Join(keys, " "); got != tc.keys {
				t.Errorf("columns\n got %s\nwant %s", got, tc.keys)
			}
			if tc.total == "" {
				return
			}
			first := tab.Rows[0]
			if first.Role != "total" {
				t.Fatalf("first row %q is no 合计 row", first.Name)
			}
			if got := first.Values["total"].String(); got != tc.total {
				t.Errorf("合计 %s, want %s", got, tc.total)
			}
			if tc.gpb != "" {
				if got := first.Values["src_gpb"].String(); got != tc.gpb {
					t.Errorf("一般公共预算 %s, want %s", got, tc.gpb)
				}
			}
		})
	}
}
