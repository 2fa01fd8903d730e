package recognize

import (
	"fmt"
	"strings"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

// projectForm reads one project's 绩效目标表: the form grid (项目编码, 预算数,
// 资金用途, 资金支出计划, 绩效目标) and the indicator grid.
func (r *recognizer) projectForm(t *templates.Table, form model.Table, rows []raw.Row, more []raw.Block) error {
	p := model.Project{
		Title:      form.Title,
		Line:       form.Line,
		Amounts:    map[string]model.Amount{},
		Indicators: []model.Indicator{},
	}
	if m := t.TitleMatch(form.Title); len(m) == 3 {
		p.Seq, p.Name = m[1], m[2]
	}
	// forms are read as printed: a merged cell once
	all := raw.Unmerged(rows)
	for _, g := range more {
		all = append(all, raw.Unmerged(g.Rows)...)
	}
	where := p.Name
	if where == "" {
		where = form.Title
	}
	amount := func(c raw.Cell) (model.Amount, error) {
		a, err := model.ParseAmount(c.Text)
		if err != nil {
			return a, r.errorf(c.Line, where, "预算数应为金额，却是 %s (budget amount expected)", model.Quote(strings.TrimSpace(c.Text)))
		}
		return a, nil
	}
	// the indicator columns, found by their header words
	indicatorCols := []string{"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"}
	var colAt []int
	var planAt []int // columns of the spending plan's periods
	var planPeriods []string
	afterBudget := false
	var l1, l2 string
	for i, row := range all {
		cells := row.Cells
		first := ""
		if len(cells) > 0 {
			first = norm(cells[0].Text)
		}
		if first == "一级指标" {
			colAt = make([]int, len(indicatorCols))
			for k, name := range indicatorCols {
				colAt[k] = -1
				for j, c := range cells {
					if norm(c.Text) == name {
						colAt[k] = j
					}
				}
			}
			continue
		}
		if colAt != nil {
			if row.IsBlank() {
				continue
			}
			txt := make([]string, len(indicatorCols))
			for k, j := range colAt {
				if j >= 0 && j < len(cells) {
					txt[k] = strings.TrimSpace(cells[j].Text)
				}
			}
			if txt[0] != "" {
				l1 = txt[0]
			}
			if txt[1] != "" {
				l2 = txt[1]
			}
			p.Indicators = append(p.Indicators, model.Indicator{
				Level1: l1, Level2: l2, Level3: txt[2], Description: txt[3], Value: txt[4], Basis: txt[5], Line: row.Line,
			})
			continue
		}
		if planPeriods != nil {
			for k, per := range planPeriods {
				v := raw.Cell{Line: row.Line}
				if planAt[k] < len(cells) {
					v = cells[planAt[k]]
				}
				a, err := model.ParseAmount(strings.TrimSuffix(strings.TrimSpace(v.Text), "%"))
				if err != nil {
					return r.errorf(v.Line, where, "资金支出计划应为百分比，却是 %s (a percentage expected)", model.Quote(strings.TrimSpace(v.Text)))
				}
				p.Plan = append(p.Plan, model.PlanPoint{Period: per, Percent: a})
			}
			planPeriods = nil
			continue
		}
		switch {
		case strings.HasPrefix(first, "资金支出计划"):
			planPeriods, planAt = []string{}, nil
			for j, c := range cells[1:] {
				if t := strings.TrimSpace(c.Text); t != "" {
					planPeriods = append(planPeriods, t)
					planAt = append(planAt, j+1)
				}
			}
			continue
		case first == "绩效目标":
			var parts []string
			for _, c := range cells[1:] {
				if s := strings.TrimSpace(c.Text); s != "" {
					parts = append(parts, s)
				}
			}
			p.Goal = strings.Join(parts, "\n")
			continue
		case first == "" && afterBudget:
			var parts []string
			for _, c := range cells {
				if s := strings.TrimSpace(c.Text); s != "" {
					parts = append(parts, s)
				}
			}
			p.Purpose = strings.Join(parts, "\n")
		}
		afterBudget = strings.HasPrefix(first, "预算规模")
		for j := 0; j+1 < len(cells); j++ {
			label := norm(cells[j].Text)
			next := cells[j+1]
			switch {
			case label == "项目编码":
				p.Code = strings.TrimSpace(next.Text)
			case label == "项目名称":
				p.Name = strings.TrimSpace(next.Text)
			case label == "预算数":
				a, err := amount(next)
				if err != nil {
					return err
				}
				p.Amounts["total"] = a
			case strings.Contains(label, "财政资金"):
				a, err := amount(next)
				if err != nil {
					return err
				}
				p.Amounts["fiscal"] = a
			case label == "其他资金":
				a, err := amount(next)
				if err != nil {
					return err
				}
				p.Amounts["other"] = a
			}
		}
		_ = i
	}
	if p.Code == "" && p.Name == "" {
		return r.errorf(form.Line, form.Title, "项目绩效目标表中没有“项目编码”和“项目名称” (no 项目编码 / 项目名称 in the project form)")
	}
	r.out.Projects = append(r.out.Projects, p)
	return nil
}

// overallForm reads the 部门（单位）整体绩效目标表 form: it is kept as a table
// of its printed rows and read into the document's overall goal.
func (r *recognizer) overallForm(t *templates.Table, out model.Table, rows []raw.Row) error {
	w := 0
	for _, row := range rows {
		if len(row.Cells) > w {
			w = len(row.Cells)
		}
	}
	for j := 0; j < w; j++ {
		out.Columns = append(out.Columns, model.Column{Key: fmt.Sprintf("c%d", j+1), Type: model.TypeText})
	}
	g := &model.OverallGoal{Line: out.Line}
	mode := ""
	seen := map[string]bool{}
	var l1, l2 string
	for _, row := range rows {
		if row.IsBlank() {
			continue
		}
		txt := make([]string, w)
		mr := model.Row{Values: map[string]model.Amount{}, Texts: map[string]string{}, Line: row.Line}
		for j := 0; j < w; j++ {
			if j < len(row.Cells) {
				txt[j] = strings.TrimSpace(row.Cells[j].Text)
			}
			if txt[j] != "" {
				mr.Texts[fmt.Sprintf("c%d", j+1)] = txt[j]
			}
		}
		out.Rows = append(out.Rows, mr)
		at := func(j int) string {
			if j < len(txt) {
				return txt[j]
			}
			return ""
		}
		switch norm(at(0)) {
		case "部门（单位）名称", "部门(单位)名称", "部门名称":
			if r.out.Department.Name == "" {
				r.out.Department.Name = firstNonEmpty(txt[1:])
			}
			continue
		case "年度履职目标":
			g.Goal = firstNonEmpty(txt[1:])
			continue
		case "年度主要任务":
			mode = "tasks"
			continue
		case "预算情况":
			mode = "budget"
		case "一级指标":
			mode = "indicators"
			continue
		}
		switch mode {
		case "tasks":
			g.Tasks = append(g.Tasks, model.Task{Name: at(1), Content: firstNonEmpty(txt[2:]), Line: row.Line})
		case "budget":
			name := at(1)
			key := ""
			if fr := t.MatchRow(norm(name), "", seen); fr != nil {
				key = fr.Key
			}
			cell := raw.Cell{Line: row.Line}
			if len(row.Cells) > 3 {
				cell = row.Cells[3]
			}
			a, err := model.ParseAmount(cell.Text)
			if err != nil {
				return r.errorf(cell.Line, out.Title, "预算情况“%s”应为金额，却是 %s (amount expected)", name, model.Quote(strings.TrimSpace(cell.Text)))
			}
			g.Budget = append(g.Budget, model.BudgetLine{Key: key, Name: name, Amount: a, Line: row.Line})
		case "indicators":
			if at(0) != "" {
				l1 = at(0)
			}
			if at(1) != "" {
				l2 = at(1)
			}
			g.Indicators = append(g.Indicators, model.Indicator{Level1: l1, Level2: l2, Level3: at(2), Value: at(3), Description: at(4), Line: row.Line})
		}
	}
	r.out.Overall = g
	r.out.Tables = append(r.out.Tables, out)
	return nil
}

func firstNonEmpty(s []string) string {
	for _, t := range s {
		if t != "" {
			return t
		}
	}
	return ""
}

// projectsFromSummary derives the projects from a 项目绩效目标汇总表: a row
// with a project code starts a project; the rows below it without one add
// indicators (one per 一级 group: 成本, 产出, 效益, 满意度).
func (r *recognizer) projectsFromSummary(t *templates.Table, out *model.Table) {
	type group struct{ name, value, level1 string }
	var groups []group
	for _, c := range t.Columns {
		if strings.HasSuffix(c.Key, ".name") {
			prefix := strings.TrimSuffix(c.Key, ".name")
			parts := strings.Split(c.Header, "/")
			l1 := prefix
			if len(parts) >= 2 {
				l1 = parts[len(parts)-2]
			}
			groups = append(groups, group{c.Key, prefix + ".value", l1})
		}
	}
	var cur *model.Project
	for i := range out.Rows {
		row := &out.Rows[i]
		if row.Role == model.RoleUnit || row.Role == model.RoleTotal {
			cur = nil
			continue
		}
		hasIndicator := false
		for _, g := range groups {
			if row.Texts[g.name] != "" {
				hasIndicator = true
			}
		}
		if row.Code != "" && !hasIndicator {
			// a unit row (042, 042001 …本级): the units' sums, not a project
			row.Role, row.Level = model.RoleUnit, "单位"
			cur = nil
			continue
		}
		if row.Code != "" || row.Name != "" {
			row.Role = model.RoleProject
			r.out.Projects = append(r.out.Projects, model.Project{
				Code: row.Code, Name: row.Name, Amounts: map[string]model.Amount{}, Indicators: []model.Indicator{}, Line: row.Line,
			})
			cur = &r.out.Projects[len(r.out.Projects)-1]
			for k, v := range row.Values {
				cur.Amounts[k] = v
			}
		}
		if cur == nil {
			continue
		}
		for _, g := range groups {
			if n := row.Texts[g.name]; n != "" || row.Texts[g.value] != "" {
				cur.Indicators = append(cur.Indicators, model.Indicator{Level1: g.level1, Level3: n, Value: row.Texts[g.value], Line: row.Line})
			}
		}
	}
}
