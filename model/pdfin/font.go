package pdfin

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// font is what the interpreter needs of a font: how to split a string into
// character codes, each code's width and text.
type font struct {
	// composite is a Type0 font (multi-byte codes, CIDs).
	composite bool
	// vertical is a Type0 font written top to bottom (Identity-V …).
	vertical bool
	// widths are the glyph widths in thousandths of text space, by code
	// (simple fonts) or CID (composite fonts).
	widths map[uint32]float64
	// defaultWidth is the width of a glyph not in widths.
	defaultWidth float64
	// scale turns widths into text space (1/1000, or a Type3 FontMatrix).
	scale float64
	// toUnicode is the font's /ToUnicode map, or nil.
	toUnicode *cmap
	// codeSpace splits composite strings into codes (nil: two bytes each).
	codeSpace []codeRange
	// cids maps codes to CIDs when the encoding CMap is not Identity.
	cids *cmap
	// charset decodes codes without a ToUnicode entry: "" (the simple
	// encoding below), "ucs2", "gbk" or "identity".
	charset string
	// encoding gives the text of simple-font codes without ToUnicode.
	encoding [256]rune
	// cache remembers decoded codes.
	cache map[uint64]string
	// bold reports that the font is a bold face, by its name or its
	// descriptor's weight.
	bold bool
}

// codeRange is one codespace range of a CMap: codes of n bytes between lo
// and hi.
type codeRange struct {
	n      int
	lo, hi uint32
}

// glyphCode is one character code of a shown string.
type glyphCode struct {
	code  uint32
	n     int // bytes
	width float64
	text  string
}

// codes splits s into character codes.
func (f *font) codes(s []byte, out []glyphCode) []glyphCode {
	out = out[:0]
	for i := 0; i < len(s); {
		n := 1
		if f.composite {
			n = f.codeLen(s[i:])
		}
		if i+n > len(s) {
			n = len(s) - i
		}
		var c uint32
		for k := 0; k < n; k++ {
			c = c<<8 | uint32(s[i+k])
		}
		out = append(out, glyphCode{code: c, n: n, width: f.width(c) * f.scale, text: f.text(c, n)})
		i += n
	}
	return out
}

func (f *font) codeLen(s []byte) int {
	if f.codeSpace == nil {
		switch f.charset {
		case "gbk":
			if s[0] < 0x81 {
				return 1
			}
		case "utf16":
			if len(s) >= 4 && s[0] >= 0xD8 && s[0] <= 0xDB {
				return 4
			}
		}
		return 2
	}
	for n := 1; n <= 4 && n <= len(s); n++ {
		var c uint32
		for k := 0; k < n; k++ {
			c = c<<8 | uint32(s[k])
		}
		for _, r := range f.codeSpace {
			if r.n == n && c >= r.lo && c <= r.hi {
				return n
			}
		}
	}
	return 1
}

func (f *font) width(code uint32) float64 {
	cid := code
	if f.composite && f.cids != nil {
		if v, ok := f.cids.cid(code); ok {
			cid = v
		}
	}
	if w, ok := f.widths[cid]; ok {
		return w
	}
	return f.defaultWidth
}

// text returns the Unicode text of a code, "\uFFFD" when it cannot be told.
func (f *font) text(code uint32, n int) string {
	key := codeKey(code, n)
	if s, ok := f.cache[key]; ok {
		return s
	}
	s := f.decode(code, n)
	if len(f.cache) < 1<<16 {
		f.cache[key] = s
	}
	return s
}

func (f *font) decode(code uint32, n int) string {
	if f.toUnicode != nil {
		if s, ok := f.toUnicode.text(code, n); ok {
			return s
		}
	}
	if !f.composite {
		if r := f.encoding[code&0xff]; r != 0 {
			return string(r)
		}
		return "\uFFFD"
	}
	switch f.charset {
	case "ucs2", "utf16":
		var u []uint16
		for k := n - 2; k >= 0; k -= 2 {
			u = append(u, uint16(code>>(8*uint(k))))
		}
		if s := string(utf16.Decode(u)); utf8.ValidString(s) && s != "" {
			return s
		}
	case "gbk":
		b := make([]byte, n)
		for k := range n {
			b[k] = byte(code >> (8 * uint(n-1-k)))
		}
		if s, err := simplifiedchinese.GBK.NewDecoder().Bytes(b); err == nil && utf8.Valid(s) {
			return string(s)
		}
	}
	return "\uFFFD"
}

// loadFont builds a font from its dictionary.
func loadFont(o objects, d dict) *font {
	f := &font{widths: map[uint32]float64{}, defaultWidth: 1000, scale: 0.001, cache: map[uint64]string{}}
	subtype, _ := o.resolve(d["Subtype"]).(name)
	if tu, ok := o.resolve(d["ToUnicode"]).(*stream); ok {
		if b, err := o.data(tu, maxCMapBytes); err == nil {
			f.toUnicode = parseCMap(b)
		}
	}
	f.bold = boldFont(o, d)
	if subtype == "Type0" {
		f.composite = true
		f.loadComposite(o, d)
		return f
	}
	f.loadSimple(o, d, subtype)
	return f
}

// boldFont reports whether a font dictionary names a bold face: by its
// name (boldName), by its descriptor's weight (600 and over) or its
// ForceBold flag, for a composite font those of its descendant.
func boldFont(o objects, d dict) bool {
	if base, _ := o.resolve(d["BaseFont"]).(name); boldName(string(base)) {
		return true
	}
	if desc, _ := o.resolve(d["DescendantFonts"]).([]any); len(desc) > 0 {
		if cf, _ := o.resolve(desc[0]).(dict); cf != nil {
			if base, _ := o.resolve(cf["BaseFont"]).(name); boldName(string(base)) {
				return true
			}
			d = cf
		}
	}
	desc, _ := o.resolve(d["FontDescriptor"]).(dict)
	if desc == nil {
		return false
	}
	if w, ok := num(o.resolve(desc["FontWeight"])); ok && w >= 600 {
		return true
	}
	flags, _ := num(o.resolve(desc["Flags"]))
	return int64(flags)&(1<<18) != 0
}

// boldName reports whether a font's name says a bold face: a heavy weight
// (Bold, Black, Heavy), or a 黑体 — the sans face Chinese forms set their
// totals and headers in against a 宋体 or 仿宋 body: Hei in its name
// (SimHei, STHeiti), HT in a 方正 name (FZHTK), 黑体 itself in GBK or
// UTF-8, or 方正's 黑 figure faces (E-HZ, E-HX). 微软雅黑 (YaHei) is a text face, not bold.
func boldName(base string) bool {
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[i+1:] // a subset's tag (ABCDEE+)
	}
	l := strings.ToLower(base)
	switch {
	case strings.Contains(l, "bold"), strings.Contains(l, "black"), strings.Contains(l, "heavy"):
		return true
	case strings.Contains(l, "yahei"):
		return false
	case strings.HasPrefix(base, "E-H"):
		return true // 方正's figure faces: E-HZ 黑正 beside E-BZ 白正
	case strings.Contains(l, "hei"), strings.HasPrefix(base, "FZ") && strings.Contains(base, "HT"):
		return true
	}
	return strings.Contains(base, "黑体") || strings.Contains(base, "\xba\xda\xcc\xe5")
}

func (f *font) loadComposite(o objects, d dict) {
	switch enc := o.resolve(d["Encoding"]).(type) {
	case name:
		e := string(enc)
		f.vertical = strings.HasSuffix(e, "-V")
		switch {
		case strings.HasPrefix(e, "Identity"):
			f.charset = "identity"
		case strings.Contains(e, "UCS2"):
			f.charset = "ucs2"
		case strings.Contains(e, "UTF16"):
			f.charset = "utf16"
		case strings.Contains(e, "GB"):
			f.charset = "gbk"
		default:
			f.charset = "identity"
		}
	case *stream:
		if b, err := o.data(enc, maxCMapBytes); err == nil {
			cm := parseCMap(b)
			f.codeSpace = cm.space
			f.cids = cm
			f.vertical = cm.vertical
		}
		f.charset = "identity"
	}
	if f.codeSpace == nil && f.charset == "identity" && f.toUnicode != nil && len(f.toUnicode.space) > 0 {
		// The ToUnicode map's code space describes the codes when the
		// encoding does not (one- and two-byte mixes in some writers).
		only2 := true
		for _, r := range f.toUnicode.space {
			only2 = only2 && r.n == 2
		}
		if !only2 {
			f.codeSpace = f.toUnicode.space
		}
	}
	desc, _ := o.resolve(d["DescendantFonts"]).([]any)
	if len(desc) == 0 {
		return
	}
	cf, _ := o.resolve(desc[0]).(dict)
	if cf == nil {
		return
	}
	if dw, ok := num(o.resolve(cf["DW"])); ok {
		f.defaultWidth = dw
	}
	w, _ := o.resolve(cf["W"]).([]any)
	for i := 0; i < len(w) && len(f.widths) < maxWidths; {
		first, ok := num(o.resolve(w[i]))
		if !ok || i+1 >= len(w) {
			break
		}
		switch next := o.resolve(w[i+1]).(type) {
		case []any:
			for k, v := range next {
				if wv, ok := num(o.resolve(v)); ok {
					f.widths[uint32(first)+uint32(k)] = wv
				}
			}
			i += 2
		default:
			last, ok1 := num(next)
			if i+2 >= len(w) || !ok1 {
				return
			}
			wv, _ := num(o.resolve(w[i+2]))
			if last-first > maxWidths {
				last = first + maxWidths
			}
			for c := first; c <= last && len(f.widths) < maxWidths; c++ {
				f.widths[uint32(c)] = wv
			}
			i += 3
		}
	}
}

func (f *font) loadSimple(o objects, d dict, subtype name) {
	base, _ := o.resolve(d["BaseFont"]).(name)
	f.defaultWidth = 0
	if desc, ok := o.resolve(d["FontDescriptor"]).(dict); ok {
		if mw, ok := num(o.resolve(desc["MissingWidth"])); ok {
			f.defaultWidth = mw
		}
	}
	if subtype == "Type3" {
		if m, ok := o.resolve(d["FontMatrix"]).([]any); ok && len(m) == 6 {
			if a, ok := num(o.resolve(m[0])); ok && a != 0 {
				f.scale = a
			}
		}
	}
	first, _ := num(o.resolve(d["FirstChar"]))
	if ws, ok := o.resolve(d["Widths"]).([]any); ok {
		for k, v := range ws {
			if k >= 256 {
				break
			}
			if wv, ok := num(o.resolve(v)); ok {
				f.widths[uint32(first)+uint32(k)] = wv
			}
		}
	} else {
		standardWidths(string(base), f.widths)
		if f.defaultWidth == 0 {
			f.defaultWidth = 500
		}
	}
	// Text of codes without ToUnicode: the base encoding, then /Differences.
	f.encoding = winAnsi
	symbolic := strings.Contains(string(base), "Symbol") || strings.Contains(string(base), "Dingbats")
	switch enc := o.resolve(d["Encoding"]).(type) {
	case name:
		if enc == "MacRomanEncoding" {
			f.encoding = macRoman
		}
	case dict:
		if b, _ := o.resolve(enc["BaseEncoding"]).(name); b == "MacRomanEncoding" {
			f.encoding = macRoman
		}
		diffs, _ := o.resolve(enc["Differences"]).([]any)
		code := 0
		for _, v := range diffs {
			switch v := o.resolve(v).(type) {
			case float64:
				code = int(v)
			case name:
				if code >= 0 && code < 256 {
					if r := glyphRune(string(v)); r != 0 {
						f.encoding[code] = r
					}
				}
				code++
			}
		}
	}
	if symbolic {
		for i := range f.encoding {
			if f.encoding[i] == 0 {
				f.encoding[i] = rune(i)
			}
		}
	}
}

// num reads a number value.
func num(v any) (float64, bool) {
	f, ok := v.(float64)
	return f, ok
}
