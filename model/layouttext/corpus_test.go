package layouttext

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"budgetpack/model/pdfin"
	"budgetpack/model/raw"
)

// corpusDir holds the real disclosures with their pdftotext -layout text.
const corpusDir = "../../../shared/corpus"

func corpusTexts(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		t.Skip("corpus not present at " + corpusDir)
	}
	return files
}

// standalone amounts: a decimal figure with spaces (or the line's ends)
// on both sides; amounts glued into prose ("579.89万元") are not table
// figures.
var (
	amountRe = regexp.MustCompile(`(?:^|\s)(-?[\d,]*\d\.\d+)(?:\s|$)`)
	intPart  = regexp.MustCompile(`(?:^|\s\s)(-?\d[\d,]*)\s*$`)
	fracPart = regexp.MustCompile(`^\s*(\.\d+)(?:\s|$)`)
	titleRe  = regexp.MustCompile(`表$`)
)

// expectedAmounts lists the decimal figures of a page text, commas
// removed, joining a figure broken before its decimal point over two
// lines when the decimal part starts where the integer part ends.
func expectedAmounts(text string) []string {
	var out []string
	for _, page := range strings.Split(text, "\f") {
		lines := strings.Split(page, "\n")
		for i, l := range lines {
			if !strings.Contains(strings.TrimSpace(l), "  ") {
				// A line without columns is prose, or a table row of
				// one cell; its figures are checked only when broken.
				l = ""
			}
			for _, m := range amountRe.FindAllStringSubmatch(padded(l), -1) {
				out = append(out, strings.ReplaceAll(m[1], ",", ""))
			}
			if i+1 < len(lines) {
				if m := intPart.FindStringSubmatchIndex(l); m != nil {
					end := len([]rune(l[:m[3]]))
					next := lines[i+1]
					if f := fracPart.FindStringSubmatchIndex(next); f != nil {
						start := len([]rune(next[:f[2]]))
						if start >= end-2 && start <= end+1 {
							out = append(out, strings.ReplaceAll(l[m[2]:m[3]], ",", "")+next[f[2]:f[3]])
						}
					}
				}
			}
		}
	}
	return out
}

// padded doubles the spaces so that adjacent figures one space apart are
// each matched (the pattern consumes the space between them).
func padded(l string) string { return strings.ReplaceAll(l, " ", "  ") }

// titles lists the lines that name a table: a line of its own ending in
// 表, without figures.
func titles(text string) []string {
	var out []string
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(strings.ReplaceAll(l, "\f", ""))
		if l == "" || !titleRe.MatchString(l) || strings.Contains(l, "  ") || len([]rune(l)) > 60 {
			continue
		}
		// The end of a cell's text wrapped under its start is no title.
		if in := indent(lines[i]); in > 0 && i > 0 && strings.TrimSpace(lines[i-1]) != "" && (startAt(lines, i-1, in) || startAt(lines, i-2, in)) {
			continue
		}
		out = append(out, l)
	}
	return out
}

func indent(l string) int { return len([]rune(l)) - len([]rune(strings.TrimLeft(l, " \f"))) }

// startAt reports whether a word of line i starts at rune column c.
func startAt(lines []string, i, c int) bool {
	if i < 0 {
		return false
	}
	r := []rune(lines[i])
	return c < len(r) && r[c] != ' ' && r[c-1] == ' '
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// TestCorpusAmounts reads every corpus text and checks that each of its
// decimal amounts is the whole value of some grid cell and each table
// title is a text line.
func TestCorpusAmounts(t *testing.T) {
	var report []string
	for _, f := range corpusTexts(t) {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !Looks(data) {
				t.Errorf("Looks = false")
			}
			doc, err := Read(data)
			if err != nil {
				t.Fatal(err)
			}
			cells := map[string]int{}
			texts := map[string]bool{}
			grids := 0
			for _, b := range doc.Blocks {
				if !b.IsGrid() {
					texts[squash(b.Text)] = true
					continue
				}
				grids++
				for _, r := range b.Rows {
					for _, c := range r.Cells {
						cells[strings.ReplaceAll(strings.TrimSpace(c.Text), ",", "")]++
					}
				}
			}
			want := expectedAmounts(string(data))
			missing := 0
			var miss []string
			for _, a := range want {
				if cells[a] > 0 {
					cells[a]--
					continue
				}
				missing++
				if len(miss) < 10 {
					miss = append(miss, a)
				}
			}
			if missing > 0 {
				t.Errorf("%d of %d amounts not a grid cell, e.g. %v", missing, len(want), miss)
			}
			ts := titles(string(data))
			lost := 0
			var lostEx []string
			for _, ti := range ts {
				if !texts[squash(ti)] {
					lost++
					if len(lostEx) < 5 {
						lostEx = append(lostEx, ti)
					}
				}
			}
			if lost > 0 {
				t.Errorf("%d of %d titles not a text line, e.g. %q", lost, len(ts), lostEx)
			}
			report = append(report, fmt.Sprintf("%-22s amounts %4d/%4d  titles %3d/%3d  grids %3d", name, len(want)-missing, len(want), len(ts)-lost, len(ts), grids))
		})
	}
	sort.Strings(report)
	t.Log("\n" + strings.Join(report, "\n"))
}

// TestDump prints the blocks of the file named by LAYOUTTEXT_DUMP, to look
// at what the reader makes of a text.
func TestDump(t *testing.T) {
	f := os.Getenv("LAYOUTTEXT_DUMP")
	if f == "" {
		t.Skip("set LAYOUTTEXT_DUMP to a layout text")
	}
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	read := Read
	if strings.HasSuffix(f, ".pdf") {
		read = pdfin.Read
	}
	doc, err := read(data)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, b := range doc.Blocks {
		p := raw.Where(doc.Places, b.Line)
		if !b.IsGrid() {
			fmt.Fprintf(&sb, "[%s] T %s\n", p, b.Text)
			continue
		}
		fmt.Fprintf(&sb, "[%s] GRID %d rows\n", p, len(b.Rows))
		for _, r := range b.Rows {
			var cs []string
			for _, c := range r.Cells {
				switch {
				case c.Covered:
					cs = append(cs, "<")
				case c.ColSpan > 1:
					cs = append(cs, fmt.Sprintf("%s{%d}", c.Text, c.ColSpan))
				default:
					cs = append(cs, c.Text)
				}
			}
			br := ""
			if r.AfterBreak {
				br = "^"
			}
			fmt.Fprintf(&sb, "   %s| %s\n", br, strings.Join(cs, " | "))
		}
	}
	out := os.Getenv("LAYOUTTEXT_DUMP_OUT")
	if out == "" {
		out = "/tmp/dump.out"
	}
	os.WriteFile(out, []byte(sb.String()), 0o644)
}
