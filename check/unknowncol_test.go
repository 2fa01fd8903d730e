package check

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/templates"
)

// unknownColumnDoc is a document read with the national vocabulary whose
// table of kind prints, beside 合计, 基本支出 and 项目支出, a column the
// vocabulary does not know (header hdr, kept as printed text): rows 合计
// and 201 with the given figures; more adds a second such column
// (政府采购项目) with its figure.
func unknownColumnDoc(kind, hdr, total, basic, project, unknown string, more ...string) *model.Document {
	row := func(l model.Label, line int) model.Row {
		r := model.Row{Label: l, Line: line, Values: map[string]model.Amount{
			"total": model.MustAmount(total), "basic": model.MustAmount(basic), "project": model.MustAmount(project),
		}, Texts: map[string]string{}}
		if unknown != "" {
			r.Texts["extra.5"] = unknown
		}
		if len(more) == 2 {
			r.Texts["extra.6"] = more[1]
		}
		return r
	}
	doc := &model.Document{Family: "national", Unit: "万元", Tables: []model.Table{{
		Kind: kind, Title: "支出表", Unit: "万元",
		Columns: []model.Column{
			{Key: "code", Header: "科目编码", Type: model.TypeCode},
			{Key: "name", Header: "科目名称", Type: model.TypeName},
			{Key: "total", Header: "合计", Type: model.TypeMoney},
			{Key: "basic", Header: "基本支出", Type: model.TypeMoney},
			{Key: "project", Header: "项目支出", Type: model.TypeMoney},
			{Key: "extra.5", Header: hdr, Printed: hdr, Type: model.TypeText},
		},
		Rows: []model.Row{
			row(model.Label{Name: "合计", Role: model.RoleTotal}, 10),
			row(model.Label{Code: "201", Name: "一般公共服务支出", Level: "类"}, 11),
		},
	}}}
	if len(more) == 2 {
		tab := &doc.Tables[0]
		tab.Columns = append(tab.Columns, model.Column{Key: "extra.6", Header: more[0], Printed: more[0], Type: model.TypeText})
	}
	return doc
}

// TestUnknownMoneyColumn: a money column the vocabulary does not know
// that accounts exactly for the difference of a column relation is no
// “数字有误”: an open relation (the 支出总表's 合计 over the uses of funds)
// counts it as a part, any other (一般公共预算支出表 合计 = 基本支出 +
// 项目支出) names it in one 提示 for the table. Where it does not account
// for the difference, the error stands, against the parts the vocabulary
// knows.
func TestUnknownMoneyColumn(t *testing.T) {
	tests := []struct {
		name                   string
		kind, hdr              string
		total, basic, project  string
		unknown                string
		more                   []string // a second unknown column: header, figure
		wantErrors             int      // sum.columns errors (one per row)
		wantInfo               string   // the 提示's words ("" for none)
		wantErrText            string   // in each error's message
		derives, relationsKept bool     // what the fixes see of the 合计 row's relation
	}{
		{"open, accounts", "expenditure_summary", "待分配资金", "120.00", "80.00", "30.00", "10.00", nil,
			0, "表样中没有“待分配资金”列，其金额计入“合计”的组成部分核对（2 行）", "", false, true},
		{"open, does not account", "expenditure_summary", "待分配资金", "125.00", "80.00", "30.00", "10.00", nil,
			2, "", "基本支出 80.00 + 项目支出 30.00 = 110.00", true, true},
		{"closed, accounts", "gpb_expenditure", "待分配资金", "120.00", "80.00", "30.00", "10.00", nil,
			0, "相差的数正是表样中没有的“待分配资金”列的金额（2 行）", "", false, false},
		{"closed, does not account", "gpb_expenditure", "待分配资金", "125.00", "80.00", "30.00", "10.00", nil,
			2, "", "基本支出 80.00 + 项目支出 30.00 = 110.00", true, true},
		{"whole numbers are no money", "gpb_expenditure", "人数", "120.00", "80.00", "30.00", "10", nil,
			2, "", "= 110.00", true, true},
		{"one of two accounts", "expenditure_summary", "待分配资金", "120.00", "80.00", "30.00", "10.00", []string{"政府采购项目", "45.00"},
			0, "表样中没有“待分配资金”列", "", false, true},
		{"a column that is no part", "expenditure_summary", "政府采购项目", "110.00", "80.00", "30.00", "45.00", nil,
			0, "", "", true, true},
		{"holds without it", "gpb_expenditure", "待分配资金", "110.00", "80.00", "30.00", "10.00", nil,
			0, "", "", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := unknownColumnDoc(tc.kind, tc.hdr, tc.total, tc.basic, tc.project, tc.unknown, tc.more...)
			fs, err := Run(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			errs, infos := 0, 0
			for _, f := range fs {
				switch {
				case f.Rule == "sum.columns" && f.Severity == Error:
					errs++
					if !strings.Contains(f.Message, tc.wantErrText) {
						t.Errorf("error %q lacks %q", f.Message, tc.wantErrText)
					}
				case f.Rule == "sum.unknown_column":
					infos++
					if f.Severity != Info || tc.wantInfo == "" || !strings.Contains(f.Message, tc.wantInfo) {
						t.Errorf("unexpected %s %q, want an info with %q", f.Severity, f.Message, tc.wantInfo)
					}
				case strings.HasPrefix(f.Rule, "sum.") && f.Severity != Info:
					t.Errorf("unexpected finding %s %s", f.Rule, f.Message)
				}
			}
			if errs != tc.wantErrors {
				t.Errorf("%d sum errors, want %d", errs, tc.wantErrors)
			}
			if want := btoi(tc.wantInfo != ""); infos != want {
				t.Errorf("%d 提示, want %d", infos, want)
			}
			// the fixes: a figure outside the model never derives the
			// total; a relation it accounts for is not one to correct
			lib, err := templates.Embedded()
			if err != nil {
				t.Fatal(err)
			}
			kept, derives := false, false
			for _, rel := range Relations(doc, lib.Set("national")) {
				if rel.Rule == "sum.columns" && rel.Total == TableCell(0, 0, "total") && len(rel.Parts) == 2 &&
					rel.Parts[0].Key == "basic" {
					kept, derives = true, !rel.NoDerive
				}
			}
			if kept != tc.relationsKept || kept && derives != tc.derives {
				t.Errorf("合计 relation kept %v deriving %v, want %v %v", kept, derives, tc.relationsKept, tc.derives)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
