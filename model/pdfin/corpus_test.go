package pdfin

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"budgetpack/model/raw"
	"budgetpack/model/textgrid"
)

// corpusDir holds real published PDFs, each with its `pdftotext -layout`
// text beside it.
const corpusDir = "../../../shared/corpus"

func corpusPDFs(t testing.TB) []string {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("corpus not present:", corpusDir)
	}
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Skip("no corpus PDFs")
	}
	return files
}

// amountRE finds decimal amounts in a layout text: digits with thousands
// commas, a decimal point and decimals, optionally negative.
var amountRE = regexp.MustCompile(`-?\d[\d,]*\.\d+`)

// amount is a decimal amount of a layout text, commas removed; alone
// reports that it stands in a column (two spaces or the line's end on
// both sides: a table value), not inside prose.
type amount struct {
	text  string
	alone bool
}

// expectedAmounts lists the decimal amounts of a layout text.
func expectedAmounts(text string) []amount {
	var out []amount
	for _, line := range strings.Split(text, "\n") {
		for _, loc := range amountRE.FindAllStringIndex(line, -1) {
			// A token glued to letters or other digits is not an amount of its own.
			if loc[0] > 0 && isWordByte(line[loc[0]-1]) || loc[1] < len(line) && isWordByte(line[loc[1]]) {
				continue
			}
			before, after := strings.TrimLeft(line[:loc[0]], "\f"), line[loc[1]:]
			alone := (strings.TrimSpace(before) == "" || strings.HasSuffix(before, "  ")) &&
				(strings.TrimSpace(after) == "" || strings.HasPrefix(after, "  "))
			out = append(out, amount{strings.ReplaceAll(line[loc[0]:loc[1]], ",", ""), alone})
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '%'
}

// titleLines lists the table titles of a layout text: lines holding 表 that
// end with it (or with 表 and a bracketed note), short enough to be a title.
var titleRE = regexp.MustCompile(`\S*表(（[^）]*）|\([^)]*\))?$`)

// listNumber is the number of an entry in a list of contents ("1. ").
var listNumber = regexp.MustCompile(`^\d+[.．、]\s*`)

func titleLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\f"))
		if strings.Contains(line, "  ") || len([]rune(line)) > 40 || !titleRE.MatchString(line) {
			continue
		}
		if strings.ContainsAny(line, "。；，") || strings.HasPrefix(line, "附") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// wordValues collects what a reader yields as values: each word, commas
// removed, and words a thousands separator split, joined.
func wordValues(pages []textgrid.Page) (map[string]int, string) {
	vals := map[string]int{}
	var all strings.Builder
	for _, p := range pages {
		for _, w := range p.Words {
			vals[strings.ReplaceAll(w.Text, ",", "")]++
			all.WriteString(w.Text)
			all.WriteString(" ")
		}
		all.WriteString("\n")
	}
	return vals, all.String()
}

func TestCorpus(t *testing.T) {
	files := corpusPDFs(t)
	t.Setenv("PATH", "") // no poppler or other program to lean on
	var total, found int
	for _, file := range files {
		base := strings.TrimSuffix(filepath.Base(file), ".pdf")
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			txt, err := os.ReadFile(strings.TrimSuffix(file, ".pdf") + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			doc, err := Read(data)
			elapsed := time.Since(start)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			// The text a viewer does not show, which poppler prints.
			hidden := map[int]string{}
			dropped = func(i int, _ string, g glyph) { hidden[i] += g.text }
			pages, err := Pages(data)
			dropped = nil
			if err != nil {
				t.Fatalf("Pages: %v", err)
			}
			cells, prose, grids := docValues(doc)
			vals, all := wordValues(pages)
			all = strings.ReplaceAll(all, ",", "")
			want := expectedAmounts(string(txt))
			missing := map[string]int{}
			n := 0
			notCell := map[string]int{}
			nc := 0
			for _, a := range want {
				if vals[a.text] > 0 || !a.alone && strings.Contains(all, a.text) {
					n++
				} else {
					missing[a.text]++
				}
				// In the raw document: a table value is the whole value of a
				// grid cell; an amount in prose is in a prose line or cell.
				if a.alone && cells[a.text] > 0 || !a.alone && strings.Contains(prose, a.text) {
					nc++
				} else {
					notCell[a.text]++
				}
			}
			total += len(want)
			found += n
			// Titles: every title line of the text comes out within the text
			// of one line of the page, spaces aside (the PDF may hold more
			// than poppler shows: a title starting off the page).
			lineTexts := pageLineTexts(pages)
			titles := titleLines(string(txt))
			tn := 0
			var lost []string
			for _, ti := range titles {
				if slices.ContainsFunc(lineTexts, func(l string) bool { return strings.Contains(l, strings.ReplaceAll(ti, " ", "")) }) {
					tn++
				} else {
					lost = append(lost, ti)
				}
			}
			rulings := 0
			for _, p := range pages {
				rulings += len(p.Rulings)
			}
			// Every other token of the text is on the same page, within a line.
			tokens, tokensFound, notShown, lostTokens := pageTokens(string(txt), pages, hidden)
			docTitles := 0
			var lostInDoc []string
			for _, ti := range titles {
				// A contents entry may stand as a grid row: number | title.
				if strings.Contains(prose, strings.ReplaceAll(listNumber.ReplaceAllString(ti, ""), " ", "")) {
					docTitles++
				} else {
					lostInDoc = append(lostInDoc, ti)
				}
			}
			if len(lostInDoc) > 0 {
				t.Errorf("titles not text of one block or cell: %q", lostInDoc)
			}
			t.Logf("%s: pages %d, words: amounts %d/%d, titles %d/%d, tokens %d/%d (%d not shown), rulings %d; grids %d: amounts in cells %d/%d, titles as text %d/%d; %v", base, len(pages), n, len(want), tn, len(titles), tokensFound, tokens, notShown, rulings, grids, nc, len(want), docTitles, len(titles), elapsed.Round(time.Millisecond))
			if len(notCell) > 0 {
				t.Errorf("amounts not a grid cell: %v", limitMap(notCell, 20))
			}
			if tokensFound < tokens*995/1000 {
				t.Errorf("tokens not read: %q", lostTokens[:min(len(lostTokens), 20)])
			}
			if len(missing) > 0 {
				t.Errorf("amounts not read: %v", limitMap(missing, 20))
			}
			if len(lost) > 0 {
				t.Errorf("titles not read as one line: %q", lost[:min(len(lost), 10)])
			}
		})
	}
	t.Logf("all files: amounts %d/%d", found, total)
}

// pageLineTexts returns the text of each line of the pages: words whose
// baselines lie within half a font size, joined left to right without
// spaces.
func pageLineTexts(pages []textgrid.Page) []string {
	var out []string
	for _, p := range pages {
		ws := slices.Clone(p.Words)
		slices.SortStableFunc(ws, func(a, b textgrid.Word) int { return cmp.Compare(a.Baseline, b.Baseline) })
		for len(ws) > 0 {
			n := 1
			for n < len(ws) && ws[n].Baseline-ws[0].Baseline <= 0.5*math.Max(ws[0].Size, ws[n].Size) {
				n++
			}
			line := ws[:n]
			ws = ws[n:]
			slices.SortStableFunc(line, func(a, b textgrid.Word) int { return cmp.Compare(a.X0, b.X0) })
			var b strings.Builder
			for _, w := range line {
				b.WriteString(strings.ReplaceAll(w.Text, " ", ""))
			}
			out = append(out, b.String())
		}
	}
	return out
}

func limitMap(m map[string]int, n int) []string {
	var out []string
	for k := range m {
		if len(out) == n {
			break
		}
		out = append(out, k)
	}
	return out
}

// pageTokens counts the tokens (runs without spaces) of each page of a
// layout text that occur within the text of a line of the same page; a
// token within the page's hidden text (what the reader did not read
// because a viewer does not show it) counts as not shown instead.
func pageTokens(text string, pages []textgrid.Page, hidden map[int]string) (total, found, notShown int, lost []string) {
	for i, pt := range strings.Split(text, "\f") {
		if i >= len(pages) {
			break
		}
		lines := pageLineTexts(pages[i : i+1])
		for _, tok := range strings.Fields(pt) {
			total++
			switch {
			case slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, tok) }):
				found++
			case strings.Contains(hidden[i+1], tok):
				// Clipped away or drawn invisibly: rightly not read.
				total--
				notShown++
			default:
				lost = append(lost, fmt.Sprintf("p%d:%s", i+1, tok))
			}
		}
	}
	return total, found, notShown, lost
}

// docValues collects the whole values of the grid cells of a raw document
// (commas removed) and the text of all its blocks and cells, spaces and
// commas removed, one per line.
func docValues(doc *raw.Document) (cells map[string]int, text string, grids int) {
	cells = map[string]int{}
	var b strings.Builder
	squash := func(s string) string { return strings.ReplaceAll(strings.Join(strings.Fields(s), ""), ",", "") }
	for _, bl := range doc.Blocks {
		if !bl.IsGrid() {
			b.WriteString(squash(bl.Text))
			b.WriteString("\n")
			continue
		}
		grids++
		for _, r := range bl.Rows {
			for _, c := range r.Cells {
				cells[strings.ReplaceAll(strings.TrimSpace(c.Text), ",", "")]++
				b.WriteString(squash(c.Text))
				b.WriteString("\n")
			}
		}
	}
	return cells, b.String(), grids
}
