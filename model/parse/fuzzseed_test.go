package parse

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"budgetpack/model/layouttext"
	"budgetpack/model/xlsxin"
)

// TestFuzzSeedsReachTheReaders: the seed corpus (written by
// scripts/fuzzseeds) holds inputs that pass the container checks: the
// model JSON and the workbook read without an error, so mutations of them
// exercise the readers, not just the detection.
func TestFuzzSeedsReachTheReaders(t *testing.T) {
	files, _ := filepath.Glob("testdata/fuzz/FuzzBytes/seed-*")
	layouts := map[string]bool{}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lit := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(strings.SplitN(string(body), "\n", 2)[1]), "[]byte("), ")")
		s, err := strconv.Unquote(lit)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		data := []byte(s)
		layout, err := Detect(f, data)
		if err != nil {
			continue // the Word seed, until the DOCX reader detects it
		}
		layouts[layout] = true
		if layout == "json" || layout == xlsxin.Layout {
			if _, err := Bytes(f, data, Options{}); err != nil {
				t.Errorf("%s (%s): %v", f, layout, err)
			}
		}
	}
	for _, want := range []string{"json", xlsxin.Layout, "pdf", layouttext.Layout} {
		if !layouts[want] {
			t.Errorf("no %s seed (have %v)", want, layouts)
		}
	}
}
