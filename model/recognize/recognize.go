// Package recognize maps the raw grids and prose of a reader onto the
// budget model, using a family's templates: which table a grid is (by its
// title), which column is which (by header words), which rows are 类/款/项
// code rows, totals, parts of the row above, or fixed rows of the form.
package recognize

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

// Options tune recognition.
type Options struct {
	// File names the source in error messages.
	File string
	// Family forces a template family instead of detecting it.
	Family string
}

// Recognize builds the model of a raw document.
func Recognize(doc *raw.Document, lib *templates.Library, opt Options) (*model.Document, error) {
	if fb := lib.Fallback(); fb != nil {
		d := *doc
		d.Blocks = titlesOutOfGrids(fb, doc.Blocks)
		doc = &d
	}
	set, err := pickFamily(doc, lib, opt)
	if err != nil {
		return nil, err
	}
	r := &recognizer{doc: doc, set: set, opt: opt, out: &model.Document{
		Layout:   doc.Layout,
		Family:   set.Family,
		Unit:     set.Unit,
		Tables:   []model.Table{},
		Projects: []model.Project{},
		Sections: []model.Section{},
		Places:   doc.Places,
	}}
	if err := r.run(); err != nil {
		return nil, err
	}
	r.coverInfo()
	return r.out, nil
}

// pickFamily returns the forced family, or the family of the document's
// layout whose marks (detect words) the document shows and whose table
// titles it prints most; a document matching no family is recognized with
// the national vocabulary (the fallback set).
func pickFamily(doc *raw.Document, lib *templates.Library, opt Options) (*templates.Set, error) {
	if opt.Family != "" {
		s := lib.Set(opt.Family)
		if s == nil {
			var names []string
			for _, s := range lib.Sets {
				names = append(names, s.Family)
			}
			return nil, &model.InputError{File: opt.File, Msg: fmt.Sprintf("没有格式模板 %q，可用：%s (no template family %q)", opt.Family, strings.Join(names, ", "), opt.Family)}
		}
		return s, nil
	}
	var best *templates.Set
	bestScore := 0
	fallback := lib.Fallback()
	for _, s := range lib.Sets {
		if s.Fallback {
			continue
		}
		// a workbook may hold any family's tables; text exports come in one layout
		if !layoutFits(s.Layout, doc.Layout) {
			continue
		}
		score, all := 0, true
		for _, w := range s.Detect {
			hit := false
			for _, b := range doc.Blocks {
				if strings.Contains(blockText(b), w) {
					hit = true
					break
				}
			}
			if hit {
				score++
			} else {
				all = false
			}
		}
		// where the national vocabulary can take the document, a family
		// must show every mark of its own
		if fallback != nil && (!all || len(s.Detect) == 0) {
			continue
		}
		found := titlesFound(doc, s)
		score += found * 10
		if found > 0 && score > bestScore {
			best, bestScore = s, score
		}
	}
	if best == nil && fallback != nil && (titlesFound(doc, fallback) > 0 || mentionsBudget(doc)) {
		// the national vocabulary; a disclosure whose tables come in another
		// file (prose only) is read with it too
		best = fallback
	}
	if best == nil {
		return nil, &model.InputError{File: opt.File, Msg: "未找到可识别的预算表：没有一个表标题与格式模板相符 (no recognizable budget table: no title matches a template)"}
	}
	return best, nil
}

// titlesOutOfGrids takes a table's title out of its grid where a reader
// drew the ruled box round the title too (a first row of one cell that
// is a title): the title becomes a line of its own before the grid.
func titlesOutOfGrids(set *templates.Set, blocks []raw.Block) []raw.Block {
	var out []raw.Block
	for _, b := range blocks {
		if !b.IsGrid() {
			out = append(out, b)
			continue
		}
		// split the grid at each row that is a title alone (several
		// tables, or one form per project, in one ruled box)
		start := 0
		flush := func(end int) {
			rows := b.Rows[start:end]
			for len(rows) > 0 && rows[0].IsBlank() {
				rows = rows[1:]
			}
			if len(rows) > 0 {
				g := b
				g.Rows = rows
				g.Line = rows[0].Line
				out = append(out, g)
			}
		}
		for ri, row := range b.Rows {
			var only *raw.Cell
			n := 0
			for i := range row.Cells {
				if c := &row.Cells[i]; strings.TrimSpace(c.Text) != "" {
					only, n = c, n+1
				}
			}
			if n != 1 || len(only.Text) > maxTitleBytes || set.MatchTitle(only.Text) == nil {
				continue
			}
			flush(ri)
			out = append(out, raw.Block{Line: only.Line, Text: strings.TrimSpace(only.Text), Page: b.Page, Sheet: b.Sheet})
			start = ri + 1
		}
		if start == 0 {
			out = append(out, b)
			continue
		}
		flush(len(b.Rows))
	}
	return out
}

// tocLine reports whether the title at i is a line of the table of
// contents rather than the title of the grid at j: it stands right under
// another title, or sentences stand between it and the grid.
func tocLine(blocks []raw.Block, titles []*templates.Table, i, j int, sentences bool) bool {
	if i > 0 && titles[i-1] != nil && !blocks[i-1].IsGrid() && norm(blocks[i-1].Text) != norm(blocks[i].Text) {
		return true
	}
	if !sentences {
		return false // a form's title may stand over paragraphs of its own
	}
	if j-i > 8 {
		return true
	}
	for _, b := range blocks[i+1 : j] {
		if len([]rune(b.Text)) > 60 || strings.Contains(b.Text, "。") {
			return true
		}
	}
	return false
}

// spaced is a space a justified line put between two characters of a
// word or figure (1 5 5 , 7 2 3 . 3 9 万 元, 江 苏 省).
var spaced = regexp.MustCompile(`([\p{Han}\d,.，。、；：（）“”%]) +([\p{Han}\d,.，。、；：（）“”%])`)

// closeSpacing removes the spaces a text export put inside words and
// figures of a Chinese sentence.
func closeSpacing(s string) string {
	for {
		t := spaced.ReplaceAllString(s, "$1$2")
		if t == s {
			return s
		}
		s = t
	}
}

// runningHead reports whether a line is the running head a page prints
// above the continuation of a table (无锡市统计局 2026 年度部门预算公开).
func runningHead(s string) bool {
	n := len([]rune(s))
	return n <= 40 && !strings.ContainsAny(s, "。，；") && (strings.Contains(s, "预算公开") || strings.HasSuffix(s, "部门预算"))
}

// pageNumber matches a line that only numbers the page: - 31 -, —3—,
// 第 3 页, 第 3 页 共 40 页, 3/40.
var pageNumber = regexp.MustCompile(`^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$`)

// headerFragment reports whether a prose line can be a piece of a table
// header set apart by a text export: short, no sentence, no note.
func headerFragment(s string) bool {
	s = strings.TrimSpace(s)
	if runningHead(s) {
		return true
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "其中："), "其中:")
	return s != "" && len([]rune(s)) <= 16 && !strings.ContainsAny(s, "。，；：:") && !noteStart.MatchString(s)
}

// linesAsRows turns prose lines set apart inside a table into rows of
// it, each line's text in the column where the last row above it printed
// its label.
func linesAsRows(above raw.Block, lines []raw.Block) raw.Block {
	col, w := 0, gridWidth(above)
	if n := len(above.Rows); n > 0 {
		for j, c := range above.Rows[n-1].Cells {
			if s := norm(c.Text); s != "" {
				if _, err := model.ParseAmount(s); err != nil {
					col = j
				}
			}
		}
	}
	b := raw.Block{Line: above.Line, Rows: []raw.Row{}}
	for _, l := range lines {
		if s := strings.TrimSpace(l.Text); s == "" || runningHead(s) || pageNumber.MatchString(s) {
			continue // the page's furniture, not the table's
		}
		cells := make([]raw.Cell, w)
		for j := range cells {
			cells[j].Line = l.Line
		}
		cells[col].Text = l.Text
		b.Rows = append(b.Rows, raw.Row{Line: l.Line, Cells: cells})
	}
	return b
}

// gridsHaveFigures reports whether any row of the grids holds a figure.
func gridsHaveFigures(gs []raw.Block) bool {
	for _, g := range gs {
		for _, row := range g.Rows {
			if hasFigure(row) {
				return true
			}
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// sameWidth reports whether a grid can be the next piece of the grid
// before it: as wide, within two columns, or as wide as the part of it
// its figure rows fill (a table's next page has no header row, and its
// grid drops the trailing columns the header names that no row fills).
func sameWidth(next, prev raw.Block) bool {
	return abs(gridWidth(next)-gridWidth(prev)) <= 2 || abs(gridWidth(next)-filledWidth(prev)) <= 2
}

// filledWidth is the width of the grid's rows with figures, less their
// trailing blank cells.
func filledWidth(b raw.Block) int {
	w := 0
	for _, r := range b.Rows {
		if !hasFigure(r) {
			continue
		}
		for j := len(r.Cells) - 1; j >= w; j-- {
			if strings.TrimSpace(r.Cells[j].Text) != "" {
				w = j + 1
				break
			}
		}
	}
	return w
}

func gridWidth(b raw.Block) int {
	w := 0
	for _, r := range b.Rows {
		if len(r.Cells) > w {
			w = len(r.Cells)
		}
	}
	return w
}

// mentionsBudget reports whether the document's prose speaks of a
// departmental budget (部门预算, 单位预算).
func mentionsBudget(doc *raw.Document) bool {
	for _, b := range doc.Blocks {
		if !b.IsGrid() && (strings.Contains(b.Text, "部门预算") || strings.Contains(b.Text, "单位预算") || strings.Contains(b.Text, "部门综合预算")) {
			return true
		}
	}
	return false
}

// titlesFound counts the table kinds of the set whose titles the document prints.
func titlesFound(doc *raw.Document, s *templates.Set) int {
	found := map[string]bool{}
	for _, b := range doc.Blocks {
		if b.IsGrid() || len(b.Text) > maxTitleBytes {
			continue
		}
		if t := s.MatchTitle(b.Text); t != nil {
			found[t.Kind] = true
		}
	}
	return len(found)
}

func blockText(b raw.Block) string {
	if !b.IsGrid() {
		return b.Text
	}
	var sb strings.Builder
	for _, r := range b.Rows {
		for _, c := range r.Cells {
			sb.WriteString(c.Text)
		}
	}
	return sb.String()
}

// maxTitleBytes bounds what can be a title: a long paragraph is not one.
const maxTitleBytes = 600

type recognizer struct {
	doc *raw.Document
	set *templates.Set
	opt Options
	out *model.Document
	// number is the number label printed over the title of the table
	// being read (单位预算01表), or "".
	number string
	// numberLeft reports that the number stands left of the title.
	numberLeft bool
	// section is the narrative section being filled.
	section *model.Section
	// grouped holds the keys of the columns of the table being read whose
	// published figures print thousands separators.
	grouped map[string]bool
	// codeName holds, by column key, how the table being read prints a
	// row's code and name together in one cell of the column.
	codeName map[string]string
	// last is the table read last, while nothing but its caption lines
	// may follow it: see spill.
	last *lastTable
}

// lastTable is the table read last: its template and title, and the
// index of the block after it.
type lastTable struct {
	t     *templates.Table
	title raw.Block
	end   int
}

func (r *recognizer) errorf(line int, table, format string, args ...any) error {
	return &model.InputError{File: r.opt.File, Line: line, Table: table, Msg: fmt.Sprintf(format, args...)}
}

var (
	yearInText   = regexp.MustCompile(`(\d{4})\s*年度?\s*部门预算`)
	yearField    = regexp.MustCompile(`预算年度[：:]\s*(\d{4})`)
	unitField    = regexp.MustCompile(`单\s*位[：:]\s*(万元|元)`)
	deptField    = regexp.MustCompile(`部门名称[：:]\s*(.+?)\s*(单\s*位[：:].*)?$`)
	deptCoded    = regexp.MustCompile(`^(\d{2,})\s*(\S.*)$`)
	noteStart    = regexp.MustCompile(`^[（(]?\s*(注|备注|说明)\s*[：:]`)
	paragraphEnd = regexp.MustCompile(`[。！？!?]\s*$`)
	listStart    = regexp.MustCompile(`^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、．]|\d+\.[^\d]|第[一二三四五六七八九十]+部分|附件|注[：:])`)
	sectionHd    = regexp.MustCompile(`^([一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)`)
)

func (r *recognizer) run() error {
	var blocks []raw.Block
	all := r.doc.Blocks
	for i, b := range all {
		first := i == 0 || all[i-1].Sheet != b.Sheet
		proseNext := i+1 < len(all) && all[i+1].Sheet == b.Sheet && !all[i+1].IsGrid()
		if r.ignored(b.Sheet) || first && proseNext && b.Sheet != "" && !b.IsGrid() && b.Text == b.Sheet {
			continue // a sheet of the pack's own, or the title of a prose sheet naming itself
		}
		blocks = append(blocks, b)
	}
	titles := make([]*templates.Table, len(blocks))
	for i, b := range blocks {
		if !b.IsGrid() && len(b.Text) <= maxTitleBytes {
			titles[i] = r.set.MatchTitle(b.Text)
		}
	}
	if r.set.Lenient {
		for i := 0; i+1 < len(blocks); i++ {
			// a title printed over two lines (… 培训费 / 支出预算表)
			b, next := blocks[i], blocks[i+1]
			if titles[i] == nil && !b.IsGrid() && !next.IsGrid() && titles[i+1] == nil && len(b.Text) <= maxTitleBytes {
				if n := strings.TrimSpace(next.Text); strings.HasSuffix(n, "表") && len([]rune(n)) <= 12 {
					if t := r.set.MatchTitle(b.Text + n); t != nil {
						titles[i] = t
						blocks[i].Text = strings.TrimSpace(b.Text) + n
						blocks[i+1].Text = ""
					}
				}
			}
		}
	}
	// a table's number printed on its own line over the title (单位预算01表)
	numbers := make([]raw.Block, len(blocks))
	for i := 1; i < len(blocks); i++ {
		if p := blocks[i-1]; titles[i] != nil && titles[i-1] == nil && !p.IsGrid() && !blocks[i].IsGrid() && templates.IsFormNumber(p.Text) {
			numbers[i] = p
			numbers[i].Text = strings.Join(strings.Fields(p.Text), "")
			blocks[i-1].Text = ""
		}
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if r.set.Lenient && titles[i] == nil && r.last != nil && r.last.end == i {
			// The columns of a wide table printed on the next page across
			// (a sheet printed page by page), under its caption lines.
			j := i
			for j < len(blocks) && !blocks[j].IsGrid() && titles[j] == nil && captionLabel.MatchString(strings.TrimSpace(blocks[j].Text)) {
				j++
			}
			if j < len(blocks) && blocks[j].IsGrid() && r.spill(blocks[j], blocks[i:j]) {
				r.last.end = j + 1
				i = j
				continue
			}
		}
		if b.IsGrid() {
			// A grid with no title of its own: keep it as an untitled table
			// so that nothing published is lost.
			if err := r.untitled(b); err != nil {
				return err
			}
			continue
		}
		t := titles[i]
		if t == nil {
			r.prose(b)
			if m := yearInText.FindStringSubmatch(b.Text); m != nil && r.out.Year == 0 {
				r.out.Year, _ = strconv.Atoi(m[1])
			}
			continue
		}
		// The title owns the next grid unless another title comes first
		// (then it is a line of the table of contents).
		j := i + 1
		for j < len(blocks) && !blocks[j].IsGrid() && titles[j] == nil {
			j++
		}
		if j >= len(blocks) || !blocks[j].IsGrid() || r.set.Lenient && tocLine(blocks, titles, i, j, t.Form == "") {
			r.prose(numbers[i]) // the number stays with the title (an empty one is no prose)
			r.prose(b)
			continue
		}
		var caption []raw.Block
		caption = append(caption, blocks[i+1:j]...)
		// A form may span several grids in a row.
		k := j + 1
		if t.Form == "project" {
			for k < len(blocks) && blocks[k].IsGrid() {
				k++
			}
		}
		var grids []raw.Block
		switch {
		case r.set.Lenient && t.Form == "":
			// A table cut into grids by lines a text export set apart (a
			// line of its header, labels of rows without figures): grids
			// with only such short lines between them are one table, the
			// lines rows of it where they come after its body began. A
			// grid on a later page that opens with the table's header
			// again continues it across what the page break printed
			// between them (its number, cell text run over the page end).
			grids = append(grids, withoutRepeatedHead(blocks[j]))
			for {
				n := k
				for n < len(blocks) && !blocks[n].IsGrid() && headerFragment(blocks[n].Text) && titles[n] == nil {
					n++
				}
				fragments := n < len(blocks) && blocks[n].IsGrid()
				if !fragments {
					for n < len(blocks) && !blocks[n].IsGrid() && titles[n] == nil && n-k <= maxBreakLines {
						n++
					}
				}
				if n >= len(blocks) || !blocks[n].IsGrid() || n-k > 30 {
					break
				}
				next := blocks[n]
				skip, cols, repeated := 0, []int(nil), false
				if onLaterPage(next, grids[len(grids)-1]) {
					skip, cols, repeated = repeatedHead(blocks[j], next)
				}
				sparse, dropped := []int(nil), false
				narrower := !sameWidth(next, grids[len(grids)-1]) ||
					gridWidth(next) < gridWidth(grids[len(grids)-1]) && onlyPageBreak(blocks[k:n])
				if !repeated && narrower && gridsHaveFigures(grids) && !t.TwoSided &&
					onLaterPage(next, grids[len(grids)-1]) && (fragments || pageBreakLines(blocks[k:n])) && !captionBetween(blocks[k:n]) {
					// a next page without header whose grid dropped the
					// columns none of its rows fills
					sparse, dropped = droppedColumns(blocks[j], next)
				}
				switch {
				case repeated && (fragments || pageBreakLines(blocks[k:n])):
					next = underHead(blocks[j], next, skip, cols)
				case dropped:
					next = underHead(blocks[j], next, 0, sparse)
				case !fragments || !(sameWidth(next, grids[len(grids)-1]) || !gridsHaveFigures(grids) || t.TwoSided):
					n = -1
				}
				if n < 0 {
					break
				}
				if gridsHaveFigures(grids) {
					grids = append(grids, linesAsRows(grids[len(grids)-1], blocks[k:n]))
				}
				grids = append(grids, next)
				k = n + 1
			}
		case r.set.Lenient:
			// A form goes on on the next pages in grids of their own,
			// under no title: one table as published, the text of a cell
			// run over the page end between them back in its cell.
			grids = append(grids, blocks[j:k]...)
			for {
				n := k
				for n < len(blocks) && !blocks[n].IsGrid() && titles[n] == nil && n-k <= maxBreakLines {
					n++
				}
				if n >= len(blocks) || !blocks[n].IsGrid() || !pageBreakLines(blocks[k:n]) || !onLaterPage(blocks[n], grids[len(grids)-1]) {
					break
				}
				grids[len(grids)-1] = runOn(grids[len(grids)-1], cellRunOn(blocks[k:n]))
				for k = n; k < len(blocks) && blocks[k].IsGrid(); k++ {
					grids = append(grids, underLastRow(grids[len(grids)-1], blocks[k]))
				}
			}
		default:
			grids = blocks[j:k]
		}
		// Notes directly under the table.
		var notes []model.Note
		for k < len(blocks) && !blocks[k].IsGrid() && noteStart.MatchString(blocks[k].Text) {
			notes = append(notes, model.Note{Text: blocks[k].Text, Line: blocks[k].Line})
			k++
		}
		r.number = numbers[i].Text
		// the number at the left where it ends before the title starts
		r.numberLeft = numbers[i].X1 > 0 && b.X1 > 0 && numbers[i].X1 <= b.X0
		if err := r.table(t, b, caption, grids, notes); err != nil {
			return err
		}
		r.last = nil
		if t.Form == "" {
			r.last = &lastTable{t: t, title: b, end: k}
		}
		i = k - 1
	}
	r.finish()
	return nil
}

// onlyPageBreak reports whether nothing but page numbers stands between
// two grids: a next page a column or two narrower than the page before
// is paired with its columns (see droppedColumns) only when it follows
// the page straight on, not across prose a reader split into columns.
func onlyPageBreak(lines []raw.Block) bool {
	for _, b := range lines {
		if b.IsGrid() || !pageNumber.MatchString(strings.TrimSpace(b.Text)) {
			return false
		}
	}
	return true
}

// captionBetween reports whether a caption line (单位：万元, 编制单位：…)
// stands among lines: a page that prints the table's caption again prints
// more of the table across (see spill), not its rows going on under no
// header.
func captionBetween(lines []raw.Block) bool {
	for _, b := range lines {
		if !b.IsGrid() && captionLabel.MatchString(strings.TrimSpace(b.Text)) {
			return true
		}
	}
	return false
}

// spill joins a grid on a page of its own after the last table, holding
// only header words and no figures, to that table when the words are
// columns of its kind it lacks: the rest of its header, printed on the
// next page across (the blank 其他收入 column of a Shanghai 收入总表). A
// grid that adds no such column leaves everything as it was.
func (r *recognizer) spill(grid raw.Block, caption []raw.Block) bool {
	n := len(r.out.Tables)
	if n == 0 || grid.Page <= r.last.title.Page || gridsHaveFigures([]raw.Block{grid}) {
		return false
	}
	prev := &r.out.Tables[n-1]
	if prev.Kind != r.last.t.Kind {
		return false
	}
	cols, rows, notes, remarks, unit := len(prev.Columns), len(prev.Rows), len(prev.Notes), len(prev.Remarks), r.out.Unit
	err := r.table(r.last.t, r.last.title, caption, []raw.Block{grid}, nil)
	prev = &r.out.Tables[n-1]
	ok := err == nil && len(r.out.Tables) == n && len(prev.Columns) > cols
	for _, c := range prev.Columns[cols:] {
		if !slices.ContainsFunc(r.last.t.Columns, func(tc templates.Column) bool { return tc.Key == c.Key }) {
			ok = false // a column of the grid as printed, not of the kind
		}
	}
	// The spilled rows stand beside the table's own rows: no rows to add;
	// the columns the part lacks (those of the page before) are no remark.
	prev.Rows, prev.Notes, prev.Remarks = prev.Rows[:rows], prev.Notes[:notes], prev.Remarks[:remarks]
	if !ok {
		r.out.Tables = r.out.Tables[:n]
		prev.Columns, r.out.Unit = prev.Columns[:cols], unit
	}
	return ok
}

func (r *recognizer) ignored(sheet string) bool {
	for _, s := range r.set.Common.IgnoreSheets {
		if sheet != "" && sheet == s {
			return true
		}
	}
	return false
}

// prose adds a narrative line to the current section, or starts a section.
func (r *recognizer) prose(b raw.Block) {
	text := strings.TrimSpace(b.Text)
	if text == "" || pageNumber.MatchString(text) {
		return // a page's number, between two lines of a paragraph running on
	}
	if b.Heading || (sectionHd.MatchString(text) && len([]rune(text)) <= 40 && !strings.ContainsAny(text, "：:。")) {
		r.out.Sections = append(r.out.Sections, model.Section{Heading: text, Line: b.Line, Paragraphs: []model.Paragraph{}})
		r.section = &r.out.Sections[len(r.out.Sections)-1]
		return
	}
	if r.section == nil {
		r.out.Sections = append(r.out.Sections, model.Section{Heading: "", Line: b.Line, Paragraphs: []model.Paragraph{}})
		r.section = &r.out.Sections[len(r.out.Sections)-1]
	}
	if r.set.Lenient {
		text = closeSpacing(text)
	}
	if ps := r.section.Paragraphs; r.set.Lenient && len(ps) > 0 && (!paragraphEnd.MatchString(ps[len(ps)-1].Text) && !listStart.MatchString(text) || strings.HasPrefix(text, "其中")) {
		// a text export breaks a paragraph at each printed line
		ps[len(ps)-1].Text += text
		return
	}
	r.section.Paragraphs = append(r.section.Paragraphs, model.Paragraph{Text: text, Line: b.Line})
}

func (r *recognizer) untitled(b raw.Block) error {
	t := model.Table{Kind: "other", Title: "", Line: b.Line, Columns: []model.Column{}, Rows: []model.Row{}}
	w := 0
	for _, row := range b.Rows {
		if len(row.Cells) > w {
			w = len(row.Cells)
		}
	}
	for j := 0; j < w; j++ {
		t.Columns = append(t.Columns, model.Column{Key: fmt.Sprintf("c%d", j+1), Type: model.TypeText})
	}
	for _, row := range b.Rows {
		mr := model.Row{Values: map[string]model.Amount{}, Texts: map[string]string{}, Line: row.Line}
		for j, c := range row.Cells {
			if s := strings.TrimSpace(c.Text); s != "" {
				mr.Texts[fmt.Sprintf("c%d", j+1)] = s
			}
		}
		t.Rows = append(t.Rows, mr)
	}
	r.out.Tables = append(r.out.Tables, t)
	return nil
}

// finish fills what is known only at the end: the department code, the
// overall goal where it is prose, and the projects' types from 项目支出表.
func (r *recognizer) finish() {
	d := r.out
	r.shapedProjects()
	if d.Department.Code == "" && d.Department.Name != "" {
		for _, t := range d.Tables {
			for _, row := range t.Rows {
				if row.Role == model.RoleUnit && norm(row.Name) == norm(d.Department.Name) && row.Code != "" {
					d.Department.Code = row.Code
				}
			}
			if d.Department.Code != "" {
				break
			}
		}
	}
	if d.Overall == nil && r.set.OverallSection != "" {
		for _, s := range d.Sections {
			if strings.Contains(s.Heading, r.set.OverallSection) {
				var texts []string
				for _, p := range s.Paragraphs {
					texts = append(texts, p.Text)
				}
				d.Overall = &model.OverallGoal{Goal: strings.Join(texts, "\n"), Line: s.Line}
				break
			}
		}
	}
	if pt := d.TableByKind("project_expenditure"); pt != nil {
		for i := range d.Projects {
			p := &d.Projects[i]
			for _, row := range pt.Rows {
				if row.Role == "" && norm(row.Name) == norm(p.Name) {
					if p.Type == "" {
						p.Type = row.Texts["type"]
					}
					if p.Unit == "" {
						p.Unit = row.Texts["unit"]
					}
				}
			}
		}
	}
}

// captionInfo reads the department, year and unit from the caption items.
func (r *recognizer) captionInfo(items []string) (unit string) {
	for _, it := range items {
		if m := unitField.FindStringSubmatch(it); m != nil {
			unit = m[1]
		}
		if m := yearField.FindStringSubmatch(it); m != nil && r.out.Year == 0 {
			r.out.Year, _ = strconv.Atoi(m[1])
		}
		if m := deptField.FindStringSubmatch(it); m != nil && r.out.Department.Name == "" {
			r.out.Department.Name = strings.TrimSpace(m[1])
		}
		if m := deptCoded.FindStringSubmatch(it); m != nil && r.out.Department.Name == "" &&
			!strings.ContainsAny(it, "：:") && !strings.HasPrefix(m[2], "年") && !strings.Contains(m[2], "预算") {
			r.out.Department = model.Department{Code: m[1], Name: strings.TrimSpace(m[2])}
		}
	}
	return unit
}

// proseCaption joins the prose lines between a title and its grid (a
// header cell may be split over lines: 单 / 位： / 万元) into items.
func proseCaption(blocks []raw.Block) []string {
	var sb strings.Builder
	for _, b := range blocks {
		sb.WriteString(strings.TrimSpace(b.Text))
	}
	s := sb.String()
	if s == "" {
		return nil
	}
	var items []string
	if loc := unitField.FindStringIndex(s); loc != nil {
		// 金额单位：万元 is one item, as printed
		if head := strings.TrimRightFunc(s[:loc[0]], unicode.IsSpace); strings.HasSuffix(head, "金额") {
			loc[0] = len(head) - len("金额")
		}
		if before := strings.TrimSpace(s[:loc[0]]); before != "" {
			items = append(items, before)
		}
		items = append(items, norm(s[loc[0]:loc[1]]))
		if after := strings.TrimSpace(s[loc[1]:]); after != "" {
			items = append(items, after)
		}
		return items
	}
	return []string{s}
}
