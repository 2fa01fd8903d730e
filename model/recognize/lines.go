package recognize

import (
	"math/bits"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

// A text export (pdftotext -layout) has no rulings: a printed row whose
// cells wrap comes out as several lines, each read as a row of its own.
// The forms that wrap their cells centre them in the row, so a cell of one
// line (an amount, an indicator's value) stands at the row's middle and the
// lines of a wrapped cell stand above and below it. The helpers here join
// such lines back into the printed rows.

// linePlace is where a row read from a text export stands: its page and
// its line on the page.
type linePlace struct{ page, line int }

// textLines returns the place of each row when the document was read from
// a text export, one row per printed line; ok is false for a document whose
// reader found the rows themselves (a PDF's rulings, a workbook's cells).
func (r *recognizer) textLines(rows []printedRow) ([]linePlace, bool) {
	if r.doc.Layout != "layout-text" || len(r.out.Places) == 0 || len(rows) == 0 {
		return nil, false
	}
	out := make([]linePlace, len(rows))
	for i, row := range rows {
		if row.line < 1 || row.line > len(r.out.Places) {
			return nil, false
		}
		p := r.out.Places[row.line-1]
		if p.Line == 0 {
			return nil, false
		}
		out[i] = linePlace{p.Page, p.Line}
	}
	return out, true
}

// centredRows assigns lines (of one page, in order, at line positions pos)
// to the rows of the anchor lines: row k holds anchors[k] and the lines
// around it. The boundary between two rows is placed where each anchor
// stands nearest the middle of its row, over all rows of the page at once
// (a row's height is its tallest cell's, which no one line shows). Lines
// before the first anchor go to the first row, after the last to the last.
// It returns the row of each line.
func centredRows(pos []int, anchors []int) []int {
	top, bottom := make([]int, len(pos)), make([]int, len(pos))
	for i, p := range pos {
		top[i], bottom[i] = p, p+1
	}
	return centredSpans(top, bottom, anchors)
}

// centredSpans is centredRows for items that span lines [top, bottom):
// the rows of several lines a form's indicator takes, grouped into the
// rows of projects.
func centredSpans(top, bottom []int, anchors []int) []int {
	n, k := len(top), len(anchors)
	rowOf := make([]int, n)
	if k == 0 {
		return rowOf
	}
	// edge(j) is the boundary above item j: the middle of the blank
	// space between it and the item above (doubled, to stay in integers)
	edge := func(j int) int {
		switch {
		case j <= 0:
			return 2 * top[0]
		case j >= n:
			return 2 * bottom[n-1]
		}
		return bottom[j-1] + top[j]
	}
	// cost of row i spanning items [a, b): its anchor's middle against
	// the row's middle
	cost := func(i, a, b int) int {
		d := edge(a) + edge(b) - 2*(top[anchors[i]]+bottom[anchors[i]])
		return d * d
	}
	const inf = int(^uint(0) >> 2)
	// best[i][b]: the least cost of rows 0..i with row i ending before line b
	best := make([][]int, k)
	from := make([][]int, k)
	for i := range best {
		best[i] = make([]int, n+1)
		from[i] = make([]int, n+1)
		for b := range best[i] {
			best[i][b] = inf
		}
	}
	ends := func(i int) (int, int) { // the lines row i may end before
		if i == k-1 {
			return n, n
		}
		return anchors[i] + 1, anchors[i+1]
	}
	lo, hi := ends(0)
	for b := lo; b <= hi; b++ {
		best[0][b] = cost(0, 0, b)
	}
	for i := 1; i < k; i++ {
		lo, hi := ends(i)
		plo, phi := ends(i - 1)
		for b := lo; b <= hi; b++ {
			for a := plo; a <= phi; a++ {
				if best[i-1][a] == inf || a > anchors[i] {
					continue
				}
				if c := best[i-1][a] + cost(i, a, b); c < best[i][b] {
					best[i][b], from[i][b] = c, a
				}
			}
		}
	}
	b := n
	for i := k - 1; i >= 0; i-- {
		a := 0
		if i > 0 {
			a = from[i][b]
		}
		for j := a; j < b; j++ {
			rowOf[j] = i
		}
		b = a
	}
	return rowOf
}

// joinFragments joins the lines of one wrapped cell: Chinese text runs on
// without a space, words of other scripts keep one.
func joinFragments(parts []string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			last, _ := utf8.DecodeLastRuneInString(out)
			first, _ := utf8.DecodeRuneInString(p)
			if isWordRune(last) && isWordRune(first) {
				out += " "
			}
		}
		out += p
	}
	return out
}

// isWordRune reports a letter of a script that separates words by spaces.
func isWordRune(r rune) bool {
	return r < 0x2E80 && unicode.IsLetter(r)
}

// joinRows joins the rows of one group into one: each column's fragments
// top to bottom, only the columns cols says (all where cols is nil).
func joinRows(rows []printedRow, w int, cols func(j int) bool) []string {
	out := make([]string, w)
	for j := 0; j < w; j++ {
		if cols != nil && !cols(j) {
			continue
		}
		var parts []string
		for _, row := range rows {
			if j < len(row.cells) && row.cells[j] != "" {
				parts = append(parts, row.cells[j])
			}
		}
		out[j] = joinFragments(parts)
	}
	return out
}

// headerColumns finds the columns the header lines of a text export label,
// where a label may be split over several lines and pdftotext may set the
// lines of two narrow columns' labels one over the other in one column
// (本年绩 / 绩效度 / 效指标 / 量单位 / 值): a label is any run of a column's
// fragments, top to bottom, that reads as one; a second label found in a
// column is the next column's, where that one labels nothing of its own.
func headerColumns(rows []printedRow, labels map[string][]string) map[string]int {
	w := 0
	for _, row := range rows {
		w = max(w, len(row.cells))
	}
	found := make([][]string, w)
	for j := 0; j < w; j++ {
		var frags []string
		for _, row := range rows {
			if j < len(row.cells) && row.cells[j] != "" {
				frags = append(frags, row.cells[j])
			}
		}
		if len(frags) > 8 {
			frags = frags[:8]
		}
		// the runs of fragments, the longest (the most lines) first
		type hit struct {
			key   string
			first int
		}
		var hits []hit
		used := 0
		masks := make([]int, 0, 1<<len(frags))
		for mask := 1<<len(frags) - 1; mask > 0; mask-- {
			masks = append(masks, mask)
		}
		sort.SliceStable(masks, func(a, b int) bool { return bits.OnesCount(uint(masks[a])) > bits.OnesCount(uint(masks[b])) })
		for _, mask := range masks {
			if mask&used != 0 {
				continue
			}
			var s []string
			first := -1
			for f := range frags {
				if mask&(1<<f) != 0 {
					s = append(s, frags[f])
					if first < 0 {
						first = f
					}
				}
			}
			if key, _ := label(strings.Join(s, ""), labels); key != "" {
				hits = append(hits, hit{key, first})
				used |= mask
			}
		}
		// in the order the labels start, top to bottom
		for a := 1; a < len(hits); a++ {
			for b := a; b > 0 && hits[b].first < hits[b-1].first; b-- {
				hits[b], hits[b-1] = hits[b-1], hits[b]
			}
		}
		for _, h := range hits {
			found[j] = append(found[j], h.key)
		}
	}
	cols := map[string]int{}
	for j, keys := range found {
		for n, key := range keys {
			at := j + n
			if n > 0 && (at >= w || len(found[at]) > 0) {
				continue
			}
			if _, ok := cols[key]; !ok {
				cols[key] = at
			}
		}
	}
	return cols
}

// joinListLines joins the lines of a list of projects read from a text
// export into its printed rows: on each page, the header's lines (down to
// the last line that holds a label, before the first line of figures) into
// one header row of the labels found; the data lines into one row per
// indicator, around the line of its value, its indicator cells joined;
// those rows (and the lines of amounts beside none) into the rows of the
// projects, each around the line of its amount (项目总额), the project's
// field cells (name, amounts, goal) joined. The project's fields go with
// its first indicator, as a merged cell prints.
func joinListLines(s *templates.FormShape, rows []printedRow, at []linePlace) []printedRow {
	all := map[string][]string{}
	for k, v := range s.Fields {
		all["f."+k] = v
	}
	for k, v := range s.Indicators {
		all["i."+k] = v
	}
	w := 0
	for _, row := range rows {
		w = max(w, len(row.cells))
	}
	// the pages, each a run of rows
	var pages [][2]int
	for i := range rows {
		if i == 0 || at[i].page != at[i-1].page {
			pages = append(pages, [2]int{i, i})
		}
		pages[len(pages)-1][1] = i + 1
	}
	figures := func(row printedRow) bool {
		for _, c := range row.cells {
			if c == "" {
				continue
			}
			if _, err := model.ParseAmount(c); err == nil || isClass(c, s.Classes) {
				return true
			}
		}
		return false
	}
	// each page's header lines; a page's columns may stand apart from
	// the first page's (a grid found from text per page): its rows are
	// set at the first page's columns by the labels both headers show
	headEnd := make([]int, len(pages))
	var cols, pageCols map[string]int
	rows = append([]printedRow(nil), rows...)
	for p, pg := range pages {
		headEnd[p] = pg[0]
		named := false
		for i := pg[0]; i < pg[1] && !figures(rows[i]); i++ {
			if len(columnsOf(rows[i].cells, all)) > 0 {
				headEnd[p] = i + 1
				if _, ok := columnsOf(rows[i].cells, all)["f.name"]; ok {
					named = true
				}
			}
		}
		if !named {
			headEnd[p] = pg[0]
		} else {
			pageCols = headerColumns(rows[pg[0]:headEnd[p]], all)
			if cols == nil {
				cols = pageCols
			}
		}
		if pageCols == nil {
			continue
		}
		for i := headEnd[p]; i < pg[1]; i++ {
			rows[i] = printedRow{cells: moveColumns(rows[i].cells, pageCols, cols, w), line: rows[i].line}
		}
	}
	if cols == nil {
		return rows
	}
	// a page printed without a header has its own grid (alignClasses)
	if j, ok := cols["i.level1"]; ok {
		colOf := func(key string) int {
			if j, ok := cols[key]; ok {
				return j
			}
			return -1
		}
		for p, pg := range pages {
			if headEnd[p] == pg[0] {
				alignClasses(rows[pg[0]:pg[1]], s, j, colOf("i.level2"), colOf("i.value"), w)
			}
		}
	}
	header := printedRow{cells: make([]string, w), line: rows[0].line}
	isField := map[int]bool{}
	for key, j := range cols {
		if j >= w {
			continue
		}
		words := all[key]
		if len(words) > 0 {
			header.cells[j] = words[0]
		}
		if strings.HasPrefix(key, "f.") {
			isField[j] = true
		}
	}
	amountAt, ok := cols["f.amount"]
	if !ok {
		if amountAt, ok = cols["f.fiscal"]; !ok {
			return rows
		}
	}
	indAt := -1 // an indicator's own line prints cells right of its name
	if j, ok := cols["i.level3"]; ok {
		indAt = j
	} else if j, ok := cols["i.value"]; ok {
		indAt = j - 1
	}
	indFrom := w // the first indicator column
	for key, j := range cols {
		if strings.HasPrefix(key, "i.") {
			indFrom = min(indFrom, j)
		}
	}
	isAmount := func(row printedRow) bool {
		if amountAt >= len(row.cells) || row.cells[amountAt] == "" {
			return false
		}
		_, err := model.ParseAmount(row.cells[amountAt])
		return err == nil
	}
	isIndicator := func(row printedRow) bool {
		for j := indAt + 1; indAt >= 0 && j < len(row.cells); j++ {
			if row.cells[j] != "" && !isField[j] {
				return true
			}
		}
		return false
	}
	posOf := func(idx []int) []int {
		pos := make([]int, len(idx))
		for k, i := range idx {
			pos[k] = at[i].line
		}
		return pos
	}
	var out []printedRow
	var groups [][]int // the data lines of each project, over pages
	for p, pg := range pages {
		out = append(out, header)
		var data, anchors []int
		for i := headEnd[p]; i < pg[1]; i++ {
			if isAmount(rows[i]) {
				anchors = append(anchors, len(data))
			}
			data = append(data, i)
		}
		if len(data) == 0 {
			continue
		}
		if len(anchors) == 0 {
			// a page of a project's indicators cut by the page break
			if len(groups) > 0 {
				groups[len(groups)-1] = append(groups[len(groups)-1], data...)
				continue
			}
			groups = append(groups, data)
			continue
		}
		// the indicators' rows first, each around its own line; then the
		// projects' rows of those, each around the line of its amount
		var inds []int
		for k, i := range data {
			if isIndicator(rows[i]) {
				inds = append(inds, k)
			}
		}
		subOf := centredRows(posOf(data), inds)
		if len(inds) > 0 {
			settleEdges(subOf, pick(rows, data), inds)
		}
		// the items: each indicator's row, and each amount's line that
		// stands on no indicator's line
		type item struct{ top, bottom, sub, line int }
		var items []item
		var itemAnchors []int
		subItem := map[int]int{}
		for k, i := range data {
			if len(inds) > 0 && (isIndicator(rows[i]) || hasIndicatorText(rows[i], indFrom, isField)) {
				if it, ok := subItem[subOf[k]]; ok {
					items[it].bottom = at[i].line + 1
					continue
				}
				subItem[subOf[k]] = len(items)
				items = append(items, item{at[i].line, at[i].line + 1, subOf[k], -1})
			}
		}
		for k, i := range data {
			if !isAmount(rows[i]) {
				continue
			}
			if it, ok := subItem[subOf[k]]; ok && len(inds) > 0 && at[i].line >= items[it].top && at[i].line < items[it].bottom && isIndicator(rows[i]) {
				items[it].line = at[i].line
				continue
			}
			items = append(items, item{at[i].line, at[i].line + 1, -1, at[i].line})
		}
		sort.SliceStable(items, func(a, b int) bool { return items[a].top < items[b].top })
		tops, bottoms := make([]int, len(items)), make([]int, len(items))
		for n, it := range items {
			tops[n], bottoms[n] = it.top, it.bottom
			if it.line >= 0 {
				itemAnchors = append(itemAnchors, n)
			}
		}
		projOf := centredSpans(tops, bottoms, itemAnchors)
		// a line's project: that of its indicator's row, or of the item
		// whose span holds it, else of the item nearest above
		first := len(groups)
		groups = append(groups, make([][]int, len(itemAnchors))...)
		subAt := map[int]int{}
		for n, it := range items {
			if it.sub >= 0 {
				subAt[it.sub] = projOf[n]
			}
		}
		for k, i := range data {
			proj := 0
			if pr, ok := subAt[subOf[k]]; ok && (isIndicator(rows[i]) || hasIndicatorText(rows[i], indFrom, isField)) {
				proj = pr
			} else {
				best := -1
				for n, it := range items {
					d := 0
					switch l := at[i].line; {
					case l < it.top:
						d = it.top - l
					case l >= it.bottom:
						d = l - it.bottom + 1
					}
					if best < 0 || d < best {
						best, proj = d, projOf[n]
					}
				}
			}
			groups[first+proj] = append(groups[first+proj], i)
		}
	}
	for _, g := range groups {
		var lines []printedRow
		for _, i := range g {
			lines = append(lines, rows[i])
		}
		fields := joinRows(lines, w, func(j int) bool { return isField[j] })
		line := lines[0].line
		for _, l := range lines {
			if isAmount(l) {
				line = l.line
				break
			}
		}
		// the indicators, each around its own line, page by page
		var subs [][]printedRow
		for a := 0; a < len(g); {
			b := a
			for b < len(g) && at[g[b]].page == at[g[a]].page {
				b++
			}
			var anchors []int
			for k := a; k < b; k++ {
				if isIndicator(rows[g[k]]) {
					anchors = append(anchors, k-a)
				}
			}
			if len(anchors) > 0 {
				rowOf := centredRows(posOf(g[a:b]), anchors)
				settleEdges(rowOf, pick(rows, g[a:b]), anchors)
				base := len(subs)
				subs = append(subs, make([][]printedRow, len(anchors))...)
				for k := a; k < b; k++ {
					subs[base+rowOf[k-a]] = append(subs[base+rowOf[k-a]], rows[g[k]])
				}
			}
			a = b
		}
		if len(subs) == 0 {
			out = append(out, printedRow{cells: fields, line: line})
			continue
		}
		for n, sub := range subs {
			cells := joinRows(sub, w, func(j int) bool { return !isField[j] })
			sl := sub[0].line
			for _, l := range sub {
				if isIndicator(l) {
					sl = l.line
					break
				}
			}
			if n == 0 {
				for j := range cells {
					if isField[j] {
						cells[j] = fields[j]
					}
				}
				sl = line
			}
			out = append(out, printedRow{cells: cells, line: sl})
		}
	}
	return out
}

// alignClasses moves the cells of a page's rows whose indicator classes
// (产出指标, 效益指标 …) stand mostly in a column other than the header's
// class column (classAt) to the header's columns. A page printed without
// a header has its own grid, found from its text alone: a column blank
// all down the page (其他资金) is not found, and a narrow column (指标性质)
// may run into its neighbour. Two columns are known by their content —
// the classes, and the indicators' figures (the column of numbers right of
// the classes) — so the cells right of the page's last column of amounts
// move with the classes, and those from the figures on with the figures
// (valueAt, the header's; -1 where it has none).
//
// A page whose subclasses (数量指标 …) stand at another distance from its
// classes than the header's are is not one grid moved: it is left as read.
func alignClasses(rows []printedRow, s *templates.FormShape, classAt, subAt, valueAt, w int) {
	classes := s.Classes
	isSub := map[string]bool{}
	for _, subs := range s.Subclasses {
		for _, sub := range subs {
			isSub[norm(sub)] = true
		}
	}
	most := func(count map[int]int) int {
		found, n := -1, 0
		for j, c := range count {
			if c > n || c == n && j < found {
				found, n = j, c
			}
		}
		return found
	}
	count := map[int]int{}
	for _, row := range rows {
		for j, c := range row.cells {
			if isClass(c, classes) {
				count[j]++
			}
		}
	}
	found := most(count)
	if found < 0 || found == classAt {
		return
	}
	subs := map[int]int{}
	for _, row := range rows {
		for j, c := range row.cells {
			if c != "" && isSub[norm(c)] {
				subs[j]++
			}
		}
	}
	if sub := most(subs); subAt >= 0 && sub >= 0 && sub-found != subAt-classAt {
		return
	}
	isNumber := func(c string) bool {
		if c == "" {
			return false
		}
		_, err := model.ParseAmount(c)
		return err == nil
	}
	// the cells before the classes that hold amounts keep their columns
	from := 0
	figures := map[int]int{}
	for _, row := range rows {
		class := false
		for j, c := range row.cells {
			switch {
			case j < found && isNumber(c):
				from = max(from, j+1)
			case j == found && isClass(c, classes):
				class = true
			case j > found && class && isNumber(c):
				figures[j]++
			}
		}
	}
	step, figureStep, figureFrom := classAt-found, 0, w+len(rows[0].cells)
	if f := most(figures); f >= 0 && valueAt > classAt {
		figureStep, figureFrom = valueAt-f, f
	}
	for i, row := range rows {
		out := make([]string, max(w, len(row.cells)))
		for j, c := range row.cells {
			t := j
			switch {
			case j >= figureFrom:
				t = j + figureStep
			case j >= from:
				// never past the figures' first column
				t = min(j+step, figureFrom+figureStep-1)
			}
			if j >= from {
				t = min(max(t, from), len(out)-1)
			}
			if c != "" {
				out[t] = joinFragments([]string{out[t], c})
			}
		}
		rows[i] = printedRow{cells: out, line: row.line, page: row.page}
	}
}

// moveColumns sets a row's cells, found at the columns from labels, at the
// columns to labels; a cell of a column no label names goes to the column
// of the label left of it, where that is blank.
func moveColumns(cells []string, from, to map[string]int, w int) []string {
	same := len(from) == len(to)
	for k, j := range from {
		if to[k] != j {
			same = false
		}
	}
	if same {
		return cells
	}
	out := make([]string, w)
	target := make([]int, len(cells))
	for j := range target {
		target[j] = -1
	}
	for k, j := range from {
		if t, ok := to[k]; ok && j < len(cells) && t < w {
			target[j] = t
		}
	}
	last := -1
	for j, c := range cells {
		t := target[j]
		if t < 0 {
			t = last
		} else {
			last = t
		}
		if c == "" || t < 0 {
			continue
		}
		if target[j] < 0 && out[t] != "" {
			continue
		}
		out[t] = joinFragments([]string{out[t], c})
	}
	return out
}

// pick returns the rows at the indexes.
func pick(rows []printedRow, idx []int) []printedRow {
	out := make([]printedRow, len(idx))
	for k, i := range idx {
		out[k] = rows[i]
	}
	return out
}

// settleEdges moves a line at the edge of two rows to the other row where
// only that one's anchor line leaves the line's columns blank: a cell of
// two lines centred on its row prints one line above the anchor line and
// one below it, none beside it, so the anchor line of its own row is blank
// where the line has text, while the neighbour's (another cell) is not.
func settleEdges(rowOf []int, lines []printedRow, anchors []int) {
	fits := func(l, row int) bool {
		a := lines[anchors[row]].cells
		for j, c := range lines[l].cells {
			if c != "" && j < len(a) && a[j] != "" {
				return false
			}
		}
		return true
	}
	isAnchor := map[int]bool{}
	for _, a := range anchors {
		isAnchor[a] = true
	}
	for l := 0; l+1 < len(rowOf); l++ {
		i, n := rowOf[l], rowOf[l+1]
		if i == n {
			continue
		}
		// the last line of row i, then the first of row n
		if !isAnchor[l] && !fits(l, i) && fits(l, n) {
			rowOf[l] = n
			if l > 0 {
				l -= 2 // the line above may follow it
			}
			continue
		}
		if !isAnchor[l+1] && !fits(l+1, n) && fits(l+1, i) {
			rowOf[l+1] = i
		}
	}
}

// hasIndicatorText reports whether a line holds text in an indicator
// column (a wrapped indicator's name), not only in the fields' columns.
func hasIndicatorText(row printedRow, from int, isField map[int]bool) bool {
	for j, c := range row.cells {
		if c != "" && !isField[j] && j >= from {
			return true
		}
	}
	return false
}

// joinProseLines joins the lines of a table read from a text export whose
// rows carry a column of prose (广州 表12: 绩效目标 beside each project's
// amounts): a line of figures is a row's middle, the lines of its wrapped
// name and prose around it are joined into its cells. A table without
// such a column is left as read: its lines without figures may be rows
// printed blank, not wrapped cells.
func (r *recognizer) joinProseLines(data []raw.Row) []raw.Row {
	if r.doc.Layout != "layout-text" || len(r.out.Places) == 0 || len(data) < 3 {
		return data
	}
	figures := func(row raw.Row) bool {
		for _, c := range row.Cells {
			if s := strings.TrimSpace(c.Text); s != "" {
				if _, err := model.ParseAmount(s); err == nil {
					return true
				}
			}
		}
		return false
	}
	// a prose column: one column holding a long text, not the row's
	// first, beside the figures of many rows (a fifth of them, three at
	// least) — not a header's words or a note that a line of figures holds
	long := map[int]int{}
	anchors, loose := 0, 0
	for _, row := range data {
		if !figures(row) {
			if !row.IsBlank() {
				loose++
			}
			continue
		}
		anchors++
		seen := 0
		for j, c := range row.Cells {
			s := strings.TrimSpace(c.Text)
			if s == "" {
				continue
			}
			seen++
			if _, err := model.ParseAmount(s); err != nil && seen > 1 && utf8.RuneCountInString(s) >= 15 {
				long[j]++
			}
		}
	}
	prose := false
	for _, n := range long {
		if n >= 3 && 5*n >= anchors {
			prose = true
		}
	}
	if !prose || loose == 0 {
		return data
	}
	var lines []raw.Row
	var at []linePlace
	for _, row := range data {
		if row.IsBlank() || row.Line < 1 || row.Line > len(r.out.Places) {
			continue
		}
		p := r.out.Places[row.Line-1]
		if p.Line == 0 {
			return data
		}
		lines = append(lines, row)
		at = append(at, linePlace{p.Page, p.Line})
	}
	var out []raw.Row
	for a := 0; a < len(lines); {
		b := a
		for b < len(lines) && at[b].page == at[a].page {
			b++
		}
		var pos, anchors []int
		for k := a; k < b; k++ {
			pos = append(pos, at[k].line)
			if figures(lines[k]) {
				anchors = append(anchors, k-a)
			}
		}
		if len(anchors) == 0 {
			out = append(out, lines[a:b]...)
			a = b
			continue
		}
		rowOf := centredRows(pos, anchors)
		for n, an := range anchors {
			row := lines[a+an]
			w := 0
			for k := a; k < b; k++ {
				if rowOf[k-a] == n {
					w = max(w, len(lines[k].Cells))
				}
			}
			joined := raw.Row{Line: row.Line, AfterBreak: row.AfterBreak, Cells: make([]raw.Cell, w)}
			copy(joined.Cells, row.Cells)
			for j := 0; j < w; j++ {
				var parts []string
				for k := a; k < b; k++ {
					if rowOf[k-a] == n && j < len(lines[k].Cells) {
						parts = append(parts, strings.TrimSpace(lines[k].Cells[j].Text))
					}
				}
				joined.Cells[j].Text = joinFragments(parts)
				if joined.Cells[j].Line == 0 {
					joined.Cells[j].Line = row.Line
				}
			}
			out = append(out, joined)
		}
		a = b
	}
	return out
}

// joinFormLines gives the labels of a form read from a text export their
// values where a wrapped value stands on the lines around its label's line
// rather than beside it (转移支付名称 with 节能减排…转移支付- above and
// -污染防治方向 below): the text of the lines right above and below, each
// only between the label and the next label of its line, joined top to
// bottom into the cell after the label. A goal label takes the lines of
// text above it, which its reader would not see, before its own line.
func joinFormLines(s *templates.FormShape, rows []printedRow, at []linePlace) []printedRow {
	rows = append([]printedRow(nil), rows...)
	for i := range rows {
		rows[i].cells = append([]string(nil), rows[i].cells...)
	}
	isLabel := func(c string) bool {
		k, _ := label(c, s.Fields)
		return k != ""
	}
	labelled := func(row printedRow) bool {
		for _, c := range row.cells {
			if c != "" && isLabel(c) {
				return true
			}
		}
		return false
	}
	// between reports whether the row's text stands only in columns
	// (from, to): a wrapped value's line
	between := func(row printedRow, from, to int) bool {
		any := false
		for j, c := range row.cells {
			if c == "" {
				continue
			}
			if j <= from || j >= to {
				return false
			}
			any = true
		}
		return any
	}
	amounts := func(row printedRow) bool { // a line of figures is no goal's text
		for _, c := range row.cells {
			if _, err := model.ParseAmount(c); c != "" && err == nil {
				return true
			}
		}
		return false
	}
	near := func(a, b int) bool {
		return at[a].page == at[b].page && at[b].line-at[a].line <= 2 && at[a].line-at[b].line <= 2
	}
	rows, at = joinIndicatorLines(s, rows, at)
	for i, row := range rows {
		for j, c := range row.cells {
			if c == "" {
				continue
			}
			key, _ := label(c, s.Fields)
			if key == "" || key == "dept" {
				continue
			}
			next := len(row.cells)
			for k := j + 1; k < len(row.cells); k++ {
				if row.cells[k] != "" {
					next = k
					break
				}
			}
			if key == "goal" {
				// lines of text above the label's line, up to a labelled one
				var above []int
				for k := i - 1; k >= 0 && near(k, k+1) && !labelled(rows[k]) && !amounts(rows[k]) && between(rows[k], j, len(row.cells)+1); k-- {
					above = append([]int{k}, above...)
				}
				var parts []string
				for _, k := range above {
					parts = append(parts, joinFragments(rows[k].cells))
					rows[k].cells = make([]string, len(rows[k].cells))
				}
				if len(parts) > 0 && j+1 < len(row.cells) {
					rows[i].cells[j+1] = joinFragments(append(parts, row.cells[j+1:]...))
					for k := j + 2; k < len(row.cells); k++ {
						rows[i].cells[k] = ""
					}
				}
				break
			}
			if next < len(row.cells) && !isLabel(row.cells[next]) || j+1 >= len(row.cells) {
				continue // the value stands beside its label
			}
			var parts []string
			var took []int
			if i > 0 && near(i-1, i) && !labelled(rows[i-1]) && between(rows[i-1], j, next) {
				parts = append(parts, joinFragments(rows[i-1].cells))
				took = append(took, i-1)
			}
			if i+1 < len(rows) && near(i, i+1) && !labelled(rows[i+1]) && between(rows[i+1], j, next) {
				parts = append(parts, joinFragments(rows[i+1].cells))
				took = append(took, i+1)
			}
			if len(parts) == 0 {
				continue
			}
			rows[i].cells[j+1] = joinFragments(parts)
			for _, k := range took {
				rows[k].cells = make([]string, len(rows[k].cells))
			}
		}
	}
	return rows
}

// joinIndicatorLines joins the lines of a form's indicator rows read from
// a text export: under a header of indicator columns, down to the next
// line of field labels and on each page apart, each line with a value is
// a row's middle and the lines of its wrapped cells join it.
func joinIndicatorLines(s *templates.FormShape, rows []printedRow, at []linePlace) ([]printedRow, []linePlace) {
	var out []printedRow
	var outAt []linePlace
	for i := 0; i < len(rows); {
		hc := columnsOf(rows[i].cells, s.Indicators)
		vc, ok := hc["value"]
		out, outAt = append(out, rows[i]), append(outAt, at[i])
		i++
		if len(hc) < 2 || !ok {
			continue
		}
		// the indicator lines of this page under the header
		end := i
		for end < len(rows) && at[end].page == at[i-1].page && len(columnsOf(rows[end].cells, s.Fields)) == 0 &&
			len(columnsOf(rows[end].cells, s.Indicators)) < 2 {
			end++
		}
		var pos, anchors []int
		var lines []printedRow
		for k := i; k < end; k++ {
			if rows[k].isBlank() {
				continue
			}
			if vc < len(rows[k].cells) && rows[k].cells[vc] != "" {
				anchors = append(anchors, len(lines))
			}
			lines = append(lines, rows[k])
			pos = append(pos, at[k].line)
		}
		if len(anchors) == 0 {
			continue
		}
		rowOf := centredRows(pos, anchors)
		settleEdges(rowOf, lines, anchors)
		w := 0
		for _, l := range lines {
			w = max(w, len(l.cells))
		}
		for n, a := range anchors {
			var group []printedRow
			for k, l := range lines {
				if rowOf[k] == n {
					group = append(group, l)
				}
			}
			out = append(out, printedRow{cells: joinRows(group, w, nil), line: lines[a].line})
			outAt = append(outAt, linePlace{at[i].page, pos[a]})
		}
		i = end
	}
	return out, outAt
}

// isBlank reports whether the printed row holds no text.
func (p printedRow) isBlank() bool {
	for _, c := range p.cells {
		if c != "" {
			return false
		}
	}
	return true
}
