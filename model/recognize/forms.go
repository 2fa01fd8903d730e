package recognize

import (
	"fmt"
	"sort"
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
// of its printed rows and read into the document's overall goal by the
// shape its table definition gives (labels of the name, goal, task and
// budget blocks and of the indicator columns), so that a province printing
// other labels needs data, not a reader of its own.
func (r *recognizer) overallForm(t *templates.Table, out model.Table, rows []raw.Row) error {
	if t.Shape == nil {
		return r.errorf(out.Line, out.Title, "整体绩效目标表的定义缺少 shape（表样标签）(the overall form has no shape)")
	}
	w := 0
	for _, row := range rows {
		if len(row.Cells) > w {
			w = len(row.Cells)
		}
	}
	for j := 0; j < w; j++ {
		out.Columns = append(out.Columns, model.Column{Key: fmt.Sprintf("c%d", j+1), Type: model.TypeText})
	}
	var printed []printedRow
	for _, row := range rows {
		if row.IsBlank() {
			continue
		}
		mr := model.Row{Values: map[string]model.Amount{}, Texts: map[string]string{}, Line: row.Line}
		cells := make([]string, w)
		for j := 0; j < w && j < len(row.Cells); j++ {
			cells[j] = strings.TrimSpace(row.Cells[j].Text)
			if cells[j] != "" {
				mr.Texts[fmt.Sprintf("c%d", j+1)] = cells[j]
			}
		}
		out.Rows = append(out.Rows, mr)
		printed = append(printed, printedRow{cells: cells, line: row.Line})
	}
	g, dept, bad := readOverall(t, printed)
	if bad != nil {
		return r.errorf(bad.line, out.Title, "预算情况“%s”应为金额，却是 %s (amount expected)", bad.name, model.Quote(bad.text))
	}
	g.Line = out.Line
	if g.Goal == "" {
		// a goal printed above the grid, in the form's box (重庆): the
		// form's first rows, its label over its text, as published
		if goal, lbl, before := goalFromCaption(out.Caption, t.Shape); goal != "" {
			g.Goal = goal
			out.Caption = before
			head := []model.Row{
				{Values: map[string]model.Amount{}, Texts: map[string]string{"c1": lbl}, Line: out.Line},
				{Values: map[string]model.Amount{}, Texts: map[string]string{"c1": goal}, Line: out.Line},
			}
			out.Rows = append(head, out.Rows...)
		}
	}
	if r.out.Department.Name == "" {
		r.out.Department.Name = dept
	}
	r.out.Overall = g
	r.out.Tables = append(r.out.Tables, out)
	return nil
}

// badBudget is a budget line of an overall form whose amount is no amount.
type badBudget struct {
	name, text string
	line       int
}

// readOverall reads an overall form's printed rows by the table's shape:
// a department label's value is the department's name; a goal label's
// text (and the text lines under it) the goal; a section label opens the
// rows of the tasks (columns found by the task labels) or of the budget
// lines (name, then its amount; the key by the table's fixed rows); a row
// of indicator labels opens the indicator rows, read at their columns.
func readOverall(t *templates.Table, rows []printedRow) (*model.OverallGoal, string, *badBudget) {
	s := t.Shape
	g := &model.OverallGoal{}
	dept := ""
	mode := ""
	var taskCols, indCols map[string]int
	var l1, l2 string
	var funds [][]string // the funds block's header lines, by column
	seen := map[string]bool{}
	skip := map[string]bool{}
	for _, w := range s.Skip {
		skip[norm(w)] = true
	}
	for _, row := range rows {
		cells := row.cells
		if hc := columnsOf(cells, s.Indicators); len(hc) >= 2 {
			_, v := hc["value"]
			_, l3 := hc["level3"]
			_, c := hc["indicator"]
			if v || l3 || c {
				mode, indCols, l1, l2 = "indicators", hc, "", ""
				continue
			}
		}
		start := 0 // the first cell of the row's content
		labelled := false
		for j, c := range cells {
			if c == "" {
				continue
			}
			if sec, _ := label(c, s.Sections); sec != "" {
				mode, start, labelled = sec, j+1, true
				if sec == "tasks" {
					taskCols = nil
				}
				if sec == "funds" {
					funds = nil
				}
				break
			}
			if mode == "indicators" {
				break // an indicator's text is no label
			}
			key, _ := label(c, s.Fields)
			if key != "department" && key != "goal" {
				continue
			}
			var parts []string
			for _, n := range cells[j+1:] {
				if k, _ := label(n, s.Fields); n != "" && k == "" {
					parts = append(parts, n)
				}
			}
			if key == "department" {
				// the next filled cell, where it is no label (a header row
				// of labels names no department)
				if next := nextFilled(cells, j+1); dept == "" && next >= 0 && len(parts) > 0 && cells[next] == parts[0] {
					dept = parts[0]
				}
				mode = ""
			} else {
				addGoal(g, strings.Join(parts, "\n"))
				mode = "goal"
			}
			labelled = true
			start = len(cells)
			break
		}
		if mode == "funds" {
			if readFunds(g, &funds, cells, start, row.line) {
				mode = ""
			}
			continue
		}
		switch mode {
		case "goal":
			if !labelled {
				// the goal's next lines: text, not a header's short words
				for _, c := range cells {
					if len([]rune(c)) >= 10 {
						addGoal(g, c)
					}
				}
			}
		case "tasks":
			if hc := columnsOf(cells, s.Tasks); len(hc) > 0 {
				taskCols = hc
				continue
			}
			name, content := cellAt(cells, taskCols, "name"), cellAt(cells, taskCols, "content")
			if taskCols == nil || name == "" && content == "" || skip[norm(name)] {
				continue
			}
			g.Tasks = append(g.Tasks, model.Task{Name: name, Content: content, Line: row.line})
		case "budget":
			name, text := "", ""
			for j := start; j < len(cells); j++ {
				if cells[j] == "" {
					continue
				}
				if name == "" {
					name = cells[j]
					continue
				}
				text = cells[j]
				break
			}
			if name == "" {
				continue
			}
			a, err := model.ParseAmount(text)
			if err != nil {
				return g, dept, &badBudget{name: name, text: text, line: row.line}
			}
			key := ""
			if fr := t.MatchRow(norm(name), "", seen); fr != nil {
				key = fr.Key
			}
			g.Budget = append(g.Budget, model.BudgetLine{Key: key, Name: name, Amount: a, Line: row.line})
		case "indicators":
			ind, ok := indicatorAt(cells, indCols, &l1, &l2, row.line, s.Classes, s.Subclasses)
			if ind.Level3 == "" {
				ind = splitIndicator(ind, cellAt(cells, indCols, "indicator"), s)
			}
			if ok && ind.Level3 != "" { // not a class's or a header's row
				g.Indicators = append(g.Indicators, ind)
			}
		}
	}
	return g, dept, nil
}

// nextFilled is the index of the first filled cell from j on, or -1.
func nextFilled(cells []string, j int) int {
	for ; j < len(cells); j++ {
		if cells[j] != "" {
			return j
		}
	}
	return -1
}

func addGoal(g *model.OverallGoal, text string) {
	if text == "" {
		return
	}
	if g.Goal != "" {
		g.Goal += "\n"
	}
	g.Goal += text
}

// splitIndicator reads an indicator printed in one cell with its classes
// before its name (产出指标数量指标气象监测预报服务人员): the 一级 class and
// the 二级 name the shape lists, the rest the indicator's name.
func splitIndicator(ind model.Indicator, text string, s *templates.FormShape) model.Indicator {
	rest := norm(text)
	if rest == "" {
		return ind
	}
	for _, c := range s.Classes {
		if c != "" && strings.HasPrefix(rest, norm(c)) {
			ind.Level1, ind.Level2 = c, ""
			rest = strings.TrimPrefix(rest, norm(c))
			for _, sub := range longestFirst(s.Subclasses[c]) {
				if sub != "" && strings.HasPrefix(rest, norm(sub)) {
					ind.Level2 = sub
					rest = strings.TrimPrefix(rest, norm(sub))
					break
				}
			}
			break
		}
	}
	ind.Level3 = rest
	return ind
}

// longestFirst orders names longest first, so that 社会效益指标 is taken
// before 社会效益.
func longestFirst(names []string) []string {
	out := append([]string(nil), names...)
	sort.SliceStable(out, func(i, j int) bool { return len([]rune(out[i])) > len([]rune(out[j])) })
	return out
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

// readFunds reads a line of a funds block printed as a grid (北京 总体资金情况：
// 预算支出总额 | 财政拨款 合计、基本支出、项目支出 | 其他资金 …, the amounts
// on the line under the headers): a line of headers adds to each column's
// header, a group's name running right over the blank cells beside it; a
// line of amounts gives a budget line per amount, named by its column's
// headers top to bottom (财政拨款/合计). It reports the block's end: the
// line of amounts read.
func readFunds(g *model.OverallGoal, heads *[][]string, cells []string, start, line int) bool {
	var amounts []int
	filled := 0
	for j := start; j < len(cells); j++ {
		if cells[j] == "" {
			continue
		}
		filled++
		if _, err := model.ParseAmount(cells[j]); err == nil {
			amounts = append(amounts, j)
		}
	}
	if filled == 0 {
		return false
	}
	for len(*heads) < len(cells) {
		*heads = append(*heads, nil)
	}
	if len(amounts) < filled {
		// a header line: a name runs right to the next filled cell,
		// where the lines below split it
		for j := start; j < len(cells); j++ {
			if cells[j] == "" {
				continue
			}
			end := j + 1
			for end < len(cells) && cells[end] == "" {
				end++
			}
			for k := j; k < end; k++ {
				(*heads)[k] = append((*heads)[k], cells[j])
			}
		}
		return false
	}
	for _, j := range amounts {
		a, _ := model.ParseAmount(cells[j])
		var name []string
		for _, h := range (*heads)[j] {
			if len(name) == 0 || name[len(name)-1] != h {
				name = append(name, h)
			}
		}
		g.Budget = append(g.Budget, model.BudgetLine{Name: strings.Join(name, "/"), Amount: a, Line: line})
	}
	return true
}

// goalFromCaption reads an overall goal printed above the form's grid (重庆：
// 当年整体绩效目标, then its paragraphs): the caption's text after a goal
// label, the label, and the caption's lines before it (单位名称：…).
func goalFromCaption(caption []string, s *templates.FormShape) (goal, lbl string, before []string) {
	for i, line := range caption {
		at, end := -1, 0
		for _, w := range s.Fields["goal"] {
			if k := strings.Index(line, w); k >= 0 && (at < 0 || k < at || k == at && k+len(w) > end) {
				at, end = k, k+len(w)
			}
		}
		if at < 0 {
			continue
		}
		rest := append([]string{line[end:]}, caption[i+1:]...)
		goal = strings.TrimSpace(strings.TrimLeft(strings.Join(rest, "\n"), "：: \n"))
		if goal == "" {
			return "", "", caption
		}
		before = append(before, caption[:i]...)
		if b := strings.TrimSpace(line[:at]); b != "" {
			before = append(before, b)
		}
		return goal, line[at:end], before
	}
	return "", "", caption
}
