package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/check"
	"budgetpack/model/parse"
	"budgetpack/render/grid"
	"budgetpack/render/layout"
)

// packBook lays out a seed as the 公开版 (review false) or the 审核版.
func packBook(tb testing.TB, path string, review bool) *grid.Book {
	tb.Helper()
	doc, err := parse.File(path, parse.Options{})
	if err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	fs, err := check.Run(doc, nil)
	if err != nil {
		tb.Fatalf("check %s: %v", path, err)
	}
	book, err := layout.Build(doc, layout.Options{Findings: fs, Review: review})
	if err != nil {
		tb.Fatalf("layout %s: %v", path, err)
	}
	return book
}

// TestPDFSizes holds the seeds' PDFs, with the embedded Song face, under
// ceilings a little above their sizes (Hebei 公开版 217,057 B, 审核版
// 227,446 B; Henan 167,744 B and 178,815 B), so that a change that makes
// them larger is seen.
func TestPDFSizes(t *testing.T) {
	ceilings := map[string][2]int{ // 公开版, 审核版
		"hebei": {218_000, 228_500},
		"henan": {168_500, 179_500},
	}
	for _, s := range seeds {
		for i, review := range []bool{false, true} {
			data := writePDF(t, packBook(t, s.path, review), Options{})
			t.Logf("%s review=%v: %d bytes", s.name, review, len(data))
			if max := ceilings[s.name][i]; len(data) > max {
				t.Errorf("%s review=%v: %d bytes, more than %d", s.name, review, len(data), max)
			}
		}
	}
}

// TestCompactOutputDrawsTheSamePixels writes each seed's two packs with
// the compact output (font tables dropped, default widths left out,
// object and cross-reference streams) and without it, renders every page
// of both at 60 dpi with pdftoppm and compares the images byte for byte;
// the compact file passes qpdf --check and its fonts are embedded
// subsets. Henan's 审核版 carries a date in Chinese numerals, drawn with
// the fallback face.
func TestCompactOutputDrawsTheSamePixels(t *testing.T) {
	needTool(t, "pdftoppm")
	needTool(t, "pdffonts")
	needTool(t, "qpdf")
	for _, s := range seeds {
		for _, review := range []bool{false, true} {
			name := s.name + map[bool]string{false: "-public", true: "-review"}[review]
			t.Run(name, func(t *testing.T) {
				book := packBook(t, s.path, review)
				faces := 1
				if s.name == "henan" && review {
					book = withDate(book)
					faces = 2
				}
				compact := writePDF(t, book, Options{})
				compactOutput = false
				plain := writePDF(t, book, Options{})
				compactOutput = true
				if len(compact) >= len(plain) {
					t.Errorf("compact PDF %d bytes, plain %d", len(compact), len(plain))
				}
				dir := t.TempDir()
				for name, data := range map[string][]byte{"compact": compact, "plain": plain} {
					p := filepath.Join(dir, name+".pdf")
					if err := os.WriteFile(p, data, 0o644); err != nil {
						t.Fatal(err)
					}
					runTool(t, "pdftoppm", "-r", "60", "-png", p, filepath.Join(dir, name))
				}
				pages, _ := filepath.Glob(filepath.Join(dir, "plain-*.png"))
				if len(pages) < 10 {
					t.Fatalf("%d pages rendered", len(pages))
				}
				for _, w := range pages {
					c := strings.Replace(w, "plain-", "compact-", 1)
					a, _ := os.ReadFile(w)
					b, err := os.ReadFile(c)
					if err != nil || !bytes.Equal(a, b) {
						t.Errorf("%s differs from the plain page (%v)", filepath.Base(c), err)
					}
				}
				out := runTool(t, "qpdf", "--check", filepath.Join(dir, "compact.pdf"))
				if !strings.Contains(out, "No syntax or stream encoding errors") {
					t.Errorf("qpdf --check:\n%s", out)
				}
				out = runTool(t, "pdffonts", filepath.Join(dir, "compact.pdf"))
				n := 0
				for _, line := range strings.Split(out, "\n") {
					f := strings.Fields(line)
					if len(f) < 7 || !strings.Contains(f[0], "+") {
						continue
					}
					n++
					if f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
						t.Errorf("font not reported embedded and subset: %s", line)
					}
				}
				if n != faces {
					t.Errorf("want %d subset fonts:\n%s", faces, out)
				}
			})
		}
	}
}
