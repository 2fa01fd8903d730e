package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"budgetpack/model"
	"budgetpack/templates"
)

// figure is a resolved figure of the document with its place. A figure
// computed from several published ones (a 类 added up from its 项 rows)
// keeps them in parts, which widen its rounding envelope.
type figure struct {
	key   string // the pairing key for each:… selectors
	value model.Amount
	parts []model.Amount
	loc   location
	// cell is the published cell, where the figure is one.
	cell *Cell
}

// tol is the figure's rounding envelope.
func (f figure) tol() decimal.Decimal {
	if len(f.parts) == 0 {
		return half(f.value)
	}
	t := decimal.Zero
	for _, p := range f.parts {
		t = t.Add(half(p))
	}
	return t
}

// resolver finds the figures a templates.Cell selects.
type resolver struct {
	doc *model.Document
	set *templates.Set
}

func (rv *resolver) table(kind string) (int, *model.Table) {
	for i := range rv.doc.Tables {
		if rv.doc.Tables[i].Kind == kind {
			return i, &rv.doc.Tables[i]
		}
	}
	return -1, nil
}

// resolve returns the selected figures; nil when the table, row or column
// is not there (completeness checks report missing tables).
func (rv *resolver) resolve(c templates.Cell) []figure {
	if c.Overall != "" {
		o := rv.doc.Overall
		if o == nil {
			return nil
		}
		title := "部门整体绩效目标"
		if _, t := rv.table("overall_performance"); t != nil {
			title = t.Title
		}
		for _, b := range o.Budget {
			if b.Key == c.Overall {
				return []figure{{value: b.Amount, loc: location{table: title, kind: "overall_performance", row: b.Name, line: b.Line}}}
			}
		}
		return nil
	}
	if c.Projects != "" {
		var parts []model.Amount
		for _, p := range rv.doc.Projects {
			parts = append(parts, p.Amounts[c.Projects])
		}
		if len(parts) == 0 {
			return nil
		}
		return []figure{{value: amount(sum(parts), places(parts...)), parts: parts, loc: location{table: "项目绩效目标", row: "各项目合计"}}}
	}
	ti, t := rv.table(c.Table)
	if t == nil || t.Column(c.Column) == nil {
		return nil
	}
	col := t.Column(c.Column)
	header := col.Label()
	at := func(ri int, l model.Label) location {
		r := &t.Rows[ri]
		return location{table: t.Title, kind: t.Kind, row: rowName(l, r), column: header, line: r.Line, ref: model.CellRef(ti, ri, c.Column)}
	}
	one := func(ri int, l model.Label) []figure {
		cell := TableCell(ti, ri, c.Column)
		return []figure{{value: t.Rows[ri].Values[c.Column], loc: at(ri, l), cell: &cell}}
	}
	sel, arg, _ := strings.Cut(c.Row, ":")
	switch sel {
	case "key":
		for ri := range t.Rows {
			r := &t.Rows[ri]
			if r.Key == arg {
				return one(ri, r.Label)
			}
			if r.Pair != nil && r.Pair.Key == arg {
				return one(ri, *r.Pair)
			}
		}
	case "role":
		for ri := range t.Rows {
			r := &t.Rows[ri]
			if r.Role == arg && r.Code == "" && r.Pair == nil {
				return one(ri, r.Label)
			}
		}
		if arg == model.RoleTotal {
			// a form listing its items down the page (江苏's 收入预算总表:
			// 收入总计, then each source's 小计 and items) prints no 合计
			// row: its 总计 is the table's total
			for ri := range t.Rows {
				r := &t.Rows[ri]
				if r.Role == model.RoleGrandTotal && r.Code == "" && r.Pair == nil {
					return one(ri, r.Label)
				}
			}
		}
	case "first":
		// a form printing last year's row too: the budget year's row
		for ri := range t.Rows {
			if t.Rows[ri].Key == "current" {
				return one(ri, t.Rows[ri].Label)
			}
		}
		for ri := range t.Rows {
			if r := &t.Rows[ri]; r.Code != "" || r.Name != "" || hasFigure(r) {
				return one(ri, r.Label) // (past a row printed empty)
			}
		}
	case "code":
		if f, ok := rv.byCode(t, ti, c.Column, arg, at); ok {
			return []figure{f}
		}
	case "each":
		return rv.each(t, ti, c.Column, arg, at)
	case "text":
		colKey, prefix, _ := strings.Cut(arg, "^")
		var parts []model.Amount
		var first = -1
		for ri := range t.Rows {
			r := &t.Rows[ri]
			if detail(r) && strings.HasPrefix(r.Texts[colKey], prefix) {
				parts = append(parts, r.Values[c.Column])
				if first < 0 {
					first = ri
				}
			}
		}
		if first < 0 {
			return []figure{{value: model.NewAmount(decimal.Zero, 2), loc: location{table: t.Title, kind: t.Kind, column: header}}}
		}
		loc := at(first, t.Rows[first].Label)
		loc.row = fmt.Sprintf("%s以 %s 开头各行的合计", rv.header(t, colKey), prefix)
		// a sum of several rows is no one cell: nothing is shaded for it
		loc.ref = ""
		return []figure{{value: amount(sum(parts), places(parts...)), parts: parts, loc: loc}}
	}
	return nil
}

func (rv *resolver) header(t *model.Table, key string) string {
	if c := t.Column(key); c != nil {
		return c.Label()
	}
	return key
}

// byCode finds the row with the code, or adds up the deepest rows under a
// code the table does not print (a table that lists only 项 rows).
func (rv *resolver) byCode(t *model.Table, ti int, col, code string, at func(int, model.Label) location) (figure, bool) {
	for ri := range t.Rows {
		r := &t.Rows[ri]
		cell := TableCell(ti, ri, col)
		if r.Role != model.RoleUnit && r.Code == code {
			return figure{key: code, value: r.Values[col], loc: at(ri, r.Label), cell: &cell}, true
		}
		if r.Pair != nil && r.Pair.Code == code {
			return figure{key: code, value: r.Values[col], loc: at(ri, *r.Pair), cell: &cell}, true
		}
	}
	deepest := 0
	for _, r := range t.Rows {
		if r.Role != model.RoleUnit && strings.HasPrefix(r.Code, code) && len(r.Code) > deepest {
			deepest = len(r.Code)
		}
	}
	if deepest == 0 {
		return figure{}, false
	}
	var parts []model.Amount
	first := -1
	for ri, r := range t.Rows {
		if r.Role != model.RoleUnit && strings.HasPrefix(r.Code, code) && len(r.Code) == deepest {
			parts = append(parts, r.Values[col])
			if first < 0 {
				first = ri
			}
		}
	}
	loc := at(first, t.Rows[first].Label)
	loc.row = code + "（由其下各项合计）"
	return figure{key: code, value: amount(sum(parts), places(parts...)), parts: parts, loc: loc}, true
}

// each returns one figure per 类 (class) or per code of the table.
func (rv *resolver) each(t *model.Table, ti int, col, what string, at func(int, model.Label) location) []figure {
	seen := map[string]bool{}
	var codes []string
	for _, r := range t.Rows {
		for _, l := range []*model.Label{&r.Label, r.Pair} {
			if l == nil || l.Code == "" || l.Role == model.RoleUnit || l.Level == "单位" {
				continue
			}
			code := l.Code
			if what == "class" {
				if len(code) < 3 {
					continue
				}
				code = code[:3]
			}
			if !seen[code] {
				seen[code] = true
				codes = append(codes, code)
			}
		}
	}
	var out []figure
	for _, code := range codes {
		if f, ok := rv.byCode(t, ti, col, code, at); ok {
			if f.value.IsBlank() && len(f.parts) == 0 {
				continue // a printed row without a figure states nothing
			}
			out = append(out, f)
		}
	}
	return out
}

// crossCheck compares the figures of one relation.
// unitScale orders the money units from fine to coarse.
var unitScale = map[string]int{"元": 0, "万元": 4, "亿元": 8}

// unitOf is the money unit of the table a cell selects: its own caption's,
// else the document's.
func (rv *resolver) unitOf(c templates.Cell) string {
	if c.Table == "" {
		return ""
	}
	if _, t := rv.table(c.Table); t != nil && t.Unit != "" {
		return t.Unit
	}
	return rv.doc.Unit
}

func (rv *resolver) crossCheck(c templates.Cross) []Finding {
	as, bs := rv.resolve(c.A), rv.resolve(c.B)
	if as == nil || bs == nil {
		return nil
	}
	// two tables in different units (“三公” in 万元 beside tables in 元)
	// compare in the coarser one, each figure keeping its printed digits
	if ua, ub := rv.unitOf(c.A), rv.unitOf(c.B); ua != ub && ua != "" && ub != "" {
		coarse := ua
		if unitScale[ub] > unitScale[ua] {
			coarse = ub
		}
		for i := range as {
			as[i].value = toUnit(as[i].value, ua, coarse)
			as[i].parts = nil
		}
		for i := range bs {
			bs[i].value = toUnit(bs[i].value, ub, coarse)
			bs[i].parts = nil
		}
	}
	op := c.Op
	if op == "" {
		op = "="
	}
	pairsEach := strings.HasPrefix(c.A.Row, "each:") || strings.HasPrefix(c.B.Row, "each:")
	var out []Finding
	if !pairsEach {
		if f := compareFigures(c.Name, op, as[0], bs[0]); f != nil {
			out = append(out, *f)
		}
		return out
	}
	bByKey := map[string]figure{}
	for _, b := range bs {
		bByKey[b.key] = b
	}
	aByKey := map[string]bool{}
	for _, a := range as {
		aByKey[a.key] = true
		b, ok := bByKey[a.key]
		if !ok {
			if op == ">=" || a.value.Decimal().IsZero() {
				continue // nothing to compare: a ≥ 0 holds
			}
			b = figure{key: a.key, value: model.NewAmount(decimal.Zero, a.value.Places()), loc: location{table: tableOf(bs), row: a.key + "（未列示）"}}
		}
		if f := compareFigures(c.Name+"："+a.key, op, a, b); f != nil {
			out = append(out, *f)
		}
	}
	if op == "=" {
		var missing []string
		for k := range bByKey {
			if !aByKey[k] && !bByKey[k].value.Decimal().IsZero() {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		for _, k := range missing {
			b := bByKey[k]
			a := figure{key: k, value: model.NewAmount(decimal.Zero, b.value.Places()), loc: location{table: tableOf(as), row: k + "（未列示）"}}
			if f := compareFigures(c.Name+"："+k, op, a, b); f != nil {
				out = append(out, *f)
			}
		}
	}
	return out
}

func tableOf(fs []figure) string {
	if len(fs) > 0 {
		return fs[0].loc.table
	}
	return ""
}

// compareFigures compares two figures of one fact. Shown at the same
// precision they must be identical; otherwise they agree within the
// coarser envelope. A figure added up from others agrees within the sum
// of their envelopes (a warning where it is not exactly equal).
func compareFigures(name, op string, a, b figure) *Finding {
	av, bv := a.value.Decimal(), b.value.Decimal()
	diff := av.Sub(bv)
	var tol decimal.Decimal
	summed := len(a.parts) > 0 || len(b.parts) > 0
	switch {
	case summed:
		tol = a.tol().Add(b.tol())
	case a.value.Places() == b.value.Places() || a.value.IsBlank() || b.value.IsBlank():
		tol = decimal.Zero
	default:
		tol = decimal.Max(half(a.value), half(b.value))
	}
	var bad decimal.Decimal // how far the relation is off
	switch op {
	case ">=":
		bad = decimal.Max(bv.Sub(av), decimal.Zero)
	case "<=":
		bad = decimal.Max(av.Sub(bv), decimal.Zero)
	default:
		bad = diff.Abs()
	}
	if bad.IsZero() {
		return nil
	}
	sev := Error
	if bad.LessThanOrEqual(tol) {
		if !summed {
			return nil // different precision, consistent after rounding
		}
		sev = Warning
	}
	p := places(a.value, b.value)
	rel := map[string]string{"=": "应等于", ">=": "应不少于", "<=": "应不超过"}[op]
	f := &Finding{
		Rule: "cross." + map[string]string{"=": "equal", ">=": "at_least", "<=": "at_most"}[op], Severity: sev,
		Table: a.loc.table, Kind: a.loc.kind, Row: a.loc.row, Column: a.loc.column, Line: a.loc.line, Ref: a.loc.ref,
		Expected: b.value, Actual: a.value, Difference: amount(diff, p),
	}
	f.Message = fmt.Sprintf("%s：%s 为 %s，%s %s 的 %s，相差 %s。", name, a.loc.describe(), show(a.value), rel, b.loc.describe(), show(b.value), fmtDec(diff, p))
	if sev == Warning {
		f.Message += fmt.Sprintf("在舍入误差范围（±%s）内，可能为舍入误差。", tol.String())
	}
	return f
}

// hasFigure reports whether a row prints a figure.
func hasFigure(r *model.Row) bool {
	for _, v := range r.Values {
		if !v.IsBlank() {
			return true
		}
	}
	return false
}
