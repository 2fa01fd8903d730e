package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf16"

	"budgetpack/fonts"
	"budgetpack/internal/seedtest"
	"budgetpack/render/grid"
)

var seeds = []struct{ name, path string }{
	{"hebei", "../../testdata/hebei-xushui-gongxin-2024.txt"},
	{"henan", "../../testdata/henan-hongqi-gongxin-2023.txt"},
}

// seedBook lays out a seed document as the 审核版: with its findings and
// the appendix.
func seedBook(tb testing.TB, path string) *grid.Book {
	tb.Helper()
	return seedtest.Book(tb, path, true)
}

// seedPDFs caches each seed's book and PDF: several tests read them.
var seedPDFs = map[string]*struct {
	once sync.Once
	book *grid.Book
	data []byte
}{}

func init() {
	for _, s := range seeds {
		seedPDFs[s.name] = &struct {
			once sync.Once
			book *grid.Book
			data []byte
		}{}
	}
}

func seedPDF(tb testing.TB, name, path string) (*grid.Book, []byte) {
	tb.Helper()
	c := seedPDFs[name]
	c.once.Do(func() {
		c.book = seedBook(tb, path)
		c.data = writePDF(tb, c.book, Options{})
	})
	if c.data == nil {
		tb.Fatal("seed PDF not written")
	}
	return c.book, c.data
}

func writePDF(tb testing.TB, b *grid.Book, opt Options) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b, opt); err != nil {
		tb.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// writeWith writes b with the package switch *flag set to on, as the
// reference the default output is compared with, and sets it back.
func writeWith(tb testing.TB, b *grid.Book, flag *bool, on bool) []byte {
	tb.Helper()
	was := *flag
	*flag = on
	defer func() { *flag = was }()
	return writePDF(tb, b, Options{})
}

// tempPDF writes data to a file for the command-line tools.
func tempPDF(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not on PATH (install poppler-utils / qpdf)", name)
	}
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// squeeze removes all white space: pdftotext puts spaces and line breaks
// where it sees gaps, and the cells' own spaces ("合  计") vary.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestTextComesBack checks that every cell's text and every figure of the
// grid comes back out of the PDF, complete and in reading order.
//
// It reads the PDF with `pdftotext -raw`, which keeps the content stream
// order. The writer draws each page row by row, each row's cells left to
// right, each cell's lines top to bottom, so a cell's whole text is
// contiguous in that order even when it wraps, while in `-layout` output
// the lines of a wrapped cell interleave with the neighbouring cells on
// the same text lines. White space is removed on both sides. Each cell is
// searched from where the previous one ended, over the whole document, so
// sheets, rows and cells must come in the grid's order; text drawn twice
// (header rows repeated on continuation pages, merged cells shown again
// on a new page, the footer) only lies between the matches.
//
// TestLinesInLayout then checks the -layout output line by line.
func TestTextComesBack(t *testing.T) {
	needTool(t, "pdftotext")
	for _, s := range seeds {
		t.Run(s.name, func(t *testing.T) {
			book, data := seedPDF(t, s.name, s.path)
			text := squeeze(runTool(t, "pdftotext", "-raw", "-enc", "UTF-8", tempPDF(t, data), "-"))
			pos, cells, long := 0, 0, 0
			for _, sh := range book.Sheets {
				for i, row := range sh.Rows {
					for j, c := range row.Cells {
						if c.Covered {
							continue
						}
						want := squeeze(display(c))
						if want == "" {
							continue
						}
						k := strings.Index(text[pos:], want)
						if k < 0 {
							where := "not at all"
							if strings.Contains(text, want) {
								where = "only earlier"
							}
							t.Fatalf("「%s」 row %d col %d: %q not found after offset %d (%s); text there: %q",
								sh.Name, i, j, want, pos, where, head(text[pos:], 80))
						}
						pos += k + len(want)
						cells++
						if len([]rune(want)) > 60 {
							long++
						}
					}
				}
			}
			t.Logf("%d cells found in order, %d of them over 60 characters", cells, long)
			if long == 0 {
				t.Error("no long text was checked")
			}
		})
	}
}

func head(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// TestLinesInLayout checks the -layout reading of the PDF: every line the
// writer broke a cell into appears in it whole, on the page it was put on.
// Lines of neighbouring cells share -layout text lines, but a line of one
// cell is never cut there, since it is one run of text at one height.
func TestLinesInLayout(t *testing.T) {
	needTool(t, "pdftotext")
	for _, s := range seeds {
		t.Run(s.name, func(t *testing.T) {
			book, data := seedPDF(t, s.name, s.path)
			out := runTool(t, "pdftotext", "-layout", "-enc", "UTF-8", tempPDF(t, data), "-")
			pages := strings.Split(out, "\f")
			fs, err := newFontSet(Options{})
			if err != nil {
				t.Fatal(err)
			}
			plan := planBook(t, fs, book)
			checked := 0
			for _, pg := range plan {
				text := squeeze(pages[pg.number-1])
				show := func(c *cellBox, from, to int) {
					for _, l := range c.lines[from:to] {
						if l := squeeze(l); l != "" {
							if !strings.Contains(text, l) {
								t.Errorf("page %d (%s): line %q of row %d col %d missing", pg.number, pg.sheet.s.Name, l, c.row, c.col)
							}
							checked++
						}
					}
				}
				for _, pc := range pg.pieces {
					for j, c := range pg.sheet.cells[pc.row] {
						if c == nil || c.rs > 1 {
							continue
						}
						from, to := 0, len(c.lines)
						if pc.ranges != nil {
							from, to = pc.ranges[j][0], pc.ranges[j][1]
						}
						show(c, from, to)
					}
				}
				for _, sp := range pg.spans {
					show(sp.cell, sp.from, sp.to)
				}
			}
			t.Logf("%d lines found on their pages", checked)
		})
	}
}

// planBook measures and paginates a book as Write does.
func planBook(t *testing.T, fs *fontSet, book *grid.Book) []*page {
	t.Helper()
	if err := fs.check(book, "第页共0123456789"); err != nil {
		t.Fatal(err)
	}
	doc := newDoc()
	if err := fs.register(doc, book, "第页共0123456789"); err != nil {
		t.Fatal(err)
	}
	return plan(book, fs)
}

// TestLinesFit checks the line breaking of every cell of the seeds: the
// lines put together give the cell's text with no character lost, and no
// line is wider than its cell (less the margins and indent), except a
// single character that alone is wider.
func TestLinesFit(t *testing.T) {
	for _, s := range seeds {
		t.Run(s.name, func(t *testing.T) {
			book, _ := seedPDF(t, s.name, s.path)
			fs, err := newFontSet(Options{})
			if err != nil {
				t.Fatal(err)
			}
			planBook(t, fs, book)
			wrapped := 0
			for _, sh := range book.Sheets {
				sl := measure(sh, fs)
				for i, row := range sl.cells {
					if i >= len(sh.Rows) {
						continue // the continuation line of a form (Sheet.Continued)
					}
					for j, c := range row {
						if c == nil {
							continue
						}
						want := squeeze(display(sh.Rows[i].Cells[j]))
						if got := squeeze(strings.Join(c.lines, "")); got != want {
							t.Errorf("%s row %d col %d: lines %q give %q, want %q", sh.Name, i, j, c.lines, got, want)
						}
						avail := c.w - 2*c.margin - c.indent
						for _, l := range c.lines {
							if w := fs.width(l, c.pt); w > avail+eps && len([]rune(l)) > 1 {
								t.Errorf("%s row %d col %d: line %q is %.2f mm wide, the cell holds %.2f", sh.Name, i, j, l, w, avail)
							}
						}
						if len(c.lines) > 1 {
							wrapped++
						}
					}
				}
			}
			if wrapped == 0 {
				t.Error("no cell wraps")
			}
		})
	}
}

// TestPagination checks the page plan of the seeds: rows in order and
// each on a page, nothing outside the margins or overlapping, the header
// rows at the top of every continuation page of a table, row heights at
// least the cells' text, and every line of a merged cell shown.
func TestPagination(t *testing.T) {
	for _, s := range seeds {
		t.Run(s.name, func(t *testing.T) {
			book, _ := seedPDF(t, s.name, s.path)
			fs, err := newFontSet(Options{})
			if err != nil {
				t.Fatal(err)
			}
			plan := planBook(t, fs, book)
			bySheet := map[*sheetLayout][]*page{}
			var order []*sheetLayout
			for _, pg := range plan {
				if len(bySheet[pg.sheet]) == 0 {
					order = append(order, pg.sheet)
					if !pg.first {
						t.Errorf("%s: first page not marked", pg.sheet.s.Name)
					}
				}
				bySheet[pg.sheet] = append(bySheet[pg.sheet], pg)
			}
			if len(order) != len(book.Sheets) {
				t.Fatalf("%d sheets planned, want %d", len(order), len(book.Sheets))
			}
			continued := 0
			for _, sl := range order {
				next := 0
				shown := map[*cellBox]map[int]bool{}
				for pi, pg := range bySheet[sl] {
					y := sl.top()
					if pi > 0 && sl.hh > 0 && len(pg.pieces) > 0 && sl.wantsHeader(firstBody(pg)) {
						continued++
						for k := sl.hf; k < sl.ht; k++ {
							if pc := pg.pieces[k-sl.hf]; !pc.repeat || pc.row != k {
								t.Errorf("%s page %d: piece %d is row %d, want header row %d", sl.s.Name, pg.number, k-sl.hf, pc.row, k)
							}
						}
					}
					for _, pc := range pg.pieces {
						if pc.y < y-eps || pc.y+pc.h > sl.bottom()+eps && pc.h <= sl.bottom()-sl.top() {
							t.Errorf("%s page %d row %d: [%.1f, %.1f] overlaps or leaves the page", sl.s.Name, pg.number, pc.row, pc.y, pc.y+pc.h)
						}
						y = pc.y + pc.h
						if pc.repeat {
							continue
						}
						if pc.row == next {
							next++
						} else if pc.ranges == nil || pc.row != next-1 {
							t.Errorf("%s page %d: row %d placed, want row %d", sl.s.Name, pg.number, pc.row, next)
						}
						for _, c := range sl.cells[pc.row] {
							if c != nil && c.rs == 1 && pc.ranges == nil && pc.h < c.need()-eps {
								t.Errorf("%s row %d col %d: row %.1f mm high, text needs %.1f", sl.s.Name, pc.row, c.col, pc.h, c.need())
							}
						}
					}
					for _, sp := range pg.spans {
						if shown[sp.cell] == nil {
							shown[sp.cell] = map[int]bool{}
						}
						for k := sp.from; k < sp.to; k++ {
							shown[sp.cell][k] = true
						}
					}
				}
				if next != len(sl.s.Rows) {
					t.Errorf("%s: %d of %d rows placed", sl.s.Name, next, len(sl.s.Rows))
				}
				for _, row := range sl.cells {
					for _, c := range row {
						if c != nil && c.rs > 1 && len(shown[c]) != len(c.lines) {
							t.Errorf("%s row %d col %d: merged cell shows %d of %d lines", sl.s.Name, c.row, c.col, len(shown[c]), len(c.lines))
						}
					}
				}
			}
			if continued == 0 {
				t.Error("no table continues on a second page with its header")
			}
		})
	}
}

func firstBody(pg *page) int {
	for _, pc := range pg.pieces {
		if !pc.repeat {
			return pc.row
		}
	}
	return 0
}

// TestMergedCellAcrossPages checks the Henan 整体绩效目标表, whose 投入管理指标
// is merged over more rows than a page holds: its text is shown again on
// every page its rows reach, under the repeated header.
func TestMergedCellAcrossPages(t *testing.T) {
	needTool(t, "pdftotext")
	book, data := seedPDF(t, "henan", seeds[1].path)
	fs, err := newFontSet(Options{})
	if err != nil {
		t.Fatal(err)
	}
	plan := planBook(t, fs, book)
	var pages []int
	for _, pg := range plan {
		if pg.sheet.s.Name == "整体绩效目标表" {
			pages = append(pages, pg.number)
		}
	}
	if len(pages) < 3 {
		t.Fatalf("整体绩效目标表 takes pages %v, want at least 3", pages)
	}
	p := tempPDF(t, data)
	for _, n := range pages[1:] {
		text := squeeze(runTool(t, "pdftotext", "-raw", "-enc", "UTF-8", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), p, "-"))
		if !strings.HasPrefix(text, "一级指标二级指标三级指标指标值指标值说明") {
			t.Errorf("page %d does not start with the header row: %q", n, head(text, 40))
		}
		if !strings.Contains(text, "投入管理指标") && n != pages[len(pages)-1] {
			t.Errorf("page %d does not show the merged 投入管理指标 again", n)
		}
	}
}

// TestSplitRow draws a row taller than a page and a cell merged over rows
// that cross a page break, in a book made for it, and checks that all the
// text comes back.
func TestSplitRow(t *testing.T) {
	needTool(t, "pdftotext")
	long := strings.Repeat("一二三四五六七八九十，甲乙丙丁戊己庚辛壬癸。", 120)
	st := grid.Style{Class: grid.Body, Wrap: true}
	hdr := grid.Style{Class: grid.Header, Bold: true, Align: grid.Center, Wrap: true}
	s := &grid.Sheet{Name: "长", Title: "长文本", Widths: []float64{20, 70}, HeaderFrom: 1, HeaderTo: 2, BodyFrom: 2}
	s.Rows = append(s.Rows,
		grid.Row{Cells: []grid.Cell{{Text: "长文本表", ColSpan: 2, Style: grid.Style{Class: grid.Title, Align: grid.Center, Bold: true}}, {Covered: true}}},
		grid.Row{Cells: []grid.Cell{{Text: "名称", Style: hdr}, {Text: "内容", Style: hdr}}},
		grid.Row{Cells: []grid.Cell{{Text: "长行", Style: st}, {Text: long, Style: st}}},
	)
	for i := 0; i < 60; i++ {
		c0 := grid.Cell{Covered: true, Style: st}
		if i == 0 {
			c0 = grid.Cell{Text: "合并单元格", RowSpan: 60, Style: st}
		}
		s.Rows = append(s.Rows, grid.Row{Cells: []grid.Cell{c0, {Text: fmt.Sprintf("第%d行", i+1), Style: st}}})
	}
	book := &grid.Book{Title: "测试", Sheets: []*grid.Sheet{s}}
	data := writePDF(t, book, Options{})
	text := squeeze(runTool(t, "pdftotext", "-raw", "-enc", "UTF-8", tempPDF(t, data), "-"))
	// The long cell is interrupted at each page break by the footer and
	// the repeated header; without them it must come back whole.
	body := regexp.MustCompile(`第\d+页共\d+页(名称内容)?`).ReplaceAllString(text, "")
	if !strings.Contains(body, squeeze(long)) {
		t.Errorf("the long text does not come back whole across the pages")
	}
	if n := strings.Count(text, "第"); n < 3+60 {
		t.Errorf("%d pages? want the long row split over several", n-60)
	}
	for i := 0; i < 60; i++ {
		if want := fmt.Sprintf("第%d行", i+1); !strings.Contains(text, want) {
			t.Errorf("%s missing", want)
		}
	}
	if n := strings.Count(text, "合并单元格"); n < 2 {
		t.Errorf("merged cell text shown %d times, want it on each of its pages", n)
	}
	if n := strings.Count(text, "名称内容"); n < 3 {
		t.Errorf("header shown %d times, want it on every page", n)
	}
	for _, r := range "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸" {
		if n := strings.Count(text, string(r)); n != 120 {
			t.Errorf("%c occurs %d times, want 120: characters lost or doubled at a break", r, n)
		}
	}
}

// TestFontsEmbedded checks with pdffonts that the Chinese faces are
// embedded, and the fallback face only where it is needed (a date written
// 二〇二三年, as on Henan's cover, which the narrative no longer carries).
func TestFontsEmbedded(t *testing.T) {
	needTool(t, "pdffonts")
	tests := []struct {
		name, path string
		want       []string
		absent     []string
	}{
		{"hebei", seeds[0].path, []string{"arplsungtilgb"}, []string{"droid"}},
		{"henan", seeds[1].path, []string{"arplsungtilgb"}, []string{"droid"}},
		{"henan-with-date", seeds[1].path, []string{"arplsungtilgb", "droidsansfallback"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data []byte
			if tt.name == "henan-with-date" {
				data = writePDF(t, withDate(seedBook(t, tt.path)), Options{})
			} else {
				_, data = seedPDF(t, tt.name, tt.path)
			}
			out := runTool(t, "pdffonts", tempPDF(t, data))
			for _, want := range tt.want {
				found := false
				for _, line := range strings.Split(out, "\n") {
					f := strings.Fields(line)
					if len(f) > 4 && strings.Contains(strings.ToLower(f[0]), want) {
						found = true
						if f[len(f)-5] != "yes" { // emb sub uni object ID
							t.Errorf("font %s not embedded: %s", want, line)
						}
					}
				}
				if !found {
					t.Errorf("font %s not listed:\n%s", want, out)
				}
			}
			for _, no := range tt.absent {
				if strings.Contains(strings.ToLower(out), no) {
					t.Errorf("font %s embedded but not needed:\n%s", no, out)
				}
			}
		})
	}
}

// TestQPDFCheck runs qpdf --check on both seeds.
func TestQPDFCheck(t *testing.T) {
	needTool(t, "qpdf")
	for _, s := range seeds {
		t.Run(s.name, func(t *testing.T) {
			_, data := seedPDF(t, s.name, s.path)
			out := runTool(t, "qpdf", "--check", tempPDF(t, data))
			if !strings.Contains(out, "No syntax or stream encoding errors") || strings.Contains(strings.ToLower(out), "warning") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

// TestDeterministic writes each seed twice.
func TestDeterministic(t *testing.T) {
	for _, s := range seeds {
		t.Run(s.name, func(t *testing.T) {
			book := seedBook(t, s.path)
			a := writePDF(t, book, Options{})
			b := writePDF(t, seedBook(t, s.path), Options{})
			if !bytes.Equal(a, b) {
				t.Fatalf("two writes differ (%d and %d bytes)", len(a), len(b))
			}
			if !bytes.Contains(expandObjStms(t, a), []byte("/CreationDate (D:20000101000000)")) {
				t.Error("creation date not fixed")
			}
		})
	}
}

// TestConcurrentWrites writes the seeds at the same time: the embedded
// faces are shared by every Write (run with -race).
func TestConcurrentWrites(t *testing.T) {
	books := make([]*grid.Book, len(seeds))
	want := make([][]byte, len(seeds))
	for i, s := range seeds {
		books[i], want[i] = seedPDF(t, s.name, s.path)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(seeds))
	for k := 0; k < 4; k++ {
		for i := range seeds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				if err := Write(&buf, books[i], Options{}); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(buf.Bytes(), want[i]) {
					errs <- fmt.Errorf("%s: concurrent write differs", seeds[i].name)
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestMetadataAndOutline reads the document information and the outline
// back from the file: one bookmark per sheet, titled with the sheet's
// title, pointing at the sheet's first page.
func TestMetadataAndOutline(t *testing.T) {
	for _, s := range seeds {
		t.Run(s.name, func(t *testing.T) {
			book, data := seedPDF(t, s.name, s.path)
			doc := readPDF(t, data)
			info := map[string]string{
				"Title": book.Title, "Author": book.Author, "Subject": book.Subject,
				"Creator": "budgetpack", "Producer": "budgetpack",
			}
			for k, want := range info {
				if got := doc.info[k]; got != want {
					t.Errorf("/%s = %q, want %q", k, got, want)
				}
			}
			if len(doc.outline) != len(book.Sheets) {
				t.Fatalf("%d bookmarks, want one per sheet (%d)", len(doc.outline), len(book.Sheets))
			}
			fs, err := newFontSet(Options{})
			if err != nil {
				t.Fatal(err)
			}
			plan := planBook(t, fs, book)
			first := map[*grid.Sheet]int{}
			for _, pg := range plan {
				if pg.first {
					first[pg.sheet.s] = pg.number
				}
			}
			prev := 0
			for i, sh := range book.Sheets {
				o := doc.outline[i]
				if o.title != sh.Title {
					t.Errorf("bookmark %d = %q, want %q", i, o.title, sh.Title)
				}
				if o.page != first[sh] || o.page <= prev {
					t.Errorf("bookmark %q points at page %d, the sheet starts on page %d", o.title, o.page, first[sh])
				}
				// the destination is the top of that page, whatever its orientation
				if h := doc.pageHeight[o.page]; o.top < h-1 || o.top > h+1 {
					t.Errorf("bookmark %q lands at %.1f pt on a page %.1f pt high", o.title, o.top, h)
				}
				prev = o.page
			}
			if last := doc.outline[len(doc.outline)-1].title; last != "附录 数据差异说明" {
				t.Errorf("last bookmark %q, want the appendix", last)
			}
			if !bytes.Contains(expandObjStms(t, data), []byte("/PageMode /UseOutlines")) {
				t.Error("the outline is not shown on opening")
			}
		})
	}
}

// TestOutlineQPDF reads the outline with qpdf, an independent reader.
func TestOutlineQPDF(t *testing.T) {
	needTool(t, "qpdf")
	book, data := seedPDF(t, "hebei", seeds[0].path)
	out := runTool(t, "qpdf", "--json", "--json-key=outlines", tempPDF(t, data))
	var j struct {
		Outlines []struct {
			Title string `json:"title"`
		} `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	if len(j.Outlines) != len(book.Sheets) {
		t.Fatalf("qpdf reads %d bookmarks, want %d", len(j.Outlines), len(book.Sheets))
	}
	for i, o := range j.Outlines {
		if o.Title != book.Sheets[i].Title {
			t.Errorf("bookmark %d = %q, want %q", i, o.Title, book.Sheets[i].Title)
		}
	}
}

// TestLinks checks the internal links: each 目录 row links to the first
// page of its sheet, and each appendix row links to the page that shows
// the figure it is about.
func TestLinks(t *testing.T) {
	needTool(t, "pdftotext")
	for _, s := range seeds {
		t.Run(s.name, func(t *testing.T) {
			book, data := seedPDF(t, s.name, s.path)
			doc := readPDF(t, data)
			p := tempPDF(t, data)
			pageText := func(n int) string {
				return squeeze(runTool(t, "pdftotext", "-raw", "-enc", "UTF-8", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), p, "-"))
			}
			sheetPage := map[string]int{}
			for i, sh := range book.Sheets {
				sheetPage[sh.Name] = doc.outline[i].page
			}
			// the contents: two linked cells a row, in row order
			contents := book.Sheets[0]
			var want []int
			for _, row := range contents.Rows {
				for _, c := range row.Cells {
					if c.Link != "" {
						want = append(want, sheetPage[c.Link])
					}
				}
			}
			got := doc.links[1]
			if len(got) != len(want) {
				t.Fatalf("目录 has %d links, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i].page != want[i] {
					t.Errorf("目录 link %d goes to page %d, want %d", i, got[i].page, want[i])
				}
			}
			// the appendix: its pages run from its bookmark to the end
			ap := book.Sheets[len(book.Sheets)-1]
			var cells []grid.Cell
			for _, row := range ap.Rows {
				for _, c := range row.Cells {
					if c.Link != "" {
						cells = append(cells, c)
					}
				}
			}
			var links []link
			for n := sheetPage[ap.Name]; n <= len(doc.pageHeight); n++ {
				links = append(links, doc.links[n]...)
			}
			if len(links) != len(cells) || len(cells) == 0 {
				t.Fatalf("appendix has %d links, want %d", len(links), len(cells))
			}
			for i, c := range cells {
				target := book.Sheets[0]
				for _, sh := range book.Sheets {
					if sh.Name == c.Link {
						target = sh
					}
				}
				fig := squeeze(display(target.Rows[c.LinkRow].Cells[c.LinkCol]))
				if fig == "" {
					fig = squeeze(display(target.Rows[c.LinkRow].Cells[0]))
				}
				if !strings.Contains(pageText(links[i].page), fig) {
					t.Errorf("appendix link %d to %s row %d goes to page %d, which does not show %q", i, c.Link, c.LinkRow, links[i].page, fig)
				}
				if links[i].page < sheetPage[c.Link] {
					t.Errorf("appendix link %d goes to page %d, before %s starts", i, links[i].page, c.Link)
				}
			}
		})
	}
}

// withDate adds a line with a date written 二〇二三年四月 (the 〇 is in the
// fallback face only) to the book's last sheet.
func withDate(b *grid.Book) *grid.Book {
	s := b.Sheets[len(b.Sheets)-1]
	row := grid.Row{Cells: make([]grid.Cell, len(s.Widths)), Lines: 1}
	row.Cells[0] = grid.Cell{Text: "二〇二三年四月", ColSpan: len(s.Widths), Style: grid.Style{Class: grid.Note}}
	for j := 1; j < len(row.Cells); j++ {
		row.Cells[j] = grid.Cell{Covered: true, Style: grid.Style{Class: grid.Note}}
	}
	s.Rows = append(s.Rows, row)
	return b
}

// TestPercentAndAmounts checks a few figures as printed: published
// decimals, and percentages with "%".
func TestPercentAndAmounts(t *testing.T) {
	needTool(t, "pdftotext")
	_, data := seedPDF(t, "hebei", seeds[0].path)
	text := squeeze(runTool(t, "pdftotext", "-raw", "-enc", "UTF-8", tempPDF(t, data), "-"))
	for _, want := range []string{"1673.35", "63%", "82%", "合计1673.35"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in the PDF", want)
		}
	}
	data = writePDF(t, withDate(seedBook(t, seeds[1].path)), Options{})
	text = squeeze(runTool(t, "pdftotext", "-raw", "-enc", "UTF-8", tempPDF(t, data), "-"))
	if !strings.Contains(text, "二〇二三年") {
		t.Error("二〇二三年 (〇 from the fallback face) not in the PDF")
	}
}

// TestUserFontCollection writes a seed with a face of a TrueType
// collection as the main font.
func TestUserFontCollection(t *testing.T) {
	const ttc = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	if _, err := os.Stat(ttc); err != nil {
		t.Skip("wqy-microhei.ttc not installed (Debian fonts-wqy-microhei)")
	}
	book := withDate(seedBook(t, seeds[1].path))
	data := writePDF(t, book, Options{Font: ttc + "#0"})
	if !bytes.Contains(expandObjStms(t, data), []byte("+WenQuanYiMicroHei\n")) {
		t.Error("the collection's face is not the PDF's font")
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text := squeeze(runTool(t, "pdftotext", "-raw", "-enc", "UTF-8", tempPDF(t, data), "-"))
		for _, want := range []string{book.Title, "部门收支总体情况表", "283.98", "二〇二三年"} {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("%q not in the PDF", want)
			}
		}
	}
	if _, err := exec.LookPath("pdffonts"); err == nil {
		out := runTool(t, "pdffonts", tempPDF(t, data))
		if !strings.Contains(strings.ToLower(out), "wenquanyi") {
			t.Errorf("pdffonts:\n%s", out)
		}
	}
}

// TestFontErrors checks that a font that cannot be used, or characters no
// face has, stop the writer with a message naming the font and the
// characters, and no output.
func TestFontErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.ttf")
	if err := os.WriteFile(bad, []byte("not a font at all, just text"), 0o644); err != nil {
		t.Fatal(err)
	}
	book := func(text string) *grid.Book {
		return &grid.Book{Title: "t", Sheets: []*grid.Sheet{{
			Name: "表", Title: "表", Widths: []float64{20},
			Rows: []grid.Row{{Cells: []grid.Cell{{Text: text, Style: grid.Style{Class: grid.Body}}}}},
		}}}
	}
	tests := []struct {
		name    string
		book    *grid.Book
		opt     Options
		missing []rune
		want    []string
	}{
		{"extension B", book("人名𠀀字"), Options{}, []rune{0x20000},
			[]string{"AR PL SungtiL GB", "Droid Sans Fallback", "𠀀（U+20000）", "「表」第 1 行", "lacks"}},
		{"private use", book("编码\uE000"), Options{}, []rune{0xE000},
			[]string{"AR PL SungtiL GB", "U+E000"}},
		{"missing file", book("预算"), Options{Font: "/no/such/font.ttf"}, nil,
			[]string{"/no/such/font.ttf", "无法读取字体文件"}},
		{"not a font", book("预算"), Options{Font: bad}, nil,
			[]string{bad, "不是可用的字体"}},
		{"no face 5", book("预算"), Options{Font: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#5"}, nil,
			[]string{"wqy-microhei.ttc", "没有第 5 号"}},
		{"empty book", &grid.Book{}, Options{}, nil, []string{"没有工作表"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.opt.Font, "wqy") {
				if _, err := os.Stat("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"); err != nil {
					t.Skip("wqy-microhei.ttc not installed")
				}
			}
			var buf bytes.Buffer
			err := Write(&buf, tt.book, tt.opt)
			if err == nil {
				t.Fatal("no error")
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			var me *fonts.MissingError
			if tt.missing != nil {
				if !errors.As(err, &me) {
					t.Fatalf("error %T is not a *fonts.MissingError", err)
				}
				if string(me.Runes) != string(tt.missing) {
					t.Errorf("missing %q, want %q", string(me.Runes), string(tt.missing))
				}
			}
		})
	}
}

// TestFallbackPerCharacter checks that a rune the main face lacks is drawn
// with the fallback face, one neither has with the symbol face, the rest of
// the line with the main face.
func TestFallbackPerCharacter(t *testing.T) {
	fs, err := newFontSet(Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := fs.runs("二〇二三年预算 100%，≧90%")
	want := []run{{"二", faceMain}, {"〇", faceFallback}, {"二三年预算 100%，", faceMain}, {"≧", faceSymbol}, {"90%", faceMain}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("runs = %v, want %v", got, want)
	}
}

// TestClean checks what becomes of characters that are never drawn.
func TestClean(t *testing.T) {
	fs, err := newFontSet(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"合  计", "合  计"},
		{"a\tb", "a b"},
		{"一\r\n二\r三", "一\n二\n三"},
		{"零\u200b宽", "零宽"},
		{"控\x01制", "控制"},
		{"行\u2028分", "行\n分"},
	}
	for _, tt := range tests {
		if got := fs.clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestShading checks that the marked cells are filled with their colours.
func TestShading(t *testing.T) {
	_, data := seedPDF(t, "henan", seeds[1].path)
	doc := readPDF(t, data)
	for mark, rgb := range map[string]string{"error": "1.000 0.780 0.808 rg", "warning": "1.000 0.922 0.612 rg", "info": "0.867 0.922 0.969 rg"} {
		if !strings.Contains(doc.content, rgb) {
			t.Errorf("no %s fill (%s) in the page content", mark, rgb)
		}
	}
}

// BenchmarkWrite renders both seeds' books.
func BenchmarkWrite(b *testing.B) {
	for _, s := range seeds {
		b.Run(s.name, func(b *testing.B) {
			book := seedBook(b, s.path)
			var size int
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var buf bytes.Buffer
				if err := Write(&buf, book, Options{}); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "pdf-bytes")
		})
	}
}

// pdfDoc is what the tests read back from the raw file: fpdf writes the
// page dictionaries, annotations, outline and information dictionary
// uncompressed, so they can be read without a PDF library.
type pdfDoc struct {
	info       map[string]string
	outline    []bookmark
	pageHeight map[int]float64 // by page number
	links      map[int][]link  // by page number, in drawing order
	content    string          // all page content streams, inflated
}

type bookmark struct {
	title string
	page  int
	top   float64
}

type link struct {
	page int
	top  float64
}

var (
	objRe   = regexp.MustCompile(`(?s)(\d+) 0 obj\n(.*?)endobj`)
	boxRe   = regexp.MustCompile(`/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]`)
	annotRe = regexp.MustCompile(`/Subtype /Link /Rect \[[^\]]*\] /Border \[0 0 0\] /Dest \[(\d+) 0 R /XYZ 0 ([\d.-]+) null\]`)
	destRe  = regexp.MustCompile(`/Dest \[(\d+) 0 R /XYZ 0 ([\d.-]+) null\]`)
)

func readPDF(t *testing.T, data []byte) *pdfDoc {
	t.Helper()
	doc := &pdfDoc{info: map[string]string{}, pageHeight: map[int]float64{}, links: map[int][]link{}}
	pageOf := map[string]int{}
	var pages []string
	objs := objRe.FindAllSubmatch(expandObjStms(t, data), -1)
	for _, m := range objs {
		body := string(m[2])
		if strings.HasPrefix(body, "<</Type /Page\n") {
			pages = append(pages, body)
			pageOf[string(m[1])] = len(pages)
		}
	}
	// The default page size is in the /Pages dictionary; a page of
	// another orientation has its own MediaBox.
	defH := 0.0
	for _, m := range objs {
		if body := string(m[2]); strings.HasPrefix(body, "<</Type /Pages") {
			if b := boxRe.FindStringSubmatch(body); b != nil {
				defH, _ = strconv.ParseFloat(b[2], 64)
			}
		}
	}
	for n, body := range pages {
		h := defH
		if b := boxRe.FindStringSubmatch(body); b != nil {
			h, _ = strconv.ParseFloat(b[2], 64)
		}
		doc.pageHeight[n+1] = h
		for _, a := range annotRe.FindAllStringSubmatch(body, -1) {
			top, _ := strconv.ParseFloat(a[2], 64)
			doc.links[n+1] = append(doc.links[n+1], link{page: pageOf[a[1]], top: top})
		}
	}
	for _, m := range objs {
		body := string(m[2])
		switch {
		case strings.HasPrefix(body, "<</Title "):
			title, _ := pdfString(body[len("<</Title "):])
			d := destRe.FindStringSubmatch(body)
			if d == nil {
				t.Fatalf("bookmark %q has no destination", title)
			}
			top, _ := strconv.ParseFloat(d[2], 64)
			doc.outline = append(doc.outline, bookmark{title: title, page: pageOf[d[1]], top: top})
		case strings.HasPrefix(body, "<<\n/Producer") || strings.HasPrefix(body, "<</Producer"):
			for _, k := range []string{"Title", "Author", "Subject", "Creator", "Producer"} {
				if i := strings.Index(body, "/"+k+" ("); i >= 0 {
					doc.info[k], _ = pdfString(body[i+len(k)+2:])
				}
			}
		}
	}
	if len(doc.info) == 0 {
		// fpdf writes the info dictionary as lines of a dictionary
		for _, m := range objs {
			body := string(m[2])
			if strings.Contains(body, "/Producer (") && strings.Contains(body, "/CreationDate") {
				for _, k := range []string{"Title", "Author", "Subject", "Creator", "Producer"} {
					if i := strings.Index(body, "/"+k+" ("); i >= 0 {
						doc.info[k], _ = pdfString(body[i+len(k)+2:])
					}
				}
			}
		}
	}
	doc.content = inflateAll(t, data)
	return doc
}

var objStmRe = regexp.MustCompile(`<</Type /ObjStm /N (\d+) /First (\d+) /Filter /FlateDecode /Length (\d+)>>\nstream\n`)

// expandObjStms returns data followed by the objects of its object
// streams written out as "n 0 obj\n… endobj\n", so that they can be read
// like the objects outside.
func expandObjStms(t testing.TB, data []byte) []byte {
	t.Helper()
	out := slices.Clone(data)
	for _, m := range objStmRe.FindAllSubmatchIndex(data, -1) {
		n, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		first, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		length, _ := strconv.Atoi(string(data[m[6]:m[7]]))
		r, err := zlib.NewReader(bytes.NewReader(data[m[1] : m[1]+length]))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		head := strings.Fields(string(plain[:first]))
		if len(head) != 2*n {
			t.Fatalf("object stream header %q for %d objects", head, n)
		}
		for i := 0; i < n; i++ {
			off, _ := strconv.Atoi(head[2*i+1])
			end := len(plain) - first
			if i+1 < n {
				end, _ = strconv.Atoi(head[2*i+3])
			}
			out = fmt.Appendf(out, "\n%s 0 obj\n%s\nendobj\n", head[2*i], plain[first+off:first+end])
		}
	}
	return out
}

// pdfString reads a literal string "(...)" at the start of s and decodes
// it (UTF-16BE with a byte order mark, or bytes as they are).
func pdfString(s string) (string, int) {
	if s == "" || s[0] != '(' {
		return "", 0
	}
	var b []byte
	depth := 0
	i := 1
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			switch e := s[i]; e {
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v, n := 0, 0
				for n < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7' {
					v = v*8 + int(s[i]-'0')
					i++
					n++
				}
				i--
				b = append(b, byte(v))
			default:
				b = append(b, e)
			}
		case c == '(':
			depth++
			b = append(b, c)
		case c == ')':
			if depth == 0 {
				return decodeText(b), i + 1
			}
			depth--
			b = append(b, c)
		default:
			b = append(b, c)
		}
	}
	return decodeText(b), i
}

func decodeText(b []byte) string {
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return string(b)
}

// inflateAll returns the page content streams, inflated, one after the
// other.
func inflateAll(t *testing.T, data []byte) string {
	t.Helper()
	var out strings.Builder
	rest := data
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			break
		}
		r, err := zlib.NewReader(bytes.NewReader(rest[:j]))
		if err == nil {
			if b, err := io.ReadAll(r); err == nil && bytes.Contains(b, []byte(" Tj ")) {
				out.Write(b)
			}
		}
		rest = rest[j+len("\nendstream"):]
	}
	return out.String()
}
