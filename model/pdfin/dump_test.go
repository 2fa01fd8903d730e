package pdfin

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"budgetpack/model/raw"
)

// dumpSpec reads the spec file.pdf:… a dump test is given in the
// environment variable name, skipping the test where it is unset: the
// file's contents, and the numbers after it (0 where left out).
func dumpSpec(t *testing.T, name, usage string) ([]byte, [2]float64) {
	t.Helper()
	spec := os.Getenv(name)
	if spec == "" {
		t.Skip("set " + name + "=" + usage)
	}
	parts := strings.Split(spec, ":")
	var nums [2]float64
	for i := range nums {
		if i+1 < len(parts) {
			nums[i], _ = strconv.ParseFloat(parts[i+1], 64)
		}
	}
	data, err := os.ReadFile(parts[0])
	if err != nil {
		t.Fatal(err)
	}
	return data, nums
}

// TestDump prints the words of one page: PDFIN_DUMP=file.pdf:page.
func TestDump(t *testing.T) {
	data, nums := dumpSpec(t, "PDFIN_DUMP", "file.pdf:page")
	n := int(nums[0])
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
	data, nums := dumpSpec(t, "PDFIN_GLYPHS", "file.pdf:page:maxy")
	n, maxY := int(nums[0]), nums[1]
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
	data, nums := dumpSpec(t, "PDFIN_DOC", "file.pdf[:page]")
	only := int(nums[0])
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
