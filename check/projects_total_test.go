package check

import (
	"testing"

	"budgetpack/model"
	"budgetpack/templates"
)

// nationalWithCompleteForms is the national vocabulary as a family whose
// project forms list every project (complete) or only some.
func nationalWithCompleteForms(t *testing.T, complete bool) *templates.Set {
	t.Helper()
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	set := *lib.Fallback() // the library is shared: change a copy
	set.Tables = append([]templates.Table(nil), set.Tables...)
	pp := set.Table("project_performance")
	if pp == nil || pp.Shape == nil {
		t.Fatal("no project form shape in the national vocabulary")
	}
	shape := *pp.Shape
	shape.Complete = complete
	pp.Shape = &shape
	return &set
}

// projectsDoc is a document whose 支出总表 states 项目支出 40.00 and whose
// project forms (kept as printed) hold projects of the amounts given, with
// an overall form beside them.
func projectsDoc(amounts ...string) *model.Document {
	money := func(k string) model.Column { return model.Column{Key: k, Header: k, Type: model.TypeMoney} }
	printed := []model.Column{{Key: "c1", Type: model.TypeText}}
	doc := &model.Document{Family: "national", Unit: "万元", Tables: []model.Table{
		{Kind: "expenditure_summary", Title: "支出总表", Line: 1, Columns: []model.Column{{Key: "name", Type: model.TypeName}, money("total"), money("basic"), money("project")},
			Rows: []model.Row{{Label: model.Label{Name: "合计", Role: model.RoleTotal}, Line: 2, Texts: map[string]string{},
				Values: map[string]model.Amount{"total": model.MustAmount("100.00"), "basic": model.MustAmount("60.00"), "project": model.MustAmount("40.00")}}}},
		{Kind: "project_performance", Title: "项目支出绩效目标表", Line: 10, Columns: printed,
			Rows: []model.Row{{Line: 11, Texts: map[string]string{"c1": "项目名称"}, Values: map[string]model.Amount{}}}},
		{Kind: "overall_performance", Title: "部门整体支出绩效目标表", Line: 20, Columns: printed,
			Rows: []model.Row{{Line: 21, Texts: map[string]string{"c1": "整体绩效目标"}, Values: map[string]model.Amount{}}}},
	}}
	for i, a := range amounts {
		doc.Projects = append(doc.Projects, model.Project{Name: string(rune('甲' + i)), Line: 11 + i,
			Amounts: map[string]model.Amount{"total": model.MustAmount(a)}, Indicators: []model.Indicator{}})
	}
	return doc
}

// TestProjectsAddUpWhereTheFormsAreComplete: Σ the projects = 项目支出 is
// checked only where the family's project form shape says the forms list
// every project; the overall form's shape does not turn it off.
func TestProjectsAddUpWhereTheFormsAreComplete(t *testing.T) {
	tests := []struct {
		name     string
		complete bool
		amounts  []string
		want     string // the finding's severity, "" for none
	}{
		{"complete, a project missing", true, []string{"25.00", "10.00"}, Error},
		{"complete, adding up", true, []string{"25.00", "15.00"}, ""},
		{"key projects only", false, []string{"25.00", "10.00"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := projectsDoc(tt.amounts...)
			fs, err := Run(doc, nationalWithCompleteForms(t, tt.complete))
			if err != nil {
				t.Fatal(err)
			}
			var got *Finding
			for i := range fs {
				if fs[i].Rule == "cross.projects" {
					got = &fs[i]
				}
			}
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("finding %s: %s", got.Severity, got.Message)
			case tt.want != "" && got == nil:
				t.Errorf("no cross.projects finding; findings %+v", fs)
			case got != nil && (got.Severity != tt.want || got.Ref != model.CellRef(0, 0, "project") || got.Expected.String() != "35.00"):
				t.Errorf("finding %s at %s expected %s: %s", got.Severity, got.Ref, got.Expected, got.Message)
			}
		})
	}
}
