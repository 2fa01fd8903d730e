package pdfin

import "strconv"

// A lexer reads the tokens of a content stream or a CMap: numbers,
// strings, names, arrays, dictionaries (skipped) and operators. Tokens
// point into the stream or into the lexer's scratch space, which reset()
// reuses: a token lives until the next reset.
type lexer struct {
	b       []byte
	pos     int
	scratch []byte // decoded strings
	toks    []tok  // array elements
}

// kind is a token's kind.
type kind uint8

const (
	kEnd kind = iota
	kNum
	kStr
	kName
	kOp
	kArr
	kDict
)

// tok is one token: a number (num), a string, name or operator (b), or an
// array (arr).
type tok struct {
	kind kind
	num  float64
	b    []byte
	arr  []tok
}

func (t tok) is(k kind, s string) bool { return t.kind == k && string(t.b) == s }

// isSpace and isDelim classify PDF characters.
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// reset lets the scratch space be reused.
func (l *lexer) reset() {
	l.scratch = l.scratch[:0]
	l.toks = l.toks[:0]
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns the next token, kEnd at the end.
func (l *lexer) next() tok {
	return l.token(0)
}

func (l *lexer) token(depth int) tok {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return tok{}
	}
	c := l.b[l.pos]
	switch {
	case c == '(':
		return tok{kind: kStr, b: l.literal()}
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			l.skipDict(depth)
			return tok{kind: kDict}
		}
		return tok{kind: kStr, b: l.hex()}
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		return tok{kind: kName, b: l.name(l.b[start:l.pos])}
	case c == '[':
		l.pos++
		return l.array(depth)
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return tok{kind: kNum, num: l.number()}
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.pos++
		return tok{kind: kOp, b: l.b[l.pos-1 : l.pos]}
	}
	start := l.pos
	for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	return tok{kind: kOp, b: l.b[start:l.pos]}
}

// number reads a number; a malformed one ("--5", "1.2.3") reads as far as
// it makes sense, as other readers do.
func (l *lexer) number() float64 {
	neg := false
	for l.pos < len(l.b) && (l.b[l.pos] == '-' || l.b[l.pos] == '+') {
		neg = neg || l.b[l.pos] == '-'
		l.pos++
	}
	var mant uint64
	digits, frac := 0, 0
	dot := false
	start := l.pos
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case c >= '0' && c <= '9':
			if digits < 18 {
				mant = mant*10 + uint64(c-'0')
				digits++
				if dot {
					frac++
				}
			} else if !dot {
				// Too many digits for the fast path.
				return l.slowNumber(start, neg)
			}
		case c == '.' && !dot:
			dot = true
		default:
			goto done
		}
		l.pos++
	}
done:
	// Skip what is left of a malformed number ("1.2.3", "5-3").
	for l.pos < len(l.b) && (l.b[l.pos] == '.' || l.b[l.pos] == '-' || l.b[l.pos] >= '0' && l.b[l.pos] <= '9') {
		l.pos++
	}
	f := float64(mant)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

func (l *lexer) slowNumber(start int, neg bool) float64 {
	l.pos = start
	for l.pos < len(l.b) && (l.b[l.pos] == '.' || l.b[l.pos] >= '0' && l.b[l.pos] <= '9') {
		l.pos++
	}
	f, err := strconv.ParseFloat(string(l.b[start:l.pos]), 64)
	if err != nil {
		f = 0
	}
	if neg {
		f = -f
	}
	return f
}

// name returns a name's bytes with #xx escapes decoded.
func (l *lexer) name(b []byte) []byte {
	for i := range b {
		if b[i] != '#' {
			continue
		}
		out := l.scratch[len(l.scratch):]
		for j := 0; j < len(b); j++ {
			if b[j] == '#' && j+2 < len(b) {
				if v, err := strconv.ParseUint(string(b[j+1:j+3]), 16, 8); err == nil {
					out = append(out, byte(v))
					j += 2
					continue
				}
			}
			out = append(out, b[j])
		}
		return l.keep(out)
	}
	return b
}

func (l *lexer) array(depth int) tok {
	start := len(l.toks)
	for l.pos < len(l.b) && depth <= maxNesting {
		l.skipSpace()
		if l.pos < len(l.b) && l.b[l.pos] == ']' {
			l.pos++
			break
		}
		t := l.token(depth + 1)
		if t.kind == kEnd {
			break
		}
		if t.kind == kOp && len(t.b) == 1 && (t.b[0] == '}' || t.b[0] == '>' || t.b[0] == ')') {
			continue
		}
		if len(l.toks)-start < maxArrayLen {
			l.toks = append(l.toks, t)
		}
	}
	elems := l.toks[start:len(l.toks):len(l.toks)]
	if depth > 0 {
		// A nested array keeps its own copy, so that the elements of the
		// array around it stay together in the shared space.
		elems = append([]tok(nil), elems...)
		l.toks = l.toks[:start]
	}
	return tok{kind: kArr, arr: elems}
}

// skipDict moves past a dictionary's contents (after <<).
func (l *lexer) skipDict(depth int) {
	for l.pos < len(l.b) && depth <= maxNesting {
		l.skipSpace()
		if l.pos+1 < len(l.b) && l.b[l.pos] == '>' && l.b[l.pos+1] == '>' {
			l.pos += 2
			return
		}
		if l.token(depth+1).kind == kEnd {
			return
		}
	}
}

// literal reads a (string), escapes decoded.
func (l *lexer) literal() []byte {
	l.pos++ // (
	start := l.pos
	// Fast path: no escapes, no nested parentheses.
	for i := l.pos; i < len(l.b); i++ {
		if l.b[i] == '\\' || l.b[i] == '(' {
			break
		}
		if l.b[i] == ')' {
			l.pos = i + 1
			return l.b[start:i]
		}
	}
	out := l.scratch[len(l.scratch):]
	nest := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			nest++
		case ')':
			nest--
			if nest == 0 {
				return l.keep(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return l.keep(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return l.keep(out)
}

// keep records out, built at the end of the scratch space, as used. When
// append had to move it, the scratch space starts anew from it.
func (l *lexer) keep(out []byte) []byte {
	n := len(l.scratch)
	if cap(l.scratch) >= n+len(out) && len(out) > 0 && &l.scratch[:n+1][n] == &out[0] {
		l.scratch = l.scratch[:n+len(out)]
	} else if len(out) > 0 {
		l.scratch = out[len(out):]
	}
	return out[:len(out):len(out)]
}

// hex reads a <hex string>.
func (l *lexer) hex() []byte {
	l.pos++ // <
	out := l.scratch[len(l.scratch):]
	var hi byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		var v byte
		switch {
		case c == '>':
			if half {
				out = append(out, hi<<4)
			}
			return l.keep(out)
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return l.keep(out)
}

// skipInlineImage moves past the data of an inline image (after ID) to
// just behind its EI.
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isSpace(l.b[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.b); i++ {
		if l.b[i] == 'E' && l.b[i+1] == 'I' && (i == 0 || isSpace(l.b[i-1])) && (i+2 == len(l.b) || isSpace(l.b[i+2]) || isDelim(l.b[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(l.b)
}
