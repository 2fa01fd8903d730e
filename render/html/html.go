// Package html draws the renderer-neutral grid as an HTML fragment: one
// table per sheet with the same merges, classes and shading as the Excel
// and PDF packs. Like those writers it knows nothing of budgets or checks;
// the page that shows it styles the classes it writes.
package html

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"

	"budgetpack/render/grid"
)

// Options tune the fragment.
type Options struct {
	// IDPrefix starts every element id, so that several books can share a
	// page; "" means "bp".
	IDPrefix string
}

// SheetID is the id of the section that holds sheet si.
func SheetID(prefix string, si int) string {
	if prefix == "" {
		prefix = "bp"
	}
	return prefix + "-s" + strconv.Itoa(si)
}

// CellID is the id of cell (ri, ci) of sheet si: every cell that carries
// a model reference, or that a link points at, has one.
func CellID(prefix string, si, ri, ci int) string {
	return SheetID(prefix, si) + "-" + strconv.Itoa(ri) + "-" + strconv.Itoa(ci)
}

// classNames are the CSS classes of the grid's cell classes.
var classNames = map[grid.Class]string{
	grid.Body: "body", grid.Title: "title", grid.Caption: "caption", grid.Header: "header",
	grid.Lanci: "lanci", grid.Seq: "seq", grid.Code: "code", grid.Name: "name",
	grid.Amount: "amount", grid.Note: "note",
}

var alignNames = map[grid.Align]string{grid.Left: "left", grid.Center: "center", grid.Right: "right"}

// Write writes the book as an HTML fragment: a <section> per sheet, each
// holding a <table>. Cells keep their spans; a cell's class says its role
// (c-amount, c-header …), its alignment (a-right …), its shading (m-error,
// m-warning, m-info, m-corrected) and whether it is bold, wrapped or
// inside the grid lines (b). A comment becomes the cell's title, a link
// an anchor to the target cell. The same book gives the same bytes.
func Write(w io.Writer, b *grid.Book, opt Options) error {
	if b == nil {
		return fmt.Errorf("html: 没有工作表 (the book has no sheets)")
	}
	prefix := opt.IDPrefix
	if prefix == "" {
		prefix = "bp"
	}
	index := map[string]int{}
	for si, s := range b.Sheets {
		index[s.Name] = si
	}
	// the cells a link points at need an id
	targeted := map[[3]int]bool{}
	for _, s := range b.Sheets {
		for _, r := range s.Rows {
			for _, c := range r.Cells {
				if si, ok := index[c.Link]; ok && c.Link != "" {
					targeted[[3]int{si, c.LinkRow, c.LinkCol}] = true
				}
			}
		}
	}
	bw := bufio.NewWriter(w)
	for si, s := range b.Sheets {
		fmt.Fprintf(bw, "<section class=\"sheet\" id=\"%s\" data-name=\"%s\" data-title=\"%s\">\n",
			SheetID(prefix, si), esc(s.Name), esc(s.Title))
		total := 0.0
		for _, wd := range s.Widths {
			total += wd
		}
		// a character unit is about half an em of 10.5-point type
		fmt.Fprintf(bw, "<table class=\"grid\" style=\"width:%sem\">\n<colgroup>", num(total*0.55))
		for _, wd := range s.Widths {
			fmt.Fprintf(bw, "<col style=\"width:%sem\">", num(wd*0.55))
		}
		bw.WriteString("</colgroup>\n")
		for ri, r := range s.Rows {
			cls := ""
			if ri >= s.HeaderFrom && ri < s.HeaderTo {
				cls = " class=\"head\""
			}
			fmt.Fprintf(bw, "<tr%s>", cls)
			for ci, c := range r.Cells {
				if c.Covered {
					continue
				}
				writeCell(bw, prefix, index, si, ri, ci, c, targeted[[3]int{si, ri, ci}])
			}
			bw.WriteString("</tr>\n")
		}
		bw.WriteString("</table>\n</section>\n")
	}
	return bw.Flush()
}

func writeCell(bw *bufio.Writer, prefix string, index map[string]int, si, ri, ci int, c grid.Cell, targeted bool) {
	classes := []string{"c-" + classNames[c.Style.Class], "a-" + alignNames[c.Style.Align]}
	if c.Style.Class.Bordered() {
		classes = append(classes, "b")
	}
	if c.Style.Bold {
		classes = append(classes, "bold")
	}
	if c.Style.Wrap || c.Style.Class == grid.Title || c.Style.Class == grid.Note {
		classes = append(classes, "wrap")
	}
	if c.Style.Indent > 0 {
		classes = append(classes, "i"+strconv.Itoa(min(c.Style.Indent, 8)))
	}
	if c.Mark != "" {
		classes = append(classes, "m-"+markName(c.Mark))
	}
	bw.WriteString("<td")
	if c.Ref != "" || targeted {
		fmt.Fprintf(bw, " id=\"%s\"", CellID(prefix, si, ri, ci))
	}
	fmt.Fprintf(bw, " class=\"%s\"", strings.Join(classes, " "))
	if c.RowSpan > 1 {
		fmt.Fprintf(bw, " rowspan=\"%d\"", c.RowSpan)
	}
	if c.ColSpan > 1 {
		fmt.Fprintf(bw, " colspan=\"%d\"", c.ColSpan)
	}
	if c.Ref != "" {
		fmt.Fprintf(bw, " data-ref=\"%s\"", esc(c.Ref))
	}
	if c.Comment != "" {
		fmt.Fprintf(bw, " title=\"%s\"", esc(c.Comment))
	}
	bw.WriteString(">")
	text := c.Text
	if c.IsNumber() {
		text = c.Figure()
	}
	body := strings.ReplaceAll(esc(text), "\n", "<br>")
	if tsi, ok := index[c.Link]; ok && c.Link != "" {
		href := SheetID(prefix, tsi)
		if c.LinkRow != 0 || c.LinkCol != 0 {
			href = CellID(prefix, tsi, c.LinkRow, c.LinkCol)
		}
		fmt.Fprintf(bw, "<a href=\"#%s\">%s</a>", href, body)
	} else {
		bw.WriteString(body)
	}
	bw.WriteString("</td>")
}

// markName keeps a mark to the characters a class name may hold; an
// unknown mark is shaded grey by the page, as the Excel writer does.
func markName(m string) string {
	switch m {
	case "error", "warning", "info", "corrected":
		return m
	}
	return "other"
}

func esc(s string) string { return html.EscapeString(s) }

// num prints a length with at most two decimals.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) }
