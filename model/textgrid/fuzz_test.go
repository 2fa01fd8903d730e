package textgrid

import (
	"testing"
)

// pagesFrom makes pages of words and rulings from fuzz bytes, five bytes
// an item: a kind byte (page break, ruling, word text) and coordinates.
func pagesFrom(data []byte) []Page {
	texts := []string{"合计", "1,234.56", ".02", "244,895", "项目", "一、收入", "- 1 -", "表一 收支总表", "50.00", "万元。"}
	pages := []Page{{Number: 1}}
	for len(data) >= 5 {
		k, a, b, c, d := data[0], float64(data[1]), float64(data[2]), float64(data[3]), float64(data[4])
		data = data[5:]
		p := &pages[len(pages)-1]
		switch {
		case k == 0:
			pages = append(pages, Page{Number: len(pages) + 1})
		case k < 40:
			p.Rulings = append(p.Rulings, Ruling{X0: a, Y0: b, X1: a + c*float64(k%2), Y1: b + d*float64(1-k%2)})
		default:
			size := 1 + float64(k%12)
			p.Words = append(p.Words, Word{Text: texts[int(k)%len(texts)], X0: a, X1: a + c/4 + 1, Top: b, Bottom: b + size, Baseline: b + 0.8*size, Size: size, Line: int(d) % 3})
		}
	}
	return pages
}

// FuzzBuild builds grids from arbitrary words and rulings: no panic, and
// every anchor is a place with a page.
func FuzzBuild(f *testing.F) {
	f.Add([]byte{1, 0, 100, 250, 0, 2, 0, 100, 0, 60, 2, 100, 100, 0, 60, 1, 0, 130, 250, 0, 50, 10, 100, 20, 0, 51, 110, 100, 20, 0})
	f.Add([]byte{44, 10, 10, 40, 0, 45, 60, 10, 40, 0, 44, 10, 22, 40, 0, 46, 60, 22, 40, 0, 0, 0, 0, 0, 0, 44, 10, 10, 40, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 5000 {
			return
		}
		doc, err := Build("fuzz", pagesFrom(data))
		if err != nil {
			return
		}
		check := func(a int) {
			if a <= 0 || a > len(doc.Places) || doc.Places[a-1].Page <= 0 {
				t.Fatalf("anchor %d is not a place with a page", a)
			}
		}
		for _, b := range doc.Blocks {
			check(b.Line)
			for _, r := range b.Rows {
				check(r.Line)
				n := 0
				for _, c := range r.Cells {
					check(c.Line)
					if c.Covered && c.Text != "" {
						t.Fatalf("covered cell with text %q", c.Text)
					}
					n++
				}
				if b.IsGrid() && n != len(b.Rows[0].Cells) {
					t.Fatalf("rows of %d and %d cells in one grid", len(b.Rows[0].Cells), n)
				}
			}
		}
	})
}
