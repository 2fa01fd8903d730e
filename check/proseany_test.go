package check

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/templates"
)

func amt(t *testing.T, s string) model.Amount {
	t.Helper()
	a, err := model.ParseAmount(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// nationalDoc builds a document of the national vocabulary from figures
// printed in the corpus (Jiangsu 2019 in 万元, Shanghai 2026 in 元) with
// one paragraph of narrative, altered or not.
func nationalDoc(t *testing.T, unit string, rows []model.Row, fund []model.Row, notes []model.Note, prose ...string) *model.Document {
	doc := &model.Document{Family: "national", Unit: unit, Tables: []model.Table{{
		Kind: "expenditure_summary", Title: "支出预算总表", Unit: unit, Line: 10,
		Columns: []model.Column{{Key: "code", Type: model.TypeCode}, {Key: "name", Type: model.TypeName}, {Key: "total", Header: "合计", Type: model.TypeMoney}},
		Rows:    rows,
	}}}
	if fund != nil {
		doc.Tables = append(doc.Tables, model.Table{
			Kind: "fund_expenditure", Title: "政府性基金支出预算表", Unit: unit, Line: 40, Notes: notes,
			Columns: []model.Column{{Key: "code", Type: model.TypeCode}, {Key: "name", Type: model.TypeName}, {Key: "total", Header: "合计", Type: model.TypeMoney}},
			Rows:    fund,
		})
	}
	var ps []model.Paragraph
	for i, p := range prose {
		ps = append(ps, model.Paragraph{Text: p, Line: 100 + i})
	}
	doc.Sections = []model.Section{{Heading: "一、收支预算总体情况说明", Line: 99, Paragraphs: ps}}
	return doc
}

func runNational(t *testing.T, doc *model.Document) []Finding {
	t.Helper()
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Run(doc, lib.Fallback())
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func errorsOf(fs []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity == Error && strings.HasPrefix(f.Rule, rule) {
			out = append(out, f)
		}
	}
	return out
}

func TestProseSubjectAmounts(t *testing.T) {
	// jiangsu-2-2019: 一般公共服务（类）支出 10,271.56 万元 …
	rows := []model.Row{
		{Label: model.Label{Code: "201", Name: "一般公共服务支出", Level: "类"}, Values: map[string]model.Amount{"total": amt(t, "10271.56")}, Line: 12},
		{Label: model.Label{Code: "208", Name: "社会保障和就业支出", Level: "类"}, Values: map[string]model.Amount{"total": amt(t, "858.51")}, Line: 13},
		{Label: model.Label{Code: "221", Name: "住房保障支出", Level: "类"}, Values: map[string]model.Amount{"total": amt(t, "2247.04")}, Line: 14},
	}
	held := "1.一般公共服务（类）支出 10,271.56 万元，主要用于单位行政运行。2.社会保障和就业（类）支出 858.51 万元，主要用于离休金发放。"
	if fs := errorsOf(runNational(t, nationalDoc(t, "万元", rows, nil, nil, held)), "prose."); len(fs) != 0 {
		t.Fatalf("errors on sentences that hold: %v", fs)
	}
	tenfold := strings.Replace(held, "858.51 万元", "8,585.1 万元", 1)
	fs := errorsOf(runNational(t, nationalDoc(t, "万元", rows, nil, nil, tenfold)), "prose.subject")
	if len(fs) != 1 || fs[0].Line != 100 || !strings.Contains(fs[0].Message, "8,585.1 万元") {
		t.Fatalf("×10 amount: %v", fs)
	}

	// shanghai-1-2026 (tables in 元): “卫生健康支出”科目94万元 against 937,138 元
	yuan := []model.Row{{Label: model.Label{Code: "210", Name: "卫生健康支出", Level: "类"}, Values: map[string]model.Amount{"total": amt(t, "937138")}, Line: 20}}
	ok := "3.“卫生健康支出”科目94万元，主要用于单位基本医疗保险等支出。"
	if fs := errorsOf(runNational(t, nationalDoc(t, "元", yuan, nil, nil, ok)), "prose."); len(fs) != 0 {
		t.Fatalf("94 万元 against 937,138 元: %v", fs)
	}
	bad := strings.Replace(ok, "94万元", "940万元", 1)
	if fs := errorsOf(runNational(t, nationalDoc(t, "元", yuan, nil, nil, bad)), "prose.subject"); len(fs) != 1 || fs[0].Line != 100 {
		t.Fatalf("940 万元 against 937,138 元: %v", fs)
	}
}

func TestProseGrowthFromBase(t *testing.T) {
	rows := []model.Row{{Label: model.Label{Code: "201", Name: "一般公共服务支出", Level: "类"}, Values: map[string]model.Amount{"total": amt(t, "1200")}, Line: 12}}
	ok := "2026年支出预算1,200万元，比上年的1,000万元增长20%。"
	if fs := errorsOf(runNational(t, nationalDoc(t, "万元", rows, nil, nil, ok)), "prose."); len(fs) != 0 {
		t.Fatalf("a rate that holds: %v", fs)
	}
	fs := errorsOf(runNational(t, nationalDoc(t, "万元", rows, nil, nil, "说明。", strings.Replace(ok, "20%", "25%", 1))), "prose.growth")
	if len(fs) != 1 || fs[0].Line != 101 {
		t.Fatalf("wrong rate: %v", fs)
	}
	fs = errorsOf(runNational(t, nationalDoc(t, "万元", rows, nil, nil, strings.Replace(ok, "增长", "下降", 1))), "prose.growth")
	if len(fs) != 1 {
		t.Fatalf("wrong direction: %v", fs)
	}
	// jiangsu-2-2019: the change and the rate (the change rule): 3,226.63 on 10,150.48 is 31.79%
	held := "收入、支出预算总计 13,377.11 万元，与上年相比收、支预算总计各增加 3,226.63 万元，增长 31.79%。"
	if fs := errorsOf(runNational(t, nationalDoc(t, "万元", rows, nil, nil, held)), "prose."); len(fs) != 0 {
		t.Fatalf("jiangsu sentence: %v", fs)
	}
	if fs := errorsOf(runNational(t, nationalDoc(t, "万元", rows, nil, nil, strings.Replace(held, "31.79%", "37.19%", 1))), "prose."); len(fs) != 1 {
		t.Fatalf("jiangsu sentence, wrong rate: %v", fs)
	}
}

func TestEmptyClaims(t *testing.T) {
	rows := []model.Row{{Label: model.Label{Code: "212", Name: "城乡社区支出", Level: "类"}, Values: map[string]model.Amount{"total": amt(t, "4256")}, Line: 12}}
	fund := []model.Row{
		{Label: model.Label{Name: "合计", Role: model.RoleTotal}, Values: map[string]model.Amount{"total": amt(t, "4256.00")}, Line: 41},
		{Label: model.Label{Code: "2120803", Name: "城市建设支出", Level: "项"}, Values: map[string]model.Amount{"total": amt(t, "4256.00")}, Line: 42},
	}
	note := []model.Note{{Text: "注：本单位无政府性基金预算，此表为空表。", Line: 43}}
	fs := errorsOf(runNational(t, nationalDoc(t, "万元", rows, fund, note)), "complete.empty_note_filled")
	if len(fs) != 1 || fs[0].Line != 43 {
		t.Fatalf("note under a filled table: %v", fs)
	}
	fs = errorsOf(runNational(t, nationalDoc(t, "万元", rows, fund, nil, "本部门2026年无政府性基金预算拨款安排的支出，政府性基金预算支出表为空表。")), "prose.empty_claim")
	if len(fs) != 1 || fs[0].Line != 100 {
		t.Fatalf("sentence calling a filled table empty: %v", fs)
	}
	empty := []model.Row{{Label: model.Label{Name: "合计", Role: model.RoleTotal}, Values: map[string]model.Amount{"total": {}}, Line: 41}}
	if fs := errorsOf(runNational(t, nationalDoc(t, "万元", rows, empty, note, "本部门无政府性基金预算，此表为空表。")), "prose.empty_claim"); len(fs) != 0 {
		t.Fatalf("an empty table called empty: %v", fs)
	}
}

// TestPartsOfTheSentenceBefore: a 其中 list opening a sentence of its own
// may break down the whole of the sentence before, not its last amount
// (wuxi-2-2026).
func TestPartsOfTheSentenceBefore(t *testing.T) {
	ok := "无锡市水利局 2026 年收入预算合计 87,404.9 万元，包括本年收入 87,404.9 万元，上年结转结余 0 万元。" +
		"其中：本年一般公共预算收入 64,092.25 万元，占 73.33%；本年政府性基金预算收入 0 万元，占 0%；本年其他收入 23,312.65 万元，占 26.67%；上年结转结余的单位资金 0 万元，占 0%。"
	if fs := parts("文字说明", model.Paragraph{Text: ok, Line: 7}); len(fs) != 0 {
		t.Fatalf("a list adding up to the sentence before: %v", fs)
	}
	bad := strings.Replace(ok, "23,312.65", "23,412.65", 1)
	if fs := parts("文字说明", model.Paragraph{Text: bad, Line: 7}); len(fs) != 1 || fs[0].Severity != Error {
		t.Fatalf("a list adding up to no amount before it: %v", fs)
	}
}
