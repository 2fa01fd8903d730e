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
	var prev, last tok // the two tokens before an operator
	entries := 0
	for entries < maxCMapEntries {
		t := l.next()
		if t.kind == kEnd {
			break
		}
		if t.kind != kOp {
			prev, last = last, t
			continue
		}
		switch string(t.b) {
		case "begincodespacerange":
			for len(cm.space) < 256 {
				lo, ok1 := cmapString(l)
				hi, ok2 := cmapString(l)
				if !ok1 || !ok2 {
					break
				}
				cm.space = append(cm.space, codeRange{n: len(lo), lo: bytesCode(lo), hi: bytesCode(hi)})
			}
		case "beginbfchar":
			for ; entries < maxCMapEntries; entries++ {
				src, ok := cmapString(l)
				if !ok {
					break
				}
				dst := l.next()
				switch dst.kind {
				case kStr:
					cm.chars[codeKey(bytesCode(src), len(src))] = utf16Text(dst.b)
				case kName:
					if r := glyphRune(string(dst.b)); r != 0 {
						cm.chars[codeKey(bytesCode(src), len(src))] = string(r)
					}
				}
				l.reset()
			}
		case "beginbfrange":
			for ; entries < maxCMapEntries; entries++ {
				lo, ok1 := cmapString(l)
				hi, ok2 := cmapString(l)
				if !ok1 || !ok2 {
					break
				}
				dst := l.next()
				r := uniRange{n: len(lo), lo: bytesCode(lo), hi: bytesCode(hi)}
				if r.hi < r.lo {
					continue
				}
				switch dst.kind {
				case kStr:
					r.dst = utf16Units(dst.b)
				case kArr:
					for _, e := range dst.arr {
						r.list = append(r.list, utf16Units(e.b))
					}
				default:
					continue
				}
				cm.ranges = append(cm.ranges, r)
				l.reset()
			}
		case "begincidchar":
			for ; entries < maxCMapEntries; entries++ {
				src, ok := cmapString(l)
				if !ok {
					break
				}
				if dst := l.next(); dst.kind == kNum {
					cm.cidChars[codeKey(bytesCode(src), len(src))] = uint32(dst.num)
				}
				l.reset()
			}
		case "begincidrange":
			for ; entries < maxCMapEntries; entries++ {
				lo, ok1 := cmapString(l)
				hi, ok2 := cmapString(l)
				if !ok1 || !ok2 {
					break
				}
				if dst := l.next(); dst.kind == kNum {
					cm.cidRange = append(cm.cidRange, cidRange{n: len(lo), lo: bytesCode(lo), hi: bytesCode(hi), cid: uint32(dst.num)})
				}
				l.reset()
			}
		case "def":
			if prev.is(kName, "WMode") && last.kind == kNum && last.num == 1 {
				cm.vertical = true
			}
		}
		prev, last = tok{}, tok{}
		l.reset()
	}
	return cm
}

// cmapString reads the next token as a code string; false at an operator
// (the end of a section).
func cmapString(l *lexer) ([]byte, bool) {
	t := l.next()
	if t.kind != kStr || len(t.b) == 0 || len(t.b) > 4 {
		return nil, false
	}
	return t.b, true
}

func bytesCode(s []byte) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func utf16Units(s []byte) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 {
		u = append(u, uint16(s[len(s)-1]))
	}
	return u
}

func utf16Text(s []byte) string {
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
