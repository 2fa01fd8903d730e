package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"budgetpack/model"
	"budgetpack/render/grid"
	"budgetpack/templates"
)

// columnTable lays out a table whose columns the model lists.
func columnTable(doc *model.Document, t *model.Table, tpl *templates.Table, ti int) *grid.Sheet {
	n := len(t.Columns)
	if n == 0 {
		n = 1
	}
	s := &grid.Sheet{Title: t.Title}
	if t.Number != "" {
		// the table's number over its title, on the side the source prints it
		align := grid.Right
		if t.NumberLeft {
			align = grid.Left
		}
		s.Rows = append(s.Rows, spanRow(n, t.Number, grid.Style{Class: grid.Caption, Align: align}))
	}
	s.Rows = append(s.Rows, spanRow(n, t.Title, grid.Style{Class: grid.Title, Bold: true, Align: grid.Center}))
	if len(t.Caption) > 0 {
		s.Rows = append(s.Rows, captionRow(n, t.Caption))
	}
	s.HeaderFrom = len(s.Rows)
	s.Rows = append(s.Rows, headerRows(t.Columns)...)
	if t.Numbered {
		s.Rows = append(s.Rows, lanciRow(t.Columns, t.Lanci))
	}
	s.HeaderTo, s.BodyFrom = len(s.Rows), len(s.Rows)
	colType := func(key string) (string, int) {
		if tpl != nil {
			for _, c := range tpl.Columns {
				if c.Key == key {
					if c.Type == model.TypeCode && c.Part == 0 {
						return c.Type, printedPart(t.Columns, key)
					}
					return c.Type, c.Part
				}
			}
		}
		for _, c := range t.Columns {
			if c.Key == key {
				if c.Type == model.TypeCode {
					return c.Type, printedPart(t.Columns, key)
				}
				return c.Type, 0
			}
		}
		return model.TypeText, 0
	}
	// each column's side: 0 the left, k the k-th right-hand label column's
	// (a form may print the expenditure under several classifications)
	sides := make([]int, n)
	side := 0
	for j, c := range t.Columns {
		if typ, _ := colType(c.Key); typ == "pair" {
			side++
		}
		sides[j] = side
	}
	scheme := ""
	if tpl != nil {
		scheme = tpl.Code
	}
	// a table without a code column prints a unit's code in the name
	// column and the unit's name in the next text column, as the source does
	hasCode := false
	for _, c := range t.Columns {
		hasCode = hasCode || c.Type == model.TypeCode || c.Key == "unit_code"
	}
	body := len(s.Rows)
	for ri := range t.Rows {
		r := &t.Rows[ri]
		cells := make([]grid.Cell, n)
		unitInName := !hasCode && r.Role == model.RoleUnit && r.Code != "" && r.Pair == nil
		nameSeen := false
		for j, c := range t.Columns {
			typ, part := colType(c.Key)
			side := model.Label{}
			if l := r.Side(sides[j]); l != nil {
				side = *l
			}
			// totals bold as the official forms set them, or what the
			// source prints bold where it shows its faces
			bold := isTotal(side.Role)
			if t.Faces {
				bold = side.Bold
			}
			cell := grid.Cell{Ref: model.CellRef(ti, ri, c.Key)}
			switch typ {
			case model.TypeSeq:
				cell.Text, cell.Style = r.Seq, grid.Style{Class: grid.Seq, Align: grid.Center}
			case model.TypeCode:
				cell.Text, cell.Style = codePart(r, scheme, part), grid.Style{Class: grid.Code}
				if part > 0 && part < ownPart(t, r.Level) {
					cell.Text = "" // the source leaves the parts above a 款 row's own blank
				}
				if both := c.CodeAndName(r.Code, r.Name); both != "" {
					// 2120803-城市建设支出: code and name in one cell, as printed
					cell.Text, cell.Style = both, grid.Style{Class: grid.Name, Bold: bold, Wrap: true}
				}
			case model.TypeName, "pair":
				name := r.Name
				if typ == "pair" {
					name = side.Name
				}
				cell.Text = name
				if both := c.CodeAndName(r.Code, name); both != "" && typ != "pair" {
					cell.Text = both // [201]一般公共服务支出: code and name in one cell, as printed
				}
				if unitInName && typ != "pair" {
					cell.Text = r.Code
				}
				if typ != "pair" && !unitInName && (isTotal(side.Role) || r.Role == model.RoleUnit) && labelInText(r, t.Columns, colType) {
					// 合计 or a unit's name stands once, in the text column the
					// source prints it in (单位名称), not again under 科目名称
					cell.Text = ""
				}
				nameSeen = true
				cell.Style = grid.Style{Class: grid.Name, Bold: bold, Indent: nameIndent(t, side), Wrap: true}
				if (isTotal(side.Role) && side.Code == "" && t.Kind != "three_public") || side.Centred {
					cell.Style.Align = grid.Center
					cell.Style.Indent = 0
				}
			case model.TypeMoney, model.TypeNumber, model.TypePercent:
				cell.Value = r.Values[c.Key]
				cell.Percent = typ == model.TypePercent
				cell.Grouped = c.Grouped
				if t.Faces {
					bold = r.FiguresBold
				}
				cell.Style = grid.Style{Class: grid.Amount, Bold: bold, Align: grid.Right}
			default:
				cell.Text = r.Texts[c.Key]
				if unitInName && nameSeen && cell.Text == "" {
					cell.Text, unitInName = r.Name, false
				}
				cell.Style = grid.Style{Class: grid.Body, Wrap: true}
			}
			cells[j] = cell
		}
		if r.Merged {
			mergeLabel(cells, t.Columns)
		} else if r.Across > 1 {
			mergeAcross(cells, t.Columns, r.Across)
		}
		s.Rows = append(s.Rows, grid.Row{Cells: cells})
	}
	if len(t.Rows) == 0 {
		// an empty table prints one empty row under its header
		cells := make([]grid.Cell, n)
		for j := range cells {
			cells[j].Style = grid.Style{Class: grid.Body}
		}
		s.Rows = append(s.Rows, grid.Row{Cells: cells})
	}
	mergeLabelsDown(s, t, body)
	if !t.Indents {
		alignWithin(s, body) // (a source that shows its indents has placed these rows itself)
	}
	if tpl != nil && tpl.Continuation {
		mergeContinuations(s, t, body)
	}
	publishedList(s, t, body)
	for _, note := range t.Notes {
		s.Rows = append(s.Rows, spanRow(n, note.Text, grid.Style{Class: grid.Note, Wrap: true}))
	}
	s.Widths = widths(s, t.Columns)
	fitCaption(s)
	finish(s)
	return s
}

// mergeLabel sets a row's label in one cell across the code columns and
// the name column, as the source merges them (合计 over 类/款/项 and
// 科目名称): where the code columns stand right before the name column.
func mergeLabel(cells []grid.Cell, cols []model.Column) {
	from, to := -1, -1
	for j, c := range cols {
		switch {
		case c.Type == model.TypeCode && from < 0:
			from = j
		case c.Type == model.TypeCode:
		case c.Type == model.TypeName && from >= 0:
			to = j
		default:
			from = -1
		}
		if to >= 0 {
			break
		}
	}
	if from < 0 || to < 0 {
		return
	}
	label := cells[to]
	for j := from; j < to && label.Text == ""; j++ {
		label.Text = cells[j].Text
	}
	label.ColSpan = to - from + 1
	label.Style.Align, label.Style.Indent = grid.Center, 0
	cells[from] = label
	for j := from + 1; j <= to; j++ {
		cells[j] = grid.Cell{Covered: true, Ref: cells[j].Ref, Style: label.Style}
	}
}

// mergeAcross sets a row's name in one cell across the text columns
// after the name column, as the source merges them (收入总计 over 项目名称
// and the items' column), where those cells print nothing.
func mergeAcross(cells []grid.Cell, cols []model.Column, n int) {
	j := slices.IndexFunc(cols, func(c model.Column) bool { return c.Type == model.TypeName })
	if j < 0 || j+n > len(cells) {
		return
	}
	for k := j + 1; k < j+n; k++ {
		if cols[k].Type != model.TypeText || cells[k].Text != "" || cells[k].IsNumber() {
			return
		}
	}
	cells[j].ColSpan = n
	for k := j + 1; k < j+n; k++ {
		cells[k] = grid.Cell{Covered: true, Ref: cells[k].Ref, Style: cells[j].Style}
	}
}

func isTotal(role string) bool {
	return role == model.RoleTotal || role == model.RoleGrandTotal || role == model.RoleSubtotal
}

// nameIndent is the indentation of a row name: as the source prints it
// where the source shows it (Shanghai prints every level flush left),
// else by code level as the official forms do.
func nameIndent(t *model.Table, l model.Label) int {
	if t.Indents {
		return l.Indent
	}
	return indent(l)
}

// indent is the indentation step of a row name: by code level, one more
// for a part (其中) row.
func indent(l model.Label) int {
	n := 0
	switch l.Level {
	case "款":
		n = 1
	case "项":
		n = 2
	case "单位":
		if len(l.Code) > 3 {
			n = 1
		}
	}
	if l.Role == model.RolePart {
		n++
	}
	return n
}

// ownPart is the code part a row of the level prints alone where the
// source prints only each row's own part (款 2, 项 3), or 0.
func ownPart(t *model.Table, level string) int {
	if !slices.Contains(t.OwnPart, level) {
		return 0
	}
	switch level {
	case "款":
		return 2
	case "项":
		return 3
	}
	return 0
}

// codePart is the part of a row's code printed in a split code column
// (类 201 / 款 13 / 项 01), or the whole code.
func codePart(r *model.Row, scheme string, part int) string {
	code := r.Code
	if part == 0 {
		return code
	}
	if r.Level == "单位" || r.Role == model.RoleUnit {
		if part == 1 && r.Texts["unit_code"] == "" {
			return code // the source prints a unit's code in the 类 column
		}
		return ""
	}
	bounds := [][2]int{{0, 3}, {3, 5}, {5, 7}}
	if part > len(bounds) {
		return ""
	}
	b := bounds[part-1]
	if len(code) < b[1] {
		if len(code) > b[0] {
			return code[b[0]:]
		}
		return ""
	}
	return code[b[0]:b[1]]
}

// headerRows builds the header tree from the columns' header paths: a level
// shared by neighbouring columns is merged across them, and a path shorter
// than the deepest is merged down to the last header row.
func headerRows(cols []model.Column) []grid.Row {
	n := len(cols)
	if n == 0 {
		return nil
	}
	paths := make([][]string, n)
	depth := 1
	// the printed header tree (本年支出 / 预算数 / 基本支出 / 人员经费) where
	// the source gave every column's
	allPrinted := true
	for _, c := range cols {
		allPrinted = allPrinted && c.Printed != ""
	}
	for j, c := range cols {
		// the header as the source prints it (2024年预留中小微企业份额), where known
		h := c.Header
		if c.Printed != "" && (len(strings.Split(c.Printed, " / ")) == len(strings.Split(c.Header, " / ")) || allPrinted) {
			h = c.Printed
			// the 合计 label of an empty table's total row, read under
			// the name column's header, is no header word
			if c.Type == model.TypeName || c.Type == model.TypeCode {
				if k := strings.LastIndex(h, " / "); k > 0 {
					if last := strings.TrimSpace(h[k+3:]); (last == "合计" || last == "总计") && !strings.HasSuffix(c.Header, last) {
						h = h[:k]
					}
				}
			}
		}
		for _, p := range strings.Split(h, " / ") {
			paths[j] = append(paths[j], strings.TrimSpace(p))
		}
		depth = max(depth, len(paths[j]))
	}
	// a header cell merged down over the whole band cannot also head the
	// next column: a band word read there (支出项目类别 over 总计) belongs
	// to the band of the columns after it (2026年预算), or to none
	for j := 1; j < n; j++ {
		if len(paths[j-1]) != 1 || len(paths[j]) < 2 || paths[j][0] != paths[j-1][0] {
			continue
		}
		if j+1 < n && len(paths[j+1]) > 1 && paths[j+1][0] != paths[j][0] {
			paths[j][0] = paths[j+1][0]
		} else {
			paths[j] = paths[j][1:]
		}
	}
	// A group over the same sub-columns as a deepest group, where the table
	// repeats those sub-columns under three groups or more (总计, 因公出国(境)费
	// … each over 一般公共预算 | 政府性基金预算 | 国有资本经营预算, as
	// 公务用车购置及运行维护费 / 小计 is), is merged down instead of its
	// sub-columns: they all sit on the last header row, as the forms print
	// them. Two groups sharing words (收入 and 支出用途 over 项目名称 | 金额)
	// keep their sub-columns merged down.
	type run struct{ from, to int } // columns [from, to) under one group
	var runs []run
	for j := 0; j < n; {
		k := j + 1
		if len(paths[j]) >= 2 {
			for k < n && len(paths[k]) == len(paths[j]) && samePrefix(paths[j], paths[k], len(paths[j])-2) {
				k++
			}
		}
		runs = append(runs, run{j, k})
		j = k
	}
	leaves := func(r run) string {
		var ls []string
		for j := r.from; j < r.to; j++ {
			ls = append(ls, paths[j][len(paths[j])-1])
		}
		return strings.Join(ls, "\x00")
	}
	times, deep := map[string]int{}, map[string]bool{}
	for _, r := range runs {
		if r.to-r.from >= 2 && len(paths[r.from]) >= 2 {
			times[leaves(r)]++
			deep[leaves(r)] = deep[leaves(r)] || len(paths[r.from]) == depth
		}
	}
	fill := make([]int, n) // the rows a column's group cell reaches down besides its own
	for _, r := range runs {
		if l := len(paths[r.from]); r.to-r.from < 2 || l < 2 || l >= depth || !deep[leaves(r)] || times[leaves(r)] < 3 {
			continue
		}
		for j := r.from; j < r.to; j++ {
			p := paths[j]
			fill[j] = depth - len(p)
			g := len(p) - 2
			ex := append([]string{}, p[:g+1]...)
			for k := 0; k < fill[j]; k++ {
				ex = append(ex, p[g])
			}
			paths[j] = append(ex, p[len(p)-1])
		}
	}
	filler := func(j, l int) bool {
		g := depth - 2 - fill[j]
		return fill[j] > 0 && l > g && l <= g+fill[j]
	}
	rows := make([]grid.Row, depth)
	for l := 0; l < depth; l++ {
		rows[l].Cells = make([]grid.Cell, n)
		start := -1
		for j := 0; j < n; j++ {
			p := paths[j]
			st := grid.Style{Class: grid.Header, Bold: true, Align: grid.Center, Wrap: true}
			if filler(j, l) {
				// under its group's cell, merged down over it
				rows[l].Cells[j] = grid.Cell{Covered: true, Style: st}
				if g := depth - 2 - fill[j]; !rows[g].Cells[j].Covered {
					rows[g].Cells[j].RowSpan = 1 + fill[j]
				}
				start = -1
				continue
			}
			if l >= len(p) {
				rows[l].Cells[j] = grid.Cell{Covered: true, Style: st}
				start = -1
				continue
			}
			leaf := l == len(p)-1
			if !leaf && start >= 0 && samePrefix(paths[start], p, l) && len(paths[start]) > l+1 {
				rows[l].Cells[start].ColSpan++
				rows[l].Cells[j] = grid.Cell{Covered: true, Style: st}
				continue
			}
			cell := grid.Cell{Text: p[l], Style: st, ColSpan: 1}
			if leaf {
				cell.RowSpan = depth - l
				start = -1
			} else {
				start = j
			}
			rows[l].Cells[j] = cell
		}
	}
	return rows
}

func samePrefix(a, b []string, l int) bool {
	if len(a) <= l || len(b) <= l {
		return false
	}
	for k := 0; k <= l; k++ {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// lanciRow is the 栏次 row: as the source prints it where it was read
// (** over the label columns, then 1 …), else "栏次" under the 序号
// column, then the column numbers.
func lanciRow(cols []model.Column, printed []string) grid.Row {
	cells := make([]grid.Cell, len(cols))
	k := 0
	for j, c := range cols {
		st := grid.Style{Class: grid.Lanci, Align: grid.Center}
		if len(printed) == len(cols) {
			cells[j] = grid.Cell{Text: printed[j], Style: st}
			continue
		}
		if c.Type == model.TypeSeq {
			cells[j] = grid.Cell{Text: "栏次", Style: st}
			continue
		}
		k++
		cells[j] = grid.Cell{Text: fmt.Sprint(k), Style: st}
	}
	return grid.Row{Cells: cells}
}

// mergeLabelsDown merges a row's name cell down over the rows below it where
// the source prints the label once beside several rows (RowSpan), as
// long as those rows leave the name cell empty.
func mergeLabelsDown(s *grid.Sheet, t *model.Table, body int) {
	for ri := range t.Rows {
		if t.Rows[ri].RowSpan <= 1 {
			continue
		}
		for j, c := range t.Columns {
			if c.Type != model.TypeName {
				continue
			}
			span := 1
			for k := ri + 1; k < ri+t.Rows[ri].RowSpan && k < len(t.Rows); k++ {
				if cell := s.Rows[body+k].Cells[j]; cell.Covered || cell.Text != "" {
					break
				}
				span++
			}
			if span == 1 {
				continue
			}
			top := &s.Rows[body+ri].Cells[j]
			top.RowSpan = span
			for k := 1; k < span; k++ {
				below := &s.Rows[body+ri+k].Cells[j]
				*below = grid.Cell{Covered: true, Ref: below.Ref, Style: top.Style}
			}
		}
	}
}

// mergeContinuations merges a project row's code, name and amounts down
// over the rows below it that only carry more indicators.
func mergeContinuations(s *grid.Sheet, t *model.Table, body int) {
	for ri := 0; ri < len(t.Rows); ri++ {
		if t.Rows[ri].Role != model.RoleProject {
			continue
		}
		span := 1
		for k := ri + 1; k < len(t.Rows); k++ {
			r := t.Rows[k]
			if r.Code != "" || r.Name != "" || r.Role != "" || hasFigure(r.Values) || len(r.Texts) == 0 {
				break // (a row printed empty carries no indicator of the project)
			}
			span++
		}
		if span == 1 {
			continue
		}
		for j, c := range t.Columns {
			if c.Type == model.TypeText {
				continue
			}
			s.Rows[body+ri].Cells[j].RowSpan = span
			for k := 1; k < span; k++ {
				s.Rows[body+ri+k].Cells[j].Covered = true
			}
		}
	}
}

func hasFigure(v map[string]model.Amount) bool {
	for _, a := range v {
		if !a.IsBlank() {
			return true
		}
	}
	return false
}

// widths sizes each column to its content: the widest body text, at least
// the header's words (headers wrap), within bounds by type.
func widths(s *grid.Sheet, cols []model.Column) []float64 {
	n := len(s.Rows[0].Cells)
	out := make([]float64, n)
	for j := 0; j < n; j++ {
		typ := model.TypeText
		if j < len(cols) {
			typ = cols[j].Type
		}
		w := 4.0
		for ri := s.HeaderFrom; ri < len(s.Rows); ri++ {
			c := s.Rows[ri].Cells[j]
			if c.Covered || c.ColSpan > 1 || c.Style.Class == grid.Note {
				continue
			}
			tw := grid.TextWidth(cellText(c)) + float64(c.Style.Indent)*2
			if c.Style.Class == grid.Header {
				tw = math.Min(tw, 8) // headers wrap onto several lines
			}
			if c.IsNumber() {
				tw++ // a bold total in a wider fallback face still fits
			}
			w = math.Max(w, tw)
		}
		w += 2
		hi := 40.0
		switch typ {
		case model.TypeMoney, model.TypeNumber, model.TypePercent:
			hi = 16
		case model.TypeSeq, model.TypeCode:
			hi = 24
		case model.TypeText:
			hi = 22
		}
		out[j] = math.Min(math.Max(w, 6), hi)
	}
	return out
}

// cellText is what a cell shows.
func cellText(c grid.Cell) string {
	if c.IsNumber() {
		return c.Figure()
	}
	return c.Text
}

// labelInText reports whether a row's name is also the text of one of its
// text columns (a 合计 row of the procurement table names itself in the
// 项目名称 column).
func labelInText(r *model.Row, cols []model.Column, colType func(string) (string, int)) bool {
	name := strings.Join(strings.Fields(r.Name), "")
	if name == "" {
		return false
	}
	for _, c := range cols {
		if typ, _ := colType(c.Key); typ != model.TypeText && typ != "" {
			continue
		}
		if t := r.Texts[c.Key]; t != "" && strings.Join(strings.Fields(t), "") == name {
			return true
		}
	}
	return false
}

// alignWithin lines the rows that follow a “其中：” row up under the
// text after 其中： (其中：公务用车购置费 / 公务用车运行维护费), as the forms
// print them: the same level, indented by the width of 其中：, until a
// row of another level or a new 其中.
func alignWithin(s *grid.Sheet, from int) {
	n := 0
	for _, r := range s.Rows {
		n = max(n, len(r.Cells))
	}
	for j := 0; j < n; j++ {
		run, level := false, 0
		for i := from; i < len(s.Rows); i++ {
			if j >= len(s.Rows[i].Cells) {
				continue
			}
			c := &s.Rows[i].Cells[j]
			if c.Covered || c.Style.Class != grid.Name {
				run = false
				continue
			}
			text := strings.TrimSpace(c.Text)
			switch {
			case strings.HasPrefix(text, "其中：") || strings.HasPrefix(text, "其中:"):
				run, level = true, c.Style.Indent
			case run && text != "" && c.Style.Indent == level && c.Style.Align != grid.Center:
				c.Style.Indent += 2 // an indent step is somewhat wider than a character
			default:
				run = false
			}
		}
	}
}

// printedPart is the part of a split code column the source prints (类 1,
// 款 2, 项 3, by the last word of its printed header), or 0 for a column
// with the whole code. Only a table with two or more such columns splits.
func printedPart(cols []model.Column, key string) int {
	part := func(c model.Column) int {
		h := c.Printed
		if h == "" {
			h = c.Header
		}
		segs := strings.Split(h, " / ")
		switch strings.TrimSpace(segs[len(segs)-1]) {
		case "类":
			return 1
		case "款":
			return 2
		case "项":
			return 3
		}
		return 0
	}
	n, p := 0, 0
	for _, c := range cols {
		if c.Type != model.TypeCode || part(c) == 0 {
			continue
		}
		n++
		if c.Key == key {
			p = part(c)
		}
	}
	if n < 2 {
		return 0
	}
	return p
}
