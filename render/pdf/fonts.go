package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"budgetpack/fonts"
	"budgetpack/render/grid"
)

// Which face draws a rune.
const (
	faceUnknown = iota
	faceMain
	faceFallback
	faceSymbol
	faceNone
)

// fontSet is the main face, the fallback face for the runes the main face
// lacks, and the advance width of every rune the book shows, so that lines
// are measured exactly as they are drawn.
type fontSet struct {
	main, fb       *fonts.Face
	mainKey, fbKey string
	// sym is the symbol face for what neither main nor fb has (≧ ≦ ①);
	// symKey, usesSymbols, symRunes and symSub are its counterparts of
	// the fallback face's fields.
	sym         *fonts.Face
	symKey      string
	usesSymbols bool
	symRunes    []rune
	symSub      *fonts.Subset
	// userFont is the spec of the user's font, or "" for the embedded one.
	userFont string
	// usesFallback is set once a drawn rune needs the fallback face.
	usesFallback bool
	// which caches the face of each rune (face* constants).
	which map[rune]uint8
	// adv is the advance width of each BMP rune in 1/1000 em, of the face
	// that draws it; filled by measure for the runes of the book.
	adv []uint16
	// drawn are the runes each face draws (set by check), the glyph set
	// of its subset.
	mainRunes, fbRunes []rune
	// mainSub and fbSub are the subsets registered with fpdf.
	mainSub, fbSub *fonts.Subset
}

// newFontSet loads the main face (the user's, or the embedded Song face)
// and the fallback face. It does not touch a PDF yet.
func newFontSet(opt Options) (*fontSet, error) {
	var main *fonts.Face
	var err error
	if opt.Font == "" {
		main, err = fonts.Default()
	} else {
		main, err = fonts.Load(opt.Font)
	}
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	fb, err := fonts.Fallback()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	mk := fontKey(main.Name, "Main")
	fk := fontKey(fb.Name, "Fallback")
	if fk == mk {
		fk += "2"
	}
	sym, err := fonts.Symbols()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	sk := fontKey(sym.Name, "Symbols") + "Symbols"
	return &fontSet{
		main: main, fb: fb, mainKey: mk, fbKey: fk, userFont: opt.Font,
		sym: sym, symKey: sk,
		which: map[rune]uint8{}, adv: make([]uint16, 0x10000),
	}, nil
}

// fontKey makes the name a face is registered under in the PDF (it becomes
// the BaseFont name): the face's family name reduced to ASCII letters and
// digits, since a PDF name with other bytes would need escaping.
func fontKey(name, alt string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return alt
	}
	return b.String()
}

// faceOf says which face draws r.
func (fs *fontSet) faceOf(r rune) uint8 {
	if w, ok := fs.which[r]; ok {
		return w
	}
	w := uint8(faceNone)
	switch {
	case fs.main.Has(r):
		w = faceMain
	case fs.fb.Has(r):
		w = faceFallback
	case fs.sym.Has(r) && !unicode.Is(unicode.Cf, r):
		// invisible format characters (U+200B …) stay dropped
		w = faceSymbol
	}
	fs.which[r] = w
	return w
}

// clean turns a cell's text into what is drawn: "\n" is the only line
// break (CR LF, CR and the other Unicode breaks become "\n"), a tab or a
// space character neither face has becomes a plain space, and control or
// invisible format characters no face can draw are dropped. Every other
// rune is kept, so that a rune no face has is reported, never dropped.
func (fs *fontSet) clean(s string) string {
	ok := true
	for _, r := range s {
		if r < 0x20 && r != '\n' || r >= 0x7F && (unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\r':
			if i+1 < len(rs) && rs[i+1] == '\n' {
				continue
			}
			b.WriteRune('\n')
		case r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteRune('\n')
		case r == '\t':
			b.WriteRune(' ')
		case unicode.IsSpace(r):
			if fs.faceOf(r) == faceNone {
				r = ' '
			}
			b.WriteRune(r)
		case unicode.IsControl(r):
			// never drawn
		case unicode.Is(unicode.Cf, r) && fs.faceOf(r) == faceNone:
			// zero-width and other invisible format characters
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// place is where a rune first occurs, for the error message.
type place struct {
	sheet string
	row   int
}

// check finds the runes of the book that neither face can draw and says
// whether the fallback face is needed at all. extra is drawn text that is
// not in the book (the footer).
func (fs *fontSet) check(b *grid.Book, extra string) error {
	first := map[rune]place{}
	var order []rune
	note := func(text string, p place) {
		for _, r := range text {
			if _, seen := first[r]; seen || r == '\n' {
				continue
			}
			first[r] = p
			order = append(order, r)
		}
	}
	for _, s := range b.Sheets {
		for i, row := range s.Rows {
			for _, c := range row.Cells {
				if !c.Covered {
					note(fs.clean(display(c)), place{s.Name, i})
				}
			}
		}
	}
	note(fs.clean(extra), place{row: -1})
	var none []rune
	fs.mainRunes, fs.fbRunes, fs.symRunes = fs.mainRunes[:0], fs.fbRunes[:0], fs.symRunes[:0]
	for _, r := range order {
		switch fs.faceOf(r) {
		case faceMain:
			fs.mainRunes = append(fs.mainRunes, r)
		case faceFallback:
			fs.usesFallback = true
			fs.fbRunes = append(fs.fbRunes, r)
		case faceSymbol:
			fs.usesSymbols = true
			fs.symRunes = append(fs.symRunes, r)
		case faceNone:
			none = append(none, r)
		}
	}
	if len(none) == 0 {
		return nil
	}
	// main.Check gives the fonts package's message and *MissingError, so
	// that a caller can tell this error apart with errors.As.
	err := fs.main.Check(string(none))
	if err == nil {
		// Has and Check disagree only for white space, which clean
		// replaces; keep the message anyway.
		err = fmt.Errorf("字体 %s 缺少字符 (font lacks glyphs)", fs.main.Name)
	}
	var where []string
	for i, r := range none {
		if i == 5 {
			where = append(where, "……")
			break
		}
		p := first[r]
		if p.row < 0 {
			where = append(where, fmt.Sprintf("%c 见页脚", r))
			continue
		}
		where = append(where, fmt.Sprintf("%c 见「%s」第 %d 行", r, p.sheet, p.row+1))
	}
	zh, en := " "+fs.main.Name+" ", " "+fs.main.Name
	if fs.userFont != "" {
		zh, en = " "+fs.main.Name+"（"+fs.main.Source+"）", " "+fs.main.Name+" ("+fs.main.Source+")"
	}
	return fmt.Errorf("pdf: %w；字体%s和后备字体 %s 都没有这些字符（%s），生成的 PDF 会缺字，请改用含有这些字符的 TrueType 字体 (neither the font%s nor the fallback font %s has these characters; choose a font that has them)",
		err, zh, fs.fb.Name, strings.Join(where, "；"), en, fs.fb.Name)
}

// register adds the faces to the PDF and reads the advance widths of the
// runes of the book from it, so that measuring uses exactly the widths the
// PDF's font dictionaries give the viewer.
//
// Each face is handed to fpdf already cut to the glyphs of the runes it
// draws, so that fpdf neither parses nor subsets the whole file; outlines
// and advance widths are the face's own.
func (fs *fontSet) register(pdf *fpdf.Fpdf, b *grid.Book, extra string) error {
	faces := fs.embedded()
	for _, e := range faces {
		data := e.face.Data
		if !embedWholeFaces {
			sub, err := e.face.Subset(e.runes)
			if err != nil {
				return e.cannot(err)
			}
			*e.sub = sub
			data = fs.handed(sub)
		}
		pdf.AddUTF8FontFromBytes(e.key, "", data)
	}
	// fpdf only prints a font it cannot parse; it shows up as an error
	// once the font is selected.
	for _, e := range faces {
		pdf.SetFont(e.key, "", 10)
		if err := pdf.Error(); err != nil {
			return e.cannot(err)
		}
	}
	measured := make([]bool, len(fs.adv))
	// fpdf's SetFont is costly next to reading a width: the font is
	// selected only when the rune's face is not the one selected last.
	current := uint8(faceUnknown)
	measure := func(text string) error {
		for _, r := range text {
			if r >= 0x10000 || r < 0 || measured[r] || r == '\n' {
				continue
			}
			measured[r] = true
			if face := fs.faceOf(r); face != current {
				pdf.SetFont(fs.key(face), "", 10)
				current = face
			}
			w, err := symbolWidth(pdf, r)
			if err != nil {
				return err
			}
			fs.adv[r] = uint16(min(max(w, 0), 0xFFFF))
		}
		return nil
	}
	if err := measure(fs.clean(extra)); err != nil {
		return err
	}
	for _, s := range b.Sheets {
		for _, row := range s.Rows {
			for _, c := range row.Cells {
				if !c.Covered {
					if err := measure(fs.clean(display(c))); err != nil {
						return err
					}
				}
			}
		}
	}
	pdf.SetFont(fs.mainKey, "", 10)
	return pdf.Error()
}

// embedWholeFaces hands fpdf the whole font files, as before faces were
// cut; tests set it to compare the pages drawn both ways.
var embedWholeFaces = false

// handed is the file fpdf gets for a subset. fpdf cuts and compresses
// every font it embeds again when the document is written, at the end and
// on one core; so it gets the subset without outlines, which gives it the
// same character map and widths to lay out with, and the outlines are
// embedded from the subset's own program (see programs), compressed while
// the pages are drawn. In the plain output tests compare with, fpdf gets
// and embeds the whole subset.
func (fs *fontSet) handed(sub *fonts.Subset) []byte {
	if !compactOutput {
		return sub.Data
	}
	return sub.Metrics
}

// program is a subset's font program and CIDToGIDMap as embedded:
// compressed, with the uncompressed length of the program.
type program struct {
	font, cidMap []byte
	length1      int
}

// programs starts compressing each subset's program and CIDToGIDMap and
// returns a function that waits for them, keyed by fpdf's font name
// ("utf8" and the key in lower case). It returns nil when fpdf embeds the
// fonts itself.
func (fs *fontSet) programs() func() map[string]*program {
	if !compactOutput || embedWholeFaces {
		return nil
	}
	out := map[string]*program{}
	var wg sync.WaitGroup
	for _, e := range fs.embedded() {
		sub := *e.sub
		if sub == nil {
			continue
		}
		p := &program{length1: len(sub.Program)}
		out["utf8"+strings.ToLower(e.key)] = p
		wg.Go(func() {
			p.font = deflateChunked(sub.Program, fontLevel)
			m := make([]byte, 2*0x10000)
			for _, c := range sub.Chars {
				binary.BigEndian.PutUint16(m[2*int(c[0]):], c[1])
			}
			var zm bytes.Buffer
			deflate(&zm, m, pageLevel)
			p.cidMap = zm.Bytes()
		})
	}
	return func() map[string]*program {
		wg.Wait()
		return out
	}
}

// embeddedFace is a face as it goes into the PDF: its key, the runes of
// its subset and where the subset registered is kept.
type embeddedFace struct {
	key   string
	face  *fonts.Face
	runes []rune
	sub   **fonts.Subset
	// zh and en name the face's role in an error: the font, the fallback
	// font, the symbol font
	zh, en string
}

// cannot is the error for a face that cannot be embedded.
func (e embeddedFace) cannot(err error) error {
	return fmt.Errorf("pdf: %s %s 无法嵌入：%v (cannot embed the %s)", e.zh, e.face.Source, err, e.en)
}

// embedded lists the faces the PDF carries: the main face, then the
// fallback and symbol faces where a drawn rune needs them.
func (fs *fontSet) embedded() []embeddedFace {
	out := []embeddedFace{{fs.mainKey, fs.main, fs.mainRunes, &fs.mainSub, "字体", "font"}}
	if fs.usesFallback {
		out = append(out, embeddedFace{fs.fbKey, fs.fb, fs.fbRunes, &fs.fbSub, "后备字体", "fallback font"})
	}
	if fs.usesSymbols {
		out = append(out, embeddedFace{fs.symKey, fs.sym, fs.symRunes, &fs.symSub, "符号字体", "symbol font"})
	}
	return out
}

// renames are the font names fpdf writes ("utf8" and the key in lower
// case) and the subset names that replace them ("ABCDEF+Key"), each
// followed by the line end fpdf puts after the name.
func (fs *fontSet) renames() [][2]string {
	var out [][2]string
	for _, e := range fs.embedded() {
		if *e.sub == nil {
			continue
		}
		for _, k := range []string{"/BaseFont /", "/FontName /"} {
			out = append(out, [2]string{k + "utf8" + strings.ToLower(e.key) + "\n", k + (*e.sub).Tag + "+" + e.key + "\n"})
		}
	}
	return out
}

// symbolWidth is fpdf's advance width of r in the current font, in 1/1000
// em. fpdf indexes its width table without a bound check at one place, so
// a rune at the very end of a font's cmap is guarded here.
func symbolWidth(pdf *fpdf.Fpdf, r rune) (w int, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: 无法读取字符 %c（U+%04X）的字宽：%v (cannot read the glyph width)", r, r, p)
		}
	}()
	return pdf.GetStringSymbolWidth(string(r)), nil
}

// width is the width of s in mm at size pt, as drawn (each rune in its
// face).
func (fs *fontSet) width(s string, pt float64) float64 {
	n := 0
	for _, r := range s {
		if r >= 0 && r < 0x10000 {
			n += int(fs.adv[r])
		}
	}
	return float64(n) * pt * mmPerPt / 1000
}

// key is the name face (a face* constant) is registered under; the main
// face's for a rune no face has.
func (fs *fontSet) key(face uint8) string {
	switch face {
	case faceFallback:
		return fs.fbKey
	case faceSymbol:
		return fs.symKey
	}
	return fs.mainKey
}

// run is a piece of a line drawn with one face.
type run struct {
	text string
	face uint8
}

// runs splits a line into pieces by face.
func (fs *fontSet) runs(line string) []run {
	var out []run
	start, cur := 0, uint8(faceMain)
	for i, r := range line {
		fb := fs.faceOf(r)
		if fb != faceFallback && fb != faceSymbol {
			fb = faceMain
		}
		if i > 0 && fb != cur {
			out = append(out, run{line[start:i], cur})
			start = i
		}
		cur = fb
	}
	if start < len(line) {
		out = append(out, run{line[start:], cur})
	}
	return out
}
