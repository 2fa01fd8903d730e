package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"budgetpack/model"
	"budgetpack/render/grid"
)

// listKind is the table kind of a list of project performance targets
// printed as one table over many pages (Beijing's, Changsha's
// 项目支出绩效目标表), as opposed to one form per project.
const listKind = "project_performance"

// publishedList lays out a project list read as printed (its columns
// have no headers; its first rows are the printed header) the way the
// source prints it: the header's one or two rows as a header tree (项目总额
// and 绩效目标 merged down, 其中： and 绩效指标 across the columns under
// them), repeated on every page instead of the copies each source page
// printed; each project's cells (名称, 资金, 绩效目标: the columns left of
// the indicators) merged down over the project's indicator rows, also where
// the project runs over a source page; and blank 一级/二级指标 cells merged
// into the cell above them within the project. body is the sheet row of
// t.Rows[0]. It leaves any other table alone.
func publishedList(s *grid.Sheet, t *model.Table, body int) {
	n := len(t.Columns)
	if t.Kind != listKind || n < 4 || len(t.Rows) < 2 || body+len(t.Rows) > len(s.Rows) {
		return
	}
	for _, c := range t.Columns {
		if c.Header != "" || c.Printed != "" {
			return // read with its columns: the header is the template's
		}
	}
	texts := func(ri int) []string {
		out := make([]string, n)
		for j, c := range t.Columns {
			out[j] = strings.TrimSpace(t.Rows[ri].Texts[c.Key])
		}
		return out
	}
	h0 := texts(0)
	if !isListHeader(h0) {
		return
	}
	head := [][]string{h0}
	if h1 := texts(1); isSubHeader(h0, h1) {
		head = append(head, h1)
	}
	// the indicator part begins at the column headed 一级指标 (or the first
	// headed …指标); the columns left of it describe the project
	ind := -1
	for _, word := range []string{"一级指标", "指标"} {
		for j := 0; j < n && ind < 0; j++ {
			for _, h := range head {
				if strings.Contains(h[j], word) {
					ind = j
					break
				}
			}
		}
		if ind >= 0 {
			break
		}
	}
	// the rows kept: the body without the header each source page repeats
	var kept []int
	afterRepeat := map[int]bool{} // the first row after a repeated header
	for ri := len(head); ri < len(t.Rows); {
		if k := repeatsHeader(head, texts, ri, len(t.Rows)); k > 0 {
			ri += k
			afterRepeat[len(kept)] = true
			continue
		}
		kept = append(kept, ri)
		ri++
	}
	rows := append([]grid.Row{}, s.Rows[:s.HeaderFrom]...)
	s.HeaderFrom = len(rows)
	rows = append(rows, listHeader(head)...)
	s.HeaderTo = len(rows)
	s.BodyFrom = len(rows)
	first := len(rows)
	for _, ri := range kept {
		rows = append(rows, s.Rows[body+ri])
	}
	tail := s.Rows[body+len(t.Rows):]
	s.Rows = append(rows, tail...)
	if ind <= 0 {
		return
	}
	last := first + len(kept)
	// a project begins at a row with anything in its project columns; a
	// source page that restates the project it continues does not begin one
	starts := []int{}
	for i := first; i < last; i++ {
		cells := s.Rows[i].Cells
		if !slices.ContainsFunc(cells[:ind], filled) {
			continue
		}
		if afterRepeat[i-first] && len(starts) > 0 && restates(s.Rows[starts[len(starts)-1]].Cells[:ind], cells[:ind]) {
			began := s.Rows[starts[len(starts)-1]].Cells
			for j := 0; j < ind; j++ {
				// the cell shows the whole of what either page printed
				if utf8.RuneCountInString(cells[j].Text) > utf8.RuneCountInString(began[j].Text) {
					began[j].Text = cells[j].Text
				}
				cells[j] = grid.Cell{Style: cells[j].Style, Ref: cells[j].Ref}
			}
			continue
		}
		starts = append(starts, i)
	}
	for k, top := range starts {
		end := last
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		for j := 0; j < ind && end-top > 1; j++ {
			c := &s.Rows[top].Cells[j]
			if c.Covered || c.ColSpan > 1 {
				continue
			}
			c.RowSpan = end - top
			for m := top + 1; m < end; m++ {
				below := &s.Rows[m].Cells[j]
				*below = grid.Cell{Covered: true, Ref: below.Ref, Style: c.Style}
			}
		}
		// 一级/二级指标 printed once over the rows they head
		var group []int
		for j := ind; j < n; j++ {
			if headedBy(head, j, "一级指标") || headedBy(head, j, "二级指标") {
				mergeBlanksWithin(s, j, ind, top, end, group, func(i int) bool { return afterRepeat[i-first] })
				group = append(group, j)
			}
		}
	}
}

// filled reports whether a cell shows anything.
func filled(c grid.Cell) bool { return !c.Covered && (c.Text != "" || c.IsNumber()) }

// restates reports whether a project row repeats the project's cells of
// the row that began it (a source that prints the project again on the
// page the project runs on to): no cell differs, and at least two agree.
// A cell the reader missed on one page does not part them, nor a text one
// page cut short (the other page prints it whole).
func restates(began, row []grid.Cell) bool {
	same := 0
	for j, c := range row {
		if !filled(c) || !filled(began[j]) {
			continue
		}
		a, b := began[j].Text, c.Text
		if c.Figure() != began[j].Figure() || !strings.HasPrefix(a, b) && !strings.HasPrefix(b, a) {
			return false
		}
		same++
	}
	return same >= 2
}

// headedBy reports whether column j's header contains word.
func headedBy(head [][]string, j int, word string) bool {
	for _, h := range head {
		if strings.Contains(h[j], word) {
			return true
		}
	}
	return false
}

// mergeBlanksWithin merges each blank cell of column col in rows
// [top, end) that carries an indicator (text from column ind on) into the
// nearest cell above it within those rows. The first row of a source page
// (atPage) that restates the heading merged above it joins it too, where
// the columns of group (the 一级 left of a 二级) are joined as well: the
// source printed the heading again only because its page broke.
func mergeBlanksWithin(s *grid.Sheet, col, ind, top, end int, group []int, atPage func(int) bool) {
	for i := top + 1; i < end; i++ {
		c := &s.Rows[i].Cells[col]
		if c.Covered || !slices.ContainsFunc(s.Rows[i].Cells[ind:], filled) {
			continue
		}
		restated := filled(*c) && atPage(i)
		for _, g := range group {
			restated = restated && s.Rows[i].Cells[g].Covered
		}
		if filled(*c) && !restated {
			continue
		}
		for k := i - 1; k >= top; k-- {
			above := &s.Rows[k].Cells[col]
			if above.Covered {
				continue
			}
			if above.Text == "" || restated && (above.Text != c.Text || above.RowSpan < 2) {
				break // nothing to belong to
			}
			above.RowSpan = max(above.RowSpan, 1) + 1
			*c = grid.Cell{Covered: true, Ref: c.Ref, Style: above.Style}
			break
		}
	}
}

// isListHeader reports whether a row reads as a printed header of a
// project list: several short words without figures, one of them an
// indicator heading (一级指标, 绩效指标).
func isListHeader(row []string) bool {
	words, indicator := 0, false
	for _, t := range row {
		if t == "" {
			continue
		}
		if !headerWord(t) {
			return false
		}
		words++
		indicator = indicator || strings.Contains(t, "指标")
	}
	return words >= 3 && indicator
}

// isSubHeader reports whether the row under a header row is its second
// row: short words without figures, at least one under a blank cell of the
// first row or under a lead-in such as 其中：.
func isSubHeader(h0, h1 []string) bool {
	under := false
	for j, t := range h1 {
		if t == "" {
			continue
		}
		if !headerWord(t) {
			return false
		}
		if h0[j] == "" || strings.HasSuffix(h0[j], "：") || strings.HasSuffix(h0[j], ":") {
			under = true
		}
	}
	return under
}

// headerWord reports whether a text can be a header cell: short, no digits.
func headerWord(t string) bool {
	return utf8.RuneCountInString(t) <= 12 && !strings.ContainsFunc(t, unicode.IsDigit)
}

// repeatsHeader is how many rows from ri repeat the printed header (a
// copy each source page prints), or 0.
func repeatsHeader(head [][]string, texts func(int) []string, ri, nrows int) int {
	k := 0
	for k < len(head) && ri+k < nrows && slices.Equal(texts(ri+k), head[k]) {
		k++
	}
	return k
}

// listHeader lays out a printed header of one or two rows: a first-row
// word over a blank second-row cell is merged down; a first-row word over
// a second-row word runs right over the blank first-row cells whose second
// row is filled (其中： over 财政资金 and 其他资金).
func listHeader(head [][]string) []grid.Row {
	n := len(head[0])
	rows := make([]grid.Row, len(head))
	for k := range rows {
		rows[k].Cells = make([]grid.Cell, n)
		for j := range rows[k].Cells {
			rows[k].Cells[j] = grid.Cell{Text: head[k][j], Style: labelStyle}
		}
	}
	if len(head) == 1 {
		return rows
	}
	top, sub := rows[0].Cells, rows[1].Cells
	for j := 0; j < n; j++ {
		if top[j].Covered {
			continue
		}
		if head[1][j] == "" {
			top[j].RowSpan = 2
			sub[j].Covered = true
			continue
		}
		if head[0][j] == "" {
			continue
		}
		k := j + 1
		for k < n && head[0][k] == "" && head[1][k] != "" {
			k++
		}
		if k-j > 1 {
			top[j].ColSpan = k - j
			for m := j + 1; m < k; m++ {
				top[m].Covered = true
			}
		}
	}
	return rows
}
