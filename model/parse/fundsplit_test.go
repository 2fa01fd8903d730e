package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/model"
)

// TestCorpusFundSplitNational reads Shenzhen's “三公” table, which prints
// every category split into 一般公共预算 | 政府性基金预算 | 国有资本经营预算,
// with the national vocabulary alone (as a province with no family file
// is read) and compares each year's categories with the Shenzhen family's
// reading: the same figures, from the 一般公共预算 columns.
func TestCorpusFundSplitNational(t *testing.T) {
	keys := []string{"total", "abroad", "reception", "vehicle", "vehicle.purchase", "vehicle.operation"}
	for _, name := range []string{"shenzhen-1-2026", "shenzhen-2-2026", "shenzhen-3-2026"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(corpus, name+".pdf")
			if _, err := os.Stat(path); err != nil {
				t.Skip("corpus not present")
			}
			family, err := File(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if family.Family != "shenzhen" {
				t.Fatalf("detected family %s, want shenzhen", family.Family)
			}
			national, err := File(path, Options{Family: "national"})
			if err != nil {
				t.Fatal(err)
			}
			want, got := family.TableByKind("three_public"), national.TableByKind("three_public")
			if want == nil || got == nil {
				t.Fatalf("三公 table: family %v, national %v", want != nil, got != nil)
			}
			if len(got.Rows) != len(want.Rows) {
				t.Fatalf("%d rows, the family reads %d", len(got.Rows), len(want.Rows))
			}
			for i, w := range want.Rows {
				g := got.Rows[i]
				if g.Key != w.Key {
					t.Errorf("row %d is %q, the family's %q", i, g.Key, w.Key)
				}
				for _, k := range keys {
					if wv, gv := w.Values[k], g.Values[k]; wv.IsBlank() || !gv.Equal(wv) {
						t.Errorf("%s %s: %s, the family reads %s", w.Name, k, gv, wv)
					}
				}
			}
			// the other funds' columns stay as printed, as amounts
			others := 0
			for _, c := range got.Columns {
				if strings.Contains(c.Printed, "政府性基金") || strings.Contains(c.Printed, "国有资本经营") {
					others++
					if c.Type != model.TypeMoney || !strings.HasPrefix(c.Key, "extra.") {
						t.Errorf("column %q read as %s %s, want an extra money column", c.Printed, c.Key, c.Type)
					}
				}
			}
			if others != 12 {
				t.Errorf("%d columns of other funds, want 12", others)
			}
			// the other funds are not read under the vocabulary's own fund keys
			for _, k := range []string{"gpb", "fund", "soe"} {
				if got.Column(k) != nil {
					t.Errorf("column %s read from a category's fund column", k)
				}
			}
		})
	}
}
