package recognize

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"budgetpack/templates"
)

// norm removes all white space, for comparing printed words.
func norm(s string) string { return strings.Join(strings.Fields(s), "") }

// headerPaths returns, for each of w columns, the header texts printed
// above it from the top row down.
//
// A header row as wide as the table is column-aligned: a cell that is
// blank while some row below it has text in that column belongs to the
// cell on its left (a horizontal merge). A narrower row lists merged cells
// once; its cells are laid over the row below it: a column blank below is
// covered by a cell of its own (a vertical merge), and each run of
// columns with text below is one merged cell over them, split evenly where
// the row has more cells than that.
func headerPaths(rows [][]string, w int) [][]string { return headerPathsOf(rows, w, false) }

// headerPathsOf is headerPaths for a grid whose rows keep their columns
// when aligned is set (a PDF's or a layout text's, where a short row only
// lacks its trailing cells): a narrower header row is padded, not spread
// as merged cells.
func headerPathsOf(rows [][]string, w int, aligned bool) [][]string {
	grid := make([][]string, len(rows))
	for r := len(rows) - 1; r >= 0; r-- {
		switch {
		case len(rows[r]) >= w || r == len(rows)-1 || aligned:
			grid[r] = pad(rows[r], w)
		default:
			grid[r] = spread(trimRight(rows[r]), grid[r+1], w)
		}
	}
	// fill horizontal merges in aligned rows; a merged cell ends where a
	// cell of a row above starts (a lower level stays under its band)
	printed := make([][]bool, len(grid))
	for r := range grid {
		printed[r] = make([]bool, w)
		for j := 0; j < w; j++ {
			printed[r][j] = norm(grid[r][j]) != ""
		}
	}
	for r := range grid {
		last := ""
		for j := 0; j < w; j++ {
			if norm(grid[r][j]) != "" {
				last = grid[r][j]
				continue
			}
			if last != "" && textBelow(grid, r, j) && !printedAbove(printed, r, j) {
				grid[r][j] = last
			} else {
				last = ""
			}
		}
	}
	paths := make([][]string, w)
	for j := 0; j < w; j++ {
		for r := range grid {
			t := norm(grid[r][j])
			if t == "" {
				continue
			}
			if n := len(paths[j]); n > 0 && paths[j][n-1] == t {
				continue
			}
			paths[j] = append(paths[j], t)
		}
	}
	return paths
}

// printedAbove reports whether a row above r prints a cell of its own in
// column j.
func printedAbove(printed [][]bool, r, j int) bool {
	for k := 0; k < r; k++ {
		if printed[k][j] {
			return true
		}
	}
	return false
}

func textBelow(grid [][]string, r, j int) bool {
	for k := r + 1; k < len(grid); k++ {
		if norm(grid[k][j]) != "" {
			return true
		}
	}
	return false
}

func trimRight(row []string) []string {
	n := len(row)
	for n > 0 && norm(row[n-1]) == "" {
		n--
	}
	return row[:n]
}

func pad(row []string, w int) []string {
	out := make([]string, w)
	copy(out, row)
	return out
}

// spread lays the cells of a narrower header row over the aligned row below.
func spread(row, below []string, w int) []string {
	type segment struct{ from, to int } // columns [from, to)
	var segs []segment
	for j := 0; j < w; {
		if norm(below[j]) == "" {
			segs = append(segs, segment{j, j + 1})
			j++
			continue
		}
		k := j
		for k < w && norm(below[k]) != "" {
			k++
		}
		segs = append(segs, segment{j, k})
		j = k
	}
	// Split the longest runs evenly while the row has more cells than segments.
	for extra := len(row) - len(segs); extra > 0; extra-- {
		best := -1
		for i, s := range segs {
			if s.to-s.from > 1 && (best < 0 || s.to-s.from > segs[best].to-segs[best].from) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		s := segs[best]
		n := s.to - s.from
		parts := 2
		for p := 2; p <= n; p++ {
			if n%p == 0 {
				parts = p
				break
			}
		}
		size := n / parts
		repl := make([]segment, 0, parts)
		for p := 0; p < parts; p++ {
			end := s.from + (p+1)*size
			if p == parts-1 {
				end = s.to
			}
			repl = append(repl, segment{s.from + p*size, end})
		}
		extra -= parts - 2
		segs = append(segs[:best], append(repl, segs[best+1:]...)...)
	}
	out := make([]string, w)
	for i, s := range segs {
		if i >= len(row) {
			break
		}
		for j := s.from; j < s.to; j++ {
			out[j] = row[i]
		}
	}
	return out
}

// score tells how well a printed header path matches a template column:
// all its words present scores high, some of them a little, none zero.
func (mt matching) score(c templates.Column, path []string) int {
	joined := strings.Join(path, "/")
	// A layout text puts each line of a wrapped header cell in a row of
	// its own (其中：专项资 / 金列入部门预 / 算项目), so a word may run on
	// from one level into the next.
	tight := ""
	if mt.bare {
		tight = strings.Join(path, "")
	}
	hit := 0
	for _, w := range c.Words {
		// a word may list the ways forms print it: 合计|总计
		for _, alt := range strings.Split(w, "|") {
			if wordIn(norm(alt), joined, path) || tight != "" && wordIn(norm(alt), tight, nil) {
				hit++
				break
			}
		}
	}
	if hit == len(c.Words) && hit > 0 {
		return 10*hit + mt.leafBonus(c, path, false)
	}
	if hit > 0 {
		// a total word alone (小计 of 本年收入/小计) heads the leaf of every
		// group (一般公共预算拨款/小计): it tells no column by itself
		return hit + mt.leafBonus(c, path, true)
	}
	return 0
}

// totalWord matches a header word that only says "the total of the group
// above": every group of a header may print it as its leaf.
var totalWord = regexp.MustCompile(`^(合计|小计|总计)$`)

// wordIn reports whether a header holds a header word: a word written
// =预算 is a whole cell of it (a form that heads its only money column
// 预算, where 一般公共预算 heads another column), any other word a part of
// the header's text, its levels joined by / (三公经费/小计), not negated
// by a 非 before it.
func wordIn(alt, joined string, cells []string) bool {
	if w, exact := strings.CutPrefix(alt, "="); exact {
		for _, c := range cells {
			if w != "" && c == w {
				return true
			}
		}
		return false
	}
	// 非财政拨款 says "not 财政拨款": no sign of the 财政拨款 column
	return alt != "" && strings.Contains(strings.ReplaceAll(joined, "非"+alt, ""), alt)
}

// leafBonus favours the column whose own (lowest) header cell holds one of
// the words: a text export may spread an upper header cell over the wrong
// columns, never the leaf. Only the national vocabulary uses it (the
// families' headers are exact).
//
// Where only some of the words are present (partial), a total word in the
// leaf earns no bonus: it is no sign of which group the column is.
func (mt matching) leafBonus(c templates.Column, path []string, partial bool) int {
	if !mt.leaf || len(path) == 0 {
		return 0
	}
	leaf := path[len(path)-1]
	for _, w := range c.Words {
		for _, alt := range strings.Split(w, "|") {
			if partial && totalWord.MatchString(norm(alt)) {
				continue
			}
			if wordIn(norm(alt), leaf, []string{leaf}) {
				return 15
			}
		}
	}
	return 0
}

// matchAnyOrder assigns template columns to source columns by the best
// scores first, in whatever order the form prints them (a province may
// put 公务接待费 before 公务用车); ties go to the pairing nearer the
// official order.
func (mt matching) matchAnyOrder(cols []templates.Column, paths [][]string) []int {
	type pair struct{ i, j, s int }
	var pairs []pair
	for i, c := range cols {
		for j, p := range paths {
			if s := mt.score(c, p); s > 0 {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool {
		if pairs[a].s != pairs[b].s {
			return pairs[a].s > pairs[b].s
		}
		da, db := pairs[a].j-pairs[a].i, pairs[b].j-pairs[b].i
		if da < 0 {
			da = -da
		}
		if db < 0 {
			db = -db
		}
		return da < db
	})
	assign := make([]int, len(cols))
	for i := range assign {
		assign[i] = -1
	}
	used := map[int]bool{}
	for _, p := range pairs {
		if assign[p.i] >= 0 || used[p.j] {
			continue
		}
		assign[p.i] = p.j
		used[p.j] = true
	}
	return assign
}

// matching says how header words are matched to a table's columns.
type matching struct {
	// leaf favours a column whose own (lowest) header cell holds a word;
	// set for a lenient set's tables.
	leaf bool
	// anyOrder lets a table's columns match in another order than the
	// official one (provinces print the 三公 columns in different orders).
	anyOrder bool
	// bare lets the columns between two anchors pair up leaving out the
	// columns without header words (a layout text, whose header words
	// may stand in a column of their own beside their figures).
	bare bool
}

// matchHeader matches a table's columns to a printed header as the
// budget year's columns, each category once (the comprehensive fund of a
// header split by fund). It returns the assignment (as matchColumns) and
// the paths matched: nil for a column of another period or another fund,
// which is printed as its own. funds marks the columns of another fund
// than the one read under a category's key: figures of the budget year.
func (mt matching) matchHeader(cols []templates.Column, paths [][]string, year int) (assign []int, matched [][]string, funds []bool) {
	byYear := budgetYearPaths(paths, year)
	matched = fundGroupPaths(byYear, mt.names(cols))
	funds = make([]bool, len(paths))
	for j := range paths {
		funds[j] = len(byYear[j]) > 0 && len(matched[j]) == 0
	}
	return mt.matchColumns(cols, matched), matched, funds
}

// matchColumns assigns template columns to source columns in order: the
// best-scoring order-preserving matching of header words fixes anchors,
// and the columns between two anchors pair up in order where both sides
// have the same number left. It returns, for each template column, the
// source column or -1.
func (mt matching) matchColumns(cols []templates.Column, paths [][]string) []int {
	assign := mt.matchInOrder(cols, paths)
	if mt.anyOrder {
		// a form that prints the columns in another order scores higher
		// matched in any order
		if any := mt.matchAnyOrder(cols, paths); mt.total(cols, paths, any) > mt.total(cols, paths, assign) {
			assign = any
		}
	}
	if mt.leaf && !mt.bare {
		// (a text export's header words stand beside their columns:
		// its order of columns is all there is to go by)
		mt.findOutOfOrder(cols, paths, assign)
	}
	// a column's other place (also) is read only where its own is not
	// printed: one key, one column
	own := map[string]bool{}
	for i, c := range cols {
		if assign[i] >= 0 && !c.Also {
			own[c.Key] = true
		}
	}
	for i, c := range cols {
		if c.Also && own[c.Key] {
			assign[i] = -1
		}
	}
	return assign
}

// findOutOfOrder gives a money column that the in-order matching left
// without a column of its words (unmatched, or set by its place alone
// between two anchors) the column whose header holds all its words, where
// no column matched by its words (or a required one) holds that one: provinces print the
// sources of funds in their own orders (上级补助收入 before 事业收入 in
// 西安, after 其他收入 in 烟台), and a column set by place alone onto a
// header naming another (上级补助收入 over 使用非财政拨款结余) is wrong.
// Of several such headers the best-scoring, then the leftmost, is taken
// (上年结转结余/小计 before 上年结转结余/一般公共预算资金).
func (mt matching) findOutOfOrder(cols []templates.Column, paths [][]string, assign []int) {
	// source columns matched by their words, or held by a column the
	// table cannot do without (the 小计 under 基本支出预算 is the 合计 of a
	// 基本支出 table)
	worded := map[int]bool{}
	for i, j := range assign {
		if j >= 0 && (mt.score(cols[i], paths[j]) > 0 || !cols[i].Optional) {
			worded[j] = true
		}
	}
	type cand struct{ i, j, s int }
	var cands []cand
	for i, c := range cols {
		if c.Type != "money" || (assign[i] >= 0 && worded[assign[i]] && mt.score(c, paths[assign[i]]) > 0) {
			continue
		}
		best := cand{i, -1, 0}
		for j, p := range paths {
			if worded[j] {
				continue
			}
			// all its words: a full hit scores 10 a word
			if s := mt.score(c, p); s >= 10*len(c.Words) && s > best.s {
				best = cand{i, j, s}
			}
		}
		if best.j >= 0 {
			cands = append(cands, best)
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].s > cands[b].s })
	for _, cd := range cands {
		if worded[cd.j] {
			continue // taken by a better-scoring column
		}
		for k, j := range assign {
			if j == cd.j {
				assign[k] = -1 // set there by its place alone
			}
		}
		assign[cd.i] = cd.j
		worded[cd.j] = true
	}
}

// total adds up the scores of an assignment.
func (mt matching) total(cols []templates.Column, paths [][]string, assign []int) int {
	t := 0
	for i, j := range assign {
		if j >= 0 {
			t += mt.score(cols[i], paths[j])
		}
	}
	return t
}

func (mt matching) matchInOrder(cols []templates.Column, paths [][]string) []int {
	n, m := len(cols), len(paths)
	best := make([][]int, n+1)
	for i := range best {
		best[i] = make([]int, m+1)
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			b := best[i-1][j]
			if best[i][j-1] > b {
				b = best[i][j-1]
			}
			if s := mt.score(cols[i-1], paths[j-1]); s > 0 && best[i-1][j-1]+s > b {
				b = best[i-1][j-1] + s
			}
			best[i][j] = b
		}
	}
	assign := make([]int, n)
	for i := range assign {
		assign[i] = -1
	}
	for i, j := n, m; i > 0 && j > 0; {
		s := mt.score(cols[i-1], paths[j-1])
		switch {
		case s > 0 && best[i][j] == best[i-1][j-1]+s:
			assign[i-1] = j - 1
			i, j = i-1, j-1
		case best[i][j] == best[i-1][j]:
			i--
		default:
			j--
		}
	}
	// fill the gaps between anchors
	prevT, prevS := -1, -1
	for i := 0; i <= n; i++ {
		if i < n && assign[i] < 0 {
			continue
		}
		nextS := m
		if i < n {
			nextS = assign[i]
		}
		var gapT []int
		for k := prevT + 1; k < i; k++ {
			if !cols[k].Also { // another place of a column: by its words only
				gapT = append(gapT, k)
			}
		}
		gapS := nextS - prevS - 1
		if len(gapT) > 0 && len(gapT) != gapS {
			// leave out optional columns until both sides agree
			var req []int
			for _, k := range gapT {
				if !cols[k].Optional {
					req = append(req, k)
				}
			}
			if len(req) == gapS {
				gapT = req
			}
		}
		srcs := make([]int, 0, max(gapS, 0))
		for src := prevS + 1; src < nextS; src++ {
			srcs = append(srcs, src)
		}
		if len(gapT) != gapS && mt.bare && len(gapT) > 0 && prevT >= 0 && i < n {
			// between two anchors, a layout text's column without header
			// words beside one with them holds the figures of a header
			// word set off them (see repairBlank): the columns with words
			// pair up
			var worded []int
			for _, src := range srcs {
				if len(paths[src]) > 0 {
					worded = append(worded, src)
				}
			}
			if len(worded) == len(gapT) {
				srcs = worded
			}
		}
		if len(gapT) == len(srcs) {
			// Between two anchors the official order decides; at either edge
			// a column must show some sign of being the one (a word of it,
			// or no printed header at all).
			interior := prevT >= 0 && i < n
			for k, t := range gapT {
				src := srcs[k]
				// (a layout text's column without words holds the
				// figures of a header word beside it, no sign of a column)
				if interior || len(paths[src]) == 0 && !mt.bare || mt.score(cols[t], paths[src]) > 0 {
					assign[t] = src
				}
			}
		}
		if i < n {
			prevT, prevS = i, assign[i]
		}
	}
	return assign
}

// periodLabel matches the top header cell of a period group: a year
// (2021年, 2022年预算数), a year named by word (上年, 当年, 本年预算数) or
// the change between two (增减变化情况, 比上年增减).
var periodLabel = regexp.MustCompile(`^(\d{4})年|^(上年|当年|本年|今年)度?(预算数?|数)?$|增减|变化|比上年`)

var periodChange = regexp.MustCompile(`增减|变化|比上年`)

// budgetYearPaths keeps, of a header that prints the same columns under
// several periods (2021年 | 2022年 | 增减变化情况, each with 合计, 小计,
// 因公出国（境）费 …), only the budget year's group for matching: the
// group labelled with the document's year, else the last year printed.
// The columns of the other periods match nothing (they stay as printed).
// A header without such groups is returned as it is.
func budgetYearPaths(paths [][]string, year int) [][]string {
	groups := map[string][]string{} // period label → the sub-headers under it
	var labels []string
	for _, p := range paths {
		if len(p) < 2 || !periodLabel.MatchString(norm(p[0])) {
			continue
		}
		l := norm(p[0])
		if _, ok := groups[l]; !ok {
			labels = append(labels, l)
		}
		groups[l] = append(groups[l], strings.Join(p[1:], "/"))
	}
	if len(labels) < 2 {
		return paths
	}
	// the groups must repeat one another's columns
	first := map[string]bool{}
	for _, s := range groups[labels[0]] {
		first[s] = true
	}
	same := 0
	for _, s := range groups[labels[1]] {
		if first[s] {
			same++
		}
	}
	if same < 2 {
		return paths
	}
	keep := ""
	for _, l := range labels {
		m := periodLabel.FindStringSubmatch(l)
		if periodChange.MatchString(l) {
			continue // the change between periods
		}
		if m[1] == "" && m[2] == "" {
			continue
		}
		if m[2] == "上年" {
			continue // the year before the budget's
		}
		if m[2] != "" {
			keep = l // 当年, 本年: the budget year by word
			break
		}
		if y, _ := strconv.Atoi(m[1]); y == year {
			keep = l
			break
		}
		keep = l
	}
	if keep == "" {
		return paths
	}
	out := make([][]string, len(paths))
	for j, p := range paths {
		if len(p) >= 2 && periodLabel.MatchString(norm(p[0])) && norm(p[0]) != keep {
			continue // another period's column
		}
		out[j] = p
	}
	return out
}

// fundLeaf matches a header cell naming one of the budget's funds as the
// lowest level of a column (总计/一般公共预算, 公务接待费/政府性基金预算).
var fundLeaf = regexp.MustCompile(`^(一般公共预算|政府性基金|国有资本经营)(预算)?(财政)?(拨款|资金)?$`)

// comprehensiveFund matches the fund leaf read under a group's own key:
// the general budget, where no total of the funds is printed.
var comprehensiveFund = regexp.MustCompile(`^一般公共预算`)

// fundGroupPaths keeps, of a header that prints the same fund sub-columns
// under several groups (总计, 因公出国（境）费, 公务接待费 … each split into
// 一般公共预算 | 政府性基金预算 | 国有资本经营预算), one column a group for
// matching: the group's total of the funds where one is printed (合计,
// 小计), else its 一般公共预算 column, with the group's header as its
// path. Matched as printed, the fund columns of one group tie for the
// group's key, and any of them could be read as the category. The other
// funds' columns match nothing (they stay as printed).
//
// A group is split by fund only when all its columns are funds (or their
// total), and the header only when two such groups or more repeat the
// same funds and are, by their own header, columns of the table (named
// says so): 本年收入 over 一般公共预算, 事业收入 … lists sources, not funds
// of one category. Any other header is returned as it is; columns other
// periods left out (nil) stay out.
func fundGroupPaths(paths [][]string, named func(path []string) bool) [][]string {
	type group struct {
		cols   []int
		leaves map[string]bool
		other  bool // a column that is neither a fund nor a total
	}
	groups := map[string]*group{}
	var keys []string
	for j, p := range paths {
		if len(p) < 2 {
			continue
		}
		k := strings.Join(p[:len(p)-1], "/")
		g, ok := groups[k]
		if !ok {
			g = &group{leaves: map[string]bool{}}
			groups[k] = g
			keys = append(keys, k)
		}
		g.cols = append(g.cols, j)
		switch leaf := norm(p[len(p)-1]); {
		case fundLeaf.MatchString(leaf):
			g.leaves[leaf] = true
		case !totalWord.MatchString(leaf):
			g.other = true
		}
	}
	// the groups split by fund: two funds or more each, repeating the
	// first such group's funds
	var split []string
	var first map[string]bool
	for _, k := range keys {
		g := groups[k]
		if len(g.leaves) < 2 || g.other {
			continue
		}
		if first == nil {
			first = g.leaves
		}
		same := 0
		for l := range g.leaves {
			if first[l] {
				same++
			}
		}
		if same >= 2 {
			split = append(split, k)
		}
	}
	known := 0
	for _, k := range split {
		p := paths[groups[k].cols[0]]
		if named(p[:len(p)-1]) {
			known++
		}
	}
	if len(split) < 2 || known < 2 {
		return paths
	}
	out := make([][]string, len(paths))
	copy(out, paths)
	for _, k := range split {
		g := groups[k]
		keep := -1
		for _, j := range g.cols {
			if totalWord.MatchString(norm(paths[j][len(paths[j])-1])) {
				keep = j
				break
			}
		}
		for _, j := range g.cols {
			if keep < 0 && comprehensiveFund.MatchString(norm(paths[j][len(paths[j])-1])) {
				keep = j
			}
		}
		for _, j := range g.cols {
			out[j] = nil
		}
		if keep >= 0 {
			p := paths[keep]
			out[keep] = p[:len(p)-1]
		}
	}
	return out
}

// names reports whether a header path holds all the words of one of the
// table's money columns.
func (mt matching) names(cols []templates.Column) func(path []string) bool {
	return func(path []string) bool {
		for _, c := range cols {
			if c.Type == "money" && len(c.Words) > 0 && mt.score(c, path) >= 10*len(c.Words) {
				return true
			}
		}
		return false
	}
}
