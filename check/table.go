package check

import (
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"budgetpack/model"
	"budgetpack/templates"
)

// tableContext is one table with its template, for the in-table checks.
type tableContext struct {
	doc *model.Document
	ti  int
	t   *model.Table
	tpl *templates.Table
	// sides gives each column's side in a two-sided table: 0 the left
	// (income), 1 the first right-hand label column and the columns after
	// it, k the k-th right-hand label column's (a form printing the
	// expenditure under several classifications); all 0 in other tables.
	sides map[string]int
	// nSides is the number of sides (1 in a table that is not two-sided).
	nSides int
	// headers caches header by column key.
	headers map[string]string
	// lenient: the table was read with the national vocabulary.
	lenient bool
	// unknown caches unknownMoney (nil until computed).
	unknown *[]string
	// unexplained are the column relations a money column the template
	// does not define accounts for, for one 提示 each.
	unexplained []unknownPart
}

// unknownPart is a column relation whose difference a money column the
// template does not define accounts for: counted as a part (an open
// relation), or only named (any other).
type unknownPart struct {
	sum   int // index in the template's Sums
	open  bool
	total string
	cols  []string // the unknown columns' printed headers
	rows  int
	line  int
}

func newTableContext(doc *model.Document, ti int, tpl *templates.Table) *tableContext {
	t := &doc.Tables[ti]
	c := &tableContext{doc: doc, ti: ti, t: t, tpl: tpl, sides: map[string]int{}, nSides: 1, headers: map[string]string{}}
	side := 0
	for _, col := range t.Columns {
		for _, tc := range tpl.Columns {
			if tc.Key == col.Key && tc.Type == "pair" {
				side++
			}
		}
		c.sides[col.Key] = side
	}
	c.nSides = side + 1
	return c
}

// sideLabel is the label of row r on the side of column key, or nil.
func (c *tableContext) sideLabel(r *model.Row, key string) *model.Label {
	return r.Side(c.sides[key])
}

// header is a column's header for messages.
func (c *tableContext) header(key string) string {
	if h, ok := c.headers[key]; ok {
		return h
	}
	h := key
	if col := c.t.Column(key); col != nil {
		h = col.Label()
	}
	if h == "" {
		// a column of figures kept as printed beside its header words
		// (a text export's), with no words of its own
		h = "（无表头）"
	}
	c.headers[key] = h
	return h
}

func (c *tableContext) numeric(key string) bool {
	col := c.t.Column(key)
	return col != nil && col.IsNumeric()
}

// rowName names a row (or its right-hand side) for messages.
func rowName(l model.Label, r *model.Row) string {
	name := strings.Join(strings.Fields(l.Name), "")
	switch {
	case l.Code != "" && name != "":
		return l.Code + " " + name
	case l.Code != "":
		return l.Code
	case name != "":
		return name
	case r != nil && r.Seq != "":
		return "序号 " + r.Seq
	}
	if l.Role == model.RoleTotal {
		return "合计"
	}
	return "（无名称）"
}

func (c *tableContext) at(ri int, l model.Label, key string) location {
	r := &c.t.Rows[ri]
	return location{table: c.t.Title, kind: c.t.Kind, row: rowName(l, r), column: c.header(key), line: r.Line, ref: model.CellRef(c.ti, ri, key)}
}

// run applies every in-table relation the template declares.
func (c *tableContext) run() []Finding {
	var out []Finding
	c.eachRelation(func(rel *Relation) {
		if f := rel.Finding(c.doc); f != nil {
			out = append(out, *f)
		}
	})
	if c.tpl.Checks.Sequence {
		out = append(out, c.sequence()...)
	}
	for _, u := range c.unexplained {
		cols := "“" + strings.Join(u.cols, "”“") + "”"
		msg := fmt.Sprintf("「%s」表样中没有%s列，其金额计入“%s”的组成部分核对（%d 行），相符。", c.t.Title, cols, u.total, u.rows)
		if !u.open {
			msg = fmt.Sprintf("「%s」“%s”与各列之和相差的数正是表样中没有的%s列的金额（%d 行），未按数字有误报告；请确认该列是否为“%s”的组成部分。",
				c.t.Title, u.total, cols, u.rows, u.total)
		}
		out = append(out, Finding{Rule: "sum.unknown_column", Severity: Info, Table: c.t.Title, Kind: c.t.Kind, Column: u.total, Line: u.line, Message: msg})
	}
	return out
}

// unknownMoney lists the columns of the printed table that its template
// does not define (kept as printed text) and that hold figures only: a
// money column the vocabulary has no word for (a province's own use of
// funds). A column of codes or of whole numbers (数量) is none: at least
// one figure has decimals.
func (c *tableContext) unknownMoney() []string {
	if c.unknown != nil {
		return *c.unknown
	}
	var keys []string
	for _, col := range c.t.Columns {
		if col.Type != model.TypeText || c.tpl.HasColumn(col.Key) {
			continue
		}
		figures, decimals := 0, false
		for _, r := range c.t.Rows {
			s := r.Texts[col.Key]
			if s == "" {
				continue
			}
			a, err := model.ParseAmount(s)
			if err != nil {
				figures = -1
				break
			}
			figures++
			decimals = decimals || a.Places() > 0
		}
		if figures > 0 && decimals {
			keys = append(keys, col.Key)
		}
	}
	c.unknown = &keys
	return keys
}

// unknownTerms are row ri's figures in the unknown money columns.
func (c *tableContext) unknownTerms(ri int, keys []string) []term {
	var out []term
	for _, k := range keys {
		if s := c.t.Rows[ri].Texts[k]; s != "" {
			if a, err := model.ParseAmount(s); err == nil && !a.Decimal().IsZero() {
				out = append(out, term{c.header(k), a})
			}
		}
	}
	return out
}

// accounting returns the unknown figures (all of extra, else one of them)
// that account for the difference of a relation that does not hold
// without them, or nil: a column that is no part (政府采购项目, a 其中
// column under it) leaves a relation that holds as it is, and one that
// does not hold is reported against the parts the vocabulary knows.
func (c *tableContext) accounting(rel *Relation, extra []term) []term {
	total := rel.Total.Get(c.doc)
	if total.IsBlank() || len(extra) == 0 {
		return nil
	}
	vals := make([]model.Amount, 0, len(rel.Parts)+len(extra))
	for _, p := range rel.Parts {
		vals = append(vals, p.Get(c.doc))
	}
	if sev, _, _, _ := verdict(total, vals); sev == "" {
		return nil
	}
	holds := func(with []term) bool {
		v := vals
		for _, e := range with {
			v = append(v, e.value)
		}
		sev, _, _, _ := verdict(total, v)
		return sev == ""
	}
	if holds(extra) {
		return extra
	}
	if len(extra) > 1 {
		for i := range extra {
			if holds(extra[i : i+1]) {
				return extra[i : i+1]
			}
		}
	}
	// Several unknown columns of which some are parts: a header whose
	// words the text ran together leaves a group's 小计 and its members
	// unknown side by side, and the members without the 小计 (or the 小计
	// without them) are the parts. Fewest columns first; within rounding
	// is near enough, since which columns are parts is only a guess that
	// the 提示 leaves to the reader.
	if n := len(extra); n > 2 && n <= maxUnknownSubset {
		holds := func(with []term) bool {
			v := vals
			for _, e := range with {
				v = append(v, e.value)
			}
			sev, _, _, _ := verdict(total, v)
			return sev != Error
		}
		for size := 2; size < n; size++ {
			for mask := 1; mask < 1<<n; mask++ {
				if bits.OnesCount(uint(mask)) != size {
					continue
				}
				var with []term
				for i := range extra {
					if mask&(1<<i) != 0 {
						with = append(with, extra[i])
					}
				}
				if holds(with) {
					return with
				}
			}
		}
	}
	return nil
}

// maxUnknownSubset is the most unknown columns whose subsets accounting
// tries: a table prints a handful at most.
const maxUnknownSubset = 8

// noteUnknown records that the unknown columns account for relation
// si on a row.
func (c *tableContext) noteUnknown(si int, open bool, total string, extra []term, line int) {
	for i := range c.unexplained {
		u := &c.unexplained[i]
		if u.sum == si {
			u.rows++
			for _, e := range extra {
				if !slices.Contains(u.cols, e.name) {
					u.cols = append(u.cols, e.name)
				}
			}
			return
		}
	}
	u := unknownPart{sum: si, open: open, total: total, rows: 1, line: line}
	for _, e := range extra {
		u.cols = append(u.cols, e.name)
	}
	c.unexplained = append(c.unexplained, u)
}

// anyNumeric reports whether the table has any of the columns.
func (c *tableContext) anyNumeric(keys []string) bool {
	for _, k := range keys {
		if c.numeric(k) {
			return true
		}
	}
	return false
}

// codesWhole reports whether every code of the table has a length its
// classification gives a level (类 3, 款 5, 项 7 digits).
func (c *tableContext) codesWhole() bool {
	for _, r := range c.t.Rows {
		if r.Code == "" || r.Role == model.RoleUnit || r.Level == "单位" {
			continue
		}
		switch c.tpl.Code {
		case "function":
			if n := len(r.Code); n != 3 && n != 5 && n != 7 {
				return false
			}
		case "economic":
			if n := len(r.Code); n != 3 && n != 5 && n != 7 {
				return false
			}
		}
	}
	return true
}

// uncoded reports whether a coded form's body has detail rows without a
// code while others have one, or none at all with several levels named.
func uncoded(rows []model.Row) bool {
	coded, bare := 0, 0
	for _, r := range rows {
		if r.Role != "" || r.Pair != nil {
			continue
		}
		if r.Code == "" {
			bare++
		} else {
			coded++
		}
	}
	return bare > 0 && (coded > 0 || bare > 1)
}

// relations lists the table's arithmetic relations.
func (c *tableContext) relations() []Relation {
	var out []Relation
	c.eachRelation(func(rel *Relation) {
		r := *rel
		r.Parts, r.PartNames = slices.Clone(r.Parts), slices.Clone(r.PartNames)
		out = append(out, r)
	})
	return out
}

// eachRelation calls yield with each of the table's arithmetic relations
// in turn, so that checking them needs no list of them all. The relation
// and its Parts and PartNames are only valid during the call: the slices
// are reused for the next relation.
func (c *tableContext) eachRelation(yield func(*Relation)) {
	var parts []Cell
	var names []string
	ch := c.tpl.Checks
	// Column relations, row by row.
	c.unexplained = c.unexplained[:0]
	for si, s := range ch.Sums {
		if !c.numeric(s.Total) || !c.anyNumeric(s.Parts) || !s.Stated(c.numeric) {
			continue // a form without the part columns does not state the relation
		}
		partKeys := c.partColumns(s.Total, s.Parts)
		if !c.anyNumeric(partKeys) {
			continue // a form without the part columns does not state the relation
		}
		for ri := range c.t.Rows {
			r := &c.t.Rows[ri]
			label := r.Label
			if l := c.sideLabel(r, s.Total); l != nil {
				label = *l
			}
			rel := Relation{Rule: "sum.columns", Total: TableCell(c.ti, ri, s.Total), TotalName: c.header(s.Total), where: c.at(ri, label, s.Total),
				Parts: parts[:0], PartNames: names[:0]}
			for _, p := range partKeys {
				if c.numeric(p) {
					rel.Parts = append(rel.Parts, TableCell(c.ti, ri, p))
					rel.PartNames = append(rel.PartNames, c.header(p))
				}
			}
			parts, names = rel.Parts, rel.PartNames
			// a money column the vocabulary does not know: an open
			// relation counts it as a part (never deriving the total
			// from the parts it knows); in any other it is named where
			// it accounts for the difference, not reported as an error
			if used := c.accounting(&rel, c.unknownTerms(ri, c.unknownMoney())); used != nil {
				c.noteUnknown(si, s.Open, c.header(s.Total), used, r.Line)
				if !s.Open {
					continue
				}
				rel.extra, rel.NoDerive = used, true
			}
			yield(&rel)
		}
	}
	// the national vocabulary reads codes as printed: where a form prints
	// 款 and 项 as their last digits only (01, 50), the levels are unknown
	trusted := !c.lenient || c.codesWhole()
	if ch.Hierarchy && trusted {
		c.hierarchy(yield, parts, names)
	}
	var out []Relation
	if ch.Footing && trusted {
		out = append(out, c.footing()...)
	}
	for _, rs := range ch.Rows {
		out = append(out, c.rowSum(rs)...)
	}
	if ch.Outline {
		for side := 0; side < c.nSides; side++ {
			out = append(out, c.outline(side)...)
		}
	}
	for i := range out {
		yield(&out[i])
	}
}

// partColumns returns the parts of a column relation as the table prints
// them: a part the form does not print as a column of its own (基本支出
// printed only as its 人员经费 and 公用经费 under one merged heading) stands
// for the parts another relation gives it, where the table has those.
func (c *tableContext) partColumns(total string, parts []string) []string {
	var out []string
	for _, p := range parts {
		if c.numeric(p) {
			out = append(out, p)
			continue
		}
		for _, s := range c.tpl.Checks.Sums {
			if s.Total == p && s.Total != total && c.anyNumeric(s.Parts) {
				for _, q := range s.Parts {
					if q != total && c.numeric(q) {
						out = append(out, q)
					}
				}
				break
			}
		}
	}
	return out
}

// moneyColumns are the numeric columns that add up (not 单价, 数量 …).
func (c *tableContext) moneyColumns() []string {
	skip := map[string]bool{}
	for _, k := range c.tpl.Checks.NoFoot {
		skip[k] = true
	}
	var keys []string
	for _, col := range c.t.Columns {
		if col.Type == model.TypeMoney && !skip[col.Key] {
			keys = append(keys, col.Key)
		}
	}
	return keys
}

// hierarchy: each 类 row is the sum of its 款 rows, each 款 of its 项 rows.
// The rows are indexed once by the code of their parent (the code without
// its last two digits), so the check is linear in the number of rows.
// parts and names are scratch slices to reuse, as in eachRelation.
func (c *tableContext) hierarchy(yield func(*Relation), parts []Cell, names []string) {
	rows := c.t.Rows
	children := map[string][]int{}
	heads := map[string]int{} // how many rows print each 类 or 款 code
	for k := range rows {
		if code := rows[k].Code; rows[k].Role != model.RoleUnit && len(code) > 2 {
			parent := code[:len(code)-2]
			children[parent] = append(children[parent], k)
		}
		if r := &rows[k]; r.Role != model.RoleUnit && r.Code != "" && (r.Level == "类" || r.Level == "款") {
			heads[r.Code]++
		}
	}
	money := c.moneyColumns()
	for ri := range rows {
		r := &rows[ri]
		if r.Role == model.RoleUnit || r.Code == "" || (r.Level != "类" && r.Level != "款") {
			continue
		}
		kids := children[r.Code]
		if heads[r.Code] > 1 {
			kids = ownKids(rows, ri, kids)
		}
		if len(kids) == 0 {
			continue
		}
		why := fmt.Sprintf("（%s应等于其下各%s之和）", r.Level, map[string]string{"类": "款", "款": "项"}[r.Level])
		for _, key := range money {
			rel := Relation{Rule: "sum.hierarchy", Total: TableCell(c.ti, ri, key), TotalName: r.Level + " " + r.Code,
				where: c.at(ri, r.Label, key), why: why, Parts: parts[:0], PartNames: names[:0]}
			for _, k := range kids {
				rel.Parts = append(rel.Parts, TableCell(c.ti, k, key))
				rel.PartNames = append(rel.PartNames, rows[k].Code)
			}
			yield(&rel)
			parts, names = rel.Parts, rel.PartNames
		}
	}
}

// ownKids narrows the rows under a code printed more than once (a table
// keyed by two classifications prints 505 对事业单位经常性补助 once under
// 301 工资福利支出 and again under 302 商品和服务支出) to those between
// this row and the next row printing the same code.
func ownKids(rows []model.Row, ri int, kids []int) []int {
	end := len(rows)
	for k := ri + 1; k < len(rows); k++ {
		if rows[k].Code == rows[ri].Code && rows[k].Role != model.RoleUnit {
			end = k
			break
		}
	}
	var out []int
	for _, k := range kids {
		if k > ri && k < end {
			out = append(out, k)
		}
	}
	return out
}

// detail reports whether a row is an item of the table (not a total, a
// part of the row above, or a carry-over line).
func detail(r *model.Row) bool {
	switch r.Role {
	case model.RoleTotal, model.RoleGrandTotal, model.RoleSubtotal, model.RolePart, model.RoleCarryover, model.RoleUnit:
		return false
	}
	return true
}

// footing: the 合计 row is the sum of the rows it totals — the top-level
// units where the table lists units, else the 小计 rows (each the sum of
// the rows under it), else the top-level classification rows.
func (c *tableContext) footing() []Relation {
	rows := c.t.Rows
	if c.tpl.Code != "" && uncoded(rows) || c.lenient && c.tpl.Code == "" && len(rows) > 3 {
		// (a form without codes may print categories above their items:
		// which rows add up to the 合计 the national vocabulary cannot tell)
		// a coded form whose rows the reader could not give their codes:
		// which rows are the top level is unknown
		return nil
	}
	var out []Relation
	check := func(ti int, name string, members []int, why string) {
		for _, key := range c.moneyColumns() {
			rel := Relation{Rule: "sum.total_row", Total: TableCell(c.ti, ti, key), TotalName: name, where: c.at(ti, rows[ti].Label, key), why: why}
			for _, k := range members {
				rel.Parts = append(rel.Parts, TableCell(c.ti, k, key))
				rel.PartNames = append(rel.PartNames, rowName(rows[k].Label, &rows[k]))
			}
			out = append(out, rel)
		}
	}
	total := -1
	for ri := range rows {
		if rows[ri].Role == model.RoleTotal && rows[ri].Code == "" && rows[ri].Pair == nil {
			total = ri
			break
		}
	}
	var units []int
	for ri := range rows {
		if rows[ri].Role == model.RoleUnit && rows[ri].Code != "" {
			units = append(units, ri)
		}
	}
	if len(units) > 0 {
		minLen := len(rows[units[0]].Code)
		for _, u := range units {
			minLen = min(minLen, len(rows[u].Code))
		}
		var top []int
		for _, u := range units {
			if len(rows[u].Code) == minLen {
				top = append(top, u)
			}
		}
		if total >= 0 {
			check(total, "合计", top, "（合计应等于各单位之和）")
		}
		for i, u := range units {
			// the rows up to the next unit of the same or a higher level
			end := len(rows)
			for _, v := range units[i+1:] {
				if len(rows[v].Code) <= len(rows[u].Code) {
					end = v
					break
				}
			}
			var subUnits, items []int
			for k := u + 1; k < end; k++ {
				switch {
				case rows[k].Role == model.RoleUnit && strings.HasPrefix(rows[k].Code, rows[u].Code):
					subUnits = append(subUnits, k)
				case detail(&rows[k]) || rows[k].Role == model.RoleProject:
					items = append(items, k)
				}
			}
			if len(subUnits) > 0 {
				subLen := len(rows[subUnits[0]].Code)
				var direct []int
				for _, k := range subUnits {
					if len(rows[k].Code) == subLen {
						direct = append(direct, k)
					}
				}
				check(u, rowName(rows[u].Label, &rows[u]), direct, "（单位应等于其所属单位之和）")
				continue
			}
			if members := topLevel(rows, items); len(members) > 0 {
				check(u, rowName(rows[u].Label, &rows[u]), members, "（单位应等于其下各行之和）")
			}
		}
		return out
	}
	var subtotals []int
	for ri := range rows {
		if rows[ri].Role == model.RoleSubtotal && rows[ri].Pair == nil {
			subtotals = append(subtotals, ri)
		}
	}
	if len(subtotals) > 0 {
		if total >= 0 {
			check(total, "合计", subtotals, "（合计应等于各小计之和）")
		}
		for i, s := range subtotals {
			end := len(rows)
			if i+1 < len(subtotals) {
				end = subtotals[i+1]
			}
			var items []int
			for k := s + 1; k < end; k++ {
				if detail(&rows[k]) {
					items = append(items, k)
				}
			}
			check(s, rowName(rows[s].Label, &rows[s]), items, "（小计应等于其下各行之和）")
		}
		return out
	}
	if total < 0 {
		return nil
	}
	var items []int
	for k := range rows {
		if k != total && detail(&rows[k]) {
			items = append(items, k)
		}
	}
	if members := topLevel(rows, items); len(members) > 0 {
		check(total, "合计", members, "（合计应等于各"+levelName(rows, members)+"之和）")
	}
	return out
}

// topLevel keeps the rows of the highest classification level among items
// (类 where there are 类 rows, else 款, else 项); rows without a code all count.
func topLevel(rows []model.Row, items []int) []int {
	// a row whose 类 or 款 is printed among the items is inside it; the
	// others are the top level (a 项 whose 款 a province leaves out too)
	coded := map[string]bool{}
	for _, k := range items {
		if rows[k].Code != "" && rows[k].Level != "" {
			coded[rows[k].Code] = true
		}
	}
	inside := func(code string) bool {
		for n := len(code) - 1; n >= 3; n-- {
			if coded[code[:n]] {
				return true
			}
		}
		return false
	}
	var out []int
	for _, k := range items {
		if r := &rows[k]; r.Code == "" || r.Level == "" || !inside(r.Code) {
			out = append(out, k)
		}
	}
	return out
}

func levelName(rows []model.Row, members []int) string {
	for _, k := range members {
		if rows[k].Level != "" {
			return rows[k].Level
		}
	}
	return "行"
}

// rowsOf finds the rows holding fixed row key k and the side it is on:
// on the left or the first right-hand side where side is 0 or 1, on the
// further right-hand side itself where side is 2 or more (its rows repeat
// the first's: 本年支出合计 under each classification). A key ending in *
// matches every key with the prefix.
func (c *tableContext) rowsOf(k string, side int) (idx []int, sides []int) {
	match := func(key string) bool {
		if strings.HasSuffix(k, "*") {
			return key != "" && strings.HasPrefix(key, strings.TrimSuffix(k, "*"))
		}
		return key == k
	}
	for ri := range c.t.Rows {
		r := &c.t.Rows[ri]
		if side >= 2 {
			if l := r.Side(side); l != nil && match(l.Key) {
				idx, sides = append(idx, ri), append(sides, side)
			}
			continue
		}
		if match(r.Key) {
			idx, sides = append(idx, ri), append(sides, 0)
		}
		if r.Pair != nil && match(r.Pair.Key) {
			idx, sides = append(idx, ri), append(sides, 1)
		}
	}
	return idx, sides
}

// sideColumns are the numeric columns of a side.
func (c *tableContext) sideColumns(side int) []string {
	var keys []string
	for _, col := range c.t.Columns {
		if col.IsNumeric() && c.sides[col.Key] == side {
			keys = append(keys, col.Key)
		}
	}
	return keys
}

// rowSum lists the relations of a fixed-row relation, one per column.
func (c *tableContext) rowSum(rs templates.RowSum) []Relation {
	tk, tcol := splitAt(rs.Total, rs.Column)
	if tcol != "" && !c.numeric(tcol) {
		return nil // a column the form does not print (a classification it does not add)
	}
	tIdx, tSide := c.rowsOf(tk, c.sides[tcol])
	if len(tIdx) != 1 {
		return nil // the fixed row is missing: completeness reports it
	}
	ti := tIdx[0]
	label := *c.t.Rows[ti].Side(tSide[0])
	cols := []string{tcol}
	if tcol == "" {
		cols = c.sideColumns(tSide[0])
	}
	var out []Relation
	for _, col := range cols {
		if !c.numeric(col) {
			continue
		}
		rel := Relation{Rule: "sum.rows", Total: TableCell(c.ti, ti, col), TotalName: rowName(label, nil), where: c.at(ti, label, col)}
		found := false
		for _, p := range rs.Parts {
			pk, pcol := splitAt(p, col)
			if !c.numeric(pcol) {
				continue
			}
			if pcol != col {
				rel.CheckOnly = true
			}
			idx, pr := c.rowsOf(pk, c.sides[pcol])
			for i, k := range idx {
				found = true
				l := *c.t.Rows[k].Side(pr[i])
				rel.Parts = append(rel.Parts, TableCell(c.ti, k, pcol))
				rel.PartNames = append(rel.PartNames, rowName(l, nil))
			}
		}
		if !found {
			continue // none of the part rows printed: the form does not state the relation
		}
		out = append(out, rel)
	}
	return out
}

// splitAt splits "key@column" (the column defaulting to def).
func splitAt(s, def string) (string, string) {
	if i := strings.IndexByte(s, '@'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, def
}

// sequence: the 序号 column numbers the rows 1, 2, 3 … in order.
func (c *tableContext) sequence() []Finding {
	want := 1
	for ri := range c.t.Rows {
		r := &c.t.Rows[ri]
		if r.Seq == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(r.Seq))
		if err != nil || n != want {
			return []Finding{{
				Rule: "complete.sequence", Severity: Error, Table: c.t.Title, Kind: c.t.Kind, Row: rowName(r.Label, r), Column: "序号",
				Line: r.Line, Ref: model.CellRef(c.ti, ri, "seq"),
				Message: fmt.Sprintf("「%s」第 %d 行（序号 %s）：序号应为 %d，序号不连续或顺序有误。", c.t.Title, r.Line, r.Seq, want),
			}}
		}
		want++
	}
	return nil
}

// sortFindings orders findings by table order, then line, then rule.
func sortFindings(doc *model.Document, fs []Finding) {
	order := map[string]int{}
	for i, t := range doc.Tables {
		if _, ok := order[t.Title]; !ok {
			order[t.Title] = i
		}
	}
	rank := func(f Finding) int {
		if n, ok := order[f.Table]; ok {
			return n
		}
		return len(order)
	}
	sort.SliceStable(fs, func(a, b int) bool {
		ra, rb := rank(fs[a]), rank(fs[b])
		if ra != rb {
			return ra < rb
		}
		if fs[a].Line != fs[b].Line {
			return fs[a].Line < fs[b].Line
		}
		return fs[a].Rule < fs[b].Rule
	})
}

// outlineNumber matches the numbering of a row name by level: 一、 (1),
// 1、 (2), (1) (3).
var outlineNumber = []*regexp.Regexp{
	regexp.MustCompile(`^[一二三四五六七八九十]+[、.．]`),
	regexp.MustCompile(`^\d+[、.．]\D`),
	regexp.MustCompile(`^[(（]\d+[)）]`),
}

// outlineLevel is the numbering level of a row name (1 for 一、, 2 for
// 1、, 3 for (1)), or 0 for a name not numbered.
func outlineLevel(name string) int {
	n := strings.Join(strings.Fields(name), "")
	for i, re := range outlineNumber {
		if re.MatchString(n) {
			return i + 1
		}
	}
	return 0
}

// outline: a side of a two-sided form whose rows are numbered at two
// levels or more (一、部门预算 over 1、一般公共服务支出, 1、人员经费和公用经费支出
// over (1)工资福利支出) adds up level by level — each numbered row is the
// sum of the rows numbered one level below it up to the next row of its
// level or above — and its top level adds up to the side's 本年 total.
// A side numbered at one level only states no such relation (its 类
// rows are checked against the other tables instead).
func (c *tableContext) outline(side int) []Relation {
	rows := c.t.Rows
	cols := c.sideColumns(side)
	if len(cols) == 0 {
		return nil
	}
	levels := make([]int, len(rows))
	present := map[int]bool{}
	total := -1
	for ri := range rows {
		l := rows[ri].Side(side)
		if l == nil {
			continue
		}
		if l.Role == model.RoleTotal && total < 0 {
			total = ri
		}
		if total >= 0 || l.Role != "" {
			continue // the body ends at the 本年 total; totals and parts are no items
		}
		if levels[ri] = outlineLevel(l.Name); levels[ri] > 0 {
			present[levels[ri]] = true
		}
	}
	if len(present) < 2 {
		return nil
	}
	top := 0
	for lv := range present {
		if top == 0 || lv < top {
			top = lv
		}
	}
	var out []Relation
	sum := func(ti int, members []int, why string) {
		l := rows[ti].Side(side)
		for _, key := range cols {
			rel := Relation{Rule: "sum.outline", Total: TableCell(c.ti, ti, key), TotalName: rowName(*l, nil), where: c.at(ti, *l, key), why: why}
			for _, k := range members {
				rel.Parts = append(rel.Parts, TableCell(c.ti, k, key))
				rel.PartNames = append(rel.PartNames, rowName(*rows[k].Side(side), nil))
			}
			out = append(out, rel)
		}
	}
	end := len(rows)
	if total >= 0 {
		end = total
	}
	var tops []int
	for ri := 0; ri < end; ri++ {
		lv := levels[ri]
		if lv == 0 {
			continue
		}
		if lv == top {
			tops = append(tops, ri)
		}
		// the rows of the next level present below it, up to its level or above
		next := 0
		for k := ri + 1; k < end; k++ {
			if levels[k] == 0 {
				continue
			}
			if levels[k] <= lv {
				break
			}
			if next == 0 {
				next = levels[k]
			}
		}
		if next == 0 {
			continue
		}
		var kids []int
		for k := ri + 1; k < end; k++ {
			if levels[k] != 0 && levels[k] <= lv {
				break
			}
			if levels[k] == next {
				kids = append(kids, k)
			}
		}
		sum(ri, kids, "（应等于其下各项之和）")
	}
	if total >= 0 && len(tops) > 0 {
		sum(total, tops, "（应等于各项之和）")
	}
	return out
}
