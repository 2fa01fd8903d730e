package check

import (
	"sort"
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/templates"
)

// TestRequiredTablesFromTheVocabulary: the tables a document must publish
// are the ones its family's data marks required — the national
// vocabulary's, a family's own — and a table the document holds (the
// project forms also as read projects) is never reported missing.
func TestRequiredTablesFromTheVocabulary(t *testing.T) {
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	required := func(set *templates.Set) []string {
		var kinds []string
		for _, tab := range set.Tables {
			if tab.Required {
				kinds = append(kinds, tab.Kind)
			}
		}
		sort.Strings(kinds)
		return kinds
	}
	// national, with procurement (政府采购) marked required as a family could
	national := *lib.Fallback()
	national.Tables = append([]templates.Table(nil), national.Tables...)
	national.Table("procurement").Required = true
	tests := []struct {
		name    string
		set     *templates.Set
		present []string
		want    []string // the kinds reported missing
	}{
		{"national", lib.Set("national"), []string{"expenditure_summary", "three_public"}, nil},
		{"national with procurement required", &national, []string{"expenditure_summary", "three_public"}, nil},
		{"jiangsu", lib.Set("jiangsu"), []string{"income_expense_summary", "income_summary"}, nil},
		{"hebei", lib.Set("hebei-2024"), []string{"income_expense_summary", "project_performance"}, nil},
	}
	for i := range tests {
		tt := &tests[i]
		has := map[string]bool{}
		for _, k := range tt.present {
			has[k] = true
		}
		for _, k := range required(tt.set) {
			if !has[k] {
				tt.want = append(tt.want, k)
			}
		}
	}
	if len(required(&national)) != len(required(lib.Set("national")))+1 {
		t.Fatalf("procurement was required already: %v", required(lib.Set("national")))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.set == nil {
				t.Fatal("no such family")
			}
			doc := &model.Document{Family: tt.set.Family}
			for _, k := range tt.present {
				if k == "project_performance" {
					// the forms read into projects count as the table
					doc.Projects = []model.Project{{Name: "甲", Amounts: map[string]model.Amount{}, Indicators: []model.Indicator{}}}
					continue
				}
				doc.Tables = append(doc.Tables, model.Table{Kind: k, Title: k, Columns: []model.Column{}, Rows: []model.Row{}})
			}
			var got []string
			for _, f := range completeness(doc, tt.set) {
				if f.Rule == "complete.table" {
					if f.Severity != Error || !strings.Contains(f.Message, "缺少必备表「"+f.Table+"」") {
						t.Errorf("finding %s: %s", f.Severity, f.Message)
					}
					got = append(got, f.Kind)
				}
			}
			sort.Strings(got)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") || len(got) == 0 {
				t.Errorf("missing %v, want %v", got, tt.want)
			}
		})
	}
}
