// Package fix derives a corrected model from a published one, in one of
// two ways. Derive recomputes every derived figure (a total, a subtotal, a
// 类 or 款 row, a 合计 column, a figure another table repeats) from the
// detail it is derived from, bottom-up, so that every table foots exactly;
// detail figures are never changed, and where the details of two tables
// disagree nothing is guessed. Balance (舍位平衡) keeps the published
// totals and absorbs each rounding difference (at most the rounding
// envelope) into the largest detail item of that sum, as report tools do
// after converting 元 to 万元; material differences are never absorbed.
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

// maxPasses bounds the rounds of corrections; every round works from the
// figures the previous one left, and a consistent document needs few.
const maxPasses = 8

// Apply returns a corrected copy of doc and the list of corrections.
func Apply(doc *model.Document, set *templates.Set, mode Mode) (*model.Document, []Correction, error) {
	out, err := clone(doc)
	if err != nil {
		return nil, nil, err
	}
	c := &corrector{doc: out, set: set, byRef: map[string]int{}}
	for pass := 0; pass < maxPasses; pass++ {
		changed := false
		rels := check.Relations(out, set)
		height := heights(rels)
		if mode == Derive {
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
			for _, eq := range check.Equalities(out, set) {
				changed = c.copyFigure(eq, derived) || changed
			}
		} else {
			sort.SliceStable(rels, func(a, b int) bool { return height[rels[a].Total.Ref()] > height[rels[b].Total.Ref()] })
			for _, r := range rels {
				changed = c.balance(r, rels) || changed
			}
		}
		if !changed {
			break
		}
	}
	// a figure corrected back to what was published is no correction
	var list []Correction
	for _, k := range c.order {
		corr := c.list[c.byRef[k]]
		if !corr.Original.Equal(corr.Corrected) {
			list = append(list, corr)
		}
	}
	if list == nil {
		list = []Correction{}
	}
	return out, list, nil
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
	doc   *model.Document
	set   *templates.Set
	list  []Correction
	byRef map[string]int
	order []string
}

// record notes a change of cell to value, keeping the first original.
func (c *corrector) record(rule string, cell check.Cell, value model.Amount, basis string, where whereInfo) {
	ref := cell.Ref()
	if i, ok := c.byRef[ref]; ok {
		c.list[i].Corrected, c.list[i].Basis, c.list[i].Rule = value, basis, rule
	} else {
		c.byRef[ref] = len(c.list)
		c.order = append(c.order, ref)
		c.list = append(c.list, Correction{Rule: rule, Table: where.table, Row: where.row, Column: where.column,
			Original: cell.Get(c.doc), Corrected: value, Line: where.line, Ref: ref, Basis: basis})
	}
	cell.Set(c.doc, value)
}

type whereInfo struct {
	table, row, column string
	line               int
}

// derive sets a relation's total to the sum of its parts.
func (c *corrector) derive(r check.Relation) bool {
	if r.CheckOnly || r.NoDerive {
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
	if len(r.Parts) == 0 {
		return false
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
	basis := fmt.Sprintf("由明细重算：%s = %s", strings.Join(terms, " + "), value)
	c.record(r.Rule, r.Total, value, basis, whereInfo{r.Table(), r.Row(), r.Column(), r.Line()})
	return true
}

// copyFigure makes a repeated figure equal the one nearer the detail,
// unless it is derived in its own table (then a difference means the
// details disagree, which stays a finding).
func (c *corrector) copyFigure(eq check.Equality, derived map[string]bool) bool {
	if derived[eq.A.Ref()] {
		return false
	}
	a, b := eq.A.Get(c.doc), eq.B.Get(c.doc)
	if b.IsBlank() || a.Decimal().Equal(b.Decimal()) && !a.IsBlank() {
		return false
	}
	if a.IsBlank() && b.Decimal().IsZero() {
		return false
	}
	where := c.whereOf(eq.A)
	c.record("cross.equal", eq.A, b, fmt.Sprintf("与%s一致：%s", eq.Name, b), where)
	return true
}

func (c *corrector) whereOf(cell check.Cell) whereInfo {
	if cell.Project >= 0 {
		p := c.doc.Projects[cell.Project]
		return whereInfo{p.Title, p.Name, cell.Key, p.Line}
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

// balance absorbs a relation's rounding difference into one of its
// parts. A part that is itself a total passes the difference on into one of
// its own parts, down to a detail, so that the totals on the way stay
// consistent; among the parts it prefers the one that also mends another
// relation wanting the same difference, then the largest.
func (c *corrector) balance(r check.Relation, rels []check.Relation) bool {
	if r.CheckOnly {
		return false
	}
	f := r.Finding(c.doc)
	if f == nil || f.Severity != check.Warning {
		return false // holds, or a material difference that is never absorbed
	}
	total := r.Total.Get(c.doc)
	sum := decimal.Zero
	for _, p := range r.Parts {
		sum = sum.Add(p.Get(c.doc).Decimal())
	}
	diff := total.Decimal().Sub(sum)
	byTotal := map[string][]check.Relation{}
	for _, o := range rels {
		if !o.CheckOnly {
			byTotal[o.Total.Ref()] = append(byTotal[o.Total.Ref()], o)
		}
	}
	best, bestScore := []check.Cell(nil), -1
	for _, p := range r.Parts {
		if p.Get(c.doc).IsBlank() {
			continue
		}
		path := c.pushDown(p, diff, r.Total.Ref(), byTotal, rels, 0)
		score := c.score(path, diff, rels)
		if score > bestScore || score == bestScore && largerThan(c.doc, path[0], best) {
			best, bestScore = path, score
		}
	}
	if best == nil {
		return false
	}
	for _, cell := range best {
		old := cell.Get(c.doc)
		value := model.NewAmount(old.Decimal().Add(diff), old.Places())
		basis := fmt.Sprintf("舍位平衡：保持%s %s 不变，把舍入差 %s 计入明细项", r.TotalName, total, diff.StringFixed(old.Places()))
		c.record("balance", cell, value, basis, c.whereOf(cell))
	}
	return true
}

func largerThan(d *model.Document, a check.Cell, best []check.Cell) bool {
	if best == nil {
		return true
	}
	return a.Get(d).Decimal().Abs().GreaterThan(best[0].Get(d).Decimal().Abs())
}

// pushDown returns the cells that change when cell absorbs diff: the cell,
// and for each relation that has it as its total, one part down to a detail.
func (c *corrector) pushDown(cell check.Cell, diff decimal.Decimal, from string, byTotal map[string][]check.Relation, rels []check.Relation, depth int) []check.Cell {
	path := []check.Cell{cell}
	if depth > 12 {
		return path
	}
	for _, sub := range byTotal[cell.Ref()] {
		if sub.Total.Ref() == from {
			continue
		}
		var pick *check.Cell
		for i := range sub.Parts {
			q := sub.Parts[i]
			if q.Get(c.doc).IsBlank() {
				continue
			}
			if pick == nil || c.wants(q, diff, rels) && !c.wants(*pick, diff, rels) ||
				c.wants(q, diff, rels) == c.wants(*pick, diff, rels) && q.Get(c.doc).Decimal().Abs().GreaterThan(pick.Get(c.doc).Decimal().Abs()) {
				pick = &sub.Parts[i]
			}
		}
		if pick != nil {
			path = append(path, c.pushDown(*pick, diff, cell.Ref(), byTotal, rels, depth+1)...)
		}
		break // one relation carries the difference down; the others follow from it
	}
	return path
}

// wants reports whether some violated relation has cell as a part and
// needs exactly diff added to its parts.
func (c *corrector) wants(cell check.Cell, diff decimal.Decimal, rels []check.Relation) bool {
	for _, r := range rels {
		if r.CheckOnly {
			continue
		}
		for _, p := range r.Parts {
			if p.Ref() != cell.Ref() {
				continue
			}
			sum := decimal.Zero
			for _, q := range r.Parts {
				sum = sum.Add(q.Get(c.doc).Decimal())
			}
			if r.Total.Get(c.doc).Decimal().Sub(sum).Equal(diff) {
				return true
			}
		}
	}
	return false
}

// score counts the relations that hold after the cells absorb diff (the
// document is restored afterwards).
func (c *corrector) score(path []check.Cell, diff decimal.Decimal, rels []check.Relation) int {
	saved := make([]model.Amount, len(path))
	for i, cell := range path {
		saved[i] = cell.Get(c.doc)
		cell.Set(c.doc, model.NewAmount(saved[i].Decimal().Add(diff), saved[i].Places()))
	}
	// relations that hold, less the figures other tables now contradict
	n := -len(check.CrossFindings(c.doc, c.set))
	for _, r := range rels {
		if r.Finding(c.doc) == nil {
			n++
		}
	}
	for i := len(path) - 1; i >= 0; i-- {
		path[i].Set(c.doc, saved[i])
	}
	return n
}
