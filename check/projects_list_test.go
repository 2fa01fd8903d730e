package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/model/parse"
)

// TestProjectListCoversProjectSpending: where a family's 项目支出表 lists
// all project spending (Shenzhen's 项目支出总表, Yantai's 项目支出预算情况表),
// its total is compared with 项目支出 of the 支出总表: the published
// documents agree, and a changed total is an error of that relation.
func TestProjectListCoversProjectSpending(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not present:", corpus)
	}
	tests := []struct {
		file, family string
		total        string // the project list's total as published
		relation     string
	}{
		{"yantai-3-2026.pdf", "yantai", "6039.00", "项目支出（项目支出预算情况表—支出总表）"},
		{"shenzhen-3-2026.pdf", "shenzhen", "1313.80", "项目支出（项目支出总表—支出总表）"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := parse.File(filepath.Join(corpus, tc.file), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Family != tc.family {
				t.Fatalf("family %s, want %s", doc.Family, tc.family)
			}
			relationErrors := func() []Finding {
				fs, err := Run(doc, nil)
				if err != nil {
					t.Fatal(err)
				}
				var out []Finding
				for _, f := range fs {
					if f.Severity == Error && strings.Contains(f.Message, tc.relation) {
						out = append(out, f)
					}
				}
				return out
			}
			if fs := relationErrors(); len(fs) != 0 {
				t.Errorf("published document: %s", fs[0].Message)
			}
			// the list's total row (its first row) changed by 10.00
			pt := doc.TableByKind("project_expenditure")
			if pt == nil || len(pt.Rows) == 0 || pt.Rows[0].Values["total"].String() != tc.total {
				t.Fatalf("no project list totalling %s", tc.total)
			}
			changed := model.MustAmount(tc.total).Decimal().Add(model.MustAmount("10.00").Decimal())
			pt.Rows[0].Values["total"] = model.NewAmount(changed, 2)
			fs := relationErrors()
			if len(fs) != 1 || fs[0].Rule != "cross.equal" || fs[0].Difference.String() != "10.00" {
				t.Fatalf("changed total: %+v, want one cross.equal error of %s, 10.00 off", fs, tc.relation)
			}
		})
	}
}
