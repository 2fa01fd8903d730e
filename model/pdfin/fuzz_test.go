package pdfin

import (
	"testing"
)

// FuzzRead feeds the reader mutated PDFs: it returns pages or an error,
// never panics, and keeps within its limits. The seeds are small valid
// files, so the mutations reach the content interpreter and the fonts.
func FuzzRead(f *testing.F) {
	f.Add(helloPDF())
	f.Add(buildPDF(testPage{content: "BT /F2 10 Tf 72 700 Td <00010002> Tj 0 -20 Td [<0011> -200 <00120021>] TJ ET 50 600 200 0.5 re f 50 500 m 300 500 l S"}))
	f.Add(buildPDF(testPage{extra: "/Rotate 90", content: "q 0 1 -1 0 300 100 cm BT /F1 10 Tf 2 Tc 3 Tw 90 Tz 12 TL (a b) ' 1 2 (c) \" T* [(x) 500 (y)] TJ ET Q"}))
	f.Add(buildPDF(testPage{image: true, content: "q 595 0 0 842 0 0 cm /Im1 Do Q BI /W 1 /H 1 ID \x00 EI"}))
	// Clips, render modes and an image under them, for what a viewer shows.
	f.Add(buildPDF(testPage{image: true, content: "q 10 10 300 300 re W n 0 0 m 10 500 300 500 300 0 c h W* n q 200 0 0 200 0 0 cm /Im1 Do Q BT 3 Tr /F1 10 Tf 20 20 Td (ocr) Tj 0 Tr 0 400 Td (cut) Tj ET Q BT 7 Tr /F2 10 Tf 72 700 Td <0001> Tj ET"}))
	f.Add([]byte("%PDF-1.4\n"))
	// Object streams and a cross-reference stream, for the fast layer.
	if b, err := compressedPDF(helloPDF()); err == nil {
		f.Add(b)
	}
	recoverPanics = false
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, err := Pages(data)
		if err != nil {
			if pages != nil {
				t.Error("pages with an error")
			}
			return
		}
		if len(pages) == 0 || len(pages) > maxPages {
			t.Errorf("%d pages", len(pages))
		}
		for _, p := range pages {
			if len(p.Words) > maxGlyphsPage {
				t.Errorf("page %d: %d words", p.Number, len(p.Words))
			}
		}
		_, _ = Read(data)
	})
}
