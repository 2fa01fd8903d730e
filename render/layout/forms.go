package layout

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"budgetpack/model"
	"budgetpack/render/grid"
)

// spans divides n columns among k items: [start, end) of each.
func spans(k, n int) [][2]int {
	out := make([][2]int, 0, k)
	start := 0
	for i := 0; i < k; i++ {
		end := n * (i + 1) / k
		if end <= start {
			end = start + 1
		}
		out = append(out, [2]int{start, min(end, n)})
		start = end
	}
	return out
}

// put places a cell over columns [from, to) of a row, covering the rest.
func put(row []grid.Cell, from, to int, c grid.Cell) {
	if from >= len(row) {
		return
	}
	to = min(to, len(row))
	if to-from > 1 {
		c.ColSpan = to - from
	}
	row[from] = c
	for j := from + 1; j < to; j++ {
		row[j] = grid.Cell{Covered: true, Style: c.Style}
	}
}

var (
	labelStyle = grid.Style{Class: grid.Header, Bold: true, Align: grid.Center, Wrap: true}
	textStyle  = grid.Style{Class: grid.Body, Wrap: true}
	moneyStyle = grid.Style{Class: grid.Amount, Align: grid.Right}
)

// projectForm lays out one project's 绩效目标表: the project's identity and
// budget, its spending plan, its goal, and the indicator table whose 一级 and
// 二级 cells are merged down over the rows they head.
func projectForm(doc *model.Document, p *model.Project, pi int) *grid.Sheet {
	const n = 7
	s := &grid.Sheet{Title: p.Title, Widths: []float64{10, 12, 16, 14, 12, 11, 24}}
	row := func() []grid.Cell {
		cells := make([]grid.Cell, n)
		for j := range cells {
			cells[j].Style = textStyle
		}
		return cells
	}
	add := func(cells []grid.Cell) { s.Rows = append(s.Rows, grid.Row{Cells: cells}) }
	s.Rows = append(s.Rows, spanRow(n, p.Title, grid.Style{Class: grid.Title, Bold: true, Align: grid.Center}))
	unit := doc.Unit
	if unit == "" {
		unit = "万元"
	}
	s.Rows = append(s.Rows, captionRow(n, []string{"单位：" + unit}))
	r := row()
	put(r, 0, 1, grid.Cell{Text: "项目编码", Style: labelStyle})
	put(r, 1, 3, grid.Cell{Text: p.Code, Style: grid.Style{Class: grid.Code}, Ref: model.ProjectRef(pi, "code")})
	put(r, 3, 4, grid.Cell{Text: "项目名称", Style: labelStyle})
	put(r, 4, 7, grid.Cell{Text: p.Name, Style: textStyle, Ref: model.ProjectRef(pi, "name")})
	add(r)
	r = row()
	put(r, 0, 1, grid.Cell{Text: "预算规模及资金用途", Style: labelStyle, RowSpan: 2})
	put(r, 1, 2, grid.Cell{Text: "预算数", Style: labelStyle})
	put(r, 2, 3, grid.Cell{Value: p.Amounts["total"], Style: moneyStyle, Ref: model.ProjectRef(pi, "total")})
	put(r, 3, 4, grid.Cell{Text: "其中：财政资金", Style: labelStyle})
	put(r, 4, 5, grid.Cell{Value: p.Amounts["fiscal"], Style: moneyStyle, Ref: model.ProjectRef(pi, "fiscal")})
	put(r, 5, 6, grid.Cell{Text: "其他资金", Style: labelStyle})
	put(r, 6, 7, grid.Cell{Value: p.Amounts["other"], Style: moneyStyle, Ref: model.ProjectRef(pi, "other")})
	add(r)
	r = row()
	r[0] = grid.Cell{Covered: true, Style: labelStyle}
	put(r, 1, 7, grid.Cell{Text: p.Purpose, Style: textStyle, Ref: model.ProjectRef(pi, "purpose")})
	add(r)
	if len(p.Plan) > 0 {
		sp := spans(len(p.Plan), n-1)
		r = row()
		put(r, 0, 1, grid.Cell{Text: "资金支出计划（%）", Style: labelStyle, RowSpan: 2})
		for k, pt := range p.Plan {
			put(r, 1+sp[k][0], 1+sp[k][1], grid.Cell{Text: pt.Period, Style: labelStyle})
		}
		add(r)
		r = row()
		r[0] = grid.Cell{Covered: true, Style: labelStyle}
		for k, pt := range p.Plan {
			put(r, 1+sp[k][0], 1+sp[k][1], grid.Cell{Value: pt.Percent, Percent: true,
				Style: grid.Style{Class: grid.Amount, Align: grid.Center}, Ref: model.ProjectRef(pi, fmt.Sprintf("plan%d", k))})
		}
		add(r)
	}
	r = row()
	put(r, 0, 1, grid.Cell{Text: "绩效目标", Style: labelStyle})
	put(r, 1, 7, grid.Cell{Text: p.Goal, Style: textStyle, Ref: model.ProjectRef(pi, "goal")})
	add(r)
	s.HeaderFrom = len(s.Rows)
	r = row()
	for k, h := range []struct {
		text     string
		from, to int
	}{{"一级指标", 0, 1}, {"二级指标", 1, 2}, {"三级指标", 2, 3}, {"绩效指标描述", 3, 5}, {"指标值", 5, 6}, {"指标值确定依据", 6, 7}} {
		_ = k
		put(r, h.from, h.to, grid.Cell{Text: h.text, Style: labelStyle})
	}
	add(r)
	s.HeaderTo, s.BodyFrom = len(s.Rows), len(s.Rows)
	first := len(s.Rows)
	for k, ind := range p.Indicators {
		r = row()
		ref := func(f string) string { return model.ProjectRef(pi, fmt.Sprintf("i%d.%s", k, f)) }
		put(r, 0, 1, grid.Cell{Text: ind.Level1, Style: textStyle, Ref: ref("level1")})
		put(r, 1, 2, grid.Cell{Text: ind.Level2, Style: textStyle, Ref: ref("level2")})
		put(r, 2, 3, grid.Cell{Text: ind.Level3, Style: textStyle, Ref: ref("level3")})
		put(r, 3, 5, grid.Cell{Text: ind.Description, Style: textStyle, Ref: ref("description")})
		put(r, 5, 6, grid.Cell{Text: ind.Value, Style: grid.Style{Class: grid.Body, Align: grid.Center, Wrap: true}, Ref: ref("value")})
		put(r, 6, 7, grid.Cell{Text: ind.Basis, Style: textStyle, Ref: ref("basis")})
		add(r)
	}
	mergeDown(s, first, 0, nil)
	mergeDown(s, first, 1, []int{0})
	s.BodyFrom = 0 // a form scrolls whole: no frozen panes in its middle
	// a page that continues the form names it again
	s.Continued = fmt.Sprintf("%s（续）    项目名称：%s", p.Title, p.Name)
	finish(s)
	return s
}

// mergeDown merges equal texts in column col downwards over consecutive
// rows from row first, within runs where the columns in within are equal too.
func mergeDown(s *grid.Sheet, first, col int, within []int) {
	same := func(a, b int) bool {
		ca, cb := s.Rows[a].Cells[col], s.Rows[b].Cells[col]
		if ca.Text == "" || ca.Text != cb.Text {
			return false
		}
		for _, w := range within {
			if s.Rows[a].Cells[w].Text != s.Rows[b].Cells[w].Text {
				return false
			}
		}
		return true
	}
	for i := first; i < len(s.Rows); {
		k := i + 1
		for k < len(s.Rows) && same(i, k) {
			k++
		}
		if k-i > 1 {
			s.Rows[i].Cells[col].RowSpan = k - i
			for m := i + 1; m < k; m++ {
				c := &s.Rows[m].Cells[col]
				c.Covered = true
			}
		}
		i = k
	}
}

// mergeBlanksUp merges each blank cell of column col, from row `from` on,
// into the nearest cell above it at or below row top.
func mergeBlanksUp(s *grid.Sheet, col, top, from int) {
	for i := from; i < len(s.Rows); i++ {
		c := &s.Rows[i].Cells[col]
		if c.Text != "" || c.Covered {
			continue
		}
		for k := i - 1; k >= top; k-- {
			above := &s.Rows[k].Cells[col]
			if above.Covered {
				continue
			}
			above.RowSpan = max(above.RowSpan, 1) + 1
			c.Covered = true
			break
		}
	}
}

// formTable lays out a form printed as rows of cells (部门整体绩效目标表): a
// text runs right over the blank cells beside it, a blank first column
// belongs to the label above it, and in the indicator part the 一级 and 二级
// cells merge down over the rows they head.
func formTable(doc *model.Document, t *model.Table, ti int) *grid.Sheet {
	n := max(len(t.Columns), 1)
	s := &grid.Sheet{Title: t.Title}
	s.Rows = append(s.Rows, spanRow(n, t.Title, grid.Style{Class: grid.Title, Bold: true, Align: grid.Center}))
	if len(t.Caption) > 0 {
		s.Rows = append(s.Rows, captionRow(n, t.Caption))
	}
	// a row of one budget line (its name, then its amount) shows the
	// amount read; a row of several (a funds grid) is shown as printed
	budget := map[int]model.Amount{}
	if doc.Overall != nil {
		perLine := map[int]int{}
		for _, b := range doc.Overall.Budget {
			perLine[b.Line]++
		}
		for _, b := range doc.Overall.Budget {
			if perLine[b.Line] == 1 {
				budget[b.Line] = b.Amount
			}
		}
	}
	s.BodyFrom = len(s.Rows)
	first := len(s.Rows)
	indicators := -1
	for ri, r := range t.Rows {
		cells := make([]grid.Cell, n)
		texts := make([]string, n)
		for j, c := range t.Columns {
			texts[j] = r.Texts[c.Key]
		}
		isLabelRow := strings.HasSuffix(texts[0], "指标") && texts[1] == "二级指标"
		if isLabelRow {
			indicators = len(s.Rows)
		}
		for j := 0; j < n; j++ {
			st := textStyle
			// a label, not a text run over the row (重庆's goal under its label)
			if j == 0 && utf8.RuneCountInString(texts[j]) < 40 || isLabelRow {
				st = labelStyle
			}
			cells[j] = grid.Cell{Text: texts[j], Style: st, Ref: model.CellRef(ti, ri, t.Columns[j].Key)}
		}
		if a, ok := budget[r.Line]; ok && n > 3 {
			cells[3].Text, cells[3].Value, cells[3].Style = "", a, moneyStyle
		}
		// a text runs right over the blanks beside it
		for j := 0; j < n; j++ {
			if cells[j].Covered || (cells[j].Text == "" && !cells[j].IsNumber()) {
				continue
			}
			k := j + 1
			for k < n && cells[k].Text == "" && !cells[k].IsNumber() && !(indicators >= 0 && len(s.Rows) > indicators) {
				k++
			}
			if k-j > 1 {
				cells[j].ColSpan = k - j
				for m := j + 1; m < k; m++ {
					cells[m].Covered = true
				}
			}
			j = k - 1
		}
		s.Rows = append(s.Rows, grid.Row{Cells: cells})
	}
	// blank first-column cells belong to the label above
	mergeBlanksUp(s, 0, first, first+1)
	if indicators >= 0 {
		// 二级 cells merge down over the blanks under them within a 一级 group
		mergeBlanksUp(s, 1, indicators+1, indicators+2)
		s.HeaderFrom, s.HeaderTo = indicators, indicators+1
	}
	s.BodyFrom = 0 // a form scrolls whole: no frozen panes in its middle
	for _, note := range t.Notes {
		s.Rows = append(s.Rows, spanRow(n, note.Text, grid.Style{Class: grid.Note, Wrap: true}))
	}
	s.Widths = []float64{12, 16, 22, 12, 40}
	if n != 5 {
		s.Widths = widths(s, t.Columns)
	}
	fitCaption(s)
	finish(s)
	return s
}
