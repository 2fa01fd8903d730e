package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/render/grid"
)

// TestSubsetDrawsTheSamePixels writes the Hebei seed (main face) and the
// Henan seed with a date written 二〇二三年 (main and fallback faces), each
// with the faces cut to their glyphs and with the whole font files,
// renders every page of both at 60 dpi with pdftoppm and compares the
// images byte for byte; the cut PDF is smaller and its fonts are reported
// as embedded subsets.
func TestSubsetDrawsTheSamePixels(t *testing.T) {
	needTool(t, "pdftoppm")
	needTool(t, "pdffonts")
	t.Run("hebei", func(t *testing.T) {
		book, cut := seedPDF(t, "hebei", seeds[0].path)
		sameAsWhole(t, book, cut, 1)
	})
	t.Run("henan", func(t *testing.T) {
		book := withDate(seedBook(t, seeds[1].path))
		sameAsWhole(t, book, writePDF(t, book, Options{}), 2)
	})
}

// sameAsWhole checks a PDF whose faces are cut to their glyphs against
// the same book written with the whole font files: smaller, the same
// pixels, and faces fonts reported as embedded subsets named ABCDEF+Name.
func sameAsWhole(t *testing.T, book *grid.Book, cut []byte, faces int) {
	t.Helper()
	whole := writeWith(t, book, &embedWholeFaces, true)
	if len(cut) >= len(whole) {
		t.Errorf("cut PDF %d bytes, whole-font PDF %d", len(cut), len(whole))
	}
	path := samePixels(t, "whole", whole, "cut", cut)
	fonts, out := subsetFonts(t, path)
	for _, f := range fonts {
		if len(f[0]) < 8 || f[0][6] != '+' || strings.ToUpper(f[0][:6]) != f[0][:6] {
			t.Errorf("font name %q is not ABCDEF+Name", f[0])
		}
	}
	if len(fonts) != faces {
		t.Errorf("want %d subset fonts:\n%s", faces, out)
	}
}

// samePixels writes two PDFs of one book to a temporary folder, renders
// every page of both at 60 dpi with pdftoppm and fails t where a page of
// got is not the same image, byte for byte, as the page of ref; it
// returns the path of got's file for further checks.
func samePixels(t *testing.T, refName string, ref []byte, gotName string, got []byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string][]byte{gotName: got, refName: ref} {
		p := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		runTool(t, "pdftoppm", "-r", "60", "-png", p, filepath.Join(dir, name))
	}
	pages, _ := filepath.Glob(filepath.Join(dir, refName+"-*.png"))
	if len(pages) < 10 {
		t.Fatalf("%d pages rendered", len(pages))
	}
	for _, w := range pages {
		c := strings.Replace(w, refName+"-", gotName+"-", 1)
		a, _ := os.ReadFile(w)
		b, err := os.ReadFile(c)
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from the %s page (%v)", filepath.Base(c), refName, err)
		}
	}
	return filepath.Join(dir, gotName+".pdf")
}

// subsetFonts gives the fields of the lines pdffonts prints for the
// subset fonts (a name with "+") of the PDF at path, and its whole
// output; a subset font not reported as embedded and subset fails t.
func subsetFonts(t *testing.T, path string) ([][]string, string) {
	t.Helper()
	out := runTool(t, "pdffonts", path)
	var fonts [][]string
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 7 || !strings.Contains(f[0], "+") {
			continue
		}
		fonts = append(fonts, f)
		if f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("font not reported embedded and subset: %s", line)
		}
	}
	return fonts, out
}
