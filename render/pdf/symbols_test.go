package pdf

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"budgetpack/model/parse"
	"budgetpack/render/layout"
)

// TestXianRenders checks that Xi'an's disclosure, whose performance targets
// write ≧ and ≦ (neither the Song face nor the fallback face has them),
// gives a PDF: the symbol face draws them, embedded as a subset, and the
// text comes back out with them.
func TestXianRenders(t *testing.T) {
	src := "../../../shared/corpus/xian-1-2026.pdf"
	if _, err := os.Stat(src); err != nil {
		t.Skip("corpus not present:", err)
	}
	doc, err := parse.File(src, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	book, err := layout.Build(doc, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, book, Options{}); err != nil {
		t.Fatal(err)
	}
	needTool(t, "pdffonts")
	needTool(t, "pdftotext")
	p := tempPDF(t, buf.Bytes())
	fontsOut := runTool(t, "pdffonts", p)
	if !strings.Contains(fontsOut, "+DejaVuSansSymbols") {
		t.Errorf("no DejaVu Sans symbol subset embedded:\n%s", fontsOut)
	}
	text := runTool(t, "pdftotext", p, "-")
	for _, r := range []string{"≧", "≦"} {
		if !strings.Contains(text, r) {
			t.Errorf("%s not in the PDF's text", r)
		}
	}
}

// TestSymbolFace checks the embedded symbol face: it has the symbols the
// two CJK faces lack, and runes no face has are still reported.
func TestSymbolFace(t *testing.T) {
	fs, err := newFontSet(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "≧≦⩽⩾①→※℃" {
		if f := fs.faceOf(r); f == faceNone {
			t.Errorf("%c (U+%04X): no face", r, r)
		}
	}
	if f := fs.faceOf('≧'); f != faceSymbol {
		t.Errorf("≧ drawn with face %d, want the symbol face", f)
	}
	if f := fs.faceOf('\U0001F600'); f != faceNone {
		t.Errorf("U+1F600 drawn with face %d, want none", f)
	}
}
