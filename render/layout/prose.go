package layout

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/render/grid"
)

// Where a table of the model goes in the book. The model keeps every table
// the source prints; the book shows each as a reader of the source meets it.
const (
	ownSheet    = iota // a sheet of its own, listed in the 目录
	inNarrative        // inside the 文字说明 sheet, where the text prints it
	leftOut            // not in the packs: the source's own table of contents
)

// bookPlan says, for each table of the document, where it goes and under
// what name, and which narrative paragraphs are a table's printed title.
type bookPlan struct {
	where []int
	// names are the titles found for untitled tables that keep a sheet.
	names map[int]string
	// titleParas are the anchors of paragraphs read as the title of an
	// untitled table that keeps its sheet (the sheet carries them).
	titleParas map[int]bool
}

// item is one table, heading or paragraph at its place in the source.
type item struct {
	at    pos
	table int // index into doc.Tables, or -1 for text
	line  int // the Line anchor
	text  string
}

// pos orders anchors as the source prints them: by file, worksheet, page
// and line within the page (or cell row), then by the anchor itself.
type pos [5]int

func (a pos) less(b pos) bool {
	for k := range a {
		if a[k] != b[k] {
			return a[k] < b[k]
		}
	}
	return false
}

var refRow = regexp.MustCompile(`[0-9]+$`)

// positioner maps Line anchors to source positions. The anchors of a PDF
// or workbook index Places, which are not in reading order (a reader may
// register a table's place after the pages around it), so the order comes
// from the places themselves.
func positioner(doc *model.Document) func(line int) pos {
	if len(doc.Places) == 0 {
		return func(line int) pos { return pos{0, 0, 0, line, line} }
	}
	files, sheets := map[string]int{}, map[string]int{}
	for _, p := range doc.Places {
		if _, ok := files[p.File]; !ok {
			files[p.File] = len(files)
		}
		if _, ok := sheets[p.Sheet]; !ok {
			sheets[p.Sheet] = len(sheets)
		}
	}
	return func(line int) pos {
		if line < 1 || line > len(doc.Places) {
			return pos{0, 0, 0, 0, line}
		}
		p := doc.Places[line-1]
		return pos{files[p.File], sheets[p.Sheet], p.Page, placeLine(p), line}
	}
}

func placeLine(p raw.Place) int {
	if p.Line > 0 || p.Ref == "" {
		return p.Line
	}
	n, _ := strconv.Atoi(refRow.FindString(p.Ref))
	return n
}

// planBook decides where each table goes. Titled tables keep their sheets.
// An untitled table that only lists the document's parts or tables is its
// table of contents: the pack has its own 目录, so it is left out (the
// model keeps it, as printed). Any other untitled table goes where the
// source prints it (prose a reader split into columns is text, always in
// 文字说明): after narrative text it belongs to the explanation
// and goes into 文字说明 at that place; after an official table it keeps
// a sheet, named by the title-like line printed just above it or by its
// header.
func planBook(doc *model.Document) bookPlan {
	plan := bookPlan{where: make([]int, len(doc.Tables)), names: map[int]string{}, titleParas: map[int]bool{}}
	at := positioner(doc)
	var items []item
	untitled := false
	for i, t := range doc.Tables {
		items = append(items, item{at: at(t.Line), table: i, line: t.Line})
		untitled = untitled || strings.TrimSpace(t.Title) == ""
	}
	if !untitled {
		return plan
	}
	for _, s := range doc.Sections {
		if s.Heading != "" {
			items = append(items, item{at: at(s.Line), table: -1, line: s.Line, text: s.Heading})
		}
		for _, p := range s.Paragraphs {
			items = append(items, item{at: at(p.Line), table: -1, line: p.Line, text: p.Text})
		}
	}
	sortItems(items)
	for k, it := range items {
		if it.table < 0 || strings.TrimSpace(doc.Tables[it.table].Title) != "" {
			continue
		}
		t := &doc.Tables[it.table]
		if tableOfContents(t) {
			plan.where[it.table] = leftOut
			continue
		}
		// a title-like line just above the table is its title, not prose
		prev := k - 1
		title := -1
		if prev >= 0 && items[prev].table < 0 && titleAbove(items[prev], it) {
			title = prev
			prev--
		}
		// what stands before it, skipping tables of contents; a continuation
		// of an earlier untitled table goes where that one went
		ctx := -1
		for ; prev >= 0; prev-- {
			p := items[prev]
			if p.table < 0 {
				ctx = inNarrative
				break
			}
			if strings.TrimSpace(doc.Tables[p.table].Title) != "" {
				ctx = ownSheet
				break
			}
			if plan.where[p.table] != leftOut {
				ctx = plan.where[p.table]
				break
			}
		}
		if ctx < 0 && k+1 < len(items) {
			// nothing before it: the first thing after it decides
			ctx = ownSheet
			if items[k+1].table < 0 {
				ctx = inNarrative
			}
		}
		if sparse(t) {
			ctx = inNarrative // prose taken for columns is text wherever it stands
		}
		if len(doc.Sections) == 0 {
			ctx = ownSheet // no 文字说明 sheet to hold it
		}
		plan.where[it.table] = ctx
		if ctx == ownSheet {
			switch {
			case title >= 0:
				plan.names[it.table] = items[title].text
				plan.titleParas[items[title].line] = true
			default:
				if h := headerName(t); h != "" {
					plan.names[it.table] = h
				}
			}
		}
	}
	return plan
}

func sortItems(items []item) {
	// insertion sort keeps equal positions in model order (few items)
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].at.less(items[j-1].at); j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

var (
	// 第一部分 部门概况; 第三部分：2019年度部门预算情况说明
	tocPart = regexp.MustCompile(`^第[一二三四五六七八九十]+部分`)
	// 1. 2026年预算单位财务收支预算总表; 表3 支出总表 5; 预算01表 收支总表……1
	tocTable = regexp.MustCompile(`^(\d+\s*[.．、]|表\s*\d+|预算\s*\d+\s*表|[一二三四五六七八九十]+、).*表\s*[.．…·\s]*\d*$`)
	// 一、部门职责 ……… 3: a section heading listed with its page
	tocHeading = regexp.MustCompile(`^[一二三四五六七八九十]+、.*\s*[.．…·]*\s*\d*$`)
	tocTitle   = regexp.MustCompile(`^目\s*录$`)
)

// tableOfContents reports whether an untitled table only lists the
// document's own parts or tables (第一部分 部门概况, 1. 收支总表, 目录):
// the source's table of contents, which a pack with its own 目录 does
// not repeat. One row that is none of these (a header such as 报表名称
// 是否空表, a figure) makes it content.
func tableOfContents(t *model.Table) bool {
	strong := false
	for _, r := range t.Rows {
		for _, v := range r.Values {
			if !v.IsBlank() {
				return false
			}
		}
		line := rowText(t, &r)
		switch {
		case line == "":
		case tocTitle.MatchString(line), tocPart.MatchString(line), tocTable.MatchString(line):
			strong = true
		case tocHeading.MatchString(line):
		default:
			return false
		}
	}
	return strong
}

// rowText is a row's printed text, its cells joined by a space.
func rowText(t *model.Table, r *model.Row) string {
	var parts []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	add(r.Seq)
	add(r.Code)
	add(r.Name)
	for _, c := range t.Columns {
		add(r.Texts[c.Key])
	}
	return strings.Join(parts, " ")
}

// titleLike matches a table's printed title: ends in 表, perhaps with the
// year or unit in brackets after it (…绩效目标表（2026年度）).
var titleLike = regexp.MustCompile(`表\s*([（(][^）)]*[）)])?$`)

// titleAbove reports whether paragraph p, printed just above table t on
// the same page, reads as t's title.
func titleAbove(p, t item) bool {
	if p.at[0] != t.at[0] || p.at[1] != t.at[1] || p.at[2] != t.at[2] {
		return false
	}
	if t.at[3]-p.at[3] > 3 || t.at[3] < p.at[3] {
		return false
	}
	text := strings.TrimSpace(p.text)
	return utf8.RuneCountInString(text) <= 60 && titleLike.MatchString(text)
}

// headerName names an untitled table by its header: the top header words
// of its columns, or the words of its first row where the columns carry
// none and that row reads as a header (项目、预算数、绩效目标).
func headerName(t *model.Table) string {
	var words []string
	seen := map[string]bool{}
	add := func(w string) {
		if w = strings.TrimSpace(w); w != "" && !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, c := range t.Columns {
		h := c.Printed
		if h == "" {
			h = c.Header
		}
		add(strings.Split(h, " / ")[0])
	}
	if len(words) == 0 && len(t.Rows) > 1 && headerLikeRow(t, &t.Rows[0]) {
		for _, c := range t.Columns {
			add(t.Rows[0].Texts[c.Key])
		}
	}
	if len(words) == 0 {
		return ""
	}
	return truncRunes(strings.Join(words, "、"), 40)
}

// headerLikeRow reports whether a row of an untitled table reads as its
// header: at least two text cells, no figure and no digit.
func headerLikeRow(t *model.Table, r *model.Row) bool {
	for _, v := range r.Values {
		if !v.IsBlank() {
			return false
		}
	}
	n := 0
	for _, c := range t.Columns {
		s := strings.TrimSpace(r.Texts[c.Key])
		if s == "" {
			continue
		}
		if strings.ContainsAny(s, "0123456789") && !strings.Contains(s, "年") {
			return false
		}
		n++
	}
	return n >= 2
}

// narrativeWidth is the narrative sheet's width: 66 units print within A4
// upright at full size in every spreadsheet program (LibreOffice's column
// unit is the widest), so the text wraps inside the page instead of
// relying on fit-to-width.
const narrativeWidth = 66.0

// narrative lays out the document's explanations: each heading, then its
// paragraphs, one wrapped paragraph a row, so that the pack carries the
// sentences its figures are checked against; a table the explanation
// prints stands at its place between them, bordered, with its header.
func narrative(doc *model.Document, plan bookPlan) *grid.Sheet {
	at := positioner(doc)
	var items []item
	for _, s := range doc.Sections {
		if s.Heading != "" {
			items = append(items, item{at: at(s.Line), table: -1, line: s.Line, text: s.Heading})
		}
		for _, p := range s.Paragraphs {
			if plan.titleParas[p.Line] {
				continue // printed as its table's title on the table's sheet
			}
			items = append(items, item{at: at(p.Line), table: -1, line: p.Line, text: p.Text})
		}
	}
	// each embedded table stands before the first text printed after it
	var grids []*grid.Sheet
	var tables []int
	for i := range doc.Tables {
		if i < len(plan.where) && plan.where[i] == inNarrative {
			tables = append(tables, i)
			if sparse(&doc.Tables[i]) {
				grids = append(grids, nil)
				continue
			}
			grids = append(grids, embedded(doc, i))
		}
	}
	n := 1
	for _, g := range grids {
		if g != nil {
			n = max(n, len(g.Widths))
		}
	}
	headings := map[int]bool{}
	for _, s := range doc.Sections {
		if s.Heading != "" {
			headings[s.Line] = true
		}
	}
	s := &grid.Sheet{Title: NarrativeName, Widths: narrativeWidths(grids, n)}
	s.Rows = append(s.Rows, spanRow(n, NarrativeName, grid.Style{Class: grid.Title, Bold: true, Align: grid.Center}))
	next := 0 // the next embedded table
	putTables := func(before *pos) {
		for ; next < len(tables); next++ {
			if before != nil && !at(doc.Tables[tables[next]].Line).less(*before) {
				return
			}
			if grids[next] == nil {
				t := &doc.Tables[tables[next]]
				for ri := range t.Rows {
					if line := rowText(t, &t.Rows[ri]); line != "" {
						s.Rows = append(s.Rows, spanRow(n, line, grid.Style{Class: grid.Note, Wrap: true}))
					}
				}
				continue
			}
			for _, r := range grids[next].Rows {
				s.Rows = append(s.Rows, widenRow(r, n))
			}
		}
	}
	for _, it := range items {
		putTables(&it.at)
		st := grid.Style{Class: grid.Note, Wrap: true, Bold: headings[it.line]}
		s.Rows = append(s.Rows, spanRow(n, it.text, st))
	}
	putTables(nil)
	finish(s)
	s.Landscape = false
	return s
}

// sparse reports whether a table's grid is mostly empty (fewer than 3
// cells in 10 filled): prose a reader took for columns, which the
// explanation shows as its lines of text rather than as a grid.
func sparse(t *model.Table) bool {
	filled, all := 0, 0
	for _, r := range t.Rows {
		for _, c := range t.Columns {
			all++
			if strings.TrimSpace(r.Texts[c.Key]) != "" || !r.Values[c.Key].IsBlank() {
				filled++
			}
		}
	}
	return all > 0 && filled*10 < all*3
}

// embedded lays out table ti for the narrative: its header rows (any with
// a word; a table read without a header whose first row reads as one
// shows that row as its header) and its body, without title or caption.
func embedded(doc *model.Document, ti int) *grid.Sheet {
	t := &doc.Tables[ti]
	full := columnTable(doc, t, nil, ti)
	g := &grid.Sheet{}
	hasHeader := false
	for ri := full.HeaderFrom; ri < full.HeaderTo; ri++ {
		r := full.Rows[ri]
		blank := true
		for _, c := range r.Cells {
			blank = blank && strings.TrimSpace(c.Text) == ""
		}
		if !blank {
			hasHeader = true
			g.Rows = append(g.Rows, r)
		}
	}
	for ri := full.BodyFrom; ri < len(full.Rows); ri++ {
		r := full.Rows[ri]
		if ri == full.BodyFrom && !hasHeader && len(t.Rows) > 1 && headerLikeRow(t, &t.Rows[0]) {
			r.Cells = append([]grid.Cell(nil), r.Cells...)
			for j := range r.Cells {
				r.Cells[j].Style = grid.Style{Class: grid.Header, Bold: true, Align: grid.Center, Wrap: true}
			}
		}
		g.Rows = append(g.Rows, r)
	}
	// each column as wide as its longest text (up to 40 units): the page
	// width is then shared by what each column has to say
	g.Widths = make([]float64, len(full.Widths))
	for j := range g.Widths {
		w := 4.0
		for _, r := range g.Rows {
			c := r.Cells[j]
			if c.Covered || c.ColSpan > 1 {
				continue
			}
			tw := grid.TextWidth(cellText(c))
			if c.Style.Class == grid.Header {
				tw = min(tw, 8) // headers wrap
			}
			w = max(w, min(tw, 40)+2)
		}
		g.Widths[j] = w
	}
	return g
}

// narrativeWidths shares the narrative's width among n columns, the
// widest each embedded table asks per column: a narrow column (a figure,
// a short name) keeps its width, the wide ones share the rest of the page.
func narrativeWidths(grids []*grid.Sheet, n int) []float64 {
	if n == 1 {
		return []float64{narrativeWidth}
	}
	out := make([]float64, n)
	for _, g := range grids {
		if g == nil {
			continue
		}
		for j, w := range g.Widths {
			out[j] = max(out[j], w)
		}
	}
	const narrow = 14.0
	fixed, wide := 0.0, 0.0
	for _, w := range out {
		if w <= narrow {
			fixed += w
		} else {
			wide += w
		}
	}
	room := narrativeWidth - fixed
	for j, w := range out {
		switch {
		case room <= 0 || wide == 0:
			out[j] = w * narrativeWidth / (fixed + wide) // all narrow: share alike
		case w > narrow:
			out[j] = max(w*room/wide, 4)
		}
	}
	return out
}

// widenRow stretches a row of a narrower table over n columns: the cell
// that owns its last column spans the rest.
func widenRow(r grid.Row, n int) grid.Row {
	m := len(r.Cells)
	if m >= n {
		return r
	}
	cells := append([]grid.Cell(nil), r.Cells...)
	last := m - 1
	owner := last
	for owner > 0 && cells[owner].Covered {
		owner--
	}
	if !cells[owner].Covered && owner+max(cells[owner].ColSpan, 1) == m {
		cells[owner].ColSpan = max(cells[owner].ColSpan, 1) + n - m
	}
	// (a last column covered from a row above was widened in that row)
	for j := m; j < n; j++ {
		cells = append(cells, grid.Cell{Covered: true, Style: cells[last].Style})
	}
	r.Cells = cells
	return r
}
