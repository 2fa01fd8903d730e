// Package layouttext reads the text that `pdftotext -layout` (or a copy
// and paste of it) makes of a PDF: columns are runs of spaces on a
// character grid, pages are separated by form feeds.
//
// Each page becomes a textgrid.Page of words placed on the character
// grid and the shared grid builder finds its tables. pdftotext gives
// every character one cell whatever its width — a Chinese character
// counts as one, like a digit — so a word's column is its rune offset.
// Measured on the 26 corpus texts: of 19,027 figures on lines with
// Chinese text, 95 % end in the same column as another figure of their
// page when columns are counted in runes, 72 % when counted in display
// width (a Chinese character two columns).
package layouttext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"budgetpack/model/raw"
	"budgetpack/model/textgrid"
)

// Layout is the name of this reader's layout.
const Layout = "layout-text"

// MaxBytes is the largest text Read accepts (a 500-page document's text
// is a few megabytes).
const MaxBytes = 64 << 20

// maxLineRunes bounds one line: a longer one is cut, since no page is
// that wide and a line without bound would make a word without bound.
const maxLineRunes = 4096

// Looks reports whether the text looks like this layout: no tabs (the
// tab-separated exports are other layouts), and many lines in which runs
// of two or more spaces separate text, or pages separated by form feeds.
func Looks(data []byte) bool {
	if len(data) > 1<<20 {
		data = data[:1<<20]
	}
	if bytes.IndexByte(data, '\t') >= 0 {
		return false
	}
	gapped, nonblank := 0, 0
	for _, l := range raw.Lines(data) {
		l = strings.TrimRight(strings.TrimLeft(l, " \f"), " ")
		if l == "" {
			continue
		}
		nonblank++
		if strings.Contains(l, "  ") {
			gapped++
		}
	}
	if nonblank == 0 {
		return false
	}
	if bytes.IndexByte(data, '\f') >= 0 && gapped >= 1 {
		return true
	}
	return gapped >= 3 && gapped*10 >= nonblank
}

// Read turns the text into raw blocks, every anchor a page and a line
// within it.
func Read(data []byte) (*raw.Document, error) {
	if len(data) > MaxBytes {
		return nil, &raw.Error{Msg: fmt.Sprintf("文本过大（%d 字节，上限 %d 字节）(text too large)", len(data), MaxBytes)}
	}
	if !utf8.Valid(data) {
		return nil, &raw.Error{Msg: "不是 UTF-8 文本 (not UTF-8 text)"}
	}
	return textgrid.Build(Layout, Pages(data))
}

// Pages places the words of each page of the text on its character grid.
func Pages(data []byte) []textgrid.Page {
	s := strings.TrimPrefix(string(data), "\ufeff")
	texts := strings.Split(s, "\f")
	// pdftotext ends the last page with a form feed too.
	if n := len(texts); n > 1 && strings.TrimSpace(texts[n-1]) == "" {
		texts = texts[:n-1]
	}
	if len(texts) > textgrid.MaxPages {
		texts = texts[:textgrid.MaxPages]
	}
	pages := make([]textgrid.Page, 0, len(texts))
	for i, t := range texts {
		p := textgrid.Page{Number: i + 1, RuneGrid: true}
		lines := strings.Split(t, "\n")
		for j, l := range lines {
			l = strings.TrimSuffix(l, "\r")
			ws, width := lineWords(l, j)
			p.Words = append(p.Words, ws...)
			p.Width = max(p.Width, float64(width))
			if len(p.Words) >= textgrid.MaxWords {
				p.Words = p.Words[:textgrid.MaxWords]
				break
			}
		}
		p.Height = float64(len(lines))
		pages = append(pages, p)
	}
	return pages
}

// token is a run of non-space runes at rune columns [c0, c1).
type token struct {
	text   string
	c0, c1 int
}

// lineWords splits line j (0-based) of a page into words: a run of two or
// more spaces always separates, one space separates where a figure stands
// on either side ("17,921.44 一、一般公共服务支出", "5.00 3.00"), since
// pdftotext leaves only one space between columns that stand close.
func lineWords(l string, j int) ([]textgrid.Word, int) {
	var toks []token
	col := 0
	var cur []rune
	start := 0
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, token{string(cur), start, col})
			cur = cur[:0]
		}
	}
	for _, r := range l {
		if col >= maxLineRunes {
			break
		}
		if unicode.IsSpace(r) || r == '\u3000' {
			flush()
			col++
			continue
		}
		if len(cur) == 0 {
			start = col
		}
		cur = append(cur, r)
		col++
	}
	flush()
	// Join tokens one space apart unless a figure stands on either side
	// in a line that has columns (a wider gap somewhere): in a line of
	// prose a figure between single spaces is part of the sentence
	// ("公用经费 131.33 万元。"). A decimal part alone is always a figure
	// broken over two lines, and two amounts are two cells. Two runs of
	// Chinese one space apart in a line with columns are two cells too
	// ("政府性基 国有资本 财政专户"): Chinese text has no spaces of its own.
	// A label spread out one space per character ("预 算 数") stays whole.
	columns := false
	for k := 1; k < len(toks); k++ {
		columns = columns || toks[k].c0-toks[k-1].c1 >= 2
	}
	var words []token
	for _, t := range toks {
		if n := len(words); n > 0 {
			p := &words[n-1]
			if t.c0-p.c1 == 1 && isFrac(t.text) && endsInDigit(p.text) {
				// "579 .89": pdftotext put a space into the figure.
				p.text += t.text
				p.c1 = t.c1
				continue
			}
			a, b := lastToken(p.text), t.text
			// The last of 类/款/项 codes in columns of their own stands
			// as close to the name after it ("201   13   01 行政运行").
			code := n >= 2 && digits(p.text) && digits(words[n-2].text) && hanFirst(b)
			apart := columns && (amount(a) || amount(b) || chinese(a) && chinese(b) || code) ||
				isFrac(a) || isFrac(b) || amount(a) && amount(b)
			if t.c0-p.c1 == 1 && !apart {
				p.text += " " + t.text
				p.c1 = t.c1
				continue
			}
		}
		words = append(words, t)
	}
	words = joinSpacedOut(words)
	for _, w := range words {
		if amount(w.text) {
			words = joinSpacedLabel(words)
			break
		}
	}
	out := make([]textgrid.Word, len(words))
	for k, w := range words {
		out[k] = textgrid.Word{
			Text: w.text, X0: float64(w.c0), X1: float64(w.c1),
			Top: float64(j), Bottom: float64(j + 1), Baseline: float64(j) + 0.8,
			Size: 1, Line: j + 1,
		}
	}
	return out, col
}

// chinese reports whether s is two or more Chinese characters (with
// Chinese punctuation) and nothing else.
func chinese(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !(r >= 0x3000 && r <= 0x303F) && !(r >= 0xFF00 && r <= 0xFFEF) {
			return false
		}
		n++
	}
	return n >= 2
}

// digits reports whether s is a run of digits and nothing else.
func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// hanFirst reports whether s starts with a Chinese character.
func hanFirst(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Han, r)
}

func lastToken(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// amount reports whether s is an amount written with a decimal point or
// thousands commas, or a piece of one (".02", "244,895"): only those
// stand one space from their neighbour in a table. A plain integer one
// space from a word is prose ("截至 2025 年").
func amount(s string) bool {
	return figure(s) && strings.ContainsAny(s, ".,") && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ",")
}

func isFrac(s string) bool {
	return len(s) > 1 && s[0] == '.' && figure(s)
}

func endsInDigit(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

// figure reports whether s is a figure or a piece of one: digits with
// commas and a decimal point, a sign, a percent sign.
func figure(s string) bool {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "-"), "%")
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',' || r == '.':
		default:
			return false
		}
	}
	return digits > 0
}

// joinSpacedLabel joins, in a line with amounts, a row's label printed
// one character at a time spread over its cell ("本    年   收    入 合 计"):
// runs of two or more single Chinese characters (or of such characters
// one space apart) with no wider gap than a spread label leaves. A line of
// figures is a row, not a header of narrow columns (类 款 项).
func joinSpacedLabel(ws []token) []token {
	const spread = 8
	single := func(t token) bool {
		for _, p := range strings.Split(t.text, " ") {
			r, n := utf8.DecodeRuneInString(p)
			if n != len(p) || !unicode.Is(unicode.Han, r) {
				return false
			}
		}
		return true
	}
	out := ws[:0:0]
	for i := 0; i < len(ws); {
		j := i + 1
		for single(ws[i]) && j < len(ws) && single(ws[j]) && ws[j].c0-ws[j-1].c1 <= spread {
			j++
		}
		if j-i < 2 {
			out = append(out, ws[i])
			i++
			continue
		}
		var sb strings.Builder
		for _, t := range ws[i:j] {
			sb.WriteString(strings.ReplaceAll(t.text, " ", ""))
		}
		out = append(out, token{sb.String(), ws[i].c0, ws[j-1].c1})
		i = j
	}
	return out
}

// joinSpacedOut joins a label printed with its two characters spread
// apart to fill a cell ("合      计", "项   目"): two single Chinese
// characters with nothing of the kind beside them. Three or more in a row
// are left alone: they are usually headers of narrow columns (类 款 项).
func joinSpacedOut(ws []token) []token {
	const spread = 8 // the widest gap between the two characters
	single := func(i int) bool {
		if i < 0 || i >= len(ws) {
			return false
		}
		r, n := utf8.DecodeRuneInString(ws[i].text)
		return n == len(ws[i].text) && unicode.Is(unicode.Han, r)
	}
	near := func(i, j int) bool { return ws[j].c0-ws[i].c1 <= spread }
	out := ws[:0:0]
	for i := 0; i < len(ws); i++ {
		if single(i) && single(i+1) && near(i, i+1) &&
			!(single(i-1) && near(i-1, i)) && !(single(i+2) && near(i+1, i+2)) {
			out = append(out, token{ws[i].text + ws[i+1].text, ws[i].c0, ws[i+1].c1})
			i++
			continue
		}
		out = append(out, ws[i])
	}
	return out
}
