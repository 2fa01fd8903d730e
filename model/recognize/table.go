package recognize

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

// captionCell matches a grid row that is the line under a title rather
// than a header (编制部门, 预算年度, 单位, 截止时间).
var codeAndName = regexp.MustCompile(`^[\[［【]?(\d{3}(?:\d{2}){0,2})[\]］】]?[-－—_\s]*([^\d\s-].*)$`)

// codePart tells a split 类/款/项 code column by its header's last level:
// 1 for 类, 2 for 款, 3 for 项, else 0.
func codePart(path []string) int {
	if len(path) == 0 {
		return 0
	}
	switch path[len(path)-1] {
	case "类":
		return 1
	case "款":
		return 2
	case "项":
		return 3
	}
	return 0
}

var captionCell = regexp.MustCompile(`^(单\s*位[：:]|预算年度[：:]|截止时间[：:]|部门名称[：:]|\d{2,}\S)`)

func (r *recognizer) table(t *templates.Table, title raw.Block, caption []raw.Block, grids []raw.Block, notes []model.Note) error {
	out := model.Table{
		Kind:    t.Kind,
		Title:   strings.TrimSpace(title.Text),
		Line:    title.Line,
		Notes:   notes,
		Columns: []model.Column{},
		Rows:    []model.Row{},
	}
	out.Caption = proseCaption(caption)
	out.Number, out.NumberLeft, r.number, r.numberLeft = r.number, r.numberLeft, "", false
	rows := grids[0].Rows
	if (t.Form == "" || t.Form == "overall" && r.set.Lenient) && len(grids) > 1 {
		rows = nil
		for k, g := range grids {
			n := len(rows)
			rows = append(rows, g.Rows...)
			if k > 0 && len(g.Rows) > 0 && g.Page > grids[k-1].Page && n > 0 {
				rows[n].AfterBreak = true // the table goes on at the top of a later page
			}
		}
	}
	// Leading grid rows that are a caption (Hebei prints it in the grid).
	for len(rows) > 0 && isCaptionRow(rows[0]) {
		for _, c := range rows[0].Cells {
			if s := strings.TrimSpace(c.Text); s != "" {
				out.Caption = append(out.Caption, s)
			}
		}
		rows = rows[1:]
	}
	if r.set.Lenient {
		rows = r.captionCells(rows, &out)
	}
	out.Unit = r.captionInfo(out.Caption)
	if r.out.Unit == "" && out.Unit != "" {
		r.out.Unit = out.Unit // the national vocabulary takes the unit the tables print
	}
	if t.Form == "overall" && r.continues(t, out) {
		// the form's next page under its title again: its rows as printed
		prev := &r.out.Tables[len(r.out.Tables)-1]
		for _, g := range grids {
			for _, row := range g.Rows {
				if !row.IsBlank() {
					mr := model.Row{Values: map[string]model.Amount{}, Texts: map[string]string{}, Line: row.Line}
					for j, c := range row.Cells {
						if s := strings.TrimSpace(c.Text); s != "" {
							mr.Texts[fmt.Sprintf("c%d", j+1)] = s
						}
					}
					prev.Rows = append(prev.Rows, mr)
				}
			}
		}
		return nil
	}
	var err error
	switch t.Form {
	case "project":
		if r.set.Lenient {
			// forms of many shapes: kept as printed, not read into projects
			// by a reader made for one province's form
			return r.asPrinted(t, out, grids, fmt.Errorf("项目绩效目标表的表样因地而异 (the project form varies by province)"))
		}
		err = r.projectForm(t, out, rows, grids[1:])
	case "overall":
		err = r.overallForm(t, out, rows)
	default:
		r.grouped, r.codeName = map[string]bool{}, map[string]string{}
		err = r.columnTable(t, &out, rows)
		for key := range r.grouped {
			if c := out.Column(key); c != nil {
				c.Grouped = true
			}
		}
		for key, f := range r.codeName {
			if c := out.Column(key); c != nil {
				c.CodeName = f
			}
		}
	}
	if err != nil && r.set.Lenient {
		// a form of a shape nobody described: keep it as printed, say so
		return r.asPrinted(t, out, grids, err)
	}
	if err != nil || t.Form == "project" || t.Form == "overall" {
		return err
	}
	if r.continues(t, out) {
		return nil
	}
	if t.Form == "project_summary" {
		r.projectsFromSummary(t, &out)
	}
	r.out.Tables = append(r.out.Tables, out)
	return nil
}

// inheritParts completes split 类/款/项 code parts from the parts of the
// rows above where a row prints only its lower parts, and remembers them.
func inheritParts(parts []struct {
	part int
	text string
}, last *[4]string) []struct {
	part int
	text string
} {
	have := map[int]string{}
	for _, p := range parts {
		if p.part > 0 && isCode(p.text) && p.text != "" {
			have[p.part] = p.text
		}
	}
	if len(have) == 0 {
		return parts
	}
	low := 0
	for k := range have {
		if low == 0 || k < low {
			low = k
		}
	}
	for k := 1; k < low; k++ {
		if last[k] == "" {
			return parts
		}
		have[k] = last[k]
	}
	var out []struct {
		part int
		text string
	}
	for k := 1; k <= 3; k++ {
		if v, ok := have[k]; ok {
			out = append(out, struct {
				part int
				text string
			}{k, v})
			last[k] = v
		} else {
			last[k] = ""
		}
	}
	for _, p := range parts {
		if p.part == 0 || !isCode(p.text) || p.text == "" {
			out = append(out, p)
		}
	}
	return out
}

// foldSplit moves the cells of a column without any header into the
// headed column right of it, where no row fills both and both hold the
// same kind of content: one printed column whose cells stand left- and
// right-aligned (单位编码: 1 at its left edge in one row, 121001 at its
// right in the next) that a text export read as two.
func foldSplit(header [][]string, paths [][]string, data []raw.Row) []raw.Row {
	var fold []int
	for j := 0; j+1 < len(paths); j++ {
		if len(paths[j]) > 0 || len(paths[j+1]) == 0 || !columnBlank(header, nil, j) ||
			columnBlank(nil, data, j) || columnBlank(nil, data, j+1) || columnNumeric(data, j) != columnNumeric(data, j+1) {
			continue
		}
		both := false
		for _, row := range data {
			if j+1 < len(row.Cells) && norm(row.Cells[j].Text) != "" && norm(row.Cells[j+1].Text) != "" {
				both = true
				break
			}
		}
		if !both {
			fold = append(fold, j)
		}
	}
	if len(fold) == 0 {
		return data
	}
	out := make([]raw.Row, len(data))
	for i, row := range data {
		row.Cells = append([]raw.Cell(nil), row.Cells...)
		for _, j := range fold {
			if j+1 < len(row.Cells) && norm(row.Cells[j].Text) != "" {
				row.Cells[j+1], row.Cells[j] = row.Cells[j], raw.Cell{Line: row.Cells[j].Line}
			}
		}
		out[i] = row
	}
	return out
}

// levelRun matches a header cell that is the level words of narrow code
// columns run together (款项, 类款项): a text export read them as one.
var levelRun = regexp.MustCompile(`^[类款项]{2,3}$`)

// partHeader is the header path of a split code column of the given
// part: the printed one, its last level the part's own word (款 or 项)
// where the export ran the level words of several columns together.
func partHeader(path []string, part int) []string {
	if n := len(path); n > 0 && part >= 1 && part <= 3 && levelRun.MatchString(path[n-1]) {
		out := append([]string(nil), path...)
		out[n-1] = []string{"类", "款", "项"}[part-1]
		return out
	}
	return path
}

// codeDigits reports whether the column's body cells are all two-digit
// parts of a code (01, 99).
func codeDigits(data []raw.Row, j int) bool {
	n := 0
	for _, row := range data {
		if j >= len(row.Cells) {
			continue
		}
		s := norm(row.Cells[j].Text)
		if s == "" {
			continue
		}
		if len(s) != 2 || !isDigits(s) {
			return false
		}
		n++
	}
	return n > 0
}

// headerCell is a cell of a header line that a table repeats on each page.
var headerCell = regexp.MustCompile(`^(项目|项目名称|预算数?|金额|收入|支出|本年收入|本年支出|合计|小计|总计|科目编码|科目名称|功能分类科目|功能科目名称|经济分类科目|(政府|部门)?支出(功能|经济)分类科目|栏次|类|款|项|单位名称|预算单位|基本支出|项目支出|人员经费|公用经费|其中|[\d/]+年预算数?|收入预算|支出预算|财政拨款收入|财政拨款支出)$`)

// repeatedHeader reports whether a body row is the header printed again
// (on the next page): no figure, and every cell a header word.
func repeatedHeader(row raw.Row) bool {
	n := 0
	for _, c := range row.Cells {
		s := norm(c.Text)
		if s == "" {
			continue
		}
		if !headerCell.MatchString(s) {
			return false
		}
		n++
	}
	return n > 0
}

// sideSplit returns the first source column of a two-sided table's right
// side: the column of its right label (the pair column), or 0.
func sideSplit(cols []colRef, data []raw.Row) int {
	left, right := -1, -1
	for _, c := range cols {
		if c.tpl == nil {
			continue
		}
		switch c.tpl.Type {
		case "name":
			if left < 0 {
				left = c.src
			}
		case "pair":
			right = c.src
		}
	}
	if right <= left {
		return 0
	}
	// the right labels may stand a column either side of the header's
	for _, d := range []int{0, -1, 1} {
		k := right + d
		if k > left && !columnBlank(nil, data, k) && !columnNumeric(data, k) {
			return k
		}
	}
	return right
}

// sideBounds returns the first source column of each right-hand side of
// a two-sided table, in order: one where the expenditure is printed once
// (sideSplit), one per classification where it is printed under several
// side by side (each its label column), or nil.
func sideBounds(cols []colRef, data []raw.Row) []int {
	var labels []int
	for _, c := range cols {
		if c.tpl != nil && c.tpl.Type == "pair" {
			labels = append(labels, c.src)
		}
	}
	sort.Ints(labels)
	if len(labels) > 1 {
		return labels
	}
	if split := sideSplit(cols, data); split > 0 {
		return []int{split}
	}
	return nil
}

// dropLoneSides unassigns the columns of a further right-hand side whose
// label column the header does not print: its amount columns are read
// only beside their own classification's labels.
func dropLoneSides(t *templates.Table, assign []int) {
	pairs, lone := 0, false
	for i, c := range t.Columns {
		if c.Type == "pair" {
			pairs++
			lone = pairs > 1 && assign[i] < 0
			continue
		}
		if lone {
			assign[i] = -1
		}
	}
}

// sideBands sets the upper header band of a two-sided table's columns
// to its side: a text export prints 收入 and 支出 once each, where it
// centres them, so the band read from it may cover columns of the other
// side (收入 over the 支出功能分类科目 of a form printing several
// classifications). The columns left of the first right-hand label are
// under the first band, the others under the second.
func sideBands(t *templates.Table, assign []int, paths [][]string) {
	split := -1
	for i, c := range t.Columns {
		if c.Type == "pair" && assign[i] >= 0 {
			split = assign[i]
			break
		}
	}
	if split <= 0 || len(paths) == 0 || len(paths[0]) < 2 {
		return
	}
	left, right := paths[0][0], ""
	for _, p := range paths {
		if len(p) < 2 {
			return // a column without the band: not two bands over the table
		}
		if p[0] != left {
			if right != "" && p[0] != right {
				return
			}
			right = p[0]
		}
	}
	if right == "" || len(paths[split]) < 2 {
		return
	}
	for j := range paths {
		if j < split {
			paths[j][0] = left
		} else {
			paths[j][0] = right
		}
	}
}

// hasName reports whether any of the labels has a name.
func hasName(ls []model.Label) bool {
	for _, l := range ls {
		if l.Name != "" {
			return true
		}
	}
	return false
}

// readSides reads one row of a two-sided table into the labels of each
// side (the left, then each right-hand side): each label opens its side
// (with one right-hand side, the first of two labels the left, the second
// the right, a lone label the side its words name; with several, the
// side it stands under), and each figure belongs to the label before it,
// in the side's money column nearest to it (in order, in a piece of a row
// a text export set apart).
func (r *recognizer) readSides(t *templates.Table, row raw.Row, bounds []int, cols []colRef, mr *model.Row) [][]string {
	split := bounds[0]
	sideAt := func(j int) int {
		k := 0
		for k < len(bounds) && bounds[k] <= j {
			k++
		}
		return k
	}
	sideCols := make([][]colRef, len(bounds)+1)
	for _, c := range cols {
		if c.tpl == nil || c.tpl.Type != "money" {
			continue
		}
		k := sideAt(c.src)
		sideCols[k] = append(sideCols[k], c)
	}
	labelsOf := make([][]string, len(bounds)+1)
	if len(bounds) > 1 {
		// several right-hand sides: a grid as the page prints it, each
		// cell under its own side
		for j, c := range row.Cells {
			s := strings.TrimSpace(strings.Trim(c.Text, "\u3000"))
			if s == "" {
				continue
			}
			k := sideAt(j)
			a, err := model.ParseAmount(s)
			if err != nil {
				labelsOf[k] = append(labelsOf[k], s)
				continue
			}
			sc := sideCols[k]
			if len(sc) == 0 {
				continue
			}
			best := sc[0]
			for _, c := range sc {
				if abs(c.src-j) < abs(best.src-j) {
					best = c
				}
			}
			mr.Values[best.col.Key] = a
			r.noteFormat(best.col.Key, s)
		}
		for _, sc := range sideCols {
			for _, c := range sc {
				if _, ok := mr.Values[c.col.Key]; !ok {
					mr.Values[c.col.Key] = model.Blank
				}
			}
		}
		return labelsOf
	}
	labels := 0
	for _, c := range row.Cells {
		if s := norm(c.Text); s != "" {
			if _, err := model.ParseAmount(s); err != nil {
				labels++
			}
		}
	}
	narrow := len(row.Cells) <= split
	side, seenLabels := -1, 0
	used := [2]int{}
	for j, c := range row.Cells {
		s := strings.TrimSpace(strings.Trim(c.Text, "\u3000"))
		if s == "" {
			continue
		}
		a, err := model.ParseAmount(s)
		if err != nil {
			seenLabels++
			switch {
			case labels >= 2 && seenLabels == 1:
				side = 0
			case labels >= 2:
				side = 1
			default:
				side = r.labelSide(t, s, j, split, narrow)
			}
			labelsOf[min(side, 1)] = append(labelsOf[min(side, 1)], s)
			continue
		}
		sd := side
		if sd < 0 {
			sd = 0
			if j >= split {
				sd = 1
			}
		}
		sc := sideCols[sd]
		if len(sc) == 0 {
			continue
		}
		var best colRef
		if narrow {
			if used[sd] >= len(sc) {
				continue
			}
			best = sc[used[sd]]
		} else {
			best = sc[0]
			for _, c := range sc {
				if abs(c.src-j) < abs(best.src-j) {
					best = c
				}
			}
			if v, ok := mr.Values[best.col.Key]; ok && !v.IsBlank() {
				for _, c := range sc {
					if v, ok := mr.Values[c.col.Key]; (!ok || v.IsBlank()) && c.src > best.src {
						best = c
						break
					}
				}
			}
		}
		used[sd]++
		mr.Values[best.col.Key] = a
		r.noteFormat(best.col.Key, s)
	}
	for _, c := range append(sideCols[0], sideCols[1]...) {
		if _, ok := mr.Values[c.col.Key]; !ok {
			mr.Values[c.col.Key] = model.Blank
		}
	}
	return labelsOf
}

// labelSide tells the side of a lone label: by its own words (…收入 is
// income, …支出 expenditure), by the form's fixed rows and the 类 names,
// else by where it stands.
func (r *recognizer) labelSide(t *templates.Table, label string, j, split int, narrow bool) int {
	n := norm(label)
	switch {
	case rightWords.MatchString(n):
		return 1
	case leftWords.MatchString(n):
		return 0
	}
	left := t.MatchRow(n, "left", map[string]bool{}) != nil
	right := t.MatchRow(n, "right", map[string]bool{}) != nil || r.set.Common.FunctionClass(n) != ""
	switch {
	case right && !left:
		return 1
	case left && !right:
		return 0
	}
	if !narrow && j >= split-1 {
		return 1
	}
	return 0
}

var (
	rightWords = regexp.MustCompile(`(支出|支出合计|支出总计|结转下年|年终结转|结转结余下年|下年|补助支出)$`)
	leftWords  = regexp.MustCompile(`(收入|收入合计|收入总计|上年结转|结余|结转|资金|拨款|预算)$`)
)

// printedBlank reports whether column j, blank in every body row, is
// still a column of the form: it has a header cell of its own (事业单位经营
// 服务收入 under no band), which a grid read from a document's cells or
// rulings gives exactly. A text export's stray header pieces are no
// columns.
func printedBlank(paths [][]string, j int, layout string) bool {
	if layout == "layout-text" || j >= len(paths) || len(paths[j]) == 0 {
		return false
	}
	leaf := paths[j][len(paths[j])-1]
	for _, k := range []int{j - 1, j + 1} {
		if k >= 0 && k < len(paths) && len(paths[k]) > 0 && paths[k][len(paths[k])-1] == leaf {
			return false // one header cell spread over two grid columns
		}
	}
	return true
}

// repairBlank moves a column the header words put on a column that is
// blank in every body row to a neighbouring column no other took that
// holds the column's kind of content (a text export centres a header
// word over the wrong one of two columns).
//
// The figure columns are taken from the left, then the text columns from
// the right: a text left-aligned in a wide cell stands left of the header
// centred over it, so the text column under the next header to its right
// claims it first. A column other marks (another period's or another
// fund's, printed with its own header) is never a target, nor one whose
// own header against says is another column. With textHeads (a layout
// text, whose Chinese header words are narrower in characters than on the
// page) a figure column looks right of its header word first.
func repairBlank(t *templates.Table, assign []int, data []raw.Row, w int, other []bool, textHeads bool, against func(i, j, k int) bool) {
	taken := map[int]bool{}
	for _, j := range assign {
		if j >= 0 {
			taken[j] = true
		}
	}
	isNumeric := func(i int) bool {
		return t.Columns[i].Type == "money" || t.Columns[i].Type == "number" || t.Columns[i].Type == "percent"
	}
	var order []int
	for i := range assign {
		if isNumeric(i) {
			order = append(order, i)
		}
	}
	for i := len(assign) - 1; i >= 0; i-- {
		if !isNumeric(i) {
			order = append(order, i)
		}
	}
	for _, i := range order {
		j := assign[i]
		if j < 0 || !columnBlank(nil, data, j) {
			continue
		}
		numeric := isNumeric(i)
		code := t.Columns[i].Type == "code"
		near := []int{j - 1, j + 1, j - 2, j + 2}
		if numeric && textHeads {
			// a text's header word, centred over figures set flush
			// right and narrower in characters than on the page, ends
			// left of them: its figures are on its right first
			near = []int{j + 1, j - 1, j + 2, j - 2}
		}
		for _, k := range near {
			if k < 0 || k >= w || taken[k] || k < len(other) && other[k] || columnBlank(nil, data, k) || against(i, j, k) {
				continue
			}
			// a column of 科目 codes reads as figures too: it is a code
			// column's target, never a figure column's
			if codes := columnMostly(data, k, isSubjectCode); code != codes || !code && columnNumeric(data, k) != numeric {
				continue
			}
			taken[j], taken[k] = false, true
			assign[i] = k
			break
		}
	}
}

// contradicts reports whether the header printed over source column k
// says it is not the template column c that the header words put on
// column j: k prints a header cell of its own (not the one over j spread
// onto it) that holds none of c's words.
func contradicts(mt matching, c templates.Column, paths [][]string, j, k int) bool {
	if k >= len(paths) || len(paths[k]) == 0 || len(c.Words) == 0 {
		return false
	}
	pk, pj := paths[k], []string(nil)
	if j < len(paths) {
		pj = paths[j]
	}
	if len(pj) > 0 && pk[len(pk)-1] == pj[len(pj)-1] {
		return false // one header cell over both
	}
	return mt.score(c, pk) == 0
}

// isSubjectCode reports whether s is a whole 科目 code as printed in one
// cell: 3 to 7 digits (类 201, 款 20101, 项 2010101; 经济分类 301, 30101).
func isSubjectCode(s string) bool {
	return isDigits(s) && len(s) >= 3 && len(s) <= 7
}

// columnNumeric reports whether most of the column's non-empty body cells
// are figures (amounts or percentages).
func columnNumeric(data []raw.Row, j int) bool {
	return columnMostly(data, j, func(s string) bool { return isFigure(strings.TrimSuffix(s, "%")) })
}

// isFigure reports whether a cell's text is an amount, not a blank mark.
func isFigure(s string) bool {
	a, err := model.ParseAmount(s)
	return err == nil && !a.IsBlank()
}

// columnMostly reports whether more than half of the column's non-empty
// body cells, white space removed, satisfy is.
func columnMostly(data []raw.Row, j int, is func(string) bool) bool {
	n, yes := 0, 0
	for _, row := range data {
		if j >= len(row.Cells) {
			continue
		}
		s := norm(row.Cells[j].Text)
		if s == "" {
			continue
		}
		n++
		if is(s) {
			yes++
		}
	}
	return n > 0 && yes*2 > n
}

// noteFormat records that the column key prints its figures with
// thousands separators where the published figure s shows one, so that
// the packs print the column as published.
func (r *recognizer) noteFormat(key, s string) {
	if r.grouped != nil && model.HasSeparator(s) {
		r.grouped[key] = true
	}
}

// continues appends the rows of a table that repeats the title of the
// table just read (the same table on its next page) to that table.
func (r *recognizer) continues(t *templates.Table, out model.Table) bool {
	n := len(r.out.Tables)
	if !r.set.Lenient || n == 0 {
		return false
	}
	prev := &r.out.Tables[n-1]
	for k := n - 1; k > 0 && prev.Kind == "other" && t.Form != ""; k-- {
		prev = &r.out.Tables[k-1] // a form's pages may hold grids of their own
	}
	if prev.Kind != out.Kind || norm(templates.TitleKey(prev.Title)) != norm(templates.TitleKey(out.Title)) {
		return false
	}
	// the rows are keyed by meaning: a page whose header the export read
	// otherwise adds its columns
	for _, c := range out.Columns {
		if pc := prev.Column(c.Key); pc == nil {
			prev.Columns = append(prev.Columns, c)
		} else if c.Grouped {
			pc.Grouped = true // a page whose figures all stay under 1,000 shows no separator
		}
	}
	base := len(prev.Rows)
	prev.Rows = append(prev.Rows, out.Rows...)
	prev.Notes = append(prev.Notes, out.Notes...)
	for _, rm := range out.Remarks {
		rm.Row += base // its row, now among the table's
		prev.Remarks = append(prev.Remarks, rm)
	}
	return true
}

// asPrinted keeps a table the vocabulary names but cannot map (columns
// not found, a form of another shape): its kind and title with its cells
// as printed, and a remark saying why, so that nothing published is lost.
func (r *recognizer) asPrinted(t *templates.Table, out model.Table, grids []raw.Block, why error) error {
	out.Columns, out.Rows = []model.Column{}, []model.Row{}
	w := 0
	for _, g := range grids {
		for _, row := range g.Rows {
			if len(row.Cells) > w {
				w = len(row.Cells)
			}
		}
	}
	for j := 0; j < w; j++ {
		out.Columns = append(out.Columns, model.Column{Key: fmt.Sprintf("c%d", j+1), Type: model.TypeText})
	}
	for _, g := range grids {
		for _, row := range g.Rows {
			if row.IsBlank() {
				continue
			}
			mr := model.Row{Values: map[string]model.Amount{}, Texts: map[string]string{}, Line: row.Line}
			for j, c := range row.Cells {
				if s := strings.TrimSpace(c.Text); s != "" {
					mr.Texts[fmt.Sprintf("c%d", j+1)] = s
				}
			}
			out.Rows = append(out.Rows, mr)
		}
	}
	msg := why.Error()
	if ie, ok := why.(*model.InputError); ok {
		msg = ie.Msg
	}
	out.Remarks = append(out.Remarks, model.Remark{Text: "按原样保留，未能按表样读出各列（" + msg + "），请核对表样 (kept as printed)", Line: out.Line})
	if (t.Form != "project" || sameHeadRow(r.out.Tables, out)) && r.continues(t, out) {
		return nil // (a list of projects over pages repeats its header row; a form per project does not)
	}
	r.out.Tables = append(r.out.Tables, out)
	return nil
}

// captionLabel opens a caption item printed inside a table's header rows:
// 单位名称：…, 编制单位：…, 部门：…, 单位：万元.
var captionLabel = regexp.MustCompile(`^(单\s*位\s*名\s*称|编\s*制\s*(单\s*位|部\s*门)|部\s*门\s*(名\s*称)?|预\s*算\s*单\s*位|金\s*额\s*单\s*位|单\s*位|预\s*算\s*年\s*度)\s*[：:]`)

// captionCells takes the caption items a text export printed among the
// header rows (in the same line as a header word, or with the name in the
// next cell) out of the rows above the body, into the table's caption.
func (r *recognizer) captionCells(rows []raw.Row, out *model.Table) []raw.Row {
	var kept []raw.Row
	for i, row := range rows {
		if i >= 6 || hasFigure(row) {
			return append(kept, rows[i:]...)
		}
		cells := append([]raw.Cell(nil), row.Cells...)
		changed := false
		for j := range cells {
			s := strings.TrimSpace(cells[j].Text)
			if !captionLabel.MatchString(s) {
				continue
			}
			item := s
			cells[j].Text = ""
			changed = true
			// 部门： | 江苏省人民检察院: the value in the next cell
			if v := strings.TrimSpace(captionLabel.ReplaceAllString(s, "")); v == "" && j+1 < len(cells) {
				if next := strings.TrimSpace(cells[j+1].Text); next != "" && !headerWords.MatchString(next) {
					item += next
					cells[j+1].Text = ""
				}
			}
			out.Caption = append(out.Caption, item)
		}
		if !changed {
			kept = append(kept, row)
			continue
		}
		row.Cells = cells
		if !row.IsBlank() {
			kept = append(kept, row)
		}
	}
	return kept
}

func hasFigure(row raw.Row) bool {
	for _, c := range row.Cells {
		s := norm(c.Text)
		if a, err := model.ParseAmount(strings.TrimSuffix(s, "%")); err == nil && !a.IsBlank() {
			return true
		}
	}
	return false
}

// sameHeadRow reports whether a table kept as printed opens with the same
// words in the same order as the last table of its kind: the header of one list printed again
// on its next page.
func sameHeadRow(tables []model.Table, out model.Table) bool {
	for k := len(tables) - 1; k >= 0; k-- {
		prev := tables[k]
		if prev.Kind == "other" {
			continue
		}
		if prev.Kind != out.Kind || len(prev.Rows) == 0 || len(out.Rows) == 0 {
			return false
		}
		a := rowWords(prev.Rows[0].Texts)
		return a != "" && a == rowWords(out.Rows[0].Texts)
	}
	return false
}

// rowWords is a row kept as printed read left to right, white space
// removed. Two pages of one list print the same header words, but a table
// found from aligned text may put them in other columns on each page (a
// page's wrapped cells make columns of their own).
func rowWords(texts map[string]string) string {
	keys := make([]string, 0, len(texts))
	for k := range texts {
		keys = append(keys, k)
	}
	col := func(k string) int {
		n, _ := strconv.Atoi(strings.TrimPrefix(k, "c"))
		return n
	}
	sort.Slice(keys, func(i, j int) bool { return col(keys[i]) < col(keys[j]) })
	var sb strings.Builder
	for _, k := range keys {
		sb.WriteString(norm(texts[k]))
	}
	return sb.String()
}

func isCaptionRow(row raw.Row) bool {
	n := 0
	for _, c := range row.Cells {
		s := strings.TrimSpace(c.Text)
		if s == "" {
			continue
		}
		if !captionCell.MatchString(s) {
			return false
		}
		n++
	}
	return n > 0 && n <= 4
}

// isLanci reports whether the row is the 栏次 row of column numbers.
func isLanci(row raw.Row) bool {
	for _, c := range row.Cells {
		if s := norm(c.Text); s != "" {
			return s == "栏次" || s == "*" || s == "**" || s == "***"
		}
	}
	return false
}

// isDataRow reports whether a row is body rather than header: it holds a
// figure, or none of the template's header words.
func isDataRow(t *templates.Table, row raw.Row) bool {
	for _, c := range row.Cells {
		s := norm(c.Text)
		if s == "" {
			continue
		}
		if a, err := model.ParseAmount(strings.TrimSuffix(s, "%")); err == nil && !a.IsBlank() {
			return true
		}
	}
	for _, c := range row.Cells {
		s := norm(c.Text)
		if s == "" {
			continue
		}
		for _, col := range t.Columns {
			for _, w := range col.Words {
				for _, alt := range strings.Split(w, "|") {
					if wordIn(norm(alt), s, []string{s}) {
						return false
					}
				}
			}
		}
	}
	return !row.IsBlank()
}

// bandAbove reports whether rows[0], at the top of a table, is an upper
// band of its header ("部门预算" over all the money columns): one text
// cell alone, and below it, past other such rows, a header row.
func bandAbove(t *templates.Table, rows []raw.Row) bool {
	for i, row := range rows {
		if i > 0 && !isDataRow(t, row) {
			return true
		}
		n := 0
		for _, c := range row.Cells {
			if norm(c.Text) != "" {
				n++
			}
		}
		if n != 1 || hasFigure(row) {
			return false
		}
	}
	return false
}

// headerWords are words any budget table's header may print.
var headerWords = regexp.MustCompile(`科目|预算数|编码|名称|项\s*目|合\s*计|金\s*额|栏次|单位|^类$|^款$|^项$|^类\s*款(\s*项)?$|小计|经费|支出$|收入$|其中`)

// genericHeader reports whether a row without figures, at the top of a
// table, reads as a header line: short cells, a header word among them.
func genericHeader(row raw.Row) bool {
	hit := false
	for _, c := range row.Cells {
		s := norm(c.Text)
		if s == "" {
			continue
		}
		if a, err := model.ParseAmount(strings.TrimSuffix(s, "%")); err == nil && !a.IsBlank() {
			return false
		}
		if len([]rune(s)) > 24 || codeAndName.MatchString(s) || isDigits(s) {
			return false
		}
		if headerWords.MatchString(s) {
			hit = true
		}
	}
	return hit
}

// colRef ties a model column to its source column and template column.
type colRef struct {
	src int
	col model.Column
	tpl *templates.Column
}

// columnTable reads a table whose columns the template lists.
func (r *recognizer) columnTable(t *templates.Table, out *model.Table, rows []raw.Row) error {
	name := t.Name
	// Split header and body.
	var header [][]string
	body := -1
	filled := raw.FilledTexts(rows) // a merged header cell heads every column it covers
	var lanci raw.Row               // the 栏次 row, where printed
	for i, row := range rows {
		if isLanci(row) {
			out.Numbered = true
			lanci = row
			body = i + 1
			break
		}
		if isDataRow(t, row) && !(r.set.Lenient && genericHeader(row)) && !(len(header) == 0 && bandAbove(t, rows[i:])) {
			body = i
			break
		}
		if len(header) > 0 && r.totalLabelRow(row) {
			// 合计 alone under the header of an empty table: its total
			// row, not a header word
			body = i
			break
		}
		header = append(header, filled[i])
	}
	if body < 0 {
		body = len(rows)
	}
	if !out.Numbered {
		// rows printed empty under the header are the body's first rows
		// (an empty table's blank row above its 合计)
		for body > 1 && len(header) > 1 && rows[body-1].IsBlank() {
			body--
			header = header[:len(header)-1]
		}
	}
	if len(header) == 0 {
		line := 0
		if len(rows) > 0 {
			line = rows[0].Line
		}
		return r.errorf(line, name, "找不到表头：应有列“%s” (no header row found)", columnNames(t))
	}
	data := r.joinProseLines(rows[body:])
	// Width: the widest row, less trailing columns blank everywhere.
	w := 0
	for _, h := range header {
		if len(h) > w {
			w = len(h)
		}
	}
	for _, row := range data {
		if len(row.Cells) > w {
			w = len(row.Cells)
		}
	}
	// A trailing column blank everywhere is an extraction artefact only
	// where some rows do not even reach it.
	for w > 0 && r.doc.Ragged && columnBlank(header, data, w-1) && someShorter(data, w) {
		w--
	}
	paths := headerPathsOf(header, w, r.doc.Layout == "pdf" || r.doc.Layout == "layout-text")
	if r.set.Lenient && r.doc.Layout == "pdf" {
		foldHeaders(paths, data) // (a text export's columns wander row by row: realign and readSides read them)
	}
	if r.set.Lenient && !t.TwoSided {
		data = foldSplit(header, paths, data)
	}
	mt := matching{leaf: r.set.Lenient, anyOrder: t.AnyOrder, bare: r.doc.Layout == "layout-text"}
	assign, yearPaths, otherFund := mt.matchHeader(t.Columns, paths, r.out.Year)
	if r.set.Lenient {
		// another period's column (上年, 增减变化情况) or another fund's is
		// printed as its own: a blank column of the budget year never
		// moves onto it, nor onto a column whose own header names none of
		// its words (单位预留机动经费 beside a blank 结转下年资金)
		other := make([]bool, len(paths))
		for j := range paths {
			other[j] = len(paths[j]) > 0 && len(yearPaths[j]) == 0
		}
		text := r.doc.Layout == "layout-text"
		repairBlank(t, assign, data, w, other, text, func(i, j, k int) bool {
			// a text export's header words stand beside their figures,
			// not over them: a neighbour's header says nothing there
			return !text && contradicts(mt, t.Columns[i], paths, j, k)
		})
	}
	if r.doc.Layout == "layout-text" {
		if crowded := crowdedColumns(mt, t, assign, header, paths); len(crowded) > 0 {
			out.Remarks = append(out.Remarks, model.Remark{Text: "表头“" + strings.Join(crowded, "”“") +
				"”连排了几列的表头文字，无法确定数字属于哪一列，按原样保留，请对照原表核对 (header words of several columns run together: kept as printed)", Line: rows[0].Line})
		}
	}
	if t.TwoSided {
		dropLoneSides(t, assign)
		if r.set.Lenient {
			sideBands(t, assign, paths)
		}
	}
	var missing []string
	for i, c := range t.Columns {
		if assign[i] < 0 && !c.Optional {
			missing = append(missing, headerLeaf(c))
		}
	}
	if len(missing) > 0 && r.set.Lenient {
		out.Remarks = append(out.Remarks, model.Remark{Text: "表头中找不到列：" + strings.Join(missing, "、") + " (columns not found)", Line: rows[0].Line})
	} else if len(missing) > 0 {
		return r.errorf(rows[0].Line, name, "表头中找不到列：%s；表头为：%s (columns not found in the header)",
			strings.Join(missing, "、"), printPaths(paths))
	}
	// Columns in published order.
	var cols []colRef
	used := map[int]bool{}
	for i := range t.Columns {
		c := &t.Columns[i]
		if assign[i] < 0 {
			continue
		}
		used[assign[i]] = true
		cols = append(cols, colRef{assign[i], model.Column{
			Key:     c.Key,
			Header:  strings.ReplaceAll(c.Header, "/", " / "),
			Printed: strings.Join(paths[assign[i]], " / "),
			Type:    modelType(c.Type),
		}, c})
	}
	for j := 0; j < w; j++ {
		if used[j] {
			continue
		}
		part := codePart(paths[j])
		if part == 0 && r.set.Lenient && j > 0 && used[j-1] && codeDigits(data, j) {
			// 款 codes in a column without a header of its own, right of the 类 codes
			for _, c := range cols {
				if c.src == j-1 && c.col.Type == model.TypeCode {
					part = 2
					if c.tpl != nil && c.tpl.Part > 0 {
						part = c.tpl.Part + 1
					}
				}
			}
		}
		if part > 0 && r.set.Lenient {
			used[j] = true
			tc := &templates.Column{Key: fmt.Sprintf("code.%d", part), Type: model.TypeCode, Part: part}
			hdr := strings.Join(partHeader(paths[j], part), " / ")
			cols = append(cols, colRef{j, model.Column{Key: tc.Key, Header: hdr, Printed: hdr, Type: model.TypeCode}, tc})
			continue
		}
		if !columnBlank(nil, data, j) || printedBlank(paths, j, r.doc.Layout) {
			key := fmt.Sprintf("extra.%d", j+1)
			hdr := strings.Join(paths[j], " / ")
			typ := model.TypeText
			if otherFund[j] && columnNumeric(data, j) {
				// another fund's figures of a category read under the
				// comprehensive fund: amounts, printed as such
				typ = model.TypeMoney
			}
			cols = append(cols, colRef{j, model.Column{Key: key, Header: hdr, Printed: hdr, Type: typ}, nil})
		}
	}
	sort.SliceStable(cols, func(a, b int) bool { return cols[a].src < cols[b].src })
	for _, c := range cols {
		out.Columns = append(out.Columns, c.col)
	}
	// A two-sided table read by its content: a text export moves figures
	// between neighbouring columns row by row, never across the label of
	// the other side.
	var bounds []int
	if r.set.Lenient && t.TwoSided {
		bounds = sideBounds(cols, data)
	}
	var lastParts [4]string
	// by code level, whether each row printed only its own code parts
	ownPart := map[string][]bool{}
	// where each row's names start, by row index, where the reader saw it
	indents, pairIndents := map[int]float64{}, map[int]float64{}
	// which data row each row comes from, and how many data rows a row's
	// label cell is merged down over, by row index
	from, down := []int{}, map[int]int{}
	// the row whose label cell ran down to the page's end, and the data
	// row after it: a label cell the next page starts empty and merged
	// down goes on there
	spanRow, spanEnd := -1, -1
	// Body rows.
	seen := map[string]bool{}
	first := true
	for di, row := range data {
		if len(row.Cells) < w && !r.doc.Ragged && !r.set.Lenient {
			last := row.Cells[len(row.Cells)-1]
			return r.errorf(last.Line, name, "表格在此行中断：该行只有 %d 个单元格，表头有 %d 列 (table cut off mid-row: %d of %d cells)",
				len(row.Cells), w, len(row.Cells), w)
		}
		cell := func(j int) raw.Cell {
			if j < len(row.Cells) {
				return row.Cells[j]
			}
			return raw.Cell{Line: row.Line}
		}
		if row.IsBlank() {
			// a row printed empty (a 收支总表 lining its two sides up, an
			// empty table's body) is part of the form: kept blank, not zero
			out.Rows = append(out.Rows, blankRow(row, cols))
			from = append(from, di)
			continue
		}
		if r.set.Lenient && repeatedHeader(row) && !r.totalLabelRow(row) {
			continue
		}
		if r.doc.Ragged {
			var remark string
			var keys []string
			if row, remark, keys = realign(t, cols, row); remark != "" {
				out.Remarks = append(out.Remarks, model.Remark{Text: remark, Line: row.Line, Row: len(out.Rows), Keys: keys})
			}
		}
		if t.Continuation && row.AfterBreak && len(out.Rows) > 0 && continues(row) {
			prev := &out.Rows[len(out.Rows)-1]
			for _, c := range cols {
				s := strings.TrimSpace(cell(c.src).Text)
				if s == "" {
					continue
				}
				if c.col.Type == model.TypeName {
					prev.Name += s
				} else if prev.Texts != nil {
					prev.Texts[c.col.Key] += s
				}
			}
			continue
		}
		mr := model.Row{Values: map[string]model.Amount{}, Texts: map[string]string{}, Line: row.Line}
		var codeParts []struct {
			part int
			text string
		}
		var names, pair, texts, stray []string
		var more [][]string // the labels of the further right-hand sides
		sided := r.set.Lenient && t.TwoSided && len(bounds) > 0
		if sided {
			sides := r.readSides(t, row, bounds, cols, &mr)
			names, pair, more = sides[0], sides[1], sides[2:]
		}
		for _, c := range cols {
			if sided {
				break
			}
			raw := cell(c.src).Text
			s := strings.TrimSpace(strings.Trim(raw, "\u3000"))
			typ := c.col.Type
			if c.tpl != nil {
				typ = c.tpl.Type
			}
			switch typ {
			case model.TypeSeq:
				mr.Seq = s
			case model.TypeCode:
				part := 0
				if c.tpl != nil {
					part = c.tpl.Part
				}
				if part == 0 && r.set.Lenient {
					part = codePart(strings.Split(c.col.Printed, " / ")) // a 科目编码 column over 项
				}
				codeParts = append(codeParts, struct {
					part int
					text string
				}{part, norm(s)})
			case model.TypeName:
				names = append(names, s)
			case "pair":
				pair = append(pair, s)
			case model.TypeText:
				if s != "" {
					mr.Texts[c.col.Key] = s
					texts = append(texts, s)
				}
			default:
				v := s
				if c.col.Type == model.TypePercent {
					v = strings.TrimSuffix(v, "%")
				}
				a, err := model.ParseAmount(v)
				if err != nil && r.set.Lenient {
					mr.Texts[c.col.Key] = s
					stray = append(stray, s)
					continue
				}
				if err != nil {
					return r.errorf(cell(c.src).Line, name, "“%s”列应为数字，却是 %s (column %s expects a number)", headerLeafText(c.col.Header), model.Quote(s), c.col.Key)
				}
				mr.Values[c.col.Key] = a
				r.noteFormat(c.col.Key, v)
			}
		}
		sort.SliceStable(codeParts, func(a, b int) bool { return codeParts[a].part < codeParts[b].part })
		lowPart := 0 // the highest code part the row prints (1 for 类)
		for _, p := range codeParts {
			if p.part > 0 && p.text != "" && isCode(p.text) && (lowPart == 0 || p.part < lowPart) {
				lowPart = p.part
			}
		}
		if r.set.Lenient {
			// 类/款/项 printed only where they change: a row shows its 款 or
			// 项 alone and takes the parts above from the rows before it
			codeParts = inheritParts(codeParts, &lastParts)
		}
		for _, p := range codeParts {
			if !isCode(p.text) {
				// a label printed in the code column (合计 under 科目编码)
				names = append([]string{p.text}, names...)
				continue
			}
			mr.Code += p.text
		}
		for _, n := range names {
			if n != "" {
				mr.Name = n
				break
			}
		}
		if joined := norm(mr.Name); mr.Code == "" && r.set.Lenient && t.Code != "" {
			if m := codeAndName.FindStringSubmatchIndex(joined); m != nil {
				// 2120803-城市建设支出: the code and the name in one cell;
				// the column keeps how it prints them, for the packs
				mr.Code, mr.Name = joined[m[2]:m[3]], joined[m[4]:m[5]]
				for _, c := range cols {
					if _, ok := r.codeName[c.col.Key]; !ok && norm(cell(c.src).Text) == joined {
						r.codeName[c.col.Key] = joined[:m[2]] + model.CodePlace + joined[m[3]:m[4]] + model.NamePlace
					}
				}
			}
		}
		if r.set.Lenient && mr.Code == "" && mr.Name == "" && len(out.Rows) > 0 && (mr.Texts["econ_dept"] != "" || mr.Texts["econ_gov"] != "") {
			// a 功能分类 cell merged down over the economic items of one 科目
			prev := out.Rows[len(out.Rows)-1]
			mr.Code, mr.Name = prev.Code, prev.Name
		}
		if mr.Code == "" && mr.Name == "" && mr.Texts["unit_name"] != "" {
			// a unit's row of a 汇总 table: 单位名称 printed in its own column
			mr.Name, mr.Role, mr.Level = mr.Texts["unit_name"], model.RoleUnit, "单位"
		}
		if mr.Name == "" && mr.Code == "" && len(texts) > 0 && r.set.Common.Role(norm(texts[0])) != "" && !nameCovered(row, cols) {
			// a total printed in another label column (合  计 under 项目名称)
			mr.Name = texts[0]
		}
		if len(stray) > 0 && len(texts) == 0 && mr.Code == "" && mr.Name == "" && len(pair) == 0 && !hasValue(mr.Values) {
			continue // a piece of the header a text export set under it (算数)
		}
		r.label(t, &mr.Label, "left", seen)
		if mr.Code == "" && mr.Texts["unit_code"] != "" {
			mr.Code, mr.Role, mr.Level = mr.Texts["unit_code"], model.RoleUnit, "单位"
		}
		if mr.Code == "" && isDigits(norm(mr.Name)) && !t.TwoSided {
			// a unit code printed in the name column; the unit's name follows
			mr.Code, mr.Role, mr.Level = norm(mr.Name), model.RoleUnit, "单位"
			mr.Name = ""
			for _, c := range cols {
				if c.col.Type == model.TypeText && mr.Texts[c.col.Key] != "" {
					mr.Name = mr.Texts[c.col.Key]
					delete(mr.Texts, c.col.Key)
					break
				}
			}
		}
		if first && mr.Name == "" && mr.Code == "" && !t.TwoSided && len(pair) == 0 && len(mr.Values) > 0 && hasValue(mr.Values) && t.Kind != "three_public" {
			mr.Role = model.RoleTotal
		}
		if t.TwoSided {
			p := model.Label{}
			for _, s := range pair {
				if s != "" {
					p.Name = s
					break
				}
			}
			if p.Name != "" {
				r.label(t, &p, "right", seen)
				mr.Pair = &p
			}
			for _, labels := range more {
				l := model.Label{}
				for _, s := range labels {
					if s != "" {
						l.Name = s
						break
					}
				}
				r.label(t, &l, "further", seen)
				mr.Pairs = append(mr.Pairs, l)
			}
			if !hasName(mr.Pairs) {
				mr.Pairs = nil
			}
		}
		first = false
		markPrinted(row, cols, &mr)
		if lowPart > 0 && (mr.Level == "款" || mr.Level == "项") {
			ownPart[mr.Level] = append(ownPart[mr.Level], lowPart > 1)
		}
		if r.doc.Indents {
			if k := cellOf(row, mr.Name); k >= 0 {
				indents[len(out.Rows)] = row.Cells[k].Indent
			}
			if mr.Pair != nil {
				if k := cellOf(row, mr.Pair.Name); k >= 0 {
					pairIndents[len(out.Rows)] = row.Cells[k].Indent
				}
			}
		}
		if k := cellOf(row, mr.Name); k >= 0 && !t.Continuation {
			// (a form whose rows go on below a project's merges a project
			// over them itself: the layout does, whatever the source)
			if n := max(row.Cells[k].RowSpan, 1); n > 1 {
				down[len(out.Rows)] = n
			}
			spanRow, spanEnd = len(out.Rows), di+max(row.Cells[k].RowSpan, 1)
		} else if n := continuedLabel(row, cols); n > 0 && row.AfterBreak && di == spanEnd && mr.Name == "" && mr.Code == "" {
			// the page ended inside the label's cell: it goes on here
			down[spanRow] = di + n - from[spanRow]
			spanEnd = di + n
		}
		out.Rows = append(out.Rows, mr)
		from = append(from, di)
	}
	// a realigned row that then went into the row above (the rest of a
	// cell cut by a page break): its remark is that row's
	for i := range out.Remarks {
		if rm := &out.Remarks[i]; rm.Row >= len(out.Rows) && len(out.Rows) > 0 {
			rm.Row = len(out.Rows) - 1
		}
	}
	mergedDown(out, from, down)
	out.Faces = r.doc.Faces && someBold(rows)
	if r.doc.Indents {
		out.Indents = true
		printedIndents(out, indents, pairIndents)
	}
	for _, level := range []string{"款", "项"} {
		if own := ownPart[level]; len(own) > 0 && !slices.Contains(own, false) {
			out.OwnPart = append(out.OwnPart, level)
		}
	}
	out.Lanci = printedLanci(lanci, cols)
	return nil
}

// printedLanci is the 栏次 row as the source prints it over the columns
// (** ** ** ** 1 … 9), or nil where a cell holds anything but 栏次,
// stars or a column number, or the numbers do not run 1, 2, 3 …
func printedLanci(row raw.Row, cols []colRef) []string {
	if len(row.Cells) == 0 {
		return nil
	}
	out := make([]string, len(cols))
	next := 1
	for i, c := range cols {
		if c.src >= len(row.Cells) {
			continue
		}
		s := norm(row.Cells[c.src].Text)
		switch {
		case s == "" || s == "栏次" || strings.Trim(s, "*") == "":
		case s == strconv.Itoa(next):
			next++
		default:
			return nil
		}
		out[i] = s
	}
	if next == 1 {
		return nil
	}
	return out
}

// blankRow is a body row printed empty: no label, every figure blank.
func blankRow(row raw.Row, cols []colRef) model.Row {
	mr := model.Row{Values: map[string]model.Amount{}, Texts: map[string]string{}, Line: row.Line}
	for _, c := range cols {
		if c.col.IsNumeric() {
			mr.Values[c.col.Key] = model.Blank
		}
	}
	return mr
}

// totalLabelRow reports whether a row without figures holds only a total
// label (合计, 总计) in one of the left half's cells: the total row of a
// table with no figures.
func (r *recognizer) totalLabelRow(row raw.Row) bool {
	label := -1
	for j, c := range row.Cells {
		s := norm(c.Text)
		if s == "" {
			continue
		}
		if label >= 0 {
			return false
		}
		role := r.set.Common.Role(s)
		if role != model.RoleTotal && role != model.RoleGrandTotal {
			return false
		}
		label = j
	}
	return label >= 0 && label*2 < len(row.Cells)
}

// markPrinted records how the source sets a row's labels: centred in
// their cells, and the left label in one cell merged across the code
// columns and the name column (合计 over 类/款/项 and 科目名称).
func markPrinted(row raw.Row, cols []colRef, mr *model.Row) {
	if k := cellOf(row, mr.Name); k >= 0 {
		c := row.Cells[k]
		mr.Centred, mr.Bold = c.Centred, c.Bold
		if c.ColSpan > 1 {
			code, name := false, false
			for _, cr := range cols {
				if cr.src < k || cr.src >= k+c.ColSpan {
					continue
				}
				code = code || cr.col.Type == model.TypeCode
				name = name || cr.col.Type == model.TypeName
			}
			mr.Merged = code && name
			if across := labelsAcross(cols, k, c.ColSpan); name && !code && across > 1 {
				mr.Across = across
			}
		}
	}
	if mr.Pair != nil {
		if k := cellOf(row, mr.Pair.Name); k >= 0 {
			mr.Pair.Centred = row.Cells[k].Centred
			mr.Pair.Bold = row.Cells[k].Bold
		}
	}
	figures := 0
	mr.FiguresBold = true
	for _, cr := range cols {
		if !cr.col.IsNumeric() || cr.src >= len(row.Cells) {
			continue
		}
		if c := row.Cells[cr.src]; strings.TrimSpace(c.Text) != "" {
			figures++
			mr.FiguresBold = mr.FiguresBold && c.Bold
		}
	}
	mr.FiguresBold = mr.FiguresBold && figures > 0
}

// labelsAcross returns how many columns a label cell spanning the source
// columns from..from+span-1 covers, where it starts with the name column
// and covers text columns only; 0 where it covers a figure or a code.
func labelsAcross(cols []colRef, from, span int) int {
	n := 0
	for _, cr := range cols {
		if cr.src < from || cr.src >= from+span {
			continue
		}
		switch {
		case n == 0 && cr.col.Type != model.TypeName:
			return 0
		case n > 0 && cr.col.Type != model.TypeText:
			return 0
		}
		n++
	}
	return n
}

// someBold reports whether some cell of the rows is set bold: a table
// printed all in one weight, or by a reader that cannot tell, has none.
func someBold(rows []raw.Row) bool {
	for _, r := range rows {
		for _, c := range r.Cells {
			if c.Bold {
				return true
			}
		}
	}
	return false
}

// nameCovered reports whether the row's name cell lies inside a label
// merged down from a row above: the row's label is that one, so text in
// another column is not its name.
func nameCovered(row raw.Row, cols []colRef) bool {
	for _, c := range cols {
		if c.col.Type == model.TypeName && c.src < len(row.Cells) && row.Cells[c.src].Covered && !coveredFromLeft(row, c.src) {
			return true
		}
	}
	return false
}

// continuedLabel returns how many rows the row's name cell spans where it
// is empty and merged down (a label's cell that a page break cut, going
// on at the top of the next page), else 0.
func continuedLabel(row raw.Row, cols []colRef) int {
	for _, c := range cols {
		if c.col.Type != model.TypeName || c.src >= len(row.Cells) {
			continue
		}
		if cell := row.Cells[c.src]; !cell.Covered && strings.TrimSpace(cell.Text) == "" && cell.RowSpan > 1 {
			return cell.RowSpan
		}
	}
	return 0
}

// coveredFromLeft reports whether cell j of the row lies inside a cell of
// the same row merged across to it (合计 over the label columns), not
// inside one merged down from above.
func coveredFromLeft(row raw.Row, j int) bool {
	for k := j - 1; k >= 0; k-- {
		if !row.Cells[k].Covered {
			return k+max(row.Cells[k].ColSpan, 1) > j
		}
	}
	return false
}

// mergedDown sets the RowSpan of each row whose label cell the source
// merges down over data rows below it (down, by row index): the rows
// that come from those data rows (from, the data row of each row), as
// long as they print no label of their own.
func mergedDown(out *model.Table, from []int, down map[int]int) {
	for i, n := range down {
		span := 1
		for k := i + 1; k < len(out.Rows) && from[k] < from[i]+n; k++ {
			if out.Rows[k].Name != "" || out.Rows[k].Code != "" {
				break
			}
			span++
		}
		if span > 1 {
			out.Rows[i].RowSpan = span
		}
	}
}

// cellOf returns the index of the row's cell printing text, or -1.
func cellOf(row raw.Row, text string) int {
	t := norm(text)
	if t == "" {
		return -1
	}
	for k, c := range row.Cells {
		if norm(c.Text) == t {
			return k
		}
	}
	return -1
}

// printedIndents sets each row label's Indent from where the source
// starts its name (raw, in characters, by row index): in whole
// characters right of the names printed furthest left. A total's label
// is left out of the measure (forms centre it), and so is a label the
// source centres (its start says nothing of its level).
func printedIndents(out *model.Table, indents, pairIndents map[int]float64) {
	set := func(m map[int]float64, label func(r *model.Row) *model.Label) {
		// a name that starts where names set flush or indented start is
		// indented like them, whatever room it leaves on its right (a long
		// 项 name two characters in)
		for i, v := range m {
			l := label(&out.Rows[i])
			if l == nil || !l.Centred {
				continue
			}
			for k, w := range m {
				if o := label(&out.Rows[k]); o != nil && !o.Centred && !isTotalRole(o.Role) && math.Abs(v-w) < 0.3 {
					l.Centred = false
					break
				}
			}
		}
		base := -1.0
		for i, v := range m {
			if l := label(&out.Rows[i]); l != nil && !isTotalRole(l.Role) && !l.Centred && (base < 0 || v < base) {
				base = v
			}
		}
		for i, v := range m {
			l := label(&out.Rows[i])
			if l == nil || base < 0 || isTotalRole(l.Role) || l.Centred {
				continue
			}
			l.Indent = int(math.Round(v - base))
		}
	}
	set(indents, func(r *model.Row) *model.Label { return &r.Label })
	set(pairIndents, func(r *model.Row) *model.Label { return r.Pair })
}

func isTotalRole(role string) bool {
	return role == model.RoleTotal || role == model.RoleGrandTotal || role == model.RoleSubtotal
}

// continues reports whether a row after a page break carries only the
// rest of cells split from the row above: no figure, no code.
func continues(row raw.Row) bool {
	for _, c := range row.Cells {
		if isFigure(norm(c.Text)) {
			return false
		}
	}
	// the first two cells (code, name) stay blank in a continuation
	for j := 0; j < 2 && j < len(row.Cells); j++ {
		if norm(row.Cells[j].Text) != "" {
			return false
		}
	}
	// a new indicator row has a value beside its name; a continuation
	// carries a fragment without one
	filled := 0
	for _, c := range row.Cells {
		if norm(c.Text) != "" {
			filled++
		}
	}
	for j := 1; j < len(row.Cells); j++ {
		if norm(row.Cells[j-1].Text) != "" && norm(row.Cells[j].Text) != "" {
			return false
		}
	}
	return filled > 0
}

// label sets the code level, role and fixed-row key of a label.
func (r *recognizer) label(t *templates.Table, l *model.Label, side string, seen map[string]bool) {
	n := norm(l.Name)
	if n == "" && l.Code == "" {
		return
	}
	// a further right-hand side (an economic classification beside the
	// functional one) has the right side's fixed rows, not its 类 names
	further := side == "further"
	if further {
		side = "right"
	}
	if fr := t.MatchRow(n, side, seen); fr != nil && n != "" {
		l.Key = fr.Key
		seen[fr.Key] = true
		if fr.Role != "" {
			l.Role = fr.Role
		}
		if fr.Code != "" {
			l.Code = fr.Code
		}
	}
	if l.Role == "" {
		l.Role = r.set.Common.Role(n)
	}
	if side == "right" && !further && l.Key == "" && t.Code == "function" && l.Role == "" {
		if code := r.set.Common.FunctionClass(n); code != "" {
			l.Code, l.Key, l.Level = code, "exp."+code, "类"
		}
	}
	if r.set.Lenient && t.Code == "function" && len(l.Code) >= 3 && isDigits(l.Code) && l.Level == "" && !r.set.Common.IsFunctionClass(l.Code[:3]) {
		// a unit's code (121 西安市信访局) in the code column of a 汇总 table
		l.Role, l.Level = model.RoleUnit, "单位"
	}
	if l.Code != "" && l.Level == "" {
		l.Level = codeLevel(t.Code, l.Code)
		if t.Code == "unit" {
			l.Role = model.RoleUnit
		}
	}
	if r.out.Department.Name != "" && (n == norm(r.out.Department.Name) || n == norm(r.out.Department.Name)+"本级") {
		l.Role, l.Level = model.RoleUnit, "单位"
	}
}

// codeLevel names the level of a classification code by its length.
func codeLevel(scheme, code string) string {
	switch scheme {
	case "function":
		switch len(code) {
		case 3:
			return "类"
		case 5:
			return "款"
		case 7:
			return "项"
		}
	case "economic":
		switch len(code) {
		case 3:
			return "类"
		case 5:
			return "款"
		case 7:
			return "项" // a province's own subdivision of a 款 (3010201 规范性津补贴)
		}
	case "unit":
		return "单位"
	}
	return ""
}

func modelType(t string) string {
	if t == "pair" {
		return model.TypeName
	}
	return t
}

// isCode reports whether s can be a code: letters and digits only.
func isCode(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func hasValue(v map[string]model.Amount) bool {
	for _, a := range v {
		if !a.IsBlank() {
			return true
		}
	}
	return false
}

// foldHeaders moves the header of a column blank in every body row onto
// the neighbouring column that has sums of money and no header of its
// own: a
// page centres a header word (预算) over a column whose figures it sets
// flush right, and the grid reads the word and the figures as two
// columns.
func foldHeaders(paths [][]string, data []raw.Row) {
	for j := range paths {
		if len(paths[j]) == 0 || !columnBlank(nil, data, j) {
			continue
		}
		for _, k := range []int{j + 1, j - 1} {
			if k < 0 || k >= len(paths) || len(paths[k]) > 0 || !columnMoney(data, k) {
				continue
			}
			paths[k], paths[j] = paths[j], nil
			break
		}
	}
}

// columnMoney reports whether most of the column's non-empty body cells
// are sums of money as printed (1,234.56, 0.00), not codes (201).
func columnMoney(data []raw.Row, j int) bool {
	return columnMostly(data, j, func(s string) bool {
		_, err := model.ParseAmount(s)
		return err == nil && strings.ContainsAny(s, ".,")
	})
}

func columnBlank(header [][]string, data []raw.Row, j int) bool {
	for _, h := range header {
		if j < len(h) && norm(h[j]) != "" {
			return false
		}
	}
	for _, row := range data {
		if j < len(row.Cells) && norm(row.Cells[j].Text) != "" {
			return false
		}
	}
	return true
}

func someShorter(data []raw.Row, w int) bool {
	for _, row := range data {
		if len(row.Cells) < w {
			return true
		}
	}
	return false
}

func headerLeaf(c templates.Column) string {
	parts := strings.Split(c.Header, "/")
	return parts[len(parts)-1]
}

func headerLeafText(h string) string {
	parts := strings.Split(h, " / ")
	return parts[len(parts)-1]
}

func columnNames(t *templates.Table) string {
	var names []string
	for _, c := range t.Columns {
		names = append(names, headerLeaf(c))
	}
	return strings.Join(names, "、")
}

func printPaths(paths [][]string) string {
	var out []string
	for _, p := range paths {
		out = append(out, "["+strings.Join(p, "/")+"]")
	}
	return strings.Join(out, " ")
}

// crowdedColumns unkeys the money columns whose header, in a layout text,
// prints the words of several columns side by side, each column's words
// wrapped at the same place (一般公共预 政府性基金 国有资本经 over 算收入
// 预算收入 营预算收入): the text export lost the columns' edges, and a
// blank column of the page leaves no figures behind, so which of the
// printed headers the figures below stand under cannot be told. Guessing
// would read a figure under another fund's key; kept as printed, the
// column is no known term of any relation. Two words in one cell alone
// are no sign: the text grid puts two headers a column gap apart in one
// cell where its columns merge, and then the first stands over the
// figures. It returns the crowded header texts, their lines joined by /.
func crowdedColumns(mt matching, t *templates.Table, assign []int, header [][]string, paths [][]string) []string {
	var out []string
	seen := map[int]bool{}
	for i, j := range assign {
		if j < 0 || t.Columns[i].Type != "money" {
			continue
		}
		var lines []string
		n := 0
		for _, row := range header {
			if j >= len(row) {
				continue
			}
			k := wideWords(row[j])
			if k < 2 || n > 0 && k != n {
				continue
			}
			n = k
			lines = append(lines, strings.Join(strings.Fields(row[j]), " "))
		}
		if len(lines) < 2 {
			continue
		}
		assign[i] = -1
		if !seen[j] {
			seen[j] = true
			out = append(out, strings.Join(lines, " / "))
		}
	}
	// A group's 小计 whose group words are not printed over it (the
	// text set the group's band over its crowded members, 财政拨款收入
	// over 一般公共预 政府性基金 …) tells only that it sums some group:
	// which one, the crowded header hid.
	if len(seen) > 0 {
		for i, j := range assign {
			c := t.Columns[i]
			if j >= 0 && c.Type == "money" && sumsGroup(c) && mt.score(c, paths[j]) < 10*len(c.Words) {
				assign[i] = -1
			}
		}
	}
	return out
}

// sumsGroup reports whether a template column is a group's total: a
// total word under the group's words (本年收入/小计), not the table's
// total (合计) alone.
func sumsGroup(c templates.Column) bool {
	if len(c.Words) < 2 {
		return false
	}
	for _, w := range c.Words {
		for _, alt := range strings.Split(w, "|") {
			if totalWord.MatchString(alt) {
				return true
			}
		}
	}
	return false
}

// wideWords counts the words of a layout text's cell, one space apart,
// that hold two wide characters or more: a label spaced out a character
// at a time (合 计, 类 款 项) holds none.
func wideWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		w := 0
		for _, r := range f {
			if wideRune(r) {
				w++
			}
		}
		if w >= 2 {
			n++
		}
	}
	return n
}
