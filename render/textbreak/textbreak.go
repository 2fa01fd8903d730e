// Package textbreak breaks text into lines that fit a width, for the PDF
// writer.
//
// fpdf's MultiCell and SplitText drop a Chinese character at every line
// break, and they know nothing of Chinese line-breaking rules, so the PDF
// writer breaks lines itself with Lines and draws each line as one cell.
// The break opportunities come from the Unicode line breaking algorithm
// (UAX #14) as implemented by github.com/go-text/typesetting/segmenter;
// this package only decides which opportunities to take.
package textbreak

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"
)

// Lines breaks text into lines no wider than max, as measured by width.
// It breaks at Unicode line-break opportunities (UAX #14) so Han characters
// break anywhere, Latin words and numbers stay whole, and Chinese
// punctuation rules hold (no line starts with ，。、；：？！）》」% and no line
// ends with （《「). A newline in text is a mandatory break. A single
// unbreakable piece wider than max is split by characters as a last resort.
// Trailing spaces at a break are dropped.
//
// Details a caller may rely on:
//   - Lines always returns at least one line: empty text gives one empty
//     line, and text ending in a newline ends with an empty line, so the
//     number of lines is the number of mandatory breaks plus one plus the
//     number of wraps.
//   - Mandatory breaks are those of UAX #14: LF, CR, CR LF, VT, FF, NEL
//     (U+0085), LS (U+2028) and PS (U+2029). The break characters are not
//     part of any line.
//   - White space (unicode.IsSpace, which includes U+3000 ideographic
//     space) at the end of every line is dropped, including the last line
//     and the line before a newline. White space at the start of a
//     paragraph is kept as indentation unless the first piece of the
//     paragraph does not fit after it, in which case it is dropped as well.
//   - The last-resort split is greedy by grapheme cluster, and by rune for
//     a cluster that alone is wider than max; so a line wider than max is a
//     single rune. In that case the punctuation rules cannot hold.
//   - width is called only with non-empty substrings of text; it need not
//     be additive, but the result is greedy (each line takes as much as
//     fits) only if a longer string is never narrower. max <= 0 (or NaN)
//     puts every character on a line of its own.
//   - Text that fits on one line costs one call of width. Otherwise width
//     is called with the line so far at each break opportunity, so the cost
//     grows with the number of characters times the line length: fine for
//     cells and pages, slow for a very long max.
//   - Invalid UTF-8 in text comes back as U+FFFD, one per invalid byte.
func Lines(text string, max float64, width func(string) float64) []string {
	if !utf8.ValidString(text) {
		// The segmenter needs valid UTF-8 to report byte offsets.
		text = string([]rune(text))
	}
	if !strings.ContainsFunc(text, isMandatoryBreak) {
		// Most table cells fit on one line: settle that with one
		// measurement instead of one per break opportunity.
		t := strings.TrimRightFunc(text, unicode.IsSpace)
		if t == "" || width(t) <= max {
			return []string{t}
		}
	}
	b := breaker{text: text, max: max, width: width}
	var seg segmenter.Segmenter
	if err := seg.InitWithString(text); err != nil {
		// Unreachable: text is valid UTF-8 by now.
		panic("textbreak: " + err.Error())
	}
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		b.add(l.OffsetInBytes, l.OffsetInBytes+l.LengthInBytes)
	}
	b.emit()
	return b.lines
}

// breaker fills lines greedily. The current line is always a contiguous
// part of text: text[start:contentEnd] is what it shows, and
// text[contentEnd:end] are the spaces after it, kept only if more content
// follows on the same line. A line with no content yet (start ==
// contentEnd) may hold indentation in text[start:end].
type breaker struct {
	text                   string
	max                    float64
	width                  func(string) float64
	start, contentEnd, end int
	lines                  []string
}

// fits reports whether text[i:j] fits in max.
func (b *breaker) fits(i, j int) bool { return b.width(b.text[i:j]) <= b.max }

// emit ends the current line; the next one starts where it ended.
func (b *breaker) emit() {
	b.lines = append(b.lines, b.text[b.start:b.contentEnd])
	b.start, b.contentEnd = b.end, b.end
}

// add takes the segment text[i:j], the text from one break opportunity to
// the next. Segments arrive in order, so i == b.end.
func (b *breaker) add(i, j int) {
	// Peel the mandatory break characters, then the trailing spaces, off
	// the end: UAX #14 attaches both to the segment they follow.
	spacesEnd := j
	mandatory := false
	for spacesEnd > i {
		r, n := utf8.DecodeLastRuneInString(b.text[i:spacesEnd])
		if !isMandatoryBreak(r) {
			break
		}
		spacesEnd -= n
		mandatory = true
	}
	contentEnd := spacesEnd
	for contentEnd > i {
		r, n := utf8.DecodeLastRuneInString(b.text[i:contentEnd])
		if !unicode.IsSpace(r) {
			break
		}
		contentEnd -= n
	}

	if contentEnd > i {
		b.place(i, contentEnd)
	}
	b.end = spacesEnd
	if mandatory {
		b.end = j
		b.emit()
	}
}

// place puts the content text[i:j], which has no break opportunity inside,
// on the current line, or wraps first if it does not fit.
func (b *breaker) place(i, j int) {
	switch {
	case b.contentEnd > b.start: // the line has content: append or wrap
		if b.fits(b.start, j) {
			b.contentEnd = j
			return
		}
		b.end = b.contentEnd // the spaces at the break are dropped
		b.emit()
	case b.start < i: // only indentation so far: keep it if all fits
		if b.fits(b.start, j) {
			b.contentEnd = j
			return
		}
	}
	// The line is empty and starts with this piece.
	b.start, b.contentEnd, b.end = i, i, i
	if b.fits(i, j) {
		b.contentEnd = j
		return
	}
	b.split(i, j)
}

// split is the last resort for a piece wider than max: it fills lines
// greedily grapheme by grapheme, rune by rune for a grapheme that alone is
// too wide, and leaves the remainder as the current line. The line is empty
// and starts at i on entry.
func (b *breaker) split(i, j int) {
	var seg segmenter.Segmenter
	if err := seg.InitWithString(b.text[i:j]); err != nil {
		panic("textbreak: " + err.Error()) // unreachable: text is valid UTF-8
	}
	it := seg.GraphemeIterator()
	for it.Next() {
		g := it.Grapheme()
		g0 := i + g.OffsetInBytes
		g1 := g0 + g.LengthInBytes
		if len(g.Text) > 1 && !b.fits(g0, g1) {
			for k, r := range b.text[g0:g1] {
				b.unit(g0+k, g0+k+utf8.RuneLen(r))
			}
			continue
		}
		b.unit(g0, g1)
	}
}

// unit adds text[u0:u1] to the line being split, wrapping first unless the
// line is empty. A unit of white space is held back like the spaces after
// a segment: kept if more of the piece follows on the same line, dropped at
// a wrap.
func (b *breaker) unit(u0, u1 int) {
	if strings.TrimFunc(b.text[u0:u1], unicode.IsSpace) == "" {
		b.end = u1
		return
	}
	if b.start < u0 { // content or held-back spaces precede the unit
		if b.fits(b.start, u1) {
			b.contentEnd, b.end = u1, u1
			return
		}
		if b.contentEnd > b.start {
			b.end = b.contentEnd
			b.emit()
		}
	}
	b.start, b.contentEnd, b.end = u0, u1, u1
}

// isMandatoryBreak reports whether r is a UAX #14 mandatory break character
// (classes BK, CR, LF and NL).
func isMandatoryBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}
