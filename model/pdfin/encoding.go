package pdfin

import (
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// The simple-font encodings used when a font has no /ToUnicode.
var winAnsi, macRoman [256]rune

// asciiNames are the glyph names of codes 32 to 126 in the standard Latin
// character set.
var asciiNames = strings.Fields(`space exclam quotedbl numbersign dollar percent ampersand quotesingle
parenleft parenright asterisk plus comma hyphen period slash zero one two three four five six seven
eight nine colon semicolon less equal greater question at A B C D E F G H I J K L M N O P Q R S T U V W
X Y Z bracketleft backslash bracketright asciicircum underscore grave a b c d e f g h i j k l m n o p q r
s t u v w x y z braceleft bar braceright asciitilde`)

// glyphNames maps glyph names beyond ASCII to their characters.
var glyphNames = map[string]rune{
	"quoteright": '\u2019', "quoteleft": '\u2018', "quotedblleft": '\u201C', "quotedblright": '\u201D',
	"bullet": '\u2022', "endash": '\u2013', "emdash": '\u2014', "ellipsis": '\u2026', "minus": '\u2212',
	"periodcentered": '\u00B7', "multiply": '\u00D7', "divide": '\u00F7', "degree": '\u00B0',
	"yen": '\u00A5', "sterling": '\u00A3', "Euro": '\u20AC', "copyright": '\u00A9', "registered": '\u00AE',
	"trademark": '\u2122', "section": '\u00A7', "paragraph": '\u00B6', "dagger": '\u2020',
	"daggerdbl": '\u2021', "perthousand": '\u2030', "nbspace": '\u00A0', "space.alt": ' ',
	"fi": '\uFB01', "fl": '\uFB02', "hyphen.alt": '-', "sfthyphen": '\u00AD', "plusminus": '\u00B1',
}

var glyphIndex = map[string]rune{}

func init() {
	for i := range 256 {
		winAnsi[i] = charmap.Windows1252.DecodeByte(byte(i))
		macRoman[i] = charmap.Macintosh.DecodeByte(byte(i))
		if i < 32 {
			winAnsi[i], macRoman[i] = 0, 0
		}
		if winAnsi[i] == '\uFFFD' {
			winAnsi[i] = 0
		}
	}
	for i, n := range asciiNames {
		glyphIndex[n] = rune(32 + i)
	}
	for n, r := range glyphNames {
		glyphIndex[n] = r
	}
}

// glyphRune returns the character a glyph name stands for, or 0.
func glyphRune(n string) rune {
	if r, ok := glyphIndex[n]; ok {
		return r
	}
	if i := strings.IndexByte(n, '.'); i > 0 {
		n = n[:i]
		if r, ok := glyphIndex[n]; ok {
			return r
		}
	}
	for _, p := range []string{"uni", "u"} {
		if h, ok := strings.CutPrefix(n, p); ok && len(h) >= 4 && len(h) <= 6 {
			if v, err := strconv.ParseUint(h[:4], 16, 32); err == nil && p == "uni" {
				return rune(v)
			}
			if v, err := strconv.ParseUint(h, 16, 32); err == nil {
				return rune(v)
			}
		}
	}
	return 0
}

// helvetica holds the widths of codes 32 to 126 of Helvetica, which stand
// in for a standard font drawn without /Widths (close enough to tell the
// gaps between words).
var helvetica = [95]float64{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

// standardWidths fills in widths for a font given without /Widths.
func standardWidths(base string, widths map[uint32]float64) {
	fixed := strings.Contains(base, "Courier")
	for i, w := range helvetica {
		if fixed {
			w = 600
		}
		widths[uint32(32+i)] = w
	}
}
