package fonts

import (
	"bytes"
	"reflect"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestSubset checks that a subset draws each of its characters with the
// face's own outline and advance, maps nothing else, drops hinting and
// spare names, and is the same for the same set of characters.
func TestSubset(t *testing.T) {
	for _, load := range []func() (*Face, error){Default, Fallback} {
		face, err := load()
		if err != nil {
			t.Fatal(err)
		}
		text := "二〇二三年部门预算收支总表合计1234567890.%（）ABC，、"
		var runes []rune
		for _, r := range text {
			if face.Has(r) {
				runes = append(runes, r)
			}
		}
		sub, err := face.Subset(runes)
		if err != nil {
			t.Fatalf("%s: %v", face.Name, err)
		}
		if len(sub.Data) > len(face.Data)/20 {
			t.Errorf("%s: subset is %d bytes of %d", face.Name, len(sub.Data), len(face.Data))
		}
		sf, err := sfnt.Parse(sub.Data)
		if err != nil {
			t.Fatalf("%s: subset does not parse: %v", face.Name, err)
		}
		if _, err := newFace("subset", "subset.ttf", sub.Data); err != nil {
			t.Errorf("%s: subset is not a usable face: %v", face.Name, err)
		}
		var b1, b2 sfnt.Buffer
		ppem := fixed.I(int(face.font.UnitsPerEm()))
		for _, r := range runes {
			g1, _ := face.font.GlyphIndex(&b1, r)
			g2, err := sf.GlyphIndex(&b2, r)
			if err != nil || g2 == 0 {
				t.Errorf("%s: %c not in the subset", face.Name, r)
				continue
			}
			s1, err1 := face.font.LoadGlyph(&b1, g1, ppem, nil)
			s2, err2 := sf.LoadGlyph(&b2, g2, ppem, nil)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(s1, s2) {
				t.Errorf("%s: outline of %c differs (%v, %v)", face.Name, r, err1, err2)
			}
			a1, _ := face.font.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
			a2, _ := sf.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
			if a1 != a2 {
				t.Errorf("%s: advance of %c %v, subset %v", face.Name, r, a1, a2)
			}
		}
		if g, _ := sf.GlyphIndex(&b2, '中'); g != 0 && !bytes.ContainsRune([]byte(text), '中') {
			t.Errorf("%s: 中 mapped although not asked for", face.Name)
		}
		dir, _ := readDirectory(sub.Data, 0)
		for _, tag := range []string{"fpgm", "prep", "cvt ", "gasp", "hdmx", "vmtx", "GSUB"} {
			for _, tr := range dir.tables {
				if tagString(tr.tag) == tag {
					t.Errorf("%s: subset keeps %q", face.Name, tag)
				}
			}
		}
		if checksum(sub.Data) != checksumMagic {
			t.Errorf("%s: file checksum not adjusted", face.Name)
		}
		rev := make([]rune, len(runes))
		for i, r := range runes {
			rev[len(runes)-1-i] = r
		}
		again, err := face.Subset(append(rev, runes...))
		if err != nil || !bytes.Equal(again.Data, sub.Data) || again.Tag != sub.Tag {
			t.Errorf("%s: same characters, different subset", face.Name)
		}
		if len(sub.Tag) != 6 || sub.Tag != string(bytes.ToUpper([]byte(sub.Tag))) {
			t.Errorf("%s: tag %q is not six capital letters", face.Name, sub.Tag)
		}
		other, _ := face.Subset(runes[:len(runes)-1])
		if other.Tag == sub.Tag {
			t.Errorf("%s: different glyph sets share the tag %s", face.Name, sub.Tag)
		}
	}
}

// TestSubsetComposite builds a subset of a face with composite glyphs,
// if the system has one, and checks that their components came along.
func TestSubsetComposite(t *testing.T) {
	face, err := Load("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
	if err != nil {
		t.Skip("DejaVuSans.ttf not installed")
	}
	runes := []rune("éÅçñü")
	sub, err := face.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sfnt.Parse(sub.Data)
	if err != nil {
		t.Fatal(err)
	}
	var b1, b2 sfnt.Buffer
	ppem := fixed.I(int(face.font.UnitsPerEm()))
	for _, r := range runes {
		g1, _ := face.font.GlyphIndex(&b1, r)
		g2, _ := sf.GlyphIndex(&b2, r)
		s1, err1 := face.font.LoadGlyph(&b1, g1, ppem, nil)
		s2, err2 := sf.LoadGlyph(&b2, g2, ppem, nil)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(s1, s2) {
			t.Errorf("outline of %c differs (%v, %v)", r, err1, err2)
		}
	}
}
