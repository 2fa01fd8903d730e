package pdfin

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"budgetpack/model/raw"
)

// TestDump prints the words of one page: PDFIN_DUMP=file.pdf:page.
func TestDump(t *testing.T) {
	spec := os.Getenv("PDFIN_DUMP")
	if spec == "" {
		t.Skip("set PDFIN_DUMP=file.pdf:page")
	}
	file, pg, _ := strings.Cut(spec, ":")
	n, _ := strconv.Atoi(pg)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := Pages(data)
	if err != nil {
		t.Fatal(err)
	}
	p := pages[n-1]
	fmt.Printf("page %d %gx%g words %d rulings %d\n", p.Number, p.Width, p.Height, len(p.Words), len(p.Rulings))
	for _, w := range p.Words {
		fmt.Printf("%7.2f %7.2f %7.2f %7.2f b=%7.2f s=%5.2f %q\n", w.X0, w.X1, w.Top, w.Bottom, w.Baseline, w.Size, w.Text)
	}
}

// TestDumpGlyphs prints the glyphs of one page above a y: PDFIN_GLYPHS=file.pdf:page:maxy.
func TestDumpGlyphs(t *testing.T) {
	spec := os.Getenv("PDFIN_GLYPHS")
	if spec == "" {
		t.Skip("set PDFIN_GLYPHS=file.pdf:page:maxy")
	}
	parts := strings.Split(spec, ":")
	n, _ := strconv.Atoi(parts[1])
	maxY, _ := strconv.ParseFloat(parts[2], 64)
	data, err := os.ReadFile(parts[0])
	if err != nil {
		t.Fatal(err)
	}
	o, err := openObjects(data)
	if err != nil {
		t.Fatal(err)
	}
	infos, err := pageTree(o)
	if err != nil {
		t.Fatal(err)
	}
	info := infos[n-1]
	page, err := content(o, info, nil)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("rotate %d box %v\n", info.rotate, info.box)
	run := &pageRun{o: o, fonts: map[any]*font{}, forms: newFormCache(), width: info.box[2], height: info.box[3]}
	run.pageM = matrix{1, 0, 0, 1, -info.box[0], -info.box[1]}.mul(matrix{1, 0, 0, -1, 0, info.box[3] - info.box[1]})
	run.run(page, info.resources, gstate{ctm: identity, th: 1}, 0)
	for _, g := range run.glyphs {
		if g.v <= maxY {
			fmt.Printf("%d dir=%d u=%.2f-%.2f v=%.2f s=%.2f %q\n", g.seq, g.dir, g.u0, g.u1, g.v, g.size, g.text)
		}
	}
}

// TestDumpDoc prints the raw blocks of a PDF: PDFIN_DOC=file.pdf[:page].
func TestDumpDoc(t *testing.T) {
	spec := os.Getenv("PDFIN_DOC")
	if spec == "" {
		t.Skip("set PDFIN_DOC=file.pdf[:page]")
	}
	file, pg, _ := strings.Cut(spec, ":")
	only, _ := strconv.Atoi(pg)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range doc.Blocks {
		if only > 0 && b.Page != only {
			continue
		}
		if !b.IsGrid() {
			fmt.Printf("p%d %s: %s\n", b.Page, raw.Where(doc.Places, b.Line), b.Text)
			continue
		}
		fmt.Printf("p%d %s: grid of %d rows\n", b.Page, raw.Where(doc.Places, b.Line), len(b.Rows))
		for _, r := range b.Rows {
			fmt.Printf("    %q\n", r.Texts())
		}
	}
}
