package check

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"budgetpack/model"
)

// Stated counts against the items listed: “27个机构分别是：A、B、…”,
// “围绕以下8个方面展开：一是…二是…”, “共14个内设机构：A、B …”. Only a
// list whose items can be told apart without a guess is counted: a list
// that runs past its paragraph, ends in 等 or holds figures is left alone.

var (
	// statedCount is a count with its measure word: 27个, 十四个, 3所.
	statedCount = regexp.MustCompile(`(\d+|[一二两三四五六七八九十]+)\s*(?:个|所|家|项)`)
	// listOpener is what follows a count when a list comes next: the
	// noun, then 分别是/包括/依次为 … or a colon (“27个机构分别是”,
	// “处室15个，分别为：”, “共14个内设机构：”).
	// After a comma only words about the list itself may come before the
	// opener (“，各机构规范简称依次为”), not a new subject (“，对象包括”).
	listOpener = regexp.MustCompile(`^[\p{Han}]{0,14}?(?:\s*[，,]\s*(?:具体|各[\p{Han}]{0,6})?)?(?:分别是|分别为|依次为|具体是|具体为|包括)\s*[：:]?|^[\p{Han}]{0,14}?\s*[：:]`)
	// listTotal follows a count with the total of the items listed:
	// “3个项目共600万元：”, “共安排3个项目，金额600万元，分别是”.
	listTotal = regexp.MustCompile(`^[\p{Han}]{0,8}?\s*[，,]?\s*(?:共计|共|合计|总金额|金额|资金|总额|预算)[\p{Han}]{0,4}?\s*(\d[\d,]*(?:\.\d+)?)\s*万元\s*(?:[，,]?\s*(?:具体|各项目)?(?:分别是|分别为|依次为|具体是|具体为|包括|如下))?\s*[：:]?`)
	// unitNoun is a measure counted with 个 that lists nothing.
	unitNoun = regexp.MustCompile(`^\s*(?:百分点|月|工作日|小时|季度|星期|标准差|名次)`)
	// brackets are asides inside an item: 政策法规处（审批管理处）.
	brackets = regexp.MustCompile(`\s*[（(][^（()）]*[)）]`)
	// joined is a word that may join the last two items (A、B和C, A、B以及C);
	// inside an item before the last it is part of a name (科技和统计处).
	joined = regexp.MustCompile(`和|及|与`)
)

// chineseNumber reads 27, 二十七, 十四, 两; ok is false for anything else.
func chineseNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		n := 0
		for _, r := range s {
			if r < '0' || r > '9' {
				return 0, false
			}
			n = n*10 + int(r-'0')
		}
		return n, true
	}
	digit := map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, -1
	for _, r := range s {
		if r == '十' {
			if cur < 0 {
				cur = 1
			}
			n += cur * 10
			cur = -1
			continue
		}
		d, ok := digit[r]
		if !ok || cur >= 0 {
			return 0, false // 二三 is not a number
		}
		cur = d
	}
	if cur > 0 {
		n += cur
	}
	return n, n > 0
}

// enumStyle is one way of numbering a list: 一是, （一）, 1. and the like.
type enumStyle struct {
	mark   func(k int) []string
	digits bool // Arabic: the mark must not run on into a number (1.5)
}

var chineseDigits = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"}

func cn(k int) string {
	if k < len(chineseDigits) {
		return chineseDigits[k]
	}
	return "\x00"
}

var enumStyles = []enumStyle{
	{mark: func(k int) []string { return []string{cn(k) + "是"} }},
	{mark: func(k int) []string { return []string{"（" + cn(k) + "）", "(" + cn(k) + ")"} }},
	{mark: func(k int) []string { return []string{cn(k) + "、"} }},
	{mark: func(k int) []string { return []string{"（" + fmt.Sprint(k) + "）", "(" + fmt.Sprint(k) + ")"} }, digits: true},
	{mark: func(k int) []string {
		return []string{fmt.Sprint(k) + ".", fmt.Sprint(k) + "．", fmt.Sprint(k) + "、"}
	}, digits: true},
}

// markAt finds enumerator k of the style in s from position from, where
// it opens a clause (after a stop, a colon or at the start); -1 if none.
func (st enumStyle) markAt(s string, k, from int) int {
	for _, m := range st.mark(k) {
		for i := from; i <= len(s); {
			j := strings.Index(s[i:], m)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(m)
			if !opensClause(s[:at]) {
				continue
			}
			if st.digits && at+len(m) < len(s) && s[at+len(m)] >= '0' && s[at+len(m)] <= '9' {
				continue // 1.5 万元
			}
			return at
		}
	}
	return -1
}

// opensClause reports whether a mark after before starts a clause.
func opensClause(before string) bool {
	before = strings.TrimRight(before, " \t")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune("。；;：:，,", r)
}

// enumCount counts the items of a numbered list that starts at text
// (after the opener) and may run on into the paragraphs after it, where an
// item opens its paragraph (a paragraph between items continues the one
// before). numbered is false when text does not open with an enumerator;
// ok is false when the next heading carries the numbering on, so the list
// is cut by it and cannot be counted.
func enumCount(text string, next []model.Paragraph, nextHeading string) (n int, numbered, ok bool) {
	text = strings.TrimSpace(text)
	for _, st := range enumStyles {
		if st.markAt(text, 1, 0) != 0 {
			continue
		}
		pos := 0
		n = 1
		parts := append([]string{text}, paragraphTexts(next)...)
		for pi := 0; pi < len(parts); {
			s := strings.TrimSpace(parts[pi])
			if pi > 0 && st.markAt(s, 1, 0) == 0 {
				return n, true, true // a list of its own starts again at 1
			}
			at := st.markAt(s, n+1, pos)
			if at >= 0 && (pi == 0 || at == 0) {
				if one := st.markAt(s, 1, pos+1); pi == 0 && one >= 0 && one < at {
					return n, true, true
				}
				n, pos = n+1, at+1
				continue
			}
			pi, pos = pi+1, 0
		}
		if st.markAt(strings.TrimSpace(nextHeading), n+1, 0) == 0 {
			return 0, true, false
		}
		return n, true, true
	}
	return 0, false, false
}

func paragraphTexts(ps []model.Paragraph) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}

// sepCount counts the items of a list separated by 、 (up to the first
// ，；。) or, when it has no 、, by ；and ，up to the sentence end. It
// returns the fewest and the most items the list may hold (a last item
// A和B may be one or two) and ok false when the items are not clearly countable.
func sepCount(text string) (lo, hi int, ok bool) {
	text = brackets.ReplaceAllString(text, "")
	end := strings.IndexAny(text, "。")
	if end < 0 {
		return 0, 0, false // runs past the paragraph
	}
	seg := text[:end]
	var items []string
	if strings.Contains(seg, "、") {
		if k := strings.IndexAny(seg, "，,；;"); k >= 0 {
			seg = seg[:k]
		}
		items = strings.Split(seg, "、")
	} else {
		items = regexp.MustCompile(`[，,；;]`).Split(seg, -1)
		for _, it := range items {
			if utf8.RuneCountInString(strings.TrimSpace(it)) > 16 {
				return 0, 0, false // clauses, not names
			}
		}
	}
	if len(items) < 2 {
		return 0, 0, false
	}
	lo = len(items)
	hi = lo
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" || strings.ContainsAny(it, "0123456789等") || utf8.RuneCountInString(it) > 30 {
			return 0, 0, false
		}
	}
	if joined.MatchString(items[len(items)-1]) {
		hi++ // …、人民建议征集处和市民服务热线管理办公室: the last two joined
	}
	return lo, hi, true
}

// listCounts compares each count stated for a list in paragraph i of the
// section with the items listed after it, in the paragraph or, for a
// paragraph that ends with the opener, in the ones after it; nextHeading
// is the heading of the section after, which may go on with the list.
func listCounts(doc *model.Document, where string, ps []model.Paragraph, i int, nextHeading string) []Finding {
	p := ps[i]
	var out []Finding
	text := p.Text
	for _, m := range statedCount.FindAllStringSubmatchIndex(text, -1) {
		if strings.HasSuffix(text[:m[0]], "第") {
			continue // 第1个: a rank
		}
		if m[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:m[0]]); r >= '0' && r <= '9' || r == '.' || r == ',' {
				continue
			}
		}
		clause := text[:m[0]]
		if k := strings.LastIndexAny(clause, "，,。；;：:"); k >= 0 {
			clause = clause[k:]
		}
		if statedCount.MatchString(clause) {
			continue // 19个内设机构、2个下属事业单位和2个派出机构: counts of a list of lists
		}
		if unitNoun.MatchString(text[m[1]:]) {
			continue // 3个百分点, 12个月: a measure, not a count of items
		}
		if text[m[2]:m[3]] == "一" {
			continue // 一个 is as often an article (围绕一个核心：安全、高效) as a count
		}
		stated, ok := chineseNumber(text[m[2]:m[3]])
		if !ok {
			continue
		}
		op := listOpener.FindStringIndex(text[m[1]:])
		if op == nil {
			if f := projectSum(doc, where, p, m, stated); f != nil {
				out = append(out, f...)
			}
			continue
		}
		rest := text[m[1]+op[1]:]
		next := ps[i+1:]
		if strings.TrimSpace(rest) == "" && len(next) > 0 {
			// 包括：, with the list in the next paragraph
			rest, next = next[0].Text, next[1:]
		}
		var lo, hi int
		if n, numbered, ok := enumCount(rest, next, nextHeading); numbered {
			if !ok {
				continue
			}
			lo, hi = n, n
		} else if lo, hi, ok = sepCount(rest); !ok {
			continue
		}
		if stated >= lo && stated <= hi {
			continue
		}
		counted := fmt.Sprint(lo)
		if hi > lo {
			counted = fmt.Sprintf("%d 至 %d", lo, hi)
		}
		phrase := text[m[0] : m[1]+op[1]]
		out = append(out, Finding{
			Rule: "prose.count", Severity: Error, Table: where, Line: p.Line,
			Message: fmt.Sprintf("%s（%s）写“%s”，称有 %d 项，但其后列出 %s 项，数目不符。",
				where, locate(doc, p.Line), strings.TrimSpace(phrase), stated, counted),
		})
	}
	return out
}

// projectSum checks “N个项目共X万元：A 100万元、B 200万元 …”: the items
// listed up to the sentence end each hold one amount; their number is
// compared with N and their sum with X (prose.parts, within rounding).
func projectSum(doc *model.Document, where string, p model.Paragraph, m []int, stated int) []Finding {
	text := p.Text
	pt := listTotal.FindStringSubmatchIndex(text[m[1]:])
	if pt == nil {
		return nil
	}
	rest := text[m[1]+pt[1]:]
	end := strings.Index(rest, "。")
	if end < 0 {
		return nil // the list runs past its paragraph
	}
	seg := brackets.ReplaceAllStringFunc(rest[:end], func(s string) string { return strings.Repeat(" ", len(s)) })
	sep := "；"
	switch {
	case strings.Contains(seg, "；"):
	case strings.Contains(seg, "、"):
		sep = "、"
	default:
		sep = "，"
	}
	var list []amountAt
	for _, piece := range strings.Split(seg, sep) {
		as := amounts(piece)
		if len(as) != 1 || len(money.FindAllString(piece, -1)) != 1 {
			return nil // an item without its amount, or with two: not a plain list
		}
		list = append(list, as[0])
	}
	if len(list) < 2 {
		return nil
	}
	totalText := text[m[1]+pt[2] : m[1]+pt[3]]
	total, err := model.ParseAmount(totalText)
	if err != nil {
		return nil
	}
	var out []Finding
	phrase := strings.TrimSpace(text[m[0] : m[1]+pt[1]])
	if len(list) != stated {
		out = append(out, Finding{
			Rule: "prose.count", Severity: Error, Table: where, Line: p.Line,
			Message: fmt.Sprintf("%s（%s）写“%s”，称有 %d 项，但其后列出 %d 项，数目不符。",
				where, locate(doc, p.Line), phrase, stated, len(list)),
		})
	}
	head := amountAt{value: total, text: totalText + " 万元"}
	if f := listFinding(where, p, head, list); f != nil {
		f.Message = strings.Replace(f.Message, fmt.Sprintf("（第 %d 行）", p.Line), "（"+locate(doc, p.Line)+"）", 1)
		f.Message = strings.Replace(f.Message, "“其中”所列各项", "所列"+fmt.Sprint(len(list))+"项", 1)
		out = append(out, *f)
	}
	return out
}
