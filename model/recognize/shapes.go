package recognize

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"budgetpack/model"
	"budgetpack/templates"
)

// Project forms of a shape the vocabulary describes (templates: shape) are
// kept as printed tables and also read into projects: the labels of the
// form's fields and indicator columns are data, so a province's form needs
// a vocabulary entry, not a reader of its own.

// shapedProjects reads the project forms kept as printed whose table
// definition describes their shape.
func (r *recognizer) shapedProjects() {
	// forms of one project each are read across tables: a form's next page
	// under its title again continues the project above it
	var formRows []printedRow
	var formShape *templates.FormShape
	done := func() {
		if formShape != nil {
			r.out.Projects = append(r.out.Projects, readProjectForms(formShape, formRows)...)
		}
		formRows, formShape = nil, nil
	}
	for ti := range r.out.Tables {
		t := &r.out.Tables[ti]
		def := r.set.Table(t.Kind)
		if def == nil || def.Shape == nil || !printedForm(t) {
			continue
		}
		rows := printedCells(t)
		layout := def.Shape.Layout
		if layout == "" || layout == "auto" {
			layout = "form"
			if listHeader(def.Shape, rows) {
				layout = "list"
			}
		}
		if layout == "list" {
			done()
			// the list's later pages that came out as untitled tables of
			// their own (no header repeated) continue it
			rows = append(rows, r.untitledAfter(ti)...)
			for i := range rows {
				if l := rows[i].line; l > 0 && l <= len(r.out.Places) {
					rows[i].page = r.out.Places[l-1].Page
				}
			}
			if at, ok := r.textLines(rows); ok {
				rows = joinListLines(def.Shape, rows, at)
			}
			r.out.Projects = append(r.out.Projects, readProjectList(def.Shape, rows)...)
			continue
		}
		if formShape != def.Shape {
			done()
		}
		formShape = def.Shape
		rows = append(rows, r.untitledAfter(ti)...)
		if at, ok := r.textLines(rows); ok {
			rows = joinFormLines(def.Shape, rows, at)
		}
		formRows = append(formRows, rows...)
	}
	done()
	r.shapedOverall()
}

// shapedOverall reads the overall form (部门整体支出绩效目标表) kept as
// printed rows again, with its later pages, by the shape its table
// definition gives: what the whole form holds replaces what its first page
// gave. A form the reader of labelled blocks finds no goal or indicators in
// is read as a form of labels, as a project's.
func (r *recognizer) shapedOverall() {
	g := r.out.Overall
	if g == nil {
		return
	}
	for ti := range r.out.Tables {
		t := &r.out.Tables[ti]
		if t.Kind != "overall_performance" || !printedForm(t) {
			continue
		}
		def := r.set.Table(t.Kind)
		if def == nil || def.Shape == nil {
			return
		}
		rows := append(printedCells(t), r.untitledAfter(ti)...)
		if at, ok := r.textLines(rows); ok {
			rows = joinFormLines(def.Shape, rows, at)
		}
		if full, _, bad := readOverall(def, rows); bad == nil {
			if len([]rune(full.Goal)) > len([]rune(g.Goal)) {
				g.Goal = full.Goal
			}
			if len(full.Tasks) > len(g.Tasks) {
				g.Tasks = full.Tasks
			}
			if len(full.Budget) > len(g.Budget) {
				g.Budget = full.Budget
			}
			if len(full.Indicators) > len(g.Indicators) {
				g.Indicators = full.Indicators
			}
		}
		if g.Goal != "" && len(g.Indicators) > 0 {
			return
		}
		read := readForms(def.Shape, rows, true)
		if len(read) == 0 {
			return
		}
		p := read[0]
		if g.Goal == "" {
			g.Goal = p.Goal
		}
		var inds []model.Indicator
		for _, ind := range p.Indicators {
			if ind.Level3 != "" { // not a merged 绩效指标 column read apart
				inds = append(inds, ind)
			}
		}
		if len(inds) > len(g.Indicators) {
			g.Indicators = inds
		}
		return
	}
}

// untitledAfter are the rows of the untitled tables kept as printed right
// after table ti: its next pages, which no title or header opened.
func (r *recognizer) untitledAfter(ti int) []printedRow {
	var rows []printedRow
	for k := ti + 1; k < len(r.out.Tables); k++ {
		n := &r.out.Tables[k]
		if n.Kind != "other" || strings.TrimSpace(n.Title) != "" || !printedForm(n) {
			break
		}
		rows = append(rows, printedCells(n)...)
	}
	return rows
}

// listHeader says the form is a list: a row labels 项目名称 and, as the
// next filled cell, another field (项目总额, 绩效目标) — a column header,
// where a form of one project prints the project's name beside the label.
func listHeader(s *templates.FormShape, rows []printedRow) bool {
	for _, row := range rows {
		for j, c := range row.cells {
			if k, _ := label(c, s.Fields); k != "name" {
				continue
			}
			for _, n := range row.cells[j+1:] {
				if n == "" {
					continue
				}
				// a label that is never a value (主管部门) may stand beside
				// a name wrapped around its label's line: no column header
				k, _ := label(n, s.Fields)
				return k != "" && k != "name" && k != "dept"
			}
		}
	}
	return false
}

// printedForm says the table holds its rows as printed (c1, c2 …).
func printedForm(t *model.Table) bool {
	if len(t.Columns) == 0 {
		return false
	}
	for _, c := range t.Columns {
		if c.Type != model.TypeText || !strings.HasPrefix(c.Key, "c") {
			return false
		}
	}
	return true
}

type printedRow struct {
	cells []string
	line  int
	// page is the row's page where the source has pages and the reader
	// of the form asks (a project list), else 0.
	page int
}

func printedCells(t *model.Table) []printedRow {
	var out []printedRow
	for _, row := range t.Rows {
		cells := make([]string, len(t.Columns))
		for j := range cells {
			cells[j] = strings.TrimSpace(row.Texts[fmt.Sprintf("c%d", j+1)])
		}
		out = append(out, printedRow{cells: cells, line: row.Line})
	}
	return out
}

var (
	labelUnit   = regexp.MustCompile(`[（(](万元|千元|元)[）)]$`)
	labelPrefix = regexp.MustCompile(`^(其中[：:]?)`)
)

// label reads a cell as a label: the key of the first label list (in key
// order) that holds its text, and the money unit its brackets name
// (项目资金（万元）).
func label(cell string, labels map[string][]string) (key, unit string) {
	s := norm(cell)
	if m := labelUnit.FindStringSubmatch(s); m != nil {
		unit = m[1]
		s = strings.TrimSuffix(s, m[0])
	}
	s = labelPrefix.ReplaceAllString(s, "")
	s = strings.TrimRight(s, "：:")
	if s == "" {
		return "", unit
	}
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, w := range labels[k] {
			if norm(w) == s {
				return k, unit
			}
		}
	}
	return "", unit
}

// columnsOf finds the columns a row labels: key → column.
func columnsOf(cells []string, labels map[string][]string) map[string]int {
	cols := map[string]int{}
	for j, c := range cells {
		if k, _ := label(c, labels); k != "" {
			if _, ok := cols[k]; !ok {
				cols[k] = j
			}
		}
	}
	return cols
}

// cellAt is the cell of the column key labels, or "" where the row has no
// such cell (a shifted column may fall off either end of the row).
func cellAt(cells []string, cols map[string]int, key string) string {
	if j, ok := cols[key]; ok && j >= 0 && j < len(cells) {
		return cells[j]
	}
	return ""
}

// indicatorAt reads an indicator row at the indicator columns; the 一级 and
// 二级 names of merged cells carry down from the rows above.
func indicatorAt(cells []string, cols map[string]int, l1, l2 *string, line int, classes []string, subclasses map[string][]string) (model.Indicator, bool) {
	cols = shifted(cells, cols, classes, subclasses)
	if s := cellAt(cells, cols, "level1"); s != "" && (len(classes) == 0 || isClass(s, classes)) {
		*l1 = s
	}
	if s := cellAt(cells, cols, "level2"); s != "" {
		*l2 = s
		// a 一级 cell merged over rows prints its name in one of them: a
		// 二级 name of another class starts that class
		if c := classOf(s, subclasses); c != "" && !isClass(cellAt(cells, cols, "level1"), classes) {
			*l1 = c
		}
	}
	ind := model.Indicator{
		Level1: *l1, Level2: *l2,
		Level3:      cellAt(cells, cols, "level3"),
		Value:       cellAt(cells, cols, "value"),
		Nature:      cellAt(cells, cols, "nature"),
		Unit:        cellAt(cells, cols, "unit"),
		Description: cellAt(cells, cols, "description"),
		Line:        line,
	}
	if ind.Value == "" {
		// a page without a merged column the header had: the value one
		// column off, in a cell no other indicator column claims
		used := map[int]bool{}
		for _, j := range cols {
			used[j] = true
		}
		for _, j := range []int{cols["value"] - 1, cols["value"] + 1} {
			if _, ok := cols["value"]; ok && j >= 0 && j < len(cells) && !used[j] && cells[j] != "" {
				ind.Value = cells[j]
				break
			}
		}
	}
	return ind, ind.Level3 != "" || ind.Value != ""
}

// shifted moves the indicator columns where a page prints the list with a
// column fewer or more than its header (Beijing drops the empty 其他资金
// column on later pages): the row's 一级指标 cell, known by its class name
// (产出指标 …), says by how much.
func shifted(cells []string, cols map[string]int, classes []string, subclasses map[string][]string) map[string]int {
	move := func(d int) map[string]int {
		out := map[string]int{}
		for k, c := range cols {
			out[k] = c + d
		}
		return out
	}
	if at, ok := cols["level1"]; ok && len(classes) > 0 && !isClass(cellAt(cells, cols, "level1"), classes) {
		for d := 1; d <= 2; d++ {
			for _, j := range []int{at - d, at + d} {
				if j >= 0 && j < len(cells) && isClass(cells[j], classes) {
					return move(j - at)
				}
			}
		}
	}
	// the 二级 name, where the 一级 cell is blank or cut by the page
	if at, ok := cols["level2"]; ok && len(subclasses) > 0 && classOf(cellAt(cells, cols, "level2"), subclasses) == "" &&
		!isClass(cellAt(cells, cols, "level1"), classes) {
		for d := 1; d <= 2; d++ {
			for _, j := range []int{at - d, at + d} {
				if j >= 0 && j < len(cells) && classOf(cells[j], subclasses) != "" {
					return move(j - at)
				}
			}
		}
	}
	return cols
}

// classOf is the 一级 class whose 二级 names hold s (数量指标 → 产出指标).
func classOf(s string, subclasses map[string][]string) string {
	s = norm(s)
	keys := make([]string, 0, len(subclasses))
	for k := range subclasses {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, w := range subclasses[k] {
			if s == norm(w) {
				return k
			}
		}
	}
	return ""
}

func isClass(s string, classes []string) bool {
	s = norm(s)
	for _, c := range classes {
		if s != "" && s == norm(c) {
			return true
		}
	}
	return false
}

func newProject(line int) *model.Project {
	return &model.Project{Amounts: map[string]model.Amount{}, Indicators: []model.Indicator{}, Line: line}
}

// setField stores a field's printed value in the project.
func setField(p *model.Project, key, val string, codeRe *regexp.Regexp) {
	switch key {
	case "name":
		p.Name = val
		if codeRe != nil {
			// the code's groups, joined: a code wrapped over two lines of
			// its cell prints in two pieces (11000021T00 / 0000126362-)
			if m := codeRe.FindStringSubmatchIndex(val); m != nil && len(m) >= 4 && m[2] >= 0 {
				code := ""
				for g := 2; g+1 < len(m); g += 2 {
					if m[g] >= 0 {
						code += val[m[g]:m[g+1]]
					}
				}
				p.Code = code
				p.Name = strings.TrimSpace(val[m[1]:])
			}
		}
	case "code":
		if val != "" {
			p.Code = val
		}
	case "unit":
		p.Unit = val
	case "type":
		p.Type = val
	case "goal":
		if p.Goal != "" && val != "" {
			p.Goal += "\n"
		}
		p.Goal += val
	case "amount", "fiscal", "other":
		if val == "" {
			return
		}
		a, err := model.ParseAmount(val)
		if err != nil {
			return
		}
		k := key
		if key == "amount" {
			k = "total"
		}
		if _, ok := p.Amounts[k]; !ok {
			p.Amounts[k] = a
		}
	}
}

func codePattern(s *templates.FormShape) *regexp.Regexp {
	if s.Code == "" {
		return nil
	}
	return regexp.MustCompile(s.Code)
}

// readProjectForms reads forms of one project each: label cells (项目名称,
// 年度预算资金总额 …) with their value in the next filled cell, the goal's
// text to the right of its label, then a header of indicator columns and
// the indicator rows. A second 项目名称 starts the next project.
func readProjectForms(s *templates.FormShape, rows []printedRow) []model.Project {
	return readForms(s, rows, false)
}

// readForms reads forms by their labels; nameless keeps a form without a
// 项目名称 (the department's overall form).
func readForms(s *templates.FormShape, rows []printedRow, nameless bool) []model.Project {
	var out []model.Project
	codeRe := codePattern(s)
	var cur *model.Project
	var cols map[string]int
	var l1, l2 string
	inGoal := false
	flush := func() {
		if cur != nil && (cur.Name != "" || cur.Code != "" || nameless) {
			out = append(out, *cur)
		}
		cur = nil
	}
	for _, row := range rows {
		if hc := columnsOf(row.cells, s.Indicators); len(hc) >= 2 {
			if _, ok := hc["value"]; ok {
				cols, l1, l2, inGoal = hc, "", "", false
				continue
			}
		}
		found := false
		for j := 0; j < len(row.cells); j++ {
			key, unit := label(row.cells[j], s.Fields)
			if unit != "" && cur != nil && cols == nil && len([]rune(row.cells[j])) <= 12 {
				cur.MoneyUnit = unit
			}
			if key == "" {
				continue
			}
			found = true
			if key == "name" {
				flush()
				cur = newProject(row.line)
				cols, l1, l2, inGoal = nil, "", "", false
			}
			if cur == nil {
				cur = newProject(row.line)
			}
			if key == "goal" {
				var parts []string
				for _, c := range row.cells[j+1:] {
					if k, _ := label(c, s.Fields); c != "" && k == "" {
						parts = append(parts, c)
					}
				}
				setField(cur, key, strings.Join(parts, "\n"), codeRe)
				inGoal = true
				break
			}
			// the value: the next filled cell that is no label itself
			for k := j + 1; k < len(row.cells); k++ {
				if row.cells[k] == "" {
					continue
				}
				if nk, _ := label(row.cells[k], s.Fields); nk == "" {
					setField(cur, key, row.cells[k], codeRe)
					j = k
				}
				break
			}
		}
		if found || cur == nil {
			continue
		}
		if cols != nil {
			if ind, ok := indicatorAt(row.cells, cols, &l1, &l2, row.line, s.Classes, s.Subclasses); ok {
				cur.Indicators = append(cur.Indicators, ind)
			}
			continue
		}
		if inGoal {
			// the goal's next lines: text, not a header's short words
			for _, c := range row.cells {
				if len([]rune(c)) >= 10 {
					setField(cur, "goal", c, codeRe)
				}
			}
		}
	}
	flush()
	return out
}

// readProjectList reads one list of projects: header rows name the columns
// (项目名称, 项目总额, 绩效目标, 一级指标 …); a row with a name and
// indicators starts a project, the rows below it add indicators. A row with
// a name but no indicator is a unit's or a total's row, not a project.
func readProjectList(s *templates.FormShape, rows []printedRow) []model.Project {
	var out []model.Project
	codeRe := codePattern(s)
	all := map[string][]string{}
	for k, v := range s.Fields {
		all["f."+k] = v
	}
	for k, v := range s.Indicators {
		all["i."+k] = v
	}
	var cur *model.Project
	var l1, l2 string
	skip := map[string]bool{}
	for _, w := range s.Skip {
		skip[norm(w)] = true
	}
	flush := func() {
		if cur == nil {
			return
		}
		// a project cut by a page break prints its name and amount again
		if n := len(out); n > 0 && out[n-1].Name == cur.Name && out[n-1].Code == cur.Code &&
			out[n-1].Amounts["total"].String() == cur.Amounts["total"].String() {
			out[n-1].Indicators = append(out[n-1].Indicators, cur.Indicators...)
		} else {
			out = append(out, *cur)
		}
		cur = nil
	}
	fields, inds, start := listColumns(rows, all)
	for _, row := range centredProjects(s, rows[start:], fields, inds, all) {
		if len(columnsOf(row.cells, all)) >= 2 {
			continue // the header repeated on a new page
		}
		first := ""
		for _, c := range row.cells {
			if c != "" {
				first = norm(c)
				break
			}
		}
		if skip[first] {
			flush()
			continue
		}
		name := cellAt(row.cells, fields, "name")
		hasInd := cellAt(row.cells, inds, "level3") != "" || cellAt(row.cells, inds, "value") != ""
		if name != "" {
			goal := cellAt(row.cells, fields, "goal")
			if cur != nil && cur.Name == name || cur == nil && len(out) > 0 && out[len(out)-1].Name == name {
				// the project's next page prints its name again
				if cur == nil {
					cur = &out[len(out)-1]
					out = out[:len(out)-1]
				}
				if ind, ok := indicatorAt(row.cells, inds, &l1, &l2, row.line, s.Classes, s.Subclasses); ok {
					cur.Indicators = append(cur.Indicators, ind)
				}
				continue
			}
			flush()
			if !hasInd && goal == "" {
				continue // a unit's row
			}
			cur = newProject(row.line)
			l1, l2 = "", ""
			for _, k := range []string{"name", "code", "unit", "type", "amount", "fiscal", "other"} {
				setField(cur, k, cellAt(row.cells, fields, k), codeRe)
			}
		}
		if cur == nil {
			continue
		}
		goalCols := fields
		if sh := shifted(row.cells, inds, s.Classes, s.Subclasses); sh["level1"] != inds["level1"] {
			goalCols = map[string]int{}
			if j, ok := fields["goal"]; ok {
				goalCols["goal"] = j + sh["level1"] - inds["level1"]
			}
		}
		if g := cellAt(row.cells, goalCols, "goal"); g != "" && !isClass(g, s.Classes) {
			setField(cur, "goal", g, codeRe)
		}
		if ind, ok := indicatorAt(row.cells, inds, &l1, &l2, row.line, s.Classes, s.Subclasses); ok {
			cur.Indicators = append(cur.Indicators, ind)
		}
	}
	flush()
	return out
}

// listColumns finds the columns of a list's header (项目名称, 一级指标 …),
// whose labels may be wrapped over its lines, and the first data row:
// the first filled row after the 项目名称 label that adds no label.
func listColumns(rows []printedRow, all map[string][]string) (fields, inds map[string]int, start int) {
	fields, inds = map[string]int{}, map[string]int{}
	known := func(k string) bool {
		if strings.HasPrefix(k, "f.") {
			_, ok := fields[k[2:]]
			return ok
		}
		_, ok := inds[k[2:]]
		return ok
	}
	var stack []string   // the header's rows so far, column by column
	var lines [][]string // the header's rows so far
	for i, row := range rows {
		hc := columnsOf(row.cells, all)
		// a label wrapped over the header's lines (本年绩 / 效指标 / 值)
		wrapped := map[string]int{}
		for k, j := range columnsOf(stackCells(stack, row.cells), all) {
			if _, ok := hc[k]; !ok && !known(k) {
				wrapped[k] = j
			}
		}
		// two labels wrapped over alternate lines of one column, where
		// the text puts a short label's lines between a taller one's
		// (本年绩 / 绩效度 / 效指标 / 量单位 / 值): the taller one names it
		for par := range 2 {
			var cells []string
			for j := range max(len(lines), len(row.cells)) {
				var c string
				for _, p := range colParts(lines, row.cells, j) {
					if p.row%2 == par {
						c += p.text
					}
				}
				cells = append(cells, c)
			}
			for k, j := range columnsOf(cells, all) {
				if _, ok := hc[k]; ok || known(k) {
					continue
				}
				if _, ok := wrapped[k]; ok {
					continue
				}
				n := 0
				for _, p := range colParts(lines, row.cells, j) {
					if p.row%2 == par {
						n++
					}
				}
				if n*2 > len(colParts(lines, row.cells, j)) {
					wrapped[k] = j
				}
			}
		}
		_, named := fields["name"]
		if len(hc) > 0 || len(wrapped) > 0 && (!named || onlyLabels(row.cells, stack)) {
			for k, j := range wrapped {
				hc[k] = j
			}
		}
		stack = stackCells(stack, row.cells)
		lines = append(lines, row.cells)
		if len(hc) > 0 {
			for k, j := range hc {
				if strings.HasPrefix(k, "f.") {
					fields[k[2:]] = j
				} else {
					inds[k[2:]] = j
				}
			}
			continue
		}
		if _, ok := fields["name"]; ok && !row.blank() {
			return fields, inds, i
		}
	}
	return fields, inds, len(rows)
}

// part is one line of a header's column: the row it stands on.
type part struct {
	row  int
	text string
}

// colParts lists the filled lines of column j in the header rows so far
// and the cells of the row below them.
func colParts(lines [][]string, cells []string, j int) []part {
	var out []part
	for r, l := range append(lines, cells) {
		if j < len(l) && l[j] != "" {
			out = append(out, part{r, l[j]})
		}
	}
	return out
}

// stackCells appends a header row's cells under the header rows stacked so
// far, column by column, the way a label wrapped over a header's lines
// reads (本年绩 + 效指标 + 值).
func stackCells(stack, cells []string) []string {
	out := make([]string, max(len(stack), len(cells)))
	copy(out, stack)
	for j, c := range cells {
		out[j] += c
	}
	return out
}

// onlyLabels reports whether every filled cell of a row stands in a column
// the header above already fills: the rest of a wrapped header, not a data
// row (a data row fills the project's columns the header leaves blank
// under a label set a line apart).
func onlyLabels(cells, stack []string) bool {
	for j, c := range cells {
		if c != "" && (j >= len(stack) || stack[j] == "") {
			return false
		}
	}
	return true
}

func (r printedRow) blank() bool {
	for _, c := range r.cells {
		if c != "" {
			return false
		}
	}
	return true
}

// centredProjects regroups a list of projects whose source has no merged
// cells (a page's text without rulings): there a project's name, amounts
// and goal are set in the middle of its indicator rows, wrapped over lines
// between them, as a merged cell centres its text, so that the rows above
// the name belong to it too. A project's rows end where an indicator
// class it has already listed comes again after another one (产出 … 效益 …
// 产出): each project lists its classes in one run. Each group's project
// cells (the columns left of the indicators) are joined, line by line,
// into its first row; the rows follow with those cells blank. A list
// whose first data row holds its project's name is left as it is.
func centredProjects(s *templates.FormShape, rows []printedRow, fields, inds map[string]int, all map[string][]string) []printedRow {
	at, ok := inds["level1"]
	if len(rows) == 0 || !ok || len(s.Classes) == 0 {
		return rows
	}
	// the project's cells: left of the 一级指标 column, where the row's
	// class name places it
	split := func(row printedRow) int {
		return min(shifted(row.cells, inds, s.Classes, s.Subclasses)["level1"], len(row.cells))
	}
	project := func(row printedRow) bool {
		for _, c := range row.cells[:max(0, split(row))] {
			if c != "" {
				return true
			}
		}
		return false
	}
	class := func(row printedRow) string {
		c := cellAt(row.cells, shifted(row.cells, inds, s.Classes, s.Subclasses), "level1")
		if isClass(c, s.Classes) {
			return norm(c)
		}
		return ""
	}
	// centred where a class comes before any project's cell (the lines
	// of a wrapped indicator name may come first)
	for _, row := range rows {
		if project(row) {
			return rows
		}
		if class(row) != "" {
			break
		}
	}
	amountCol := -1
	if j, ok := fields["amount"]; ok {
		amountCol = j
	}
	// the data rows, the header repeated on later pages left out
	var data []printedRow
	for _, row := range rows {
		if len(columnsOf(row.cells, all)) >= 2 || row.blank() {
			continue
		}
		data = append(data, row)
	}
	// groups by the classes' runs
	var cuts []int
	seen := map[string]bool{}
	last := ""
	for i, row := range data {
		// a page starts a project: a project cut by the page end prints
		// its name again on the next page, centred on its rows there
		if i > 0 && row.page > 0 && data[i-1].page > 0 && row.page != data[i-1].page {
			cuts = append(cuts, i)
			seen, last = map[string]bool{}, ""
		}
		c := class(row)
		if c == "" {
			continue
		}
		if c != last && seen[c] && (len(cuts) == 0 || cuts[len(cuts)-1] != i) {
			cuts = append(cuts, i)
			seen = map[string]bool{}
		}
		seen[c], last = true, c
	}
	bounds := append(append([]int{0}, cuts...), len(data))
	// a group with two projects' amounts (the second project lists no
	// class of the first again) splits at the middle of the longest run
	// of indicator rows between them
	anchor := func(row printedRow) bool {
		sh := split(row) - at
		j := amountCol + sh
		return amountCol >= 0 && j >= 0 && j < len(row.cells) && isAmountCell(row.cells[j])
	}
	var groups [][2]int
	for g := 0; g+1 < len(bounds); g++ {
		from, to := bounds[g], bounds[g+1]
		var anchors []int
		for i := from; i < to; i++ {
			if anchor(data[i]) {
				anchors = append(anchors, i)
			}
		}
		for k := 1; k < len(anchors); k++ {
			a, b := anchors[k-1], anchors[k]
			cut, best := (a+b+1)/2, 0
			for i := a + 1; i < b; {
				if project(data[i]) {
					i++
					continue
				}
				e := i
				for e < b && !project(data[e]) {
					e++
				}
				if e-i > best {
					cut, best = i+(e-i+1)/2, e-i
				}
				i = e
			}
			groups = append(groups, [2]int{from, cut})
			from = cut
		}
		groups = append(groups, [2]int{from, to})
	}
	// a group without a project's amount goes on from the one above (a
	// class listed twice, or the project's next page)
	merged := groups[:0]
	for _, g := range groups {
		has := false
		for i := g[0]; i < g[1]; i++ {
			has = has || anchor(data[i])
		}
		if n := len(merged); n > 0 && !has {
			merged[n-1][1] = g[1]
			continue
		}
		merged = append(merged, g)
	}
	var out []printedRow
	for _, g := range merged {
		first := data[g[0]]
		head := printedRow{cells: append([]string(nil), first.cells...), line: first.line, page: first.page}
		var parts [][]string
		for i := g[0]; i < g[1]; i++ {
			row := data[i]
			for j := 0; j < split(row); j++ {
				for len(parts) <= j {
					parts = append(parts, nil)
				}
				if row.cells[j] != "" {
					parts[j] = append(parts[j], row.cells[j])
				}
			}
		}
		for j := 0; j < split(first) && j < len(head.cells); j++ {
			head.cells[j] = ""
			if j < len(parts) {
				head.cells[j] = joinWrapped(parts[j])
			}
		}
		out = append(out, head)
		for i := g[0] + 1; i < g[1]; i++ {
			row := printedRow{cells: append([]string(nil), data[i].cells...), line: data[i].line, page: data[i].page}
			for j := 0; j < split(row); j++ {
				row.cells[j] = ""
			}
			out = append(out, row)
		}
	}
	return out
}

// joinWrapped joins the lines of a wrapped cell: Chinese text goes on
// without a space, other words (a code and the name after it) with one.
func joinWrapped(parts []string) string {
	var sb strings.Builder
	for _, p := range parts {
		if sb.Len() > 0 {
			a, _ := utf8.DecodeLastRuneInString(sb.String())
			b, _ := utf8.DecodeRuneInString(p)
			if !(wideRune(a) || wideRune(b)) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(p)
	}
	return sb.String()
}

// wideRune reports whether r is a CJK character or full-width punctuation.
func wideRune(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F
}

// isAmountCell reports whether a cell reads as an amount.
func isAmountCell(s string) bool {
	if s == "" {
		return false
	}
	_, err := model.ParseAmount(s)
	return err == nil
}
