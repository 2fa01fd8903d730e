// Package fix derives a corrected model from a published one, in one of
// two ways, and never leaves a table or a pair of tables with more errors
// or warnings than it found. Derive recomputes, bottom-up, a total that is
// blank or differs from its details by more than rounding (a slip in the
// total itself); a total that differs only by rounding keeps its published
// figure, and a figure two tables show differently is left to the user.
// Balance (舍位平衡) keeps the published totals and moves each rounding
// difference into a detail that nothing else fixes: never a project's
// approved amount, never a figure the narrative states. Every difference
// left is returned with the reason (Result.Skipped).
package fix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"budgetpack/check"
	"budgetpack/model"
	"budgetpack/templates"
)

// Mode selects how figures are corrected.
type Mode int

// Modes.
const (
	// Derive recomputes derived figures from their details.
	Derive Mode = iota
	// Balance keeps totals and absorbs rounding differences into details.
	Balance
)

// Correction is one changed figure.
type Correction struct {
	// Rule is the relation that changed it.
	Rule string `json:"rule"`
	// Table, Row and Column say where the figure is.
	Table  string `json:"table"`
	Row    string `json:"row"`
	Column string `json:"column"`
	// Original is the published figure; Corrected the new one.
	Original  model.Amount `json:"original"`
	Corrected model.Amount `json:"corrected"`
	// Line is the source line of the row.
	Line int `json:"line"`
	// Ref is the cell's address (model.CellRef or model.ProjectRef).
	Ref string `json:"ref"`
	// Basis says how the corrected figure was obtained (依据).
	Basis string `json:"basis"`
}

// Skip is a difference a fix left as it found it, and why: the choice is
// the user's (or, for a rounding slip, --fix=balance's).
type Skip struct {
	// Rule is the relation that does not hold.
	Rule string `json:"rule"`
	// Table, Row and Column say where its total is.
	Table  string `json:"table"`
	Row    string `json:"row"`
	Column string `json:"column"`
	// Line is the source line of the row.
	Line int `json:"line"`
	// Ref is the total's cell address.
	Ref string `json:"ref"`
	// Published is the published figure, Other the sum of its parts or the
	// figure another table shows.
	Published model.Amount `json:"published"`
	Other     model.Amount `json:"other"`
	// Reason says in Chinese why nothing was changed.
	Reason string `json:"reason"`
}

// Result is a corrected document with what changed and what was left.
type Result struct {
	// Doc is the corrected copy; the published model is not changed.
	Doc *model.Document
	// Corrections are the changed figures, in the order they were made.
	Corrections []Correction
	// Skipped are the differences left for the user to decide.
	Skipped []Skip
}

// maxPasses bounds the rounds of corrections; every round works from the
// figures the previous one left, and a consistent document needs few.
const maxPasses = 8

// Apply returns a corrected copy of doc and the list of corrections.
func Apply(doc *model.Document, set *templates.Set, mode Mode) (*model.Document, []Correction, error) {
	r, err := Correct(doc, set, mode)
	if err != nil {
		return nil, nil, err
	}
	return r.Doc, r.Corrections, nil
}

// Correct returns a corrected copy of doc, the corrections and the
// differences it left. Whatever the mode, no table and no pair of tables
// ends with more errors or warnings than it had.
//
// Derive recomputes a total only where it is blank or differs from its
// parts by more than rounding (a slip in the total itself); a rounding
// slip keeps the published total, and a figure two tables show differently
// is left to the user when the difference is within rounding.
//
// Balance keeps every total and moves each rounding difference into a
// detail that no other statement fixes: never a project's approved amount,
// never a figure the narrative states. A detail repeated in another table
// changes there too, and a detail that is itself a total passes the
// difference on down to a leaf.
func Correct(doc *model.Document, set *templates.Set, mode Mode) (*Result, error) {
	out, err := clone(doc)
	if err != nil {
		return nil, err
	}
	c := &corrector{doc: out, set: set, byRef: map[string]int{}, skipped: map[string]int{}}
	before, err := check.Run(doc, set)
	if err != nil {
		return nil, err
	}
	if mode == Derive {
		c.deriveAll()
	} else {
		c.balanceAll()
	}
	if err := c.guard(before); err != nil {
		return nil, err
	}
	// a figure corrected back to what was published is no correction
	res := &Result{Doc: out, Corrections: []Correction{}, Skipped: []Skip{}}
	for _, k := range c.order {
		corr := c.list[c.byRef[k]]
		if !corr.Original.Equal(corr.Corrected) {
			res.Corrections = append(res.Corrections, corr)
		}
	}
	changed := map[string]bool{}
	for _, corr := range res.Corrections {
		changed[corr.Ref] = true
	}
	for _, s := range c.skips {
		// a slip that a later correction mended needs no word
		if s.Ref != "" && changed[s.Ref] {
			continue
		}
		res.Skipped = append(res.Skipped, s)
	}
	if mode == Balance {
		res.Skipped = c.unbalanced(res.Skipped)
	}
	return res, nil
}

// deriveAll recomputes, bottom-up, the totals that are blank or materially
// wrong, and copies a repeated figure from the table nearer the detail.
func (c *corrector) deriveAll() {
	for pass := 0; pass < maxPasses; pass++ {
		changed := false
		rels := check.Relations(c.doc, c.set)
		height := heights(rels)
		sort.SliceStable(rels, func(a, b int) bool { return height[rels[a].Total.Ref()] < height[rels[b].Total.Ref()] })
		for _, r := range rels {
			changed = c.derive(r) || changed
		}
		derived := map[string]bool{}
		for _, r := range rels {
			if !r.CheckOnly && !r.NoDerive {
				derived[r.Total.Ref()] = true
			}
		}
		for _, eq := range check.Equalities(c.doc, c.set) {
			changed = c.copyFigure(eq, derived) || changed
		}
		if !changed {
			break
		}
	}
}

// tally counts the errors and warnings of each table (cross-table
// findings count for the table they are reported at) and in all.
func tally(fs []check.Finding) (map[string]int, int, int) {
	by := map[string]int{}
	errs, all := 0, 0
	for _, f := range fs {
		if f.Severity == check.Info {
			continue
		}
		by[f.Table]++
		all++
		if f.Severity == check.Error {
			errs++
		}
	}
	return by, errs, all
}

// worse reports whether the findings after are worse than before: more
// errors, more errors and warnings, or more in some table.
func worse(before, after []check.Finding) bool {
	bt, be, ba := tally(before)
	at, ae, aa := tally(after)
	if ae > be || aa > ba {
		return true
	}
	for t, n := range at {
		if n > bt[t] {
			return true
		}
	}
	return false
}

// guard takes corrections back, the latest first, until no table and no
// pair of tables has more errors or warnings than before any correction.
func (c *corrector) guard(before []check.Finding) error {
	for len(c.order) > 0 {
		after, err := check.Run(c.doc, c.set)
		if err != nil {
			return err
		}
		if !worse(before, after) {
			return nil
		}
		ref := c.order[len(c.order)-1]
		i := c.byRef[ref]
		corr := c.list[i]
		c.cells[ref].Set(c.doc, corr.Original)
		c.order = c.order[:len(c.order)-1]
		delete(c.byRef, ref)
		c.skip(Skip{Rule: corr.Rule, Table: corr.Table, Row: corr.Row, Column: corr.Column, Line: corr.Line, Ref: ref,
			Published: corr.Original, Other: corr.Corrected,
			Reason: "改为 " + show(corr.Corrected) + " 会使其他表或文字说明出现新的不一致，未更正，请核对"})
	}
	return nil
}

// clone deep-copies the document through its JSON form, which the model
// guarantees to round-trip.
func clone(doc *model.Document) (*model.Document, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(doc); err != nil {
		return nil, err
	}
	var out model.Document
	if err := json.NewDecoder(&buf).Decode(&out); err != nil {
		return nil, err
	}
	return &out, nil
}

// heights ranks each total by how far it stands above the details: a
// detail is 0, a total one more than its highest part.
func heights(rels []check.Relation) map[string]int {
	h := map[string]int{}
	for round := 0; round < 16; round++ {
		changed := false
		for _, r := range rels {
			if r.CheckOnly || r.NoDerive {
				continue
			}
			best := 0
			for _, p := range r.Parts {
				best = max(best, h[p.Ref()]+1)
			}
			if best > h[r.Total.Ref()] {
				h[r.Total.Ref()] = best
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return h
}

type corrector struct {
	doc     *model.Document
	set     *templates.Set
	list    []Correction
	byRef   map[string]int
	order   []string
	cells   map[string]check.Cell
	skips   []Skip
	skipped map[string]int
	// balance: the same figure across tables, the narrative's numbers and
	// the findings per table before any change
	classes map[string][]check.Cell
	stated  map[string]bool
	base    map[string]int
}

// record notes a change of cell to value, keeping the first original.
func (c *corrector) record(rule string, cell check.Cell, value model.Amount, basis string, where whereInfo) {
	ref := cell.Ref()
	if c.cells == nil {
		c.cells = map[string]check.Cell{}
	}
	c.cells[ref] = cell
	if i, ok := c.byRef[ref]; ok {
		c.list[i].Corrected, c.list[i].Rule = value, rule
		if !strings.Contains(c.list[i].Basis, basis) {
			c.list[i].Basis += "；" + basis
		}
	} else {
		c.byRef[ref] = len(c.list)
		c.order = append(c.order, ref)
		c.list = append(c.list, Correction{Rule: rule, Table: where.table, Row: where.row, Column: where.column,
			Original: cell.Get(c.doc), Corrected: value, Line: where.line, Ref: ref, Basis: basis})
	}
	cell.Set(c.doc, value)
}

// skip notes a difference left as it is (once per cell and rule).
func (c *corrector) skip(s Skip) {
	key := s.Ref + "|" + s.Rule
	if i, ok := c.skipped[key]; ok {
		c.skips[i] = s
		return
	}
	c.skipped[key] = len(c.skips)
	c.skips = append(c.skips, s)
}

func show(a model.Amount) string {
	if a.IsBlank() {
		return "空白"
	}
	return a.String()
}

type whereInfo struct {
	table, row, column string
	line               int
}

// derive sets a relation's total to the sum of its parts where the total
// is blank or differs by more than rounding; a rounding slip is noted and
// left.
func (c *corrector) derive(r check.Relation) bool {
	if r.CheckOnly || r.NoDerive || len(r.Parts) == 0 {
		return false
	}
	total := r.Total.Get(c.doc)
	var parts []model.Amount
	allBlank := true
	for _, p := range r.Parts {
		a := p.Get(c.doc)
		parts = append(parts, a)
		allBlank = allBlank && a.IsBlank()
	}
	if allBlank {
		// the sum of nothing published is nothing: a total over blank
		// details is blank, not the figure that was printed there (a
		// printed zero says the same and stays)
		if total.IsBlank() || total.Decimal().IsZero() {
			return false
		}
		c.record(r.Rule, r.Total, model.Blank, "由明细重算：其下各项均为空白，合计应为空白", whereInfo{r.Table(), r.Row(), r.Column(), r.Line()})
		return true
	}
	p := total.Places()
	if total.IsBlank() {
		p = 0
		for _, a := range parts {
			p = max(p, a.Places())
		}
	}
	sum := decimal.Zero
	var terms []string
	for i, a := range parts {
		sum = sum.Add(a.Decimal())
		if !a.IsBlank() {
			terms = append(terms, fmt.Sprintf("%s %s", r.PartNames[i], a))
		}
	}
	value := model.NewAmount(sum.Round(p), p)
	if value.Equal(total) {
		return false
	}
	if f := r.Finding(c.doc); !total.IsBlank() && f != nil && f.Severity == check.Warning {
		c.skip(Skip{Rule: r.Rule, Table: r.Table(), Row: r.Row(), Column: r.Column(), Line: r.Line(), Ref: r.Total.Ref(),
			Published: total, Other: value,
			Reason: fmt.Sprintf("%s %s 与明细之和 %s 只差舍入误差，保留公开的合计，未更正；如需表内平衡请用 --fix=balance（舍位平衡）", r.TotalName, total, value)})
		return false
	}
	basis := fmt.Sprintf("由明细重算：%s = %s", strings.Join(terms, " + "), value)
	c.record(r.Rule, r.Total, value, basis, whereInfo{r.Table(), r.Row(), r.Column(), r.Line()})
	return true
}

// copyFigure makes a repeated figure equal the one nearer the detail,
// unless it is derived in its own table (then a difference means the
// details disagree, which stays a finding) or the two differ only by
// rounding (then nobody can tell which is right).
func (c *corrector) copyFigure(eq check.Equality, derived map[string]bool) bool {
	a, b := eq.A.Get(c.doc), eq.B.Get(c.doc)
	if b.IsBlank() || a.Decimal().Equal(b.Decimal()) && !a.IsBlank() {
		return false
	}
	if a.IsBlank() && b.Decimal().IsZero() {
		return false
	}
	where := c.whereOf(eq.A)
	left := func(why string) bool {
		c.skip(Skip{Rule: "cross.equal", Table: where.table, Row: where.row, Column: where.column, Line: where.line, Ref: eq.A.Ref(),
			Published: a, Other: b, Reason: why})
		return false
	}
	if derived[eq.A.Ref()] {
		return left(fmt.Sprintf("%s：本表 %s 由本表明细得出，另一表为 %s，两表明细不一致，未更正，请核对后自行修改", eq.Name, show(a), show(b)))
	}
	if !a.IsBlank() {
		tol := decimal.New(5, -a.Places()-1).Add(decimal.New(5, -b.Places()-1))
		if a.Decimal().Sub(b.Decimal()).Abs().LessThanOrEqual(tol) {
			return left(fmt.Sprintf("%s：本表 %s，另一表 %s，只差舍入误差，无法判断哪一个正确，未更正，请核对", eq.Name, show(a), show(b)))
		}
	}
	c.record("cross.equal", eq.A, b, fmt.Sprintf("与%s一致：%s", eq.Name, b), where)
	return true
}

func (c *corrector) whereOf(cell check.Cell) whereInfo {
	if cell.Project >= 0 {
		p := c.doc.Projects[cell.Project]
		col := cell.Key
		if col == "total" {
			col = "项目预算数"
		}
		return whereInfo{p.Title, p.Name, col, p.Line}
	}
	t := c.doc.Tables[cell.Table]
	r := t.Rows[cell.Row]
	col := cell.Key
	if cc := t.Column(cell.Key); cc != nil {
		col = strings.ReplaceAll(cc.Header, " / ", "/")
	}
	name := strings.TrimSpace(r.Code + " " + strings.Join(strings.Fields(r.Name), ""))
	if r.Pair != nil && strings.HasPrefix(cell.Key, "expense") {
		name = strings.TrimSpace(r.Pair.Code + " " + r.Pair.Name)
	}
	return whereInfo{t.Title, name, col, r.Line}
}
