package fix

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"budgetpack/check"
	"budgetpack/model"
)

// balanceAll absorbs, top-down, each rounding difference of a relation into
// one of its parts (see Correct). A change is made only when it leaves the
// document with fewer errors and warnings and no table worse.
func (c *corrector) balanceAll() {
	c.classes = equalityClasses(check.Equalities(c.doc, c.set))
	c.stated = statedFigures(c.doc)
	for pass := 0; pass < maxPasses; pass++ {
		changed := false
		rels := check.Relations(c.doc, c.set)
		height := heights(rels)
		sort.SliceStable(rels, func(a, b int) bool { return height[rels[a].Total.Ref()] > height[rels[b].Total.Ref()] })
		byTotal := map[string][]check.Relation{}
		for _, o := range rels {
			if !o.CheckOnly {
				byTotal[o.Total.Ref()] = append(byTotal[o.Total.Ref()], o)
			}
		}
		for _, r := range rels {
			changed = c.balance(r, rels, byTotal) || changed
		}
		if !changed {
			break
		}
	}
}

// step is one figure a balance changes and why.
type step struct {
	cell  check.Cell
	basis string
}

// balance absorbs one relation's rounding difference, if some part may
// take it.
func (c *corrector) balance(r check.Relation, rels []check.Relation, byTotal map[string][]check.Relation) bool {
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
	current := c.score()
	var best []step
	bestScore := current
	frozenAll := true
	for _, p := range r.Parts {
		if p.Get(c.doc).IsBlank() || c.frozen(p) {
			continue
		}
		frozenAll = false
		basis := fmt.Sprintf("舍位平衡：%s %s 保持不变，原明细之和 %s，舍入差 %s 计入本项",
			r.Where()+r.TotalName, total, sum.StringFixed(total.Places()), signed(diff, total.Places()))
		plan, ok := c.plan(p, diff, basis, r.Total.Ref(), byTotal, rels, 0)
		if !ok {
			continue
		}
		// among equal scores, a row already balanced in another column
		// takes the difference, so that a row's columns move together
		if sc := c.try(plan, diff); sc < bestScore || sc == bestScore && best != nil && c.touched(p) && !c.touched(best[0].cell) {
			best, bestScore = plan, sc
		}
	}
	if best == nil {
		reason := "各明细之间没有可调的数，未平衡"
		if frozenAll {
			reason = "各明细是项目批复数或文字说明写明的数，合计也不改动，未平衡；请核对后自行决定"
		} else {
			reason = "调整任何一项明细都会使其他表或文字说明出现新的不一致，未平衡；请核对后自行决定"
		}
		c.skip(Skip{Rule: r.Rule, Table: r.Table(), Row: r.Row(), Column: r.Column(), Line: r.Line(), Ref: r.Total.Ref(),
			Published: total, Other: model.NewAmount(sum, total.Places()),
			Reason: fmt.Sprintf("%s %s 与明细之和 %s 差 %s：%s", r.TotalName, total, sum.StringFixed(total.Places()), signed(diff, total.Places()), reason)})
		return false
	}
	for _, st := range best {
		old := st.cell.Get(c.doc)
		c.record("balance", st.cell, model.NewAmount(old.Decimal().Add(diff), old.Places()), st.basis, c.whereOf(st.cell))
	}
	return true
}

// plan lists the figures that change when cell absorbs diff: the cell, the
// same figure where another table repeats it, and for each relation that
// has the cell as its total, one part of it down to a leaf. ok is false
// when some figure on the way may not change.
func (c *corrector) plan(cell check.Cell, diff decimal.Decimal, basis, from string, byTotal map[string][]check.Relation, rels []check.Relation, depth int) ([]step, bool) {
	if depth > 12 || c.frozen(cell) {
		return nil, false
	}
	out := []step{{cell, basis}}
	for _, m := range c.classes[cell.Ref()] {
		if m.Ref() != cell.Ref() {
			w := c.whereOf(cell)
			out = append(out, step{m, fmt.Sprintf("舍位平衡：与「%s」“%s”同一数字，同步调整 %s", w.table, w.row, signed(diff, cell.Get(c.doc).Places()))})
		}
	}
	for _, member := range out {
		for _, sub := range byTotal[member.cell.Ref()] {
			if sub.Total.Ref() == from {
				continue
			}
			var cands []check.Cell
			for _, q := range sub.Parts {
				if !q.Get(c.doc).IsBlank() && !c.frozen(q) {
					cands = append(cands, q)
				}
			}
			if len(cands) == 0 {
				return nil, false
			}
			sort.SliceStable(cands, func(a, b int) bool {
				wa, wb := c.wants(cands[a], diff, rels), c.wants(cands[b], diff, rels)
				if wa != wb {
					return wa
				}
				if ta, tb := c.touched(cands[a]), c.touched(cands[b]); ta != tb {
					return ta
				}
				return cands[a].Get(c.doc).Decimal().Abs().GreaterThan(cands[b].Get(c.doc).Decimal().Abs())
			})
			w := c.whereOf(member.cell)
			sb := fmt.Sprintf("舍位平衡：上级项「%s」“%s”“%s”调整 %s，本项同步调整，使其明细之和仍等于它",
				w.table, w.row, w.column, signed(diff, member.cell.Get(c.doc).Places()))
			down, ok := c.plan(cands[0], diff, sb, member.cell.Ref(), byTotal, rels, depth+1)
			if !ok {
				return nil, false
			}
			out = append(out, down...)
			break // one relation carries the difference down; the scoring judges the rest
		}
	}
	return dedupe(out), true
}

func dedupe(steps []step) []step {
	seen := map[string]bool{}
	var out []step
	for _, s := range steps {
		if !seen[s.cell.Ref()] {
			seen[s.cell.Ref()] = true
			out = append(out, s)
		}
	}
	return out
}

// touched reports whether a figure of the cell's row has been balanced.
func (c *corrector) touched(cell check.Cell) bool {
	if cell.Project >= 0 {
		return false
	}
	for ref, other := range c.cells {
		if _, ok := c.byRef[ref]; ok && other.Project < 0 && other.Table == cell.Table && other.Row == cell.Row {
			return true
		}
	}
	return false
}

// try scores the document with the plan applied, then restores it.
func (c *corrector) try(plan []step, diff decimal.Decimal) int {
	saved := make([]model.Amount, len(plan))
	for i, st := range plan {
		saved[i] = st.cell.Get(c.doc)
		st.cell.Set(c.doc, model.NewAmount(saved[i].Decimal().Add(diff), saved[i].Places()))
	}
	sc := c.score()
	for i := len(plan) - 1; i >= 0; i-- {
		plan[i].cell.Set(c.doc, saved[i])
	}
	return sc
}

// score weighs the document's errors and warnings (fewer is better); a
// table that gains a finding makes any change unacceptable.
func (c *corrector) score() int {
	fs, err := check.Run(c.doc, c.set)
	if err != nil {
		return 1 << 30
	}
	by, errs, all := tally(fs)
	if c.base == nil {
		c.base = by
	}
	for t, n := range by {
		if n > c.base[t] {
			return 1 << 30
		}
	}
	return errs*1000 + all
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

// frozen reports whether balancing may not change the figure: a project's
// approved amount, or a figure the narrative states (or the same figure
// repeated in another table).
func (c *corrector) frozen(cell check.Cell) bool {
	if cell.Project >= 0 {
		return true
	}
	for _, m := range append([]check.Cell{cell}, c.classes[cell.Ref()]...) {
		if m.Project >= 0 {
			return true
		}
		v := m.Get(c.doc)
		if !v.IsBlank() && c.stated[v.Decimal().String()] {
			return true
		}
	}
	return false
}

// equalityClasses groups the cells the templates say are one figure shown
// in several tables.
func equalityClasses(eqs []check.Equality) map[string][]check.Cell {
	parent := map[string]string{}
	cells := map[string]check.Cell{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] == "" || parent[x] == x {
			return x
		}
		r := find(parent[x])
		parent[x] = r
		return r
	}
	for _, e := range eqs {
		a, b := e.A.Ref(), e.B.Ref()
		cells[a], cells[b] = e.A, e.B
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[ra] = rb
		}
	}
	groups := map[string][]check.Cell{}
	var refs []string
	for ref := range cells {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	for _, ref := range refs {
		groups[find(ref)] = append(groups[find(ref)], cells[ref])
	}
	out := map[string][]check.Cell{}
	for _, ref := range refs {
		out[ref] = groups[find(ref)]
	}
	return out
}

var proseNumber = regexp.MustCompile(`\d+(?:\.\d+)?`)

// statedFigures are the numbers the narrative states, by decimal value.
func statedFigures(doc *model.Document) map[string]bool {
	out := map[string]bool{}
	for _, sec := range doc.Sections {
		for _, p := range sec.Paragraphs {
			for _, m := range proseNumber.FindAllString(strings.ReplaceAll(p.Text, ",", ""), -1) {
				if d, err := decimal.NewFromString(m); err == nil {
					out[d.String()] = true
				}
			}
		}
	}
	return out
}

// unbalanced keeps, of the differences left, those still there.
func (c *corrector) unbalanced(skips []Skip) []Skip {
	var out []Skip
	rels := check.Relations(c.doc, c.set)
	open := map[string]bool{}
	for _, r := range rels {
		if f := r.Finding(c.doc); f != nil {
			open[r.Total.Ref()+"|"+r.Rule] = true
		}
	}
	for _, s := range skips {
		if s.Rule == "cross.equal" || open[s.Ref+"|"+s.Rule] {
			out = append(out, s)
		}
	}
	if out == nil {
		out = []Skip{}
	}
	return out
}

// signed prints a difference with its sign.
func signed(d decimal.Decimal, p int32) string {
	if d.IsPositive() {
		return "+" + d.StringFixed(p)
	}
	return d.StringFixed(p)
}
