package recognize

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"budgetpack/model"
	"budgetpack/model/raw"
	"budgetpack/templates"
)

// realign repairs a row whose figures a text export moved by one column.
// A layout that drops cells (PDF text) can misplace a run of figures; when
// the template's column relations fail materially on the row as printed,
// and moving exactly one run of figures one column into blank cells makes
// every relation hold exactly, that reading is taken and a remark says so.
// A part of a run moves: its end into the blank after it, or its start
// into the blank before it.
// Where no move, or more than one, would do, the row stays as printed and
// the checks report it.
// It returns the row as read, the remark and the keys of the columns the
// figures were read into.
func realign(t *templates.Table, cols []colRef, row raw.Row) (raw.Row, string, []string) {
	sums := t.Checks.Sums
	if len(sums) == 0 {
		return row, "", nil
	}
	var slots []colRef // the numeric columns in source order
	for _, c := range cols {
		if c.col.IsNumeric() {
			slots = append(slots, c)
		}
	}
	sort.Slice(slots, func(a, b int) bool { return slots[a].src < slots[b].src })
	text := func(r raw.Row, j int) string {
		if j < len(r.Cells) {
			return strings.TrimSpace(r.Cells[j].Text)
		}
		return ""
	}
	values := func(r raw.Row) (map[string]model.Amount, bool) {
		v := map[string]model.Amount{}
		for _, c := range slots {
			a, err := model.ParseAmount(text(r, c.src))
			if err != nil {
				return nil, false
			}
			v[c.col.Key] = a
		}
		return v, true
	}
	printed, ok := values(row)
	if !ok || holdAll(sums, printed, false) {
		return row, "", nil
	}
	type move struct {
		from, to int // slot range [from, to] moved by dir
		dir      int
	}
	var found []move
	var moved raw.Row
	for a := 0; a < len(slots); {
		if text(row, slots[a].src) == "" {
			a++
			continue
		}
		b := a
		for b+1 < len(slots) && text(row, slots[b+1].src) != "" {
			b++
		}
		// the end of a run may move right into the blank after it, the
		// start of a run left into the blank before it
		var tries []move
		if b+1 < len(slots) && text(row, slots[b+1].src) == "" {
			for k := a; k <= b; k++ {
				tries = append(tries, move{k, b, 1})
			}
		}
		if a-1 >= 0 && text(row, slots[a-1].src) == "" {
			for k := a; k <= b; k++ {
				tries = append(tries, move{a, k, -1})
			}
		}
		for _, m := range tries {
			try := shiftRun(row, slots, m.from, m.to, m.dir)
			if v, ok := values(try); ok && holdAll(sums, v, true) {
				found = append(found, m)
				moved = try
			}
		}
		a = b + 1
	}
	if len(found) != 1 {
		return row, "", nil
	}
	m := found[0]
	var was, now, figs, keys []string
	for k := m.from; k <= m.to; k++ {
		keys = append(keys, slots[k+m.dir].col.Key)
		figs = append(figs, text(row, slots[k].src))
		was = append(was, "“"+strings.ReplaceAll(slots[k].col.Header, " / ", "/")+"”")
		now = append(now, "“"+strings.ReplaceAll(slots[k+m.dir].col.Header, " / ", "/")+"”")
	}
	return moved, fmt.Sprintf("第 %d 行：文本中 %s 位于%s列下，与本表的勾稽关系不符；按错位一列读作%s列（文本导出时单元格错位），请与原表核对。",
		row.Line, strings.Join(figs, "、"), strings.Join(was, ""), strings.Join(now, "")), keys
}

// shiftRun moves the cells of slots a..b one slot in direction dir.
func shiftRun(row raw.Row, slots []colRef, a, b, dir int) raw.Row {
	out := raw.Row{Line: row.Line, AfterBreak: row.AfterBreak, Cells: append([]raw.Cell(nil), row.Cells...)}
	need := 0
	for _, s := range slots {
		need = max(need, s.src+1)
	}
	for len(out.Cells) < need {
		out.Cells = append(out.Cells, raw.Cell{Line: row.Line})
	}
	vals := make([]raw.Cell, len(slots))
	for k, s := range slots {
		vals[k] = out.Cells[s.src]
	}
	for k := a; k <= b; k++ {
		out.Cells[slots[k].src].Text = ""
	}
	for k := a; k <= b; k++ {
		out.Cells[slots[k+dir].src].Text = vals[k].Text
	}
	return out
}

// holdAll reports whether every column relation holds on the figures:
// exactly when exact, else within the rounding envelope.
func holdAll(sums []templates.Sum, v map[string]model.Amount, exact bool) bool {
	for _, s := range sums {
		total, ok := v[s.Total]
		if !ok || !s.Stated(func(k string) bool { _, ok := v[k]; return ok }) {
			continue
		}
		sum, tol := decimal.Zero, half(total)
		any := !total.IsBlank()
		for _, p := range s.Parts {
			a := v[p]
			sum = sum.Add(a.Decimal())
			tol = tol.Add(half(a))
			any = any || !a.IsBlank()
		}
		if !any {
			continue
		}
		diff := total.Decimal().Sub(sum).Abs()
		if exact && !diff.IsZero() || !exact && diff.GreaterThan(tol) {
			return false
		}
	}
	return true
}

func half(a model.Amount) decimal.Decimal {
	if a.IsBlank() {
		return decimal.Zero
	}
	return decimal.New(5, -a.Places()-1)
}
