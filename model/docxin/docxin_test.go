package docxin_test

import (
	"os"
	"strings"
	"testing"

	"budgetpack/internal/modeltest"
	"budgetpack/model/docxin"
	"budgetpack/model/docxtext"
	"budgetpack/model/parse"
	"budgetpack/model/raw"
)

const hebei = "../../testdata/hebei-xushui-gongxin-2024.txt"

// headerSpans are the column spans of the first header row of the Hebei
// tables, as the published document merges them (a header cell over the
// columns it heads); the cells of other header rows each span one column.
var headerSpans = map[string][]int{
	"部门预算收支总表":            {1, 2, 2},
	"部门预算收入总表":            {1, 2, 1, 8, 1},
	"部门预算支出总表":            {1, 2, 1, 1, 1, 1, 1, 1},
	"部门预算财政拨款收支总表":        {1, 2, 5},
	"部门预算一般公共预算财政拨款支出表":   {1, 2, 1, 1, 1},
	"部门预算一般公共预算财政拨款基本支出表": {1, 2, 3},
	"部门预算政府性基金预算财政拨款支出表":  {1, 2, 1, 1, 1},
	"部门预算国有资本经营预算财政拨款支出表": {1, 2, 1, 1, 1},
	"部门预算财政拨款“三公”经费支出表":   {1, 1, 4},
	"部门政府采购预算":            {2, 1, 1, 1, 1, 1, 7, 1},
}

// hebeiDocx writes the Hebei seed (a text export of a DOCX) back as the
// DOCX it came from: its prose, headings in a heading style, each table
// on a new page, and tables with merged cells where the export prints a
// merged cell once (a header cell over several columns, a cell running
// down several rows, 合计 over the code and name columns).
func hebeiDocx(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(hebei)
	if err != nil {
		t.Fatal(err)
	}
	return docxOf(t, data)
}

// docxOf writes a DOCX text export back as its DOCX.
func docxOf(t testing.TB, data []byte) []byte {
	t.Helper()
	seed, err := docxtext.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var d docx
	title := ""
	for i, b := range seed.Blocks {
		if !b.IsGrid() {
			if headerSpans[b.Text] != nil {
				d.pageBreak()
			}
			style := ""
			if b.Heading {
				style = "1"
			}
			d.para(b.Text, style)
			title = b.Text
			_ = i
			continue
		}
		w, rows := docxRows(b, headerSpans[title])
		d.table(w, rows)
		title = ""
	}
	return d.bytes(t)
}

// docxRows lays a text export's grid out as DOCX rows with merges.
func docxRows(b raw.Block, spans []int) (int, [][]tc) {
	w := 0
	for _, r := range b.Rows {
		w = max(w, len(r.Cells))
	}
	lanci := -1 // the 栏次 row ends the header
	for i, r := range b.Rows {
		if len(r.Cells) > 0 && strings.ReplaceAll(r.Cells[0].Text, " ", "") == "栏次" {
			lanci = i
		}
	}
	out := make([][]tc, len(b.Rows))
	starts := make([][]int, len(b.Rows)) // the grid column of each cell
	for i, r := range b.Rows {
		n := len(r.Cells)
		rs := make([]int, n)
		for k := range rs {
			rs[k] = 1
		}
		switch {
		case n == w:
		case spans != nil && i == 1 && len(spans) == n:
			copy(rs, spans)
		default: // the last cell runs to the right edge
			rs[n-1] = w - n + 1
		}
		col := 0
		for k, c := range r.Cells {
			out[i] = append(out[i], tc{text: c.Text, span: rs[k]})
			starts[i] = append(starts[i], col)
			col += rs[k]
		}
		// 合计 merged over the code and name columns of a body row
		if lanci >= 0 && i > lanci {
			for k := 0; k+1 < len(out[i]); k++ {
				if out[i][k].text == "" && strings.ReplaceAll(out[i][k+1].text, " ", "") == "合计" {
					out[i][k] = tc{text: out[i][k+1].text, span: out[i][k].span + out[i][k+1].span}
					out[i] = append(out[i][:k+1], out[i][k+2:]...)
					starts[i] = append(starts[i][:k+1], starts[i][k+2:]...)
				}
			}
		}
	}
	// vertical merges: an empty cell under a header cell of the same
	// width, or under the first cell of a form's row
	for i := 1; i < len(out); i++ {
		header := lanci >= 0 && i < lanci
		for k := range out[i] {
			c := &out[i][k]
			if c.text != "" || !header && (lanci >= 0 || starts[i][k] != 0) {
				continue
			}
			for ka, ca := range out[i-1] {
				if starts[i-1][ka] != starts[i][k] || ca.span != c.span || (ca.text == "" && ca.vmerge != "continue") {
					continue
				}
				if ca.vmerge == "" {
					out[i-1][ka].vmerge = "restart"
				}
				c.vmerge = "continue"
			}
		}
	}
	return w, out
}

// dropped are the keys of what depends on the file rather than the
// budget: the source name, layout, places, source lines, the header text
// a reader saw, a label merged across columns (a text export shows no merges).
var dropped = []string{"line", "layout", "source", "printed", "places", "merged"}

func TestHebeiDocx(t *testing.T) {
	data := hebeiDocx(t)
	if !docxin.Looks(data) {
		t.Fatal("Looks = false for a .docx")
	}
	if layout, err := parse.Detect("hebei.docx", data); err != nil || layout != docxin.Layout {
		t.Fatalf("Detect = %q, %v", layout, err)
	}
	orig, err := parse.File(hebei, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := parse.Bytes("hebei.docx", data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Layout != docxin.Layout {
		t.Errorf("layout %q", got.Layout)
	}
	modeltest.Same(t, "seed", orig, "docx", got, dropped...)
	if len(got.Tables) < 9 || len(got.Projects) != len(orig.Projects) {
		t.Errorf("%d tables, %d projects", len(got.Tables), len(got.Projects))
	}
}

func BenchmarkReadHebei(b *testing.B) {
	data := hebeiDocx(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := docxin.Read(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestErrorPage: an error in a Word document says its page.
func TestErrorPage(t *testing.T) {
	data, err := os.ReadFile(hebei)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), "\t1673.35\n", "\t一千六百\n", 1)
	_, err = parse.Bytes("hebei.docx", docxOf(t, []byte(bad)), parse.Options{})
	if err == nil || !strings.Contains(err.Error(), "第 2 页") || !strings.Contains(err.Error(), "一千六百") {
		t.Errorf("error %v, want it to say 第 2 页", err)
	}
}
