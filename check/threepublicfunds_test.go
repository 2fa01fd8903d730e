package check

import (
	"strings"
	"testing"

	"budgetpack/model"
)

// TestThreePublicFundColumns reads 深圳's “三公” tables, which print every
// category in three columns (一般公共预算, 政府性基金预算, 国有资本经营预算):
// all of them are money under keys of their own, each budget's columns add
// up on their own as published, and a figure changed in one of them is a
// sum error at its row.
func TestThreePublicFundColumns(t *testing.T) {
	tests := []struct {
		doc        string
		row        string // the row changed ("" none)
		key, value string
	}{
		{"shenzhen-1-2026", "", "", ""},
		{"shenzhen-2-2026", "", "", ""},
		{"shenzhen-3-2026", "", "", ""},
		{"shenzhen-1-2026", "2026年", "abroad.fund", "1.00"},
		{"shenzhen-1-2026", "2025年", "vehicle.operation.soe", "2.00"},
	}
	keys := []string{"total", "abroad", "reception", "vehicle", "vehicle.purchase", "vehicle.operation"}
	for _, tc := range tests {
		t.Run(tc.doc+" "+tc.key, func(t *testing.T) {
			doc := corpusDoc(t, tc.doc)
			tab := doc.TableByKind("three_public")
			if tab == nil {
				t.Fatal("no 三公 table")
			}
			for _, k := range keys {
				for _, suffix := range []string{"", ".fund", ".soe"} {
					c := tab.Column(k + suffix)
					if c == nil || c.Type != model.TypeMoney {
						t.Fatalf("column %s%s = %+v, want money", k, suffix, c)
					}
				}
			}
			for _, r := range tab.Rows {
				for _, suffix := range []string{".fund", ".soe"} {
					if v := r.Values["total"+suffix]; v.String() != "0.00" {
						t.Errorf("%s 总计%s = %q, want the published 0.00", r.Name, suffix, v.String())
					}
				}
			}
			if tc.row != "" {
				changed := false
				for ri := range tab.Rows {
					if tab.Rows[ri].Name == tc.row {
						tab.Rows[ri].Values[tc.key] = model.MustAmount(tc.value)
						changed = true
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
			found := false
			for _, f := range fs {
				if f.Severity != Error || f.Kind != "three_public" {
					continue
				}
				if tc.row != "" && f.Rule == "sum.columns" && f.Row == tc.row && strings.Contains(f.Message, tc.value) {
					found = true
				} else {
					t.Errorf("unexpected error: %s", f.Message)
				}
			}
			if tc.row != "" && !found {
				t.Errorf("no sum.columns error at %s for %s = %s", tc.row, tc.key, tc.value)
			}
		})
	}
}
