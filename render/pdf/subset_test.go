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
		samePixels(t, book, cut, 1)
	})
	t.Run("henan", func(t *testing.T) {
		book := withDate(seedBook(t, seeds[1].path))
		samePixels(t, book, writePDF(t, book, Options{}), 2)
	})
}

func samePixels(t *testing.T, book *grid.Book, cut []byte, faces int) {
	embedWholeFaces = true
	whole := writePDF(t, book, Options{})
	embedWholeFaces = false
	if len(cut) >= len(whole) {
		t.Errorf("cut PDF %d bytes, whole-font PDF %d", len(cut), len(whole))
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"cut": cut, "whole": whole} {
		p := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		runTool(t, "pdftoppm", "-r", "60", "-png", p, filepath.Join(dir, name))
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "whole-*.png"))
	if len(pages) < 10 {
		t.Fatalf("%d pages rendered", len(pages))
	}
	for _, w := range pages {
		c := strings.Replace(w, "whole-", "cut-", 1)
		a, _ := os.ReadFile(w)
		b, err := os.ReadFile(c)
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from the whole-font page (%v)", filepath.Base(c), err)
		}
	}
	out := runTool(t, "pdffonts", filepath.Join(dir, "cut.pdf"))
	n := 0
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 7 || !strings.Contains(f[0], "+") {
			continue
		}
		n++
		if len(f[0]) < 8 || f[0][6] != '+' || strings.ToUpper(f[0][:6]) != f[0][:6] {
			t.Errorf("font name %q is not ABCDEF+Name", f[0])
		}
		if f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("font not reported embedded and subset: %s", line)
		}
	}
	if n != faces {
		t.Errorf("want %d subset fonts:\n%s", faces, out)
	}
}
