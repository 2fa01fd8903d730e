package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"budgetpack/model"
	"budgetpack/templates"
)

var (
	// money is an amount in 万元 stated in a sentence.
	money = regexp.MustCompile(`(\d[\d,]*(?:\.\d+)?)\s*万元`)
	// share is "X 万元，占 Y%".
	share = regexp.MustCompile(`(\d[\d,]*(?:\.\d+)?)\s*万元\s*[，,]?\s*占\s*(\d+(?:\.\d+)?)\s*%`)
	// growth is "增加 X 万元，增长 Y%" (or 减少 … 下降 Y%).
	growth = regexp.MustCompile(`(增加|减少)\s*(\d[\d,]*(?:\.\d+)?)\s*万元\s*[，,]?\s*(增长|下降|减少)\s*(\d+(?:\.\d+)?)\s*%`)
	// paren is a bracketed aside, which may hold a list of its own.
	paren = regexp.MustCompile(`[（(][^（()）]*[)）]`)
	// leadingYear is a year that opens a clause ("2023 年收入…").
	leadingYear = regexp.MustCompile(`^\s*(\d{4}\s*年度?)?`)
)

// proseChecks ties the narrative to the tables and to itself.
func proseChecks(doc *model.Document, set *templates.Set) []Finding {
	rv := &resolver{doc: doc, set: set}
	var out []Finding
	for si, s := range doc.Sections {
		nextHeading := ""
		if si+1 < len(doc.Sections) {
			nextHeading = doc.Sections[si+1].Heading
		}
		where := "文字说明"
		if s.Heading != "" {
			where += "：" + s.Heading
		}
		for pi, p := range s.Paragraphs {
			for i := range set.Prose {
				rule := &set.Prose[i]
				if rule.Section != "" && !strings.Contains(s.Heading, rule.Section) {
					continue
				}
				out = append(out, proseRule(rv, rule, where, p)...)
			}
			out = append(out, parts(where, p)...)
			out = append(out, percents(where, p)...)
			out = append(out, anyProse(doc, set, where, p)...)
			out = append(out, listCounts(doc, where, s.Paragraphs, pi, nextHeading)...)
		}
	}
	return dedupe(out)
}

// dedupe drops a finding that another rule already made on the same
// figure of the same line.
func dedupe(fs []Finding) []Finding {
	seen := map[string]bool{}
	var out []Finding
	for _, f := range fs {
		k := f.Rule + "|" + fmt.Sprint(f.Line) + "|" + f.Actual.String() + "|" + f.Expected.String()
		if f.Actual.IsBlank() {
			k += f.Message
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// proseRule compares each amount the rule's pattern finds with its figure.
func proseRule(rv *resolver, rule *templates.ProseRule, where string, p model.Paragraph) []Finding {
	var out []Finding
	for _, m := range rule.Regexp().FindAllStringSubmatch(p.Text, -1) {
		stated, err := model.ParseAmount(strings.TrimSuffix(m[1], "."))
		if err != nil {
			continue
		}
		figs := rv.resolve(rule.Cell)
		if len(figs) != 1 {
			continue
		}
		fig := figs[0]
		a := figure{value: stated, loc: location{table: where, line: p.Line}}
		f := compareFigures(rule.Name, "=", a, fig)
		if f == nil {
			continue
		}
		f.Rule = "prose.table"
		f.Ref = fig.loc.ref // link to the table cell the sentence contradicts
		f.Message = fmt.Sprintf("%s（第 %d 行）写“%s”，%s为 %s，与表格「%s」%s的 %s 不一致，相差 %s。",
			where, p.Line, strings.TrimSpace(m[0]), rule.Name, show(stated), fig.loc.table, rowCol(fig.loc), show(fig.value), show(f.Difference))
		out = append(out, *f)
	}
	return out
}

func rowCol(l location) string {
	s := ""
	switch {
	case strings.HasSuffix(l.row, "的合计"):
		s += "“" + l.row + "”"
	case l.row != "":
		s += "“" + l.row + "”行"
	}
	if l.column != "" {
		s += "“" + l.column + "”列"
	}
	return s
}

// amountAt is an amount found in a text with its position.
type amountAt struct {
	value model.Amount
	at    int
	text  string
}

func amounts(s string) []amountAt {
	var out []amountAt
	for _, m := range money.FindAllStringSubmatchIndex(s, -1) {
		if changeAmount(s[:m[0]]) {
			continue // 比上年增加 X 万元: a change, not a part of the list
		}
		a, err := model.ParseAmount(s[m[2]:m[3]])
		if err == nil {
			out = append(out, amountAt{a, m[0], s[m[0]:m[1]]})
		}
	}
	return out
}

// listSentences splits a paragraph into the sentences a 其中 list can
// run through: at 。, and at ； where the next clause opens a list or a
// subject of its own (本部门当年财政拨款支出 …，其中 …).
func listSentences(text string) []string {
	var out []string
	for _, sent := range strings.Split(text, "。") {
		clauses := strings.Split(sent, "；")
		cur := clauses[0]
		for _, c := range clauses[1:] {
			if strings.Contains(c, "其中") || newSubject.MatchString(c) {
				out = append(out, cur)
				cur = c
				continue
			}
			cur += "；" + c
		}
		out = append(out, cur)
	}
	return out
}

var newSubject = regexp.MustCompile(`^\s*(本部门|本单位|\d{4}\s*年)`)

// changeAmount reports whether the text before an amount makes it a
// change on another year (比 2025 年预算增加 19,021 万元).
func changeAmount(before string) bool {
	r := []rune(before)
	if len(r) > 6 {
		r = r[len(r)-6:]
	}
	tail := string(r)
	return strings.Contains(tail, "增加") || strings.Contains(tail, "减少") || strings.Contains(tail, "增长") || strings.Contains(tail, "下降")
}

// parts checks “X 万元，其中 a 万元，b 万元 …” lists: the parts add up to
// the whole (asides in brackets and 包括 … clauses are lists of their own).
func parts(where string, p model.Paragraph) []Finding {
	var out []Finding
	text := p.Text
	// bracketed asides: their 其中 lists total the amount before them
	for _, m := range paren.FindAllStringIndex(text, -1) {
		inner := text[m[0]:m[1]]
		if !strings.Contains(inner, "其中") {
			continue
		}
		before := amounts(text[:m[0]])
		if len(before) == 0 {
			continue
		}
		head := before[len(before)-1]
		if f := listFinding(where, p, head, amounts(inner[strings.Index(inner, "其中"):])); f != nil {
			out = append(out, *f)
		}
	}
	flat := paren.ReplaceAllStringFunc(text, func(s string) string { return strings.Repeat(" ", len(s)) })
	sentences := listSentences(flat)
	var prev []amountAt
	for _, sent := range sentences {
		idx := strings.Index(sent, "其中")
		if idx < 0 {
			prev = amounts(sent)
			continue
		}
		before := amounts(sent[:idx])
		var head amountAt
		var heads []amountAt // the amounts the list may break down
		switch {
		case len(before) > 0:
			head = before[len(before)-1]
		case len(prev) > 0:
			// a list opening a sentence of its own breaks down an amount
			// of the sentence before: its last, or another that the list
			// adds up to (收入预算合计 X 万元，包括本年收入 a 万元，上年结转 b
			// 万元。其中：… lists the parts of X)
			head = prev[len(prev)-1]
			heads = prev[:len(prev)-1]
		default:
			prev = amounts(sent)
			continue
		}
		rest := sent[idx:]
		// 包括 … up to the next ； is a breakdown of the amount before it
		var list []amountAt
		for rest != "" {
			k := strings.Index(rest, "包括")
			if k < 0 {
				list = append(list, amounts(rest)...)
				break
			}
			pre := amounts(rest[:k])
			list = append(list, pre...)
			end := strings.Index(rest[k:], "；")
			clause := rest[k:]
			if end >= 0 {
				clause = rest[k : k+end]
			}
			if len(pre) > 0 {
				if f := listFinding(where, p, pre[len(pre)-1], amounts(clause)); f != nil {
					out = append(out, *f)
				}
			}
			if end < 0 {
				break
			}
			rest = rest[k+end:]
		}
		if sub, ok := subtotalClause(sent[idx:]); ok {
			// 其中一般公共预算拨款政府采购 X 万元：货物 a 万元、工程 b 万元 …:
			// the clause names a part with its own total, then breaks it down
			head, list, heads = sub[0], sub[1:], nil
		}
		if f := listFinding(where, p, head, list); f != nil && !addsUpToOne(where, p, heads, list) {
			out = append(out, *f)
		}
		prev = amounts(sent)
	}
	return out
}

// addsUpToOne reports whether the list adds up to one of the amounts.
func addsUpToOne(where string, p model.Paragraph, heads, list []amountAt) bool {
	for _, h := range heads {
		if listFinding(where, p, h, list) == nil {
			return true
		}
	}
	return false
}

// subtotalClause reports a 其中 clause whose first amount is the total of
// the ones after it: a colon follows it (其中一般公共预算拨款政府采购
// 11307.34 万元：政府采购货物预算 2703.19 万元、…). It returns the clause's
// amounts, the first being that total.
func subtotalClause(clause string) ([]amountAt, bool) {
	if strings.Contains(clause, "包括") {
		return nil, false
	}
	as := amounts(clause)
	if len(as) < 3 {
		return nil, false
	}
	// the colon directly after the first amount (… 11307.34 万元：)
	after := strings.TrimSpace(clause[as[0].at+len(as[0].text) : as[1].at])
	after = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(after, "万元"), "元"))
	if !strings.HasPrefix(after, "：") && !strings.HasPrefix(after, ":") {
		return nil, false
	}
	return as, true
}

func listFinding(where string, p model.Paragraph, head amountAt, list []amountAt) *Finding {
	if len(list) < 2 {
		return nil
	}
	var ts []term
	for _, a := range list {
		ts = append(ts, term{strings.TrimSpace(a.text), a.value})
	}
	loc := location{table: where, line: p.Line}
	f := sumFinding("prose.parts", loc, term{strings.TrimSpace(head.text), head.value}, ts)
	if f == nil {
		return nil
	}
	var names []string
	for _, a := range list {
		names = append(names, strings.TrimSpace(a.text))
	}
	f.Message = fmt.Sprintf("%s（第 %d 行）：总数 %s，而“其中”所列各项 %s 合计 %s，相差 %s。",
		where, p.Line, strings.TrimSpace(head.text), strings.Join(names, " + "), show(f.Expected)+" 万元", show(f.Difference))
	if f.Severity == Warning {
		f.Message += "在舍入误差范围内，可能为舍入误差。"
	} else {
		f.Message += "文字说明前后矛盾。"
	}
	return f
}

// percents recomputes each percentage from its own numbers: a share of
// the whole (占 Y%) and a change on last year (增长 Y%).
func percents(where string, p model.Paragraph) []Finding {
	var out []Finding
	text := p.Text
	for _, sent := range strings.Split(text, "。") {
		for _, m := range share.FindAllStringSubmatchIndex(sent, -1) {
			part, _ := model.ParseAmount(sent[m[2]:m[3]])
			pct, _ := model.ParseAmount(sent[m[4]:m[5]])
			// the whole is the amount stated before the 其中 list, else the sentence's first
			var whole *amountAt
			if k := strings.Index(sent, "其中"); k >= 0 && k < m[0] {
				if b := amounts(sent[:k]); len(b) > 0 {
					whole = &b[len(b)-1]
				}
			}
			if whole == nil {
				if all := amounts(text); len(all) > 0 {
					whole = &all[0]
				}
			}
			if whole == nil || whole.value.Decimal().IsZero() {
				continue
			}
			if f := percentFinding(where, p, sent[m[0]:m[1]], part, whole.value, pct, whole.text); f != nil {
				out = append(out, *f)
			}
		}
	}
	// an aside in brackets states figures of its own (公务用车购置费 0 万元 …)
	text = paren.ReplaceAllStringFunc(text, func(s string) string { return strings.Repeat(" ", len(s)) })
	all := amounts(text)
	for _, m := range growth.FindAllStringSubmatchIndex(text, -1) {
		change, _ := model.ParseAmount(text[m[4]:m[5]])
		pct, _ := model.ParseAmount(text[m[8]:m[9]])
		subject := clauseBefore(text, m[0])
		var current *amountAt
		for i := range all {
			a := &all[i]
			if a.at >= m[0] || subject == "" {
				break
			}
			label := clauseBefore(text, a.at)
			if strings.Contains(label, subject) || strings.Contains(subject, label) && label != "" {
				current = a
				break
			}
		}
		if current == nil {
			continue
		}
		base := current.value.Decimal().Sub(change.Decimal())
		if text[m[2]:m[3]] == "减少" {
			base = current.value.Decimal().Add(change.Decimal())
		}
		if base.IsZero() {
			continue
		}
		prior := model.NewAmount(base, places(current.value, change))
		if f := percentFinding(where, p, text[m[0]:m[1]], change, prior, pct, "上年数 "+prior.String()+" 万元（"+strings.TrimSpace(current.text)+" 减去增加额）"); f != nil {
			f.Rule = "prose.growth"
			out = append(out, *f)
		}
	}
	return out
}

// clauseBefore is the text between the last delimiter before at and at:
// the subject of the amount or change stated there.
func clauseBefore(text string, at int) string {
	s := text[:at]
	if k := strings.LastIndexAny(s, "，。；：、,;"); k >= 0 {
		s = s[k:]
		_, size := firstRune(s)
		s = s[size:]
	}
	s = leadingYear.ReplaceAllString(s, "")
	for _, w := range []string{"与上年相比", "比上年", "较上年", "合计", "总计", "年初预算为", "预算"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return strings.Join(strings.Fields(s), "")
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// percentFinding checks that pct is part/whole×100 within the rounding of
// all three figures.
func percentFinding(where string, p model.Paragraph, stated string, part, whole, pct model.Amount, wholeText string) *Finding {
	exact := part.Decimal().Div(whole.Decimal()).Mul(decimal.NewFromInt(100))
	diff := pct.Decimal().Sub(exact)
	// propagated rounding: the percentage's own half unit plus the relative
	// rounding of the part and the whole
	tol := half(pct).Add(exact.Abs().Mul(half(part).Div(part.Decimal().Abs().Add(decimal.New(1, -12))).Add(half(whole).Div(whole.Decimal().Abs()))))
	rounded := exact.Round(pct.Places())
	if rounded.Equal(pct.Decimal()) {
		return nil
	}
	sev := Warning
	if diff.Abs().GreaterThan(tol) {
		sev = Error
	}
	f := &Finding{
		Rule: "prose.percent", Severity: sev, Table: where, Line: p.Line,
		Expected: model.NewAmount(rounded, pct.Places()), Actual: pct, Difference: model.NewAmount(pct.Decimal().Sub(rounded), pct.Places()),
		Message: fmt.Sprintf("%s（第 %d 行）写“%s”，按 %s ÷ %s 计算应为 %s%%，所写 %s%% 不符。",
			where, p.Line, strings.TrimSpace(stated), part.String(), strings.TrimSpace(wholeText), rounded.StringFixed(pct.Places()), pct.String()),
	}
	if sev == Warning {
		f.Message += "差异在舍入误差范围内。"
	}
	return f
}
