package pdfin

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"budgetpack/model/textgrid"
)

// pageText gives a page's words as "text@x0,top" in reading order.
func pageText(p textgrid.Page) string {
	var out []string
	for _, w := range p.Words {
		out = append(out, fmt.Sprintf("%s@%.0f,%.0f", w.Text, w.X0, w.Top))
	}
	return strings.Join(out, " ")
}

func wordTexts(p textgrid.Page) string {
	var out []string
	for _, w := range p.Words {
		out = append(out, w.Text)
	}
	return strings.Join(out, "|")
}

func TestReadFeatures(t *testing.T) {
	tests := []struct {
		name string
		page testPage
		want string // words' texts joined by |
	}{
		{"simple font", testPage{content: "BT /F1 12 Tf 72 700 Td (Budget 2026) Tj 0 -20 Td (1,234.56) Tj ET"}, "Budget|2026|1,234.56"},
		{"kerning joins and breaks words", testPage{content: "BT /F1 10 Tf 72 700 Td [(12) 20 (3.4) -3000 (5.00)] TJ ET"}, "123.4|5.00"},
		{"character spacing", testPage{content: "BT /F1 10 Tf 5 Tc 72 700 Td (AB) Tj ET"}, "A|B"},
		{"word spacing breaks at spaces", testPage{content: "BT /F1 10 Tf 72 700 Td (a b) Tj ET"}, "a|b"},
		{"horizontal scaling", testPage{content: "BT /F1 10 Tf 50 Tz 72 700 Td (ab) Tj ET"}, "ab"},
		{"leading and T*", testPage{content: "BT /F1 10 Tf 14 TL 72 700 Td (one) Tj T* (two) Tj (three) ' ET"}, "one|two|three"},
		{"TD sets leading", testPage{content: "BT /F1 10 Tf 72 700 Td (a) Tj 0 -14 TD (b) Tj T* (c) Tj ET"}, "a|b|c"},
		{"double quote operator", testPage{content: "BT /F1 10 Tf 12 TL 72 700 Td 0 0 (x y) \" ET"}, "x|y"},
		{"text matrix", testPage{content: "BT /F1 1 Tf 10 0 0 10 100 500 Tm (m) Tj ET"}, "m"},
		{"rise keeps the line", testPage{content: "BT /F1 10 Tf 72 700 Td (x) Tj 2 Ts (2) Tj ET"}, "x2"},
		{"ctm scales", testPage{content: "q 2 0 0 2 0 0 cm BT /F1 5 Tf 36 350 Td (big) Tj ET Q"}, "big"},
		{"type0 with ToUnicode and widths", testPage{content: "BT /F2 10 Tf 72 700 Td <00010002> Tj 0 -20 Td <0011001200210013001400200015> Tj ET"}, "收入|12,34.5"},
		{"type0 bfrange array", testPage{content: "BT /F2 10 Tf 72 700 Td <00010022> Tj ET"}, "收表"},
		{"overstrike removed", testPage{content: "BT /F1 10 Tf 72 700 Td (Bold) Tj ET BT /F1 10 Tf 72.3 700 Td (Bold) Tj ET"}, "Bold"},
		{"lines by baseline", testPage{content: "BT /F1 10 Tf 72 700 Td (label) Tj ET BT /F1 10 Tf 300 697 Td (9.50) Tj ET BT /F1 10 Tf 72 680 Td (next) Tj ET"}, "label|9.50|next"},
		{"texts drawn over each other stay apart", testPage{content: "BT /F1 10 Tf 72 700 Td (AAAA) Tj ET BT /F1 10 Tf 80 700 Td (BBBB) Tj ET"}, "AAAA|BBBB"},
		{"text turned a quarter", testPage{content: "BT /F1 10 Tf 72 700 Td (a) Tj ET BT /F1 10 Tf 0 1 -1 0 300 700 Tm (up) Tj ET"}, "a|up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := Pages(buildPDF(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := wordTexts(pages[0]); got != tt.want {
				t.Errorf("words = %q, want %q (%s)", got, tt.want, pageText(pages[0]))
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.6 }

func TestGeometry(t *testing.T) {
	// Helvetica 10: "1.5" is 556+278+556 = 1390 thousandths → 13.9 pt wide.
	pages, err := Pages(buildPDF(testPage{content: "BT /F1 10 Tf 100 742 Td (1.5) Tj ET"}))
	if err != nil {
		t.Fatal(err)
	}
	p := pages[0]
	if p.Width != 595 || p.Height != 842 || p.Number != 1 {
		t.Errorf("page = %v×%v #%d", p.Width, p.Height, p.Number)
	}
	w := p.Words[0]
	if !near(w.X0, 100) || !near(w.X1, 113.9) || !near(w.Baseline, 100) || w.Top >= w.Baseline || w.Bottom <= w.Baseline || w.Size != 10 {
		t.Errorf("word box = %+v", w)
	}
}

func TestRotatedPage(t *testing.T) {
	// A /Rotate 90 page is shown turned clockwise: what the content draws
	// turned counter-clockwise reads upright, and the page is 842 wide.
	pages, err := Pages(buildPDF(testPage{extra: "/Rotate 90", content: "BT /F1 10 Tf 0 1 -1 0 200 100 Tm (Total) Tj ( 12.50) Tj ET"}))
	if err != nil {
		t.Fatal(err)
	}
	p := pages[0]
	if p.Width != 842 || p.Height != 595 {
		t.Errorf("size %v×%v", p.Width, p.Height)
	}
	if got := wordTexts(p); got != "Total|12.50" {
		t.Fatalf("words = %q (%s)", got, pageText(p))
	}
	// User point (200, 100) shows at x = 100, y = 200.
	if w := p.Words[0]; !near(w.X0, 100) || !near(w.Baseline, 200) {
		t.Errorf("word = %+v", w)
	}
}

func TestFormXObject(t *testing.T) {
	p := &testPDF{}
	cat := p.add("")
	pagesObj := p.add("")
	helv := p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	// The form shows what lies in its bounding box: "outside" above the
	// box is not read.
	form := p.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 500 800] /Matrix [1 0 0 1 100 0] /Resources << /Font << /F9 %d 0 R >> >>", helv),
		"BT /F9 10 Tf 0 742 Td (inside) Tj ET BT /F9 10 Tf 0 820 Td (outside) Tj ET 0 600 200 0.5 re f")
	content := p.stream("", "q 1 0 0 1 0 -100 cm /X1 Do Q")
	page := p.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X1 %d 0 R >> >> /Contents %d 0 R >>", pagesObj, form, content))
	p.objs[cat-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	p.objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page)
	pages, err := Pages(p.bytes(cat))
	if err != nil {
		t.Fatal(err)
	}
	pg := pages[0]
	if len(pg.Words) != 1 || pg.Words[0].Text != "inside" || !near(pg.Words[0].X0, 100) || !near(pg.Words[0].Baseline, 200) {
		t.Errorf("words = %s", pageText(pg))
	}
	if len(pg.Rulings) != 1 || !near(pg.Rulings[0].X0, 100) || !near(pg.Rulings[0].Y0, 342-0.25) {
		t.Errorf("rulings = %+v", pg.Rulings)
	}
}

func TestRulings(t *testing.T) {
	content := strings.Join([]string{
		"1 w 50 800 m 300 800 l S",                // stroked horizontal line
		"50 800 m 50 600 l S",                     // stroked vertical line
		"50 700 m 300 650 l S",                    // slanted: no ruling
		"100 500 200 1 re f",                      // thin fill: horizontal ruling at y 842-500.5
		"100 300 0.8 100 re f",                    // thin fill: vertical ruling
		"100 100 200 50 re f",                     // thick fill: shading, no ruling
		"400 100 100 100 re S",                    // stroked rectangle: four rulings
		"q 1 0 0 1 0 -100 cm 10 50 m 20 50 l S Q", // under the CTM
		"10 20 m 30 20 l n",                       // path not painted
		// a cell edge drawn as a thin trapezoid with mitred ends
		"300 150 m 400 150 l 399 151 l 301 151 l h f",
		"550 300 m 550 400 l 551 399 l 551 301 l h f",
		// a thin sliver slanting along its length: a drawing, no ruling
		"300 520 m 400 522 l 400 523 l 300 521 l h f",
	}, "\n")
	pages, err := Pages(buildPDF(testPage{content: content + "\nBT /F1 10 Tf 72 720 Td (t) Tj ET"}))
	if err != nil {
		t.Fatal(err)
	}
	got := pages[0].Rulings
	want := []textgrid.Ruling{
		{X0: 50, Y0: 42, X1: 300, Y1: 42},
		{X0: 50, Y0: 42, X1: 50, Y1: 242},
		{X0: 100, Y0: 341.5, X1: 300, Y1: 341.5},
		{X0: 100.4, Y0: 442, X1: 100.4, Y1: 542},
		{X0: 400, Y0: 742, X1: 500, Y1: 742},
		{X0: 500, Y0: 642, X1: 500, Y1: 742},
		{X0: 400, Y0: 642, X1: 500, Y1: 642},
		{X0: 400, Y0: 642, X1: 400, Y1: 742},
		{X0: 300, Y0: 691.5, X1: 400, Y1: 691.5},
		{X0: 550.5, Y0: 442, X1: 550.5, Y1: 542},
	}
	if len(got) != len(want) {
		t.Fatalf("rulings = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ruling %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestSimpleFontEncodings(t *testing.T) {
	res := "<< /Font << /F3 << /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /FirstChar 65 /Widths [500 500 500] /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /Euro /uni4E2D /quotedblleft] >> >> /F4 << /Type /Font /Subtype /TrueType /BaseFont /Mac /Encoding /MacRomanEncoding >> >> >>"
	pages, err := Pages(buildPDF(testPage{resources: res, content: "BT /F3 10 Tf 72 700 Td (ABC) Tj /F4 10 Tf 0 -20 Td <8E> Tj /F3 10 Tf 0 -20 Td <80> Tj ET"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := wordTexts(pages[0]); got != "€中“|é|€" {
		t.Errorf("words = %q", got)
	}
}

func TestReadErrors(t *testing.T) {
	hello := helloPDF()
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a PDF", []byte("PK\x03\x04 something else"), "不是 PDF"},
		{"garbage after the header", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 300)...), "已损坏"},
		{"truncated", hello[:len(hello)/3], "已损坏"},
		{"header only", []byte("%PDF-1.7\n"), "已损坏"},
		{"user password", encrypt(t, hello, "secret", "owner"), "密码"},
		{"scanned page", buildPDF(testPage{image: true, content: "q 595 0 0 842 0 0 cm /Im1 Do Q"}), "第 1 页没有文字层"},
		{"scanned second page", buildPDF(testPage{content: "BT /F1 10 Tf 72 700 Td (text) Tj ET"}, testPage{image: true, content: "q 500 0 0 700 40 60 cm /Im1 Do Q"}), "第 2 页没有文字层"},
		{"no text at all", buildPDF(testPage{content: "0 0 m 100 100 l S"}), "没有任何文字"},
		{"undecodable text", buildPDF(testPage{resources: "<< /Font << /F5 << /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 /DW 1000 >>] >> >> >>", content: "BT /F5 10 Tf 72 700 Td <0102030405> Tj ET"}), "第 1 页的文字无法解码"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(tt.data)
			if err == nil {
				t.Fatalf("no error, got %+v", doc)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to say %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), "(") {
				t.Errorf("error = %q has no English beside", err)
			}
		})
	}
}

func TestOwnerPasswordOnly(t *testing.T) {
	for _, aes := range []bool{true, false} {
		pages, err := Pages(encryptWith(t, helloPDF(), "", "owner", aes))
		if err != nil {
			t.Fatalf("aes %v: %v", aes, err)
		}
		if got := wordTexts(pages[0]); got != "Budget|2026|1,234.56" {
			t.Errorf("aes %v: words = %q", aes, got)
		}
	}
}

func TestCIDEncodings(t *testing.T) {
	res := "<< /Font << /V << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-V /DescendantFonts [<< /Subtype /CIDFontType0 /DW 1000 >>] >> /G << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [<< /Subtype /CIDFontType0 /DW 1000 >>] >> >> >>"
	pages, err := Pages(buildPDF(testPage{resources: res, content: "BT /V 10 Tf 300 700 Td <65365165> Tj ET BT /G 10 Tf 72 500 Td <CAD5C8EB> Tj (12.5) Tj ET"}))
	if err != nil {
		t.Fatal(err)
	}
	p := pages[0]
	if got := wordTexts(p); got != "收入12.5|收入" {
		t.Fatalf("words = %q (%s)", got, pageText(p))
	}
	// Vertical writing: one word a column wide and two characters tall.
	v := p.Words[1]
	if !near(v.X0, 295) || !near(v.X1, 305) || !near(v.Top, 142) || !near(v.Bottom, 162) {
		t.Errorf("vertical word = %+v", v)
	}
}
