package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"budgetpack/model"
	"budgetpack/templates"
)

// Prose checks that hold for any document, whatever its family: amounts
// stated next to a 科目 compared with the tables across 元 and 万元, growth
// rates recomputed from the 本年 and 上年 figures of their sentence, and
// notes in the narrative that call a table with figures empty.

var (
	// anyMoney is an amount with its unit: 1,234.56 万元, 471,452,100 元, 1.2 亿元.
	anyMoney = regexp.MustCompile(`(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)`)
	// classAmount is “一般公共服务（类）支出 10,271.56 万元”.
	classAmount = regexp.MustCompile(`([\p{Han}]+?)[（(]类[)）][\p{Han}]{0,6}?支出[^\d。；，,]{0,8}?(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)`)
	// itemAmount is “法院（款）其他法院支出（项）支出 910 万元”.
	itemAmount = regexp.MustCompile(`([\p{Han}]+?)[（(][款项][)）][\p{Han}]{0,4}?[^\d。；，,（(]{0,8}?(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)`)
	// quotedItem is “卫生健康支出”科目 94 万元.
	quotedItem = regexp.MustCompile(`“([^”]{2,30})”\s*科目[^\d。；]{0,6}?(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)`)
	// rate is a growth rate: 增长 12.5%.
	rate = regexp.MustCompile(`(增长|下降|减少|增加|上升|降低)\s*(\d+(?:\.\d+)?)\s*%`)
)

// toUnit converts a figure between 元, 万元 and 亿元; its places follow, so
// that its rounding envelope stays the printed one (94 万元 is 940000 元 ± 5000).
func toUnit(a model.Amount, from, to string) model.Amount {
	scale := map[string]int32{"元": 0, "万元": 4, "亿元": 8}
	f, okf := scale[from]
	t, okt := scale[to]
	if !okf || !okt || f == t {
		return a
	}
	shift := f - t // 万元 → 元: +4
	return model.NewAmount(a.Decimal().Shift(shift), a.Places()-shift)
}

func docUnit(doc *model.Document) string {
	if doc.Unit != "" {
		return doc.Unit
	}
	return "万元"
}

// anyProse runs the family-independent prose checks on one paragraph.
func anyProse(doc *model.Document, set *templates.Set, where string, p model.Paragraph) []Finding {
	var out []Finding
	out = append(out, subjectAmounts(doc, set, where, p)...)
	out = append(out, growthFromBase(doc, where, p)...)
	out = append(out, emptyClaims(doc, set, where, p)...)
	return out
}

// subjectTables are the tables whose rows a 科目 stated in the narrative
// may be: the amount must be one of them.
var subjectTables = []string{"expenditure_summary", "gpb_expenditure", "appropriation_expenditure", "appropriation_summary", "income_expense_summary", "fund_expenditure"}

// subjectAmounts compares each amount stated next to a 类 or a quoted
// 科目 name with the rows of that 科目 in the tables; it is an error when it
// agrees with none of them within rounding.
func subjectAmounts(doc *model.Document, set *templates.Set, where string, p model.Paragraph) []Finding {
	var out []Finding
	rv := &resolver{doc: doc, set: set}
	unit := docUnit(doc)
	check := func(stated string, m []string, figs []figure) {
		if len(figs) == 0 {
			return
		}
		v, err := model.ParseAmount(m[2])
		if err != nil {
			return
		}
		// compared in the stated unit: a figure converted to a coarser unit
		// keeps its digits, the stated one its envelope
		a := figure{value: v, loc: location{table: where, line: p.Line}}
		var best *Finding
		for _, fig := range figs {
			if fig.value.IsBlank() {
				continue
			}
			fig.value = toUnit(fig.value, unit, m[3])
			f := compareFigures(stated, "=", a, fig)
			if f == nil || f.Severity != Error {
				return // agrees with a table
			}
			if best == nil || f.Difference.Decimal().Abs().LessThan(best.Difference.Decimal().Abs()) {
				best = f
				best.Ref = fig.loc.ref
				best.Message = fmt.Sprintf("%s（%s）写“%s”，与表格「%s」%s的 %s %s 不一致，相差 %s %s。",
					where, locate(doc, p.Line), strings.TrimSpace(m[0]), fig.loc.table, rowCol(fig.loc), show(fig.value), m[3], show(f.Difference), m[3])
			}
		}
		if best != nil {
			best.Rule = "prose.subject"
			out = append(out, *best)
		}
	}
	for _, m := range classAmount.FindAllStringSubmatch(p.Text, -1) {
		code := set.Common.FunctionClass(m[1])
		if code == "" {
			continue
		}
		var figs []figure
		for _, kind := range subjectTables {
			col := "total"
			switch kind {
			case "income_expense_summary":
				col = "expense"
			case "appropriation_summary":
				col = "expense.total"
			}
			figs = append(figs, rv.resolve(templates.Cell{Table: kind, Row: "code:" + code, Column: col})...)
		}
		check(m[1]+"（类）支出", m, figs)
	}
	named := quotedItem.FindAllStringSubmatch(p.Text, -1)
	for _, m := range itemAmount.FindAllStringSubmatch(p.Text, -1) {
		// the 项 (or 款) named last before the amount: 法院（款）其他法院支出（项）
		if k := strings.LastIndexAny(m[1], "）)"); k >= 0 {
			m[1] = m[1][k+len("）"):]
		}
		named = append(named, m)
	}
	for _, m := range named {
		name := norm(m[1])
		var figs []figure
		for _, kind := range subjectTables {
			ti, t := rv.table(kind)
			if t == nil {
				continue
			}
			for ri := range t.Rows {
				r := &t.Rows[ri]
				for _, l := range []*model.Label{&r.Label, r.Pair} {
					if l == nil || norm(l.Name) != name && !strings.HasSuffix(norm(l.Name), "、"+name) {
						continue
					}
					for _, col := range []string{"total", "expense", "expense.total"} {
						if l == r.Pair && col == "total" || l != r.Pair && col != "total" && t.Column("total") != nil {
							continue
						}
						if v, ok := r.Values[col]; ok && !v.IsBlank() {
							cell := TableCell(ti, ri, col)
							figs = append(figs, figure{value: v, loc: location{table: t.Title, kind: t.Kind, row: strings.TrimSpace(l.Code + " " + l.Name), column: rv.header(t, col), line: r.Line, ref: cell.Ref()}, cell: &cell})
							break
						}
					}
				}
			}
		}
		check("“"+m[1]+"”科目", m, figs)
	}
	return out
}

// growthFromBase recomputes a growth rate from the 本年 and 上年 figures of
// its sentence where the sentence states no change amount (“2026 年预算
// 1,200 万元，比上年的 1,000 万元增长 20%”).
func growthFromBase(doc *model.Document, where string, p model.Paragraph) []Finding {
	var out []Finding
	for _, sent := range strings.Split(p.Text, "。") {
		for _, clause := range strings.Split(sent, "；") {
			rm := rate.FindStringSubmatchIndex(clause)
			if rm == nil {
				continue
			}
			type at struct {
				v    model.Amount
				unit string
				pos  int
			}
			var prior, current, change *at
			n := 0
			for _, m := range anyMoney.FindAllStringSubmatchIndex(clause, -1) {
				if m[0] > rm[0] {
					break
				}
				v, err := model.ParseAmount(clause[m[2]:m[3]])
				if err != nil {
					continue
				}
				n++
				before := clause[:m[0]]
				if len(before) > 24 {
					before = before[len(before)-24:]
				}
				a := &at{v, clause[m[4]:m[5]], m[0]}
				near := before
				if len(near) > 9 {
					near = near[len(near)-9:]
				}
				switch {
				case (strings.Contains(near, "增加") || strings.Contains(near, "减少")) && change == nil:
					change = a
					if strings.Contains(near, "减少") {
						change.v = model.NewAmount(v.Decimal().Neg(), v.Places())
					}
				case strings.Contains(before, "上年") && prior == nil:
					prior = a
				case current == nil:
					current = a
				}
			}
			if change != nil && current != nil && prior == nil && n == 2 {
				// 本年 X，增加 C，增长 Y%: the base is X − C
				c := toUnit(change.v, change.unit, current.unit)
				prior = &at{model.NewAmount(current.v.Decimal().Sub(c.Decimal()), places(current.v, c)), current.unit, current.pos}
				n = 2
			} else if change != nil {
				continue
			}
			if prior == nil || current == nil || n != 2 || prior.v.Decimal().IsZero() {
				continue
			}
			cur := current.v
			pre := toUnit(prior.v, prior.unit, current.unit)
			delta := model.NewAmount(cur.Decimal().Sub(pre.Decimal()).Abs(), places(cur, pre))
			pct, _ := model.ParseAmount(clause[rm[4]:rm[5]])
			word := clause[rm[2]:rm[3]]
			up := cur.Decimal().GreaterThan(pre.Decimal())
			if (word == "下降" || word == "减少" || word == "降低") == up && !cur.Decimal().Equal(pre.Decimal()) {
				out = append(out, Finding{
					Rule: "prose.growth", Severity: Error, Table: where, Line: p.Line,
					Message: fmt.Sprintf("%s（%s）写“%s”，但本年数 %s %s 比上年数 %s %s %s，方向不符。", where, locate(doc, p.Line),
						strings.TrimSpace(clause[rm[0]:rm[1]]), current.v.String(), current.unit, prior.v.String(), prior.unit, map[bool]string{true: "多", false: "少"}[up]),
				})
				continue
			}
			if f := percentFinding(where, p, clause[rm[0]:rm[1]], delta, pre, pct, "上年数 "+prior.v.String()+" "+prior.unit); f != nil {
				f.Rule = "prose.growth"
				f.Message = strings.Replace(f.Message, fmt.Sprintf("（第 %d 行）", p.Line), "（"+locate(doc, p.Line)+"）", 1)
				out = append(out, *f)
			}
		}
	}
	return out
}

// emptyClaims finds sentences that call a table empty (无政府性基金预算，
// 此表为空) while that table publishes figures.
func emptyClaims(doc *model.Document, set *templates.Set, where string, p model.Paragraph) []Finding {
	var out []Finding
	for i := range set.Tables {
		tpl := &set.Tables[i]
		if tpl.EmptyNote == "" || len(tpl.EmptyNames) == 0 {
			continue
		}
		t := doc.TableByKind(tpl.Kind)
		if t == nil || isEmpty(t) {
			continue
		}
		for _, sent := range strings.Split(p.Text, "。") {
			if !containsAny(sent, tpl.EmptyNames) || !tpl.EmptyNoteMatches(sent) || !emptyWords.MatchString(sent) {
				continue
			}
			out = append(out, Finding{
				Rule: "prose.empty_claim", Severity: Error, Table: where, Kind: t.Kind, Line: p.Line,
				Message: fmt.Sprintf("%s（%s）写“%s”，但「%s」列有金额（合计 %s）。", where, locate(doc, p.Line), strings.TrimSpace(sent), t.Title, tableTotal(t)),
			})
			break
		}
	}
	return out
}

// emptyWords are the words of a sentence saying a table has nothing.
var emptyWords = regexp.MustCompile(`空表|为空|无数据|没有.{0,12}预算|无.{0,12}预算|未安排|不涉及`)

func tableTotal(t *model.Table) string {
	for _, r := range t.Rows {
		if r.Role == model.RoleTotal {
			for _, c := range t.Columns {
				if v, ok := r.Values[c.Key]; ok && !v.IsBlank() {
					return show(v)
				}
			}
		}
	}
	s := decimal.Zero
	var p int32
	for _, r := range t.Rows {
		if r.Role != "" || r.Level != "类" && r.Code != "" {
			continue
		}
		if v, ok := r.Values["total"]; ok && !v.IsBlank() {
			s = s.Add(v.Decimal())
			if v.Places() > p {
				p = v.Places()
			}
		}
	}
	return fmtDec(s, p)
}

// locate says where a line is in the source: the page where the reader
// records places, else the text line.
func locate(doc *model.Document, line int) string {
	if s := doc.Where(line); s != "" {
		return s
	}
	return fmt.Sprintf("第 %d 行", line)
}
