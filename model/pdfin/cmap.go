package pdfin

import (
	"unicode/utf16"
)

// cmap is a parsed CMap: a ToUnicode map (bfchar, bfrange) or an encoding
// (cidchar, cidrange), with its code space.
type cmap struct {
	space    []codeRange
	chars    map[uint64]string // bfchar: code (with its length) → text
	ranges   []uniRange        // bfrange
	cidChars map[uint64]uint32
	cidRange []cidRange
	vertical bool
}

type uniRange struct {
	n      int
	lo, hi uint32
	dst    []uint16   // first destination (UTF-16), incremented along the range
	list   [][]uint16 // or one destination per code
}

type cidRange struct {
	n      int
	lo, hi uint32
	cid    uint32
}

func codeKey(code uint32, n int) uint64 { return uint64(code) | uint64(n)<<32 }

// parseCMap reads the parts of a CMap that text extraction needs.
func parseCMap(b []byte) *cmap {
	cm := &cmap{chars: map[uint64]string{}, cidChars: map[uint64]uint32{}}
	l := &lexer{b: b}
	var stack []any
	entries := 0
	for entries < maxCMapEntries {
		t, ok := l.next()
		if !ok {
			break
		}
		o, isOp := t.(op)
		if !isOp {
			if len(stack) < 8 {
				stack = append(stack, t)
			} else {
				stack = append(stack[1:], t)
			}
			continue
		}
		switch o {
		case "begincodespacerange":
			for {
				lo, ok1 := cmapString(l)
				if !ok1 {
					break
				}
				hi, ok2 := cmapString(l)
				if !ok2 || len(cm.space) >= 256 {
					break
				}
				cm.space = append(cm.space, codeRange{n: len(lo), lo: bytesCode(lo), hi: bytesCode(hi)})
			}
		case "beginbfchar":
			for entries < maxCMapEntries {
				src, ok := cmapString(l)
				if !ok {
					break
				}
				dst, _ := l.next()
				entries++
				switch d := dst.(type) {
				case string:
					cm.chars[codeKey(bytesCode(src), len(src))] = utf16Text(d)
				case name:
					if r := glyphRune(string(d)); r != 0 {
						cm.chars[codeKey(bytesCode(src), len(src))] = string(r)
					}
				}
			}
		case "beginbfrange":
			for entries < maxCMapEntries {
				lo, ok := cmapString(l)
				if !ok {
					break
				}
				hi, ok := cmapString(l)
				if !ok {
					break
				}
				dst, _ := l.next()
				entries++
				r := uniRange{n: len(lo), lo: bytesCode(lo), hi: bytesCode(hi)}
				if r.hi < r.lo {
					continue
				}
				switch d := dst.(type) {
				case string:
					r.dst = utf16Units(d)
				case []any:
					for _, e := range d {
						s, _ := e.(string)
						r.list = append(r.list, utf16Units(s))
					}
				default:
					continue
				}
				cm.ranges = append(cm.ranges, r)
			}
		case "begincidchar":
			for entries < maxCMapEntries {
				src, ok := cmapString(l)
				if !ok {
					break
				}
				dst, _ := l.next()
				entries++
				if c, ok := dst.(float64); ok {
					cm.cidChars[codeKey(bytesCode(src), len(src))] = uint32(c)
				}
			}
		case "begincidrange":
			for entries < maxCMapEntries {
				lo, ok := cmapString(l)
				if !ok {
					break
				}
				hi, ok := cmapString(l)
				if !ok {
					break
				}
				dst, _ := l.next()
				entries++
				if c, ok := dst.(float64); ok {
					cm.cidRange = append(cm.cidRange, cidRange{n: len(lo), lo: bytesCode(lo), hi: bytesCode(hi), cid: uint32(c)})
				}
			}
		case "def":
			if len(stack) >= 2 {
				if k, _ := stack[len(stack)-2].(name); k == "WMode" {
					if v, _ := stack[len(stack)-1].(float64); v == 1 {
						cm.vertical = true
					}
				}
			}
		}
		stack = stack[:0]
	}
	return cm
}

// cmapString reads the next token as a code string; false at an operator
// (the end of a section).
func cmapString(l *lexer) (string, bool) {
	t, ok := l.next()
	if !ok {
		return "", false
	}
	s, isStr := t.(string)
	if !isStr || len(s) == 0 || len(s) > 4 {
		return "", false
	}
	return s, true
}

func bytesCode(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 {
		u = append(u, uint16(s[len(s)-1]))
	}
	return u
}

func utf16Text(s string) string {
	return string(utf16.Decode(utf16Units(s)))
}

// text maps a code to its text.
func (cm *cmap) text(code uint32, n int) (string, bool) {
	if s, ok := cm.lookup(code, n, true); ok {
		return s, true
	}
	// Some writers give one-byte codes as two-byte entries or the reverse.
	if s, ok := cm.chars[codeKey(code, 3-min(n, 2))]; ok {
		return s, true
	}
	return cm.lookup(code, n, false)
}

func (cm *cmap) lookup(code uint32, n int, exact bool) (string, bool) {
	if s, ok := cm.chars[codeKey(code, n)]; ok && exact {
		return s, true
	}
	for i := len(cm.ranges) - 1; i >= 0; i-- {
		r := &cm.ranges[i]
		if (exact && r.n != n) || code < r.lo || code > r.hi {
			continue
		}
		k := code - r.lo
		if r.list != nil {
			if int(k) < len(r.list) {
				return string(utf16.Decode(r.list[k])), true
			}
			return "", false
		}
		if len(r.dst) == 0 {
			return "", false
		}
		u := append([]uint16(nil), r.dst...)
		u[len(u)-1] += uint16(k)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// cid maps a code to its CID.
func (cm *cmap) cid(code uint32) (uint32, bool) {
	for n := 1; n <= 4; n++ {
		if c, ok := cm.cidChars[codeKey(code, n)]; ok {
			return c, true
		}
	}
	for _, r := range cm.cidRange {
		if code >= r.lo && code <= r.hi {
			return r.cid + code - r.lo, true
		}
	}
	return 0, false
}
