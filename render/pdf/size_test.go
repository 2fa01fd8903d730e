package pdf

import (
	"strings"
	"testing"

	"budgetpack/internal/seedtest"
)

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
			data := writePDF(t, seedtest.Book(t, s.path, review), Options{})
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
				book := seedtest.Book(t, s.path, review)
				faces := 1
				if s.name == "henan" && review {
					book = withDate(book)
					faces = 2
				}
				compact := writePDF(t, book, Options{})
				plain := writeWith(t, book, &compactOutput, false)
				if len(compact) >= len(plain) {
					t.Errorf("compact PDF %d bytes, plain %d", len(compact), len(plain))
				}
				path := samePixels(t, "plain", plain, "compact", compact)
				out := runTool(t, "qpdf", "--check", path)
				if !strings.Contains(out, "No syntax or stream encoding errors") {
					t.Errorf("qpdf --check:\n%s", out)
				}
				if fonts, out := subsetFonts(t, path); len(fonts) != faces {
					t.Errorf("want %d subset fonts:\n%s", faces, out)
				}
			})
		}
	}
}
