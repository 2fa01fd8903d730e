package pdfin

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDropped lists, per PDF of a folder (or one file), the text not read
// because a viewer does not show it, by reason and page:
// PDFIN_DROPPED=folder-or-file.pdf.
func TestDropped(t *testing.T) {
	spec := os.Getenv("PDFIN_DROPPED")
	if spec == "" {
		t.Skip("set PDFIN_DROPPED=folder-or-file.pdf")
	}
	files := []string{spec}
	if st, err := os.Stat(spec); err == nil && st.IsDir() {
		files, _ = filepath.Glob(filepath.Join(spec, "*.pdf"))
	}
	defer func() { dropped = nil }()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Glyphs dropped one after another on one page for one reason
		// are shown together.
		type run struct {
			page   int
			reason string
			text   strings.Builder
		}
		var runs []*run
		counts := map[string]int{}
		dropped = func(i int, reason string, g glyph) {
			counts[reason]++
			if n := len(runs); n == 0 || runs[n-1].page != i || runs[n-1].reason != reason {
				runs = append(runs, &run{page: i, reason: reason})
			}
			runs[len(runs)-1].text.WriteString(g.text)
		}
		if _, err := Pages(data); err != nil {
			fmt.Printf("%s: %v\n", filepath.Base(f), err)
			continue
		}
		fmt.Printf("%s: %v\n", filepath.Base(f), counts)
		for _, r := range runs {
			fmt.Printf("    p%d %s %q\n", r.page, r.reason, r.text.String())
		}
	}
}
