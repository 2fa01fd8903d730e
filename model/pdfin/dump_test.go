package pdfin

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
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
