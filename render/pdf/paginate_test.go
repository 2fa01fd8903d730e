package pdf

import (
	"strings"
	"testing"

	"budgetpack/model/parse"
	"budgetpack/render/layout"
)

// ownRows are the rows a page holds that are not repeated header rows.
func ownRows(pg *page) []int {
	var out []int
	for _, pc := range pg.pieces {
		if !pc.repeat && (len(out) == 0 || out[len(out)-1] != pc.row) {
			out = append(out, pc.row)
		}
	}
	return out
}

// TestNoOrphanRows: no page of a split table holds only its last one or
// two rows; the tables the issue names fit on one page and are not split.
func TestNoOrphanRows(t *testing.T) {
	fs, err := newFontSet(Options{})
	if err != nil {
		t.Fatal(err)
	}
	onePage := map[string]bool{"收支总表": true, "财政拨款收支总表": true}
	for _, s := range seeds {
		book := seedBook(t, s.path)
		for _, sh := range book.Sheets {
			sl := fit(sh, fs)
			if n := len(sl.pages); n > 1 {
				if own := ownRows(sl.pages[n-1]); len(own) < 3 {
					t.Errorf("%s %s: the last of %d pages holds only rows %v", s.name, sh.Name, n, own)
				}
			}
			if s.name == "hebei" && (onePage[sh.Name] || strings.HasPrefix(sh.Name, "绩效12")) && len(sl.pages) != 1 {
				t.Errorf("%s %s takes %d pages; it fits on one", s.name, sh.Name, len(sl.pages))
			}
			if sl.bodyPt < minBodyPt-eps {
				t.Errorf("%s %s set at %.2f pt", s.name, sh.Name, sl.bodyPt)
			}
		}
	}
}

// TestContinuedForm: a project form too long for a page goes on with its
// title and project name above the repeated indicator header.
func TestContinuedForm(t *testing.T) {
	doc, err := parse.File(seeds[0].path, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &doc.Projects[len(doc.Projects)-1]
	inds := p.Indicators
	for k := 0; k < 3; k++ {
		p.Indicators = append(p.Indicators, inds...)
	}
	book, err := layout.Build(doc, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := newFontSet(Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sh := range book.Sheets {
		if !strings.HasPrefix(sh.Name, "绩效12") {
			continue
		}
		found = true
		sl := fit(sh, fs)
		if len(sl.pages) < 2 {
			t.Fatalf("the lengthened form takes %d page", len(sl.pages))
		}
		for k, pg := range sl.pages[1:] {
			if len(pg.pieces) == 0 || pg.pieces[0].row != sl.cont || !pg.pieces[0].repeat {
				t.Fatalf("continuation page %d does not start with the form's name", k+2)
			}
			line := strings.Join(sl.cells[sl.cont][0].lines, "")
			if !strings.Contains(line, "（续）") || !strings.Contains(line, p.Name) || !strings.Contains(line, "绩效目标表") {
				t.Errorf("continuation line %q", line)
			}
			if pg.pieces[1].row != sh.HeaderFrom {
				t.Errorf("continuation page %d: the indicator header does not follow", k+2)
			}
		}
		// the PDF carries it too
		data := writePDF(t, book, Options{})
		needTool(t, "pdftotext")
		text := runTool(t, "pdftotext", tempPDF(t, data), "-")
		if !strings.Contains(squeeze(text), squeeze(p.Title+"（续）")) {
			t.Error("the PDF does not name the continued form")
		}
	}
	if !found {
		t.Fatal("no sheet for form 12")
	}
}
