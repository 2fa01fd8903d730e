// Package layout turns the budget model into the renderer-neutral grid:
// one sheet per table as the official form lays it out (title, the line
// under it, the header tree with its merges, the 栏次 row, the body rows
// with the rows printed empty, their names indented as the source prints
// them (by code level where the source does not show it), the notes), one
// form per project, and a contents sheet first. The Excel and PDF writers draw what it builds.
package layout

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"budgetpack/check"
	"budgetpack/fix"
	"budgetpack/model"
	"budgetpack/render/grid"
	"budgetpack/templates"
)

// Options tune the layout.
type Options struct {
	// Set is the template family of the document; nil looks it up in the
	// embedded templates by the document's family.
	Set *templates.Set
	// Review lays out the 审核版 (review pack): the cells the findings
	// and corrections concern are shaded and carry comments, and the
	// discrepancy appendix (with the 更正清单) follows the tables. Without
	// it the book is the 公开版 (publishable pack): the official tables
	// only, with no shading, comment, appendix or link into one, whatever
	// Findings and Corrections hold.
	Review bool
	// Findings are the document's discrepancies (drawn only with Review).
	Findings []check.Finding
	// Corrections are the figures a fix changed (drawn only with Review):
	// their cells are marked and the appendix lists them (更正清单).
	Corrections []fix.Correction
	// Skipped are the differences a fix left for the user to decide
	// (drawn only with Review, in the 更正清单).
	Skipped []fix.Skip
}

// PackName is the file name, without extension, of one pack made from a
// source whose name without extension is stem: 河北 gives 河北-公开版 and
// 河北-审核版. A corrected pack says how it was corrected (fixMode "derive":
// 河北-重算更正-公开版; "balance": 河北-舍位平衡-公开版), so that it never
// replaces the uncorrected one; fixMode "" is no correction.
func PackName(stem, fixMode, pack string) string {
	switch fixMode {
	case "derive":
		return stem + "-重算更正-" + pack
	case "balance":
		return stem + "-舍位平衡-" + pack
	}
	return stem + "-" + pack
}

// Pack names the two products of one run.
const (
	// PublicPack is the publishable pack: the official tables only.
	PublicPack = "公开版"
	// ReviewPack is the review pack: shading, comments and the appendix.
	ReviewPack = "审核版"
)

// Build lays out the whole document.
func Build(doc *model.Document, opt Options) (*grid.Book, error) {
	set := opt.Set
	if set == nil {
		lib, err := templates.Embedded()
		if err != nil {
			return nil, err
		}
		set = lib.Set(doc.Family)
	}
	year := ""
	if doc.Year > 0 {
		year = strconv.Itoa(doc.Year) + "年"
	}
	book := &grid.Book{
		Title:   doc.Department.Name + year + "部门预算公开表",
		Subject: "部门预算公开表及数据差异说明 (departmental budget disclosure tables)",
		Author:  doc.Department.Name,
	}
	names := newNamer()
	contents := &grid.Sheet{Name: names.take("目录"), Title: "目录", Contents: true}
	book.Sheets = append(book.Sheets, contents)
	plan := planBook(doc)
	// sheetOf is each table's position in book.Sheets, or -1
	sheetOf := make([]int, len(doc.Tables))
	for i := range doc.Tables {
		t := &doc.Tables[i]
		sheetOf[i] = -1
		if plan.where[i] != ownSheet {
			continue // in 文字说明, or the source's table of contents
		}
		var tpl *templates.Table
		if set != nil {
			tpl = set.Table(t.Kind)
		}
		short := t.Title
		if tpl != nil && tpl.Short != "" {
			short = tpl.Short
		}
		if short == "" {
			short = plan.names[i]
		}
		if short == "" {
			short = fmt.Sprintf("表%d", i+1)
		}
		var s *grid.Sheet
		switch {
		case t.Kind == "overall_performance":
			s = formTable(doc, t, i)
		default:
			s = columnTable(doc, t, tpl, i)
		}
		if s.Title == "" && plan.names[i] != "" {
			// the 目录 lists it by name, and its sheet prints the name
			s.Title = plan.names[i]
			if len(s.Rows) > 0 && s.Rows[0].Cells[0].Style.Class == grid.Title && s.Rows[0].Cells[0].Text == "" {
				s.Rows[0].Cells[0].Text = s.Title
				finish(s)
			}
		}
		s.Name = names.take(short)
		sheetOf[i] = len(book.Sheets)
		book.Sheets = append(book.Sheets, s)
	}
	// Project forms follow the tables they belong to in the document: the
	// Hebei forms stand between the standard tables and the procurement table.
	var forms []*grid.Sheet
	for i := range doc.Projects {
		p := &doc.Projects[i]
		if p.Title == "" {
			continue // a project read from a summary table has no form of its own
		}
		s := projectForm(doc, p, i)
		// a short tab name: the number keeps it unique, the title is in 目录
		s.Name = names.take(truncRunes(fmt.Sprintf("绩效%s-%s", p.Seq, p.Name), 16))
		forms = append(forms, s)
	}
	if len(forms) > 0 {
		book.Sheets = insertForms(book.Sheets, forms, doc, sheetOf)
	}
	if len(doc.Sections) > 0 {
		ns := narrative(doc, plan)
		ns.Name = names.take(NarrativeName)
		book.Sheets = append(book.Sheets, ns)
	}
	if opt.Review {
		targets := markFindings(book, opt.Findings)
		ctargets := markCorrections(book, opt.Corrections)
		ap := appendix(opt.Findings, targets)
		ap.Name = names.take(AppendixName)
		book.Sheets = append(book.Sheets, ap)
		if len(opt.Corrections) > 0 || len(opt.Skipped) > 0 {
			cl := correctionList(opt.Corrections, ctargets, opt.Skipped)
			cl.Name = names.take(CorrectionsName)
			book.Sheets = append(book.Sheets, cl)
		}
	}
	fillContents(contents, book.Sheets[1:], book.Title)
	return book, nil
}

// insertForms puts the project forms where they stand in the document: after
// the last table whose source line comes before the first form.
func insertForms(sheets, forms []*grid.Sheet, doc *model.Document, sheetOf []int) []*grid.Sheet {
	firstForm := 0
	for _, p := range doc.Projects {
		if p.Title != "" {
			firstForm = p.Line
			break
		}
	}
	at := len(sheets)
	for i, t := range doc.Tables {
		if t.Line > firstForm && sheetOf[i] >= 0 {
			at = sheetOf[i]
			break
		}
	}
	out := append([]*grid.Sheet{}, sheets[:at]...)
	out = append(out, forms...)
	return append(out, sheets[at:]...)
}

func fillContents(s *grid.Sheet, sheets []*grid.Sheet, title string) {
	s.Widths = []float64{6, 56, 34}
	s.Rows = append(s.Rows, spanRow(3, title, grid.Style{Class: grid.Title, Bold: true, Align: grid.Center}))
	s.Rows = append(s.Rows, spanRow(3, "目  录", grid.Style{Class: grid.Caption, Align: grid.Center}))
	s.HeaderFrom = len(s.Rows)
	s.Rows = append(s.Rows, grid.Row{Cells: []grid.Cell{
		hdr("序号"), hdr("表名"), hdr("工作表"),
	}})
	s.HeaderTo, s.BodyFrom = len(s.Rows), len(s.Rows)
	for i, sh := range sheets {
		s.Rows = append(s.Rows, grid.Row{Cells: []grid.Cell{
			{Text: strconv.Itoa(i + 1), Style: grid.Style{Class: grid.Seq, Align: grid.Center}},
			// the link sits on the sheet name: a linked cell does not wrap in
			// every spreadsheet program, and the title must stay whole
			{Text: sh.Title, Style: grid.Style{Class: grid.Name, Wrap: true}},
			{Text: sh.Name, Link: sh.Name, Style: grid.Style{Class: grid.Body, Wrap: true}},
		}})
	}
	finish(s)
}

func hdr(text string) grid.Cell {
	return grid.Cell{Text: text, Style: grid.Style{Class: grid.Header, Bold: true, Align: grid.Center, Wrap: true}}
}

// spanRow is one cell spanning all n columns.
func spanRow(n int, text string, st grid.Style) grid.Row {
	cells := make([]grid.Cell, n)
	cells[0] = grid.Cell{Text: text, ColSpan: n, Style: st}
	for j := 1; j < n; j++ {
		cells[j] = grid.Cell{Covered: true, Style: st}
	}
	return grid.Row{Cells: cells}
}

// captionRow spreads the caption items (编制部门, 预算年度, 单位) over the width:
// the first at the left, the last at the right, any others in between.
func captionRow(n int, items []string) grid.Row {
	cells := make([]grid.Cell, n)
	for j := range cells {
		cells[j] = grid.Cell{Style: grid.Style{Class: grid.Caption}}
	}
	k := len(items)
	if k == 0 {
		return grid.Row{Cells: cells}
	}
	if k > n {
		items = []string{strings.Join(items, "    ")}
		k = 1
	}
	start := 0
	for i, it := range items {
		end := n * (i + 1) / k
		if end <= start {
			end = start + 1
		}
		align := grid.Center
		switch {
		case i == 0 && k > 1:
			align = grid.Left
		case i == k-1 && k > 1:
			align = grid.Right
		case k == 1 && unitOnly(it):
			align = grid.Right // 金额单位：万元 alone stands at the right, as printed
		case k == 1:
			align = grid.Left
		}
		cells[start] = grid.Cell{Text: it, ColSpan: end - start, Style: grid.Style{Class: grid.Caption, Align: align}}
		for j := start + 1; j < end; j++ {
			cells[j].Covered = true
		}
		start = end
	}
	return grid.Row{Cells: cells}
}

// namer hands out Excel sheet names: never blank, at most 31 characters,
// none of []:*?/\ or a control character, no apostrophe at either end,
// and unique without regard to case (as Excel compares them).
type namer struct{ used map[string]bool }

func newNamer() *namer {
	// History is reserved by Excel for its change tracking
	return &namer{used: map[string]bool{"history": true}}
}

// sheetNameMax is Excel's limit on a sheet name, in UTF-16 code units.
const sheetNameMax = 31

func (n *namer) take(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) || r == utf8.RuneError {
			return '-'
		}
		return r
	}, name)
	clean := func(s string) string { return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "'")) }
	base := clean(truncUnits(clean(name), sheetNameMax))
	if base == "" {
		base = "表"
	}
	cand := base
	for i := 2; n.used[strings.ToLower(cand)]; i++ {
		suffix := fmt.Sprintf("(%d)", i)
		cand = clean(truncUnits(base, sheetNameMax-len(suffix))) + suffix
	}
	n.used[strings.ToLower(cand)] = true
	return cand
}

// truncUnits cuts s to at most n UTF-16 code units, on a character boundary.
func truncUnits(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return s[:i]
		}
	}
	return s
}

func truncRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// finish computes the rows' line counts and the orientation.
func finish(s *grid.Sheet) {
	for i := range s.Rows {
		row := &s.Rows[i]
		lines := 1
		for j, c := range row.Cells {
			if c.Covered || c.RowSpan > 1 {
				continue
			}
			w := 0.0
			span := max(c.ColSpan, 1)
			for k := j; k < j+span && k < len(s.Widths); k++ {
				w += s.Widths[k]
			}
			if n := textLines(c, w); n > lines {
				lines = n
			}
		}
		row.Lines = lines
	}
	total := 0.0
	for _, w := range s.Widths {
		total += w
	}
	// A4 portrait holds about 95 units of 10-point text across, landscape about 140.
	s.Landscape = total > 100
}

// textLines estimates how many lines a cell needs at width w.
func textLines(c grid.Cell, w float64) int {
	if c.Text == "" {
		return 1
	}
	usable := math.Max(w-1.5, 1)
	if c.Style.Class == grid.Title {
		usable = math.Max(w/1.6-1, 1) // larger type
	}
	n := 0
	for _, para := range strings.Split(c.Text, "\n") {
		tw := grid.TextWidth(para) + float64(c.Style.Indent)*2
		if !c.Style.Wrap && c.Style.Class != grid.Title && c.Style.Class != grid.Note {
			n++
			continue
		}
		n += max(1, int(math.Ceil(tw/usable)))
	}
	return max(n, 1)
}

// NarrativeName is the name of the sheet that carries the narrative.
const NarrativeName = "文字说明"

// fitCaption re-spreads the caption row (the line under the title) once
// the column widths are known: the first item takes columns from the left
// until it fits, the last from the right, a middle item what is between;
// where the table is too narrow the widest column grows.
func fitCaption(s *grid.Sheet) {
	for ri := range s.Rows {
		row := &s.Rows[ri]
		var items []grid.Cell
		for _, c := range row.Cells {
			if c.Style.Class != grid.Caption {
				items = nil
				break
			}
			if !c.Covered && c.Text != "" {
				items = append(items, c)
			}
		}
		if len(items) < 2 || ri == 0 {
			continue
		}
		n := len(s.Widths)
		need := func(c grid.Cell) float64 { return grid.TextWidth(c.Text) + 2 }
		total, sumNeed := 0.0, 0.0
		for _, w := range s.Widths {
			total += w
		}
		for _, it := range items {
			sumNeed += need(it)
		}
		if sumNeed > total {
			widest := 0
			for j, w := range s.Widths {
				if w > s.Widths[widest] {
					widest = j
				}
			}
			s.Widths[widest] += sumNeed - total
		}
		// first item from the left
		first := 0
		acc := s.Widths[0]
		for acc < need(items[0]) && first+1 < n-1 {
			first++
			acc += s.Widths[first]
		}
		// last item from the right
		last := n - 1
		acc = s.Widths[n-1]
		for acc < need(items[len(items)-1]) && last-1 > first+1 {
			last--
			acc += s.Widths[last]
		}
		cells := make([]grid.Cell, n)
		for j := range cells {
			cells[j] = grid.Cell{Covered: true, Style: grid.Style{Class: grid.Caption}}
		}
		place := func(from, to int, c grid.Cell, align grid.Align) {
			c.Covered, c.ColSpan, c.Style.Align = false, to-from, align
			cells[from] = c
		}
		if len(items) > 2 && last <= first+1 {
			// no room for the middle items: they follow the first
			for _, it := range items[1 : len(items)-1] {
				items[0].Text += "    " + it.Text
			}
		}
		place(0, first+1, items[0], grid.Left)
		place(last, n, items[len(items)-1], grid.Right)
		if len(items) > 2 && last > first+1 {
			mid := items[1]
			for _, it := range items[2 : len(items)-1] {
				mid.Text += "    " + it.Text
			}
			// the middle item gets at least its own width
			room, widest := 0.0, first+1
			for j := first + 1; j < last; j++ {
				room += s.Widths[j]
				if s.Widths[j] > s.Widths[widest] {
					widest = j
				}
			}
			if short := need(mid) - room; short > 0 {
				s.Widths[widest] += short
			}
			place(first+1, last, mid, grid.Center)
		} else {
			for j := first + 1; j < last; j++ {
				cells[j] = grid.Cell{Style: grid.Style{Class: grid.Caption}}
			}
		}
		row.Cells = cells
	}
}

// unitOnly reports whether a caption item only gives the unit
// (单位：万元, 金额单位：元).
func unitOnly(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	s = strings.TrimPrefix(s, "金额")
	for _, u := range []string{"单位：万元", "单位:万元", "单位：元", "单位:元"} {
		if s == u {
			return true
		}
	}
	return false
}
