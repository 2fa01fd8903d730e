package textgrid

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is the words on one baseline, left to right.
type line struct {
	words             []Word
	top, bottom, base float64
	size              float64
	// no is the line's number within its page (1-based), page the page.
	no, page int
	// furniture marks a page number standing above or below the text.
	furniture bool
}

func (l *line) add(w Word) {
	n := float64(len(l.words))
	l.words = append(l.words, w)
	l.base = (l.base*n + w.Baseline) / (n + 1)
	l.top = math.Min(l.top, w.Top)
	l.bottom = math.Max(l.bottom, w.Bottom)
	l.size = math.Max(l.size, w.Size)
}

func (l line) x0() float64 { return l.words[0].X0 }
func (l line) x1() float64 { return l.words[len(l.words)-1].X1 }

// text joins the line's words, a space between words that stand apart.
func (l line) text() string { return joinWords(l.words) }

// groupLines groups words whose baselines lie within half a font size of
// a line's mean baseline: a value may sit a few points off its label's
// baseline and still belongs on the label's line. Words that touch are
// joined, which mends a number drawn in two pieces ("24,1" + "69.74").
func groupLines(ws []Word) []line {
	// A source with lines (layout text) says where each word stands.
	sort.SliceStable(ws, func(i, j int) bool {
		if ws[i].Line != ws[j].Line {
			return ws[i].Line < ws[j].Line
		}
		return ws[i].Baseline < ws[j].Baseline
	})
	var lines []line
	for _, w := range ws {
		if n := len(lines); n > 0 {
			l := &lines[n-1]
			tol := 0.5 * math.Max(l.size, w.Size)
			if w.Line == l.words[0].Line && math.Abs(w.Baseline-l.base) <= tol {
				l.add(w)
				continue
			}
		}
		lines = append(lines, line{top: w.Top, bottom: w.Bottom, base: w.Baseline, size: w.Size, words: []Word{w}})
	}
	for i := range lines {
		l := &lines[i]
		sort.SliceStable(l.words, func(a, b int) bool { return l.words[a].X0 < l.words[b].X0 })
		l.words = splitGlued(mendWords(l.words))
	}
	return lines
}

// splitGlued splits a word that starts with an amount run into CJK text
// ("0.00一是确保…"): a figure right-aligned in its cell may touch the text
// of the next cell closer than a word break. The boundary is estimated
// from the characters' usual widths, a CJK character twice a digit's.
func splitGlued(ws []Word) []Word {
	var out []Word
	for _, w := range ws {
		n := gluedAmount(w.Text)
		if n == 0 {
			out = append(out, w)
			continue
		}
		head, tail := w.Text[:n], w.Text[n:]
		units := func(s string) float64 {
			u := 0.0
			for _, r := range s {
				if wide(r) {
					u += 2
				} else {
					u++
				}
			}
			return u
		}
		cut := w.X0 + (w.X1-w.X0)*units(head)/units(w.Text)
		a, b := w, w
		a.Text, a.X1 = head, cut
		b.Text, b.X0 = tail, cut
		out = append(out, a, b)
	}
	return out
}

// gluedAmount returns the length of an amount with a decimal point that
// starts s and is followed directly by a CJK character, or 0.
func gluedAmount(s string) int {
	i := 0
	if strings.HasPrefix(s, "-") {
		i++
	}
	digits, dot, frac := 0, false, 0
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if dot {
				frac++
			}
		case c == ',' && !dot:
		case c == '.' && !dot && digits > 0:
			dot = true
		default:
			// A unit after the figure ("1624.61万元") is one text with
			// it; only a longer run of text is another cell's.
			r, _ := utf8.DecodeRuneInString(s[i:])
			if dot && frac > 0 && wide(r) && !strings.ContainsRune("万元亿千百个次人辆台套份", r) && utf8.RuneCountInString(s[i:]) >= 4 {
				return i
			}
			return 0
		}
		i++
	}
	return 0
}

// mendWords joins words of one line that touch (a gap under 0.12 of the
// font size, the gap a PDF reader breaks words at) and drops a word drawn
// twice over itself (fake bold).
func mendWords(ws []Word) []Word {
	out := ws[:0:0]
	for _, w := range ws {
		if n := len(out); n > 0 {
			p := &out[n-1]
			if p.Text == w.Text && math.Abs(p.X0-w.X0) < 0.2*w.Size && math.Abs(p.Baseline-w.Baseline) < 0.2*w.Size {
				continue
			}
			if gap := w.X0 - p.X1; gap < 0.12*math.Max(p.Size, w.Size) && gap > -0.3*w.Size {
				p.Text += w.Text
				p.Bold = p.Bold && w.Bold
				p.X1 = math.Max(p.X1, w.X1)
				p.Top = math.Min(p.Top, w.Top)
				p.Bottom = math.Max(p.Bottom, w.Bottom)
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// numberLines gives each line its number within the page: the source's
// own line where it has lines, else the line's rank from the top.
func numberLines(lines []line) {
	sort.SliceStable(lines, func(i, j int) bool {
		if lines[i].words[0].Line != lines[j].words[0].Line {
			return lines[i].words[0].Line < lines[j].words[0].Line
		}
		return lines[i].top < lines[j].top
	})
	for i := range lines {
		if n := lines[i].words[0].Line; n > 0 {
			lines[i].no = n
		} else {
			lines[i].no = i + 1
		}
	}
}

// isIntPart reports whether s is the integer part of an amount that a
// text layout may have broken before its decimal point ("244,895").
func isIntPart(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == ',') {
			return false
		}
	}
	return s[len(s)-1] != ','
}

// endsInIntPart reports whether s ends with the integer part of an
// amount: a whole figure, or one that closes a run of prose the layout
// broke before the decimal point ("卫生健康支出 40" / ".68 万元").
func endsInIntPart(s string) bool {
	if s == "" || s[len(s)-1] < '0' || s[len(s)-1] > '9' {
		return false
	}
	i := len(s)
	for i > 0 && (s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == ',') {
		i--
	}
	return isIntPart(s[i:])
}

// isFracPart reports whether s is the decimal part of an amount alone
// (".02").
func isFracPart(s string) bool {
	if len(s) < 2 || s[0] != '.' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// joinSplitNumbers puts a decimal part standing alone (".02") back after
// the integer part that ends where it starts on the line above
// ("244,895"): a text layout breaks an amount that did not fit its cell
// that way, and pushes what follows on the row down a line. So a line
// that gave a decimal part up and holds nothing under the words of the
// line above is the rest of that row and moves up into it (every figure
// of a row broken so makes a staircase of such lines). Lines left without
// words are dropped.
func joinSplitNumbers(lines *[]line) {
	ls := *lines
	prev := -1        // the last line still holding words
	prevBottom := 0.0 // the lowest line merged into it
	for i := range ls {
		cur := &ls[i]
		if prev < 0 || cur.top-prevBottom > 1.5*math.Max(ls[prev].size, cur.size) {
			prev, prevBottom = i, cur.bottom
			continue
		}
		p := &ls[prev]
		keep := cur.words[:0]
		joined := false
		for _, w := range cur.words {
			if isFracPart(w.Text) {
				if j := intPartAbove(p.words, w); j >= 0 {
					u := &p.words[j]
					u.Text += w.Text
					u.Bold = u.Bold && w.Bold
					u.X1 = math.Max(u.X1, w.X1)
					joined = true
					continue
				}
			}
			keep = append(keep, w)
		}
		cur.words = keep
		if joined && len(keep) > 0 && !overlaps(p.words, keep) {
			p.words = append(p.words, keep...)
			sort.SliceStable(p.words, func(a, b int) bool { return p.words[a].X0 < p.words[b].X0 })
			cur.words = nil
		}
		if len(cur.words) == 0 {
			prevBottom = cur.bottom
			continue
		}
		prev, prevBottom = i, cur.bottom
	}
	out := ls[:0]
	for _, l := range ls {
		if len(l.words) > 0 {
			out = append(out, l)
		}
	}
	*lines = out
}

// overlaps reports whether a word of b stands over or under a word of a
// (or the lines are too long to tell cheaply, which keeps them apart).
func overlaps(a, b []Word) bool {
	if len(a)*len(b) > 10000 {
		return true
	}
	for _, v := range b {
		for _, u := range a {
			if v.X0 < u.X1 && u.X0 < v.X1 {
				return true
			}
		}
	}
	return false
}

func intPartAbove(ws []Word, frac Word) int {
	// ws is sorted by X0: only the few words starting left of the
	// decimal part's start can end there.
	tol := 1.6 * frac.Size
	hi := sort.Search(len(ws), func(i int) bool { return ws[i].X0 > frac.X0+tol })
	best, bestD := -1, tol
	for j := hi - 1; j >= 0 && j >= hi-4; j-- {
		u := ws[j]
		if !endsInIntPart(u.Text) {
			continue
		}
		if d := math.Abs(u.X1 - frac.X0); d <= bestD {
			best, bestD = j, d
		}
	}
	return best
}

// joinWords joins words of one line: a space where they stand apart,
// nothing between CJK characters that only a narrow gap separates.
func joinWords(ws []Word) string { return join(ws, false) }

// cellText joins the words of one line of a cell: as joinWords, but
// with no space between two CJK characters however far apart they stand,
// since a label spread out to fill its cell ("项   目") is one word.
func cellText(ws []Word) string { return join(ws, true) }

// join joins words of one line, for joinWords (spread false) and
// cellText (spread true).
func join(ws []Word, spread bool) string {
	var sb strings.Builder
	for i, w := range ws {
		if i > 0 {
			p := ws[i-1]
			a, b := lastRune(p.Text), firstRune(w.Text)
			gap := w.X0 - p.X1
			if !(spread && wide(a) && wide(b)) && !(gap < 0.3*w.Size && (wide(a) || wide(b))) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(w.Text)
	}
	return sb.String()
}

// titleText joins the words of one line of a title: as joinWords, with
// the space the title prints between its number and its name (预算01表
// 收支总表); a title spread out one character a word (部 门 收 支 总 表)
// is one word, as in cellText.
func titleText(ws []Word) string {
	for _, w := range ws {
		if utf8.RuneCountInString(w.Text) > 1 {
			return joinWords(ws)
		}
	}
	return cellText(ws)
}

// joinLines joins the lines of one cell: a wrapped CJK text or a number
// broken before its decimal point goes on without a space.
func joinLines(parts []string) string {
	var sb strings.Builder
	for i, s := range parts {
		if i > 0 && sb.Len() > 0 {
			prev := sb.String()
			a, b := lastRune(prev), firstRune(s)
			if !(wide(a) || wide(b) || (b == '.' && unicode.IsDigit(a))) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(s)
	}
	return sb.String()
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// wide reports whether r is a CJK character or full-width punctuation,
// which Chinese text writes without spaces.
func wide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F
}
