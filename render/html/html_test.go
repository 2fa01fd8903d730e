package html

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"budgetpack/internal/seedtest"
	"budgetpack/model"
	"budgetpack/render/grid"
)

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch {
		case n.Type == xhtml.TextNode:
			b.WriteString(n.Data)
		case n.Type == xhtml.ElementNode && n.Data == "br":
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func find(n *xhtml.Node, tag string) []*xhtml.Node {
	var out []*xhtml.Node
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// TestSameGridAsThePacks reads the fragment back and finds every cell of
// the grid with its text, spans and shading, in order.
func TestSameGridAsThePacks(t *testing.T) {
	for _, seed := range []string{"../../testdata/hebei-xushui-gongxin-2024.txt", "../../testdata/henan-hongqi-gongxin-2023.txt"} {
		b := seedtest.Book(t, seed, true)
		var buf bytes.Buffer
		if err := Write(&buf, b, Options{IDPrefix: "x"}); err != nil {
			t.Fatal(err)
		}
		var again bytes.Buffer
		Write(&again, b, Options{IDPrefix: "x"})
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Errorf("%s: two writes differ", seed)
		}
		root, err := xhtml.Parse(strings.NewReader("<!DOCTYPE html><html><body>" + buf.String()))
		if err != nil {
			t.Fatal(err)
		}
		sections := find(root, "section")
		if len(sections) != len(b.Sheets) {
			t.Fatalf("%s: %d sections, %d sheets", seed, len(sections), len(b.Sheets))
		}
		marks, ids := 0, map[string]bool{}
		for si, sh := range b.Sheets {
			sec := sections[si]
			if attr(sec, "id") != SheetID("x", si) || attr(sec, "data-name") != sh.Name {
				t.Errorf("%s sheet %d: id %q name %q", seed, si, attr(sec, "id"), attr(sec, "data-name"))
			}
			if cols := find(sec, "col"); len(cols) != len(sh.Widths) {
				t.Errorf("%s %s: %d columns, want %d", seed, sh.Name, len(cols), len(sh.Widths))
			}
			trs := find(sec, "tr")
			if len(trs) != len(sh.Rows) {
				t.Fatalf("%s %s: %d rows, want %d", seed, sh.Name, len(trs), len(sh.Rows))
			}
			for ri, row := range sh.Rows {
				tds := find(trs[ri], "td")
				k := 0
				for ci, c := range row.Cells {
					if c.Covered {
						continue
					}
					if k >= len(tds) {
						t.Fatalf("%s %s row %d: %d cells drawn, more in the grid", seed, sh.Name, ri, len(tds))
					}
					td := tds[k]
					k++
					want := c.Text
					if c.IsNumber() {
						want = c.Value.String()
						if c.Percent {
							want += "%"
						}
					}
					if got := text(td); got != want {
						t.Errorf("%s %s (%d,%d): text %q, want %q", seed, sh.Name, ri, ci, got, want)
					}
					if got, _ := strconv.Atoi(attr(td, "rowspan")); max(got, 1) != max(c.RowSpan, 1) {
						t.Errorf("%s %s (%d,%d): rowspan %d, want %d", seed, sh.Name, ri, ci, got, c.RowSpan)
					}
					if got, _ := strconv.Atoi(attr(td, "colspan")); max(got, 1) != max(c.ColSpan, 1) {
						t.Errorf("%s %s (%d,%d): colspan %d, want %d", seed, sh.Name, ri, ci, got, c.ColSpan)
					}
					cls := " " + attr(td, "class") + " "
					if c.Mark != "" {
						marks++
						if !strings.Contains(cls, " m-"+c.Mark+" ") {
							t.Errorf("%s %s (%d,%d): class %q, mark %s", seed, sh.Name, ri, ci, cls, c.Mark)
						}
					} else if strings.Contains(cls, " m-") {
						t.Errorf("%s %s (%d,%d): shaded %q without a mark", seed, sh.Name, ri, ci, cls)
					}
					if c.Comment != attr(td, "title") {
						t.Errorf("%s %s (%d,%d): title %q, comment %q", seed, sh.Name, ri, ci, attr(td, "title"), c.Comment)
					}
					if id := attr(td, "id"); id != "" {
						if ids[id] {
							t.Errorf("%s: id %s twice", seed, id)
						}
						ids[id] = true
					}
					if c.Ref != "" && attr(td, "id") != CellID("x", si, ri, ci) {
						t.Errorf("%s %s (%d,%d): a cell with a reference has id %q", seed, sh.Name, ri, ci, attr(td, "id"))
					}
				}
				if k != len(tds) {
					t.Errorf("%s %s row %d: %d cells drawn, %d in the grid", seed, sh.Name, ri, len(tds), k)
				}
			}
		}
		if marks == 0 {
			t.Errorf("%s: no shaded cell", seed)
		}
		// every link inside the book leads to an element of the fragment
		for _, a := range find(root, "a") {
			href := strings.TrimPrefix(attr(a, "href"), "#")
			if !ids[href] && !strings.Contains(buf.String(), `<section class="sheet" id="`+href+`"`) {
				t.Errorf("%s: link to %q leads nowhere", seed, href)
			}
		}
	}
}

func TestEscapes(t *testing.T) {
	b := &grid.Book{Sheets: []*grid.Sheet{{Name: `a"b`, Widths: []float64{10, 10}, Rows: []grid.Row{{Cells: []grid.Cell{
		{Text: "<script>alert(1)</script>", Comment: `"><img src=x>`},
		{Value: model.NewAmountInt(63), Percent: true, Mark: "odd mark"},
	}}}}}}
	var buf bytes.Buffer
	if err := Write(&buf, b, Options{}); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if strings.Contains(s, "<script>") || strings.Contains(s, "<img") || !strings.Contains(s, "63%") || !strings.Contains(s, "m-other") {
		t.Errorf("not escaped or not drawn: %s", s)
	}
}
