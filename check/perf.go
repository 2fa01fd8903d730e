package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"budgetpack/model"
	"budgetpack/templates"
)

// costValue reads a cost indicator's value: "≤328225元", "≤4.63万元", "≤30 万元".
var costValue = regexp.MustCompile(`^[≤<＜]?=?\s*([\d]+(?:\.\d+)?)\s*(万元|元)$`)

func projectWhere(p *model.Project) string {
	if p.Title != "" {
		return p.Title
	}
	return "项目绩效目标：" + p.Name
}

// performance checks each project's targets: 产出, 效益 and 满意度
// indicators with values, cost indicators within the budget, a spending
// plan that never decreases and reaches 100% by year end.
func performance(doc *model.Document, set *templates.Set) []Finding {
	var out []Finding
	for pi := range doc.Projects {
		p := &doc.Projects[pi]
		where := projectWhere(p)
		for _, need := range indicatorClasses(p) {
			ok := false
			for _, ind := range p.Indicators {
				if strings.Contains(ind.Level1, need) && strings.TrimSpace(ind.Value) != "" {
					ok = true
				}
			}
			if !ok {
				out = append(out, Finding{
					Rule: "perf.indicator_missing", Severity: Error, Table: where, Row: p.Name, Line: p.Line,
					Message: fmt.Sprintf("项目「%s」（第 %d 行）没有带指标值的%s指标；绩效目标应包含产出、效益和满意度指标。", p.Name, p.Line, need),
				})
			}
		}
		out = append(out, costCheck(doc, p, pi)...)
		out = append(out, planCheck(p, pi)...)
	}
	if rel := projectTotal(doc, set); rel != nil {
		if f := rel.Finding(doc); f != nil {
			out = append(out, *f)
		}
	}
	out = append(out, projectRows(doc)...)
	return out
}

// indicatorClasses are the 一级 classes a project's indicators must cover:
// 产出, 效益 and 满意度 where its form classifies its indicators by 一级指标;
// none where it prints them unclassified (Chongqing's 指标名称 list), since
// a class cannot be told missing there.
func indicatorClasses(p *model.Project) []string {
	if len(p.Indicators) == 0 {
		if p.Title != "" {
			return []string{"产出", "效益", "满意度"}
		}
		return nil
	}
	// every indicator under a class name: else the form was not read by
	// its classes (a 一级 column cut off, a list without 一级指标)
	for _, ind := range p.Indicators {
		l1 := ind.Level1
		if !strings.Contains(l1, "产出") && !strings.Contains(l1, "效益") && !strings.Contains(l1, "满意度") && !strings.Contains(l1, "成本") {
			return nil
		}
	}
	return []string{"产出", "效益", "满意度"}
}

// indicatorValue is an indicator's value with the 指标性质 and 度量单位 a
// form prints in columns of their own: ≤ 29 万元 → ≤29万元. ok is false for
// a lower bound (≥), which no budget limits.
func indicatorValue(ind model.Indicator) (string, bool) {
	v := strings.TrimSpace(ind.Value)
	n := strings.TrimSpace(ind.Nature)
	switch n {
	case "≥", ">", "＞", "≧":
		return v, false
	case "≤", "<", "＜", "≦":
		if !strings.ContainsAny(v, "≤<＜") {
			v = "≤" + v
		}
	}
	if u := strings.TrimSpace(ind.Unit); u != "" && !strings.HasSuffix(v, u) {
		v += u
	}
	return v, true
}

func costCheck(doc *model.Document, p *model.Project, pi int) []Finding {
	budget := p.Amounts["total"]
	if budget.IsBlank() {
		return nil
	}
	toWan := doc.Unit != "元"
	if p.MoneyUnit != "" {
		toWan = p.MoneyUnit != "元"
	}
	total := decimal.Zero
	var shown []string
	line := 0
	for _, ind := range p.Indicators {
		if !strings.Contains(ind.Level1, "成本") && !strings.Contains(ind.Level2, "成本") {
			continue
		}
		val, ok := indicatorValue(ind)
		if !ok {
			continue
		}
		m := costValue.FindStringSubmatch(val)
		if m == nil {
			continue
		}
		v, err := decimal.NewFromString(m[1])
		if err != nil {
			continue
		}
		if m[2] == "元" && toWan {
			v = v.Shift(-4)
		}
		if m[2] == "万元" && !toWan {
			v = v.Shift(4)
		}
		total = total.Add(v)
		shown = append(shown, ind.Level3+" "+val)
		if line == 0 {
			line = ind.Line
		}
	}
	// compared at the digits the budget is published with: 5.2049 万元 of
	// indicators in 元 is the published 5.20, not more
	digits := budget.Places()
	over := total.Round(digits).Sub(budget.Decimal())
	if len(shown) == 0 || !over.IsPositive() {
		return nil
	}
	unit := doc.Unit
	if p.MoneyUnit != "" {
		unit = p.MoneyUnit
	}
	if unit == "" {
		unit = "万元"
	}
	sum := model.NewAmount(total.Round(digits), digits)
	diff := model.NewAmount(over, digits)
	return []Finding{{
		Rule: "perf.cost_over_budget", Severity: Error, Table: projectWhere(p), Row: p.Name, Column: "成本指标", Line: line,
		Expected: budget, Actual: sum, Difference: diff,
		Ref: model.ProjectRef(pi, "total"),
		Message: fmt.Sprintf("项目「%s」的成本指标（%s）合计 %s %s，超过项目预算数 %s %s，超出 %s %s。成本指标不应超过项目预算。",
			p.Name, strings.Join(shown, "；"), sum, unit, budget, unit, diff, unit),
	}}
}

func planCheck(p *model.Project, pi int) []Finding {
	if len(p.Plan) == 0 {
		return nil
	}
	var out []Finding
	prev := decimal.Zero
	prevName := ""
	for k, pt := range p.Plan {
		if pt.Percent.IsBlank() {
			continue
		}
		v := pt.Percent.Decimal()
		if v.LessThan(prev) {
			out = append(out, Finding{
				Rule: "perf.plan_decreasing", Severity: Error, Table: projectWhere(p), Row: p.Name, Column: "资金支出计划 " + pt.Period, Line: p.Line,
				Actual: pt.Percent, Ref: model.ProjectRef(pi, fmt.Sprintf("plan%d", k)),
				Message: fmt.Sprintf("项目「%s」资金支出计划：%s %s%% 低于 %s 的 %s%%；累计支出进度不应下降。", p.Name, pt.Period, pt.Percent, prevName, prev.String()),
			})
		}
		if v.GreaterThan(decimal.NewFromInt(100)) {
			out = append(out, Finding{
				Rule: "perf.plan_over", Severity: Error, Table: projectWhere(p), Row: p.Name, Column: "资金支出计划 " + pt.Period, Line: p.Line,
				Actual: pt.Percent, Ref: model.ProjectRef(pi, fmt.Sprintf("plan%d", k)),
				Message: fmt.Sprintf("项目「%s」资金支出计划：%s 为 %s%%，超过 100%%。", p.Name, pt.Period, pt.Percent),
			})
		}
		prev, prevName = v, pt.Period
	}
	last := p.Plan[len(p.Plan)-1]
	if last.Percent.IsBlank() || !last.Percent.Decimal().Equal(decimal.NewFromInt(100)) {
		out = append(out, Finding{
			Rule: "perf.plan_incomplete", Severity: Error, Table: projectWhere(p), Row: p.Name, Column: "资金支出计划 " + last.Period, Line: p.Line,
			Expected: model.MustAmount("100"), Actual: last.Percent, Ref: model.ProjectRef(pi, fmt.Sprintf("plan%d", len(p.Plan)-1)),
			Message: fmt.Sprintf("项目「%s」资金支出计划到%s%s，应达到 100%%（全年预算应支出完毕）。", p.Name, last.Period, planText(last.Percent)),
		})
	}
	return out
}

// planText says a plan's figure: “为 80%”, or “未填写” for a blank.
func planText(a model.Amount) string {
	if a.IsBlank() {
		return "未填写（空白）"
	}
	return "为 " + a.String() + "%"
}

func percentText(a model.Amount) string {
	if a.IsBlank() {
		return "空白"
	}
	return a.String() + "%"
}

// projectRows compares each project's amount with its row in 项目支出表.
func projectRows(doc *model.Document) []Finding {
	ti := -1
	for i := range doc.Tables {
		if doc.Tables[i].Kind == "project_expenditure" {
			ti = i
		}
	}
	if ti < 0 {
		return nil
	}
	t := &doc.Tables[ti]
	tunit := t.Unit
	if tunit == "" {
		tunit = doc.Unit
	}
	// a name several rows or several projects bear (the same project of
	// several units) pairs with no one row
	rowsNamed, projectsNamed := map[string]int{}, map[string]int{}
	for ri := range t.Rows {
		if t.Rows[ri].Role == "" {
			rowsNamed[norm(t.Rows[ri].Name)]++
		}
	}
	for _, p := range doc.Projects {
		projectsNamed[norm(p.Name)]++
	}
	var out []Finding
	for _, p := range doc.Projects {
		if p.MoneyUnit != "" && tunit != "" && p.MoneyUnit != tunit {
			continue // the form's 万元 against the table's 元: not the same digits
		}
		if rowsNamed[norm(p.Name)] != 1 || projectsNamed[norm(p.Name)] != 1 {
			continue
		}
		for ri := range t.Rows {
			r := &t.Rows[ri]
			if r.Role != "" || norm(r.Name) != norm(p.Name) {
				continue
			}
			a := figure{value: r.Values["total"], loc: location{table: t.Title, kind: t.Kind, row: rowName(r.Label, r), column: "合计", line: r.Line, ref: model.CellRef(ti, ri, "total")}}
			b := figure{value: p.Amounts["total"], loc: location{table: projectWhere(&p), row: p.Name, line: p.Line}}
			if f := compareFigures("项目金额（项目支出表—项目绩效目标）", "=", a, b); f != nil {
				out = append(out, *f)
			}
		}
	}
	return out
}

func norm(s string) string { return strings.Join(strings.Fields(s), "") }
