package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"budgetpack/check"
	"budgetpack/model"
	"budgetpack/model/parse"
	"budgetpack/render/grid"
	"budgetpack/render/layout"
	"budgetpack/templates"
)

var seeds = []string{
	"../../testdata/hebei-xushui-gongxin-2024.txt",
	"../../testdata/henan-hongqi-gongxin-2023.txt",
}

// seedBook lays out a seed document.
func seedBook(tb testing.TB, path string) *grid.Book {
	return seedBookWith(tb, path, false)
}

// seedBookWith lays out a seed document, with the checks' findings marked
// and listed in the appendix when findings is true.
func seedBookWith(tb testing.TB, path string, findings bool) *grid.Book {
	tb.Helper()
	doc, err := parse.File(path, parse.Options{})
	if err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	opt := layout.Options{}
	if findings {
		lib, err := templates.Embedded()
		if err != nil {
			tb.Fatal(err)
		}
		if opt.Findings, err = check.Run(doc, lib.Set(doc.Family)); err != nil {
			tb.Fatalf("check %s: %v", path, err)
		}
		opt.Review = true
	}
	book, err := layout.Build(doc, opt)
	if err != nil {
		tb.Fatalf("layout %s: %v", path, err)
	}
	return book
}

// write writes the book and opens the result again.
func write(tb testing.TB, b *grid.Book) ([]byte, *excelize.File) {
	tb.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b); err != nil {
		tb.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		tb.Fatalf("OpenReader: %v", err)
	}
	tb.Cleanup(func() { f.Close() })
	return buf.Bytes(), f
}

// anchorOf maps each cell of a sheet to the cell whose span covers it (or
// itself), as [row, col].
func anchorOf(s *grid.Sheet) map[[2]int][2]int {
	m := map[[2]int][2]int{}
	for i, r := range s.Rows {
		for j, c := range r.Cells {
			if c.Covered {
				continue
			}
			for di := 0; di < max(c.RowSpan, 1); di++ {
				for dj := 0; dj < max(c.ColSpan, 1); dj++ {
					m[[2]int{i + di, j + dj}] = [2]int{i, j}
				}
			}
		}
	}
	return m
}

// wantNumber is the number stored for a figure and the text it shows.
func wantNumber(c grid.Cell) (decimal.Decimal, string) {
	v := c.Value.Decimal()
	if c.Percent {
		return v.Shift(-2), c.Value.String() + "%"
	}
	return v, c.Value.String()
}

func hasBorders(st *excelize.Style) bool {
	sides := map[string]bool{}
	for _, b := range st.Border {
		if b.Style > 0 {
			sides[b.Type] = true
		}
	}
	return sides["left"] && sides["right"] && sides["top"] && sides["bottom"]
}

func TestWriteSeeds(t *testing.T) {
	for _, path := range seeds {
		for _, findings := range []bool{false, true} {
			name := path[strings.LastIndex(path, "/")+1:]
			if findings {
				name += "+findings"
			}
			t.Run(name, func(t *testing.T) {
				book := seedBookWith(t, path, findings)
				_, f := write(t, book)
				checkBook(t, f, book)
				// the contents links every other sheet once, by its name
				linked := map[string]int{}
				for _, r := range book.Sheets[0].Rows {
					for _, c := range r.Cells {
						if c.Link != "" {
							linked[c.Link]++
						}
					}
				}
				for _, s := range book.Sheets[1:] {
					if linked[s.Name] != 1 {
						t.Errorf("contents links %q %d times, want 1", s.Name, linked[s.Name])
					}
				}
				checkMarks(t, f, book)
			})
		}
	}
}

// checkMarks checks that every marked cell is filled with its mark's
// colour and every comment is on its cell.
func checkMarks(t *testing.T, f *excelize.File, book *grid.Book) {
	t.Helper()
	for _, s := range book.Sheets {
		comments, err := f.GetComments(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, c := range comments {
			got[c.Cell] = c.Text + paragraphText(c.Paragraph)
		}
		want := 0
		for i, r := range s.Rows {
			for j, c := range r.Cells {
				if c.Covered {
					continue
				}
				ref := cellName(j, i)
				if c.Comment != "" {
					want++
					if !strings.Contains(got[ref], c.Comment) {
						t.Errorf("%s!%s: comment %q, want %q", s.Name, ref, got[ref], c.Comment)
					}
				}
				id, _ := f.GetCellStyle(s.Name, ref)
				st, _ := f.GetStyle(id)
				fill := ""
				if len(st.Fill.Color) > 0 {
					fill = strings.ToUpper(st.Fill.Color[0])
				}
				wantFill := ""
				if c.Mark != "" {
					wantFill = otherMarkFill
					if m, ok := markFills[c.Mark]; ok {
						wantFill = m
					}
				}
				if !strings.HasSuffix(fill, wantFill) || (wantFill == "" && fill != "") {
					t.Errorf("%s!%s: mark %q filled %q, want %q", s.Name, ref, c.Mark, fill, wantFill)
				}
			}
		}
		if len(comments) != want {
			t.Errorf("%s: %d comments, want %d", s.Name, len(comments), want)
		}
	}
}

// checkBook compares the workbook with the grid it was written from.
func checkBook(t *testing.T, f *excelize.File, book *grid.Book) {
	t.Helper()
	var names []string
	for _, s := range book.Sheets {
		names = append(names, s.Name)
	}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(names, "|") {
		t.Fatalf("sheets\n got %q\nwant %q", got, names)
	}
	if got := f.GetActiveSheetIndex(); got != 0 {
		t.Errorf("active sheet %d, want 0", got)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title != book.Title || props.Subject != book.Subject || props.Creator != Author ||
		props.LastModifiedBy != Author || props.Created != fixedTime || props.Modified != fixedTime {
		t.Errorf("document properties %+v", props)
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	numbers, texts, codes, links, wantLinks := 0, 0, 0, 0, 0
	for _, s := range book.Sheets {
		n := checkSheet(t, f, s, titles)
		numbers += n[0]
		texts += n[1]
		codes += n[2]
		links += n[3]
		for _, r := range s.Rows {
			for _, c := range r.Cells {
				if c.Link != "" && !c.Covered {
					wantLinks++
				}
			}
		}
	}
	if numbers == 0 || texts == 0 || codes == 0 || links == 0 || links != wantLinks {
		t.Errorf("checked %d numbers, %d texts, %d codes, %d links (want %d)", numbers, texts, codes, links, wantLinks)
	}
}

// checkSheet compares one sheet cell by cell; it returns how many numbers,
// texts, codes and links it saw.
func checkSheet(t *testing.T, f *excelize.File, s *grid.Sheet, titles map[string]string) [4]int {
	t.Helper()
	var seen [4]int
	name := s.Name
	sheetSet := map[string]bool{}
	for _, n := range f.GetSheetList() {
		sheetSet[n] = true
	}
	// merged ranges equal the spans
	var want, got []string
	for i, r := range s.Rows {
		for j, c := range r.Cells {
			if !c.Covered && (c.RowSpan > 1 || c.ColSpan > 1) {
				want = append(want, cellName(j, i)+":"+cellName(j+max(c.ColSpan, 1)-1, i+max(c.RowSpan, 1)-1))
			}
		}
	}
	mcs, err := f.GetMergeCells(name, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, mc := range mcs {
		got = append(got, mc.GetStartAxis()+":"+mc.GetEndAxis())
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(want, " ") != strings.Join(got, " ") {
		t.Errorf("%s: merges\n got %v\nwant %v", name, got, want)
	}
	anchors := anchorOf(s)
	styleCache := map[int]*excelize.Style{}
	styleOf := func(ref string) *excelize.Style {
		id, err := f.GetCellStyle(name, ref)
		if err != nil {
			t.Fatal(err)
		}
		if st, ok := styleCache[id]; ok {
			return st
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		styleCache[id] = st
		return st
	}
	for i, r := range s.Rows {
		for j, c := range r.Cells {
			ref := cellName(j, i)
			a := anchors[[2]int{i, j}]
			anchor := s.Rows[a[0]].Cells[a[1]]
			st := styleOf(ref)
			if b := hasBorders(st); b != anchor.Style.Class.Bordered() {
				t.Errorf("%s!%s (covered %v, class %d): borders %v, want %v", name, ref, c.Covered, anchor.Style.Class, b, !b)
			}
			if c.Covered {
				continue
			}
			raw, err := f.GetCellValue(name, ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			typ, err := f.GetCellType(name, ref)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case c.IsNumber():
				seen[0]++
				if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("%s!%s: figure %s stored as type %d, want a number", name, ref, c.Value, typ)
					continue
				}
				v, shown := wantNumber(c)
				d, err := decimal.NewFromString(raw)
				if err != nil || !d.Equal(v) {
					t.Errorf("%s!%s: stored %q, want %s", name, ref, raw, v)
				}
				if got, _ := f.GetCellValue(name, ref); got != shown {
					t.Errorf("%s!%s: shows %q, want %q", name, ref, got, shown)
				}
			case c.Text != "":
				seen[1]++
				if raw != c.Text {
					t.Errorf("%s!%s: text %q, want %q", name, ref, raw, c.Text)
				}
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s: text %q stored as type %d, want a string", name, ref, c.Text, typ)
				}
				if c.Style.Class == grid.Code {
					seen[2]++
				}
			default:
				if raw != "" {
					t.Errorf("%s!%s: blank cell holds %q", name, ref, raw)
				}
			}
			ok, target, err := f.GetCellHyperLink(name, ref)
			if err != nil {
				t.Fatal(err)
			}
			if c.Link != "" {
				seen[3]++
				want := quoteSheet(c.Link) + "!" + cellName(c.LinkCol, c.LinkRow)
				if !ok || target != want || !sheetSet[c.Link] {
					t.Errorf("%s!%s: link %v %q, want to sheet %q", name, ref, ok, target, c.Link)
				}
			} else if ok {
				t.Errorf("%s!%s: unexpected link %q", name, ref, target)
			}
			if c.Style.Class == grid.Title && (st.Font == nil || st.Font.Family != titleFont || st.Font.Size != titleSize || !st.Font.Bold) {
				t.Errorf("%s!%s: title font %+v", name, ref, st.Font)
			}
		}
	}
	// print titles, page setup, widths, heights, panes
	pp := choosePaper(s, columnWidths(s, len(s.Widths)))
	var titleRefs []string
	if pp.repeatCol > 0 {
		last, _ := excelize.ColumnNumberToName(pp.repeatCol)
		titleRefs = append(titleRefs, fmt.Sprintf("%s!$A:$%s", quoteSheet(name), last))
	}
	if s.HeaderTo > s.HeaderFrom {
		titleRefs = append(titleRefs, fmt.Sprintf("%s!$%d:$%d", quoteSheet(name), s.HeaderFrom+1, s.HeaderTo))
	}
	wantTitles := strings.Join(titleRefs, ",")
	if titles[name] != wantTitles {
		t.Errorf("%s: print titles %q, want %q", name, titles[name], wantTitles)
	}
	pl, err := f.GetPageLayout(name)
	if err != nil {
		t.Fatal(err)
	}
	orient := "portrait"
	if pp.landscape {
		orient = "landscape"
	}
	if s.Landscape && !pp.landscape {
		t.Errorf("%s: a landscape layout printed upright", name)
	}
	if *pl.Orientation != orient || *pl.Size != pp.size || *pl.FitToWidth != pp.wide || *pl.FitToHeight != 0 {
		t.Errorf("%s: page %s size %d fit %d×%d, want %s %d %d×0", name, *pl.Orientation, *pl.Size, *pl.FitToWidth, *pl.FitToHeight, orient, pp.size, pp.wide)
	}
	sp, err := f.GetSheetProps(name)
	if err != nil {
		t.Fatal(err)
	}
	if sp.FitToPage == nil || !*sp.FitToPage {
		t.Errorf("%s: FitToPage not set", name)
	}
	hf, err := f.GetHeaderFooter(name)
	if err != nil {
		t.Fatal(err)
	}
	if hf == nil || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
		t.Errorf("%s: footer %+v", name, hf)
	}
	for j, w := range s.Widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		got, err := f.GetColWidth(name, col)
		if err != nil {
			t.Fatal(err)
		}
		if got < w {
			t.Errorf("%s: column %s width %.2f, grid wants %.2f", name, col, got, w)
		}
	}
	for i, r := range s.Rows {
		h, err := f.GetRowHeight(name, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if h < float64(r.Lines)*rowLineHeight(r) {
			t.Errorf("%s: row %d height %.1f for %d lines", name, i+1, h, r.Lines)
		}
	}
	panes, err := f.GetPanes(name)
	if err != nil {
		t.Fatal(err)
	}
	wantFreeze := !s.Contents && s.BodyFrom > 0 && s.BodyFrom < len(s.Rows)
	if panes.Freeze != wantFreeze || (wantFreeze && panes.YSplit != s.BodyFrom) {
		t.Errorf("%s: panes %+v, want freeze %v below row %d", name, panes, wantFreeze, s.BodyFrom)
	}
	return seen
}

func TestWriteDeterministic(t *testing.T) {
	for _, path := range seeds {
		book := seedBook(t, path)
		first, _ := write(t, book)
		for k := 0; k < 3; k++ {
			again, _ := write(t, book)
			if !bytes.Equal(first, again) {
				t.Fatalf("%s: run %d differs from the first (%d vs %d bytes)", path, k+2, len(again), len(first))
			}
		}
		zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if zf.ModifiedTime != 0 || zf.ModifiedDate != 0 {
				t.Errorf("%s: zip entry %s has a timestamp %v", path, zf.Name, zf.Modified)
			}
			if zf.Name != "docProps/core.xml" && zf.Name != "docProps/app.xml" {
				continue
			}
			rc, _ := zf.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			for _, bad := range []string{"xuri", "Go Excelize", "2006-09-16"} {
				if bytes.Contains(data, []byte(bad)) {
					t.Errorf("%s: %s still names %q", path, zf.Name, bad)
				}
			}
		}
	}
}

// handBook is a small book covering merges, percentages, blanks, codes,
// marks and comments.
func handBook() *grid.Book {
	hdr := grid.Style{Class: grid.Header, Bold: true, Align: grid.Center, Wrap: true}
	amt := grid.Style{Class: grid.Amount, Align: grid.Right}
	body := grid.Style{Class: grid.Body}
	title := grid.Style{Class: grid.Title, Bold: true, Align: grid.Center}
	note := grid.Style{Class: grid.Note, Wrap: true}
	contents := &grid.Sheet{
		Name: "目录", Title: "目录", Contents: true, Widths: []float64{30},
		Rows: []grid.Row{
			{Cells: []grid.Cell{{Text: "表一", Link: "表'一", Style: grid.Style{Class: grid.Name}}}, Lines: 1},
			{Cells: []grid.Cell{{Text: "表一的差异", Link: "表'一", LinkRow: 3, LinkCol: 2, Style: grid.Style{Class: grid.Name}}}, Lines: 1},
		},
	}
	s := &grid.Sheet{
		Name: "表'一", Title: "表一", Landscape: true, Widths: []float64{10, 10, 10, 12},
		HeaderFrom: 1, HeaderTo: 3, BodyFrom: 3,
		Rows: []grid.Row{
			{Cells: []grid.Cell{{Text: "标题", ColSpan: 4, Style: title},
				{Covered: true, Style: title}, {Covered: true, Style: title}, {Covered: true, Style: title}}, Lines: 1},
			{Cells: []grid.Cell{{Text: "项目", RowSpan: 2, ColSpan: 2, Style: hdr},
				{Covered: true, Style: hdr}, {Text: "金额", RowSpan: 2, Style: hdr}, {Text: "比例", RowSpan: 2, Style: hdr}}, Lines: 1},
			{Cells: []grid.Cell{{Covered: true, Style: hdr}, {Covered: true, Style: hdr},
				{Covered: true, Style: hdr}, {Covered: true, Style: hdr}}, Lines: 1},
			{Cells: []grid.Cell{
				{Text: "042", Style: grid.Style{Class: grid.Code}},
				{Text: "2060101", Style: body, Mark: "warning"},
				{Value: model.MustAmount("1673.35"), Style: amt, Mark: "error", Comment: "合计应为 1673.36"},
				{Value: model.MustAmount("63"), Percent: true, Style: amt},
			}, Lines: 1},
			{Cells: []grid.Cell{
				{Text: "13062524P000015104046", Style: grid.Style{Class: grid.Code}},
				{Text: "其他", Style: body, Mark: "something"},
				{Style: amt}, // a blank amount
				{Value: model.MustAmount("12.5"), Percent: true, Style: amt, Mark: "corrected"},
			}, Lines: 1},
			{Cells: []grid.Cell{
				{Text: "小计", Style: body, Mark: "info"},
				{Value: model.MustAmount("-2"), Style: amt},
				{Value: model.MustAmount("0.300"), Style: amt},
				{Value: model.MustAmount("99999999.99"), Style: grid.Style{Class: grid.Amount, Bold: true, Align: grid.Right}},
			}, Lines: 1},
			{Cells: []grid.Cell{{Text: "注：说明。", ColSpan: 4, Style: note},
				{Covered: true, Style: note}, {Covered: true, Style: note}, {Covered: true, Style: note}}, Lines: 2},
		},
	}
	return &grid.Book{Title: "测试", Subject: "测试用", Author: "测试部门", Sheets: []*grid.Sheet{contents, s}}
}

func TestWriteHandMade(t *testing.T) {
	book := handBook()
	_, f := write(t, book)
	checkBook(t, f, book)
	const sh = "表'一"
	style := func(ref string) (int, *excelize.Style) {
		id, err := f.GetCellStyle(sh, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return id, st
	}
	// every cell of the 2×2 header merge has all four borders
	for _, ref := range []string{"A2", "B2", "A3", "B3", "C3", "D3"} {
		if _, st := style(ref); !hasBorders(st) {
			t.Errorf("%s: header cell without borders: %+v", ref, st.Border)
		}
	}
	if _, st := style("B1"); len(st.Border) != 0 {
		t.Errorf("B1: title cell with borders %+v", st.Border)
	}
	if id1, _ := style("A2"); func() bool { id2, _ := style("B3"); return id1 != id2 }() {
		t.Errorf("a covered header cell has another style than its anchor")
	}
	tests := []struct {
		ref, raw, shown, fill, numFmt string
		typ                           excelize.CellType
	}{
		{"A4", "042", "042", "", "@", excelize.CellTypeInlineString},
		{"B4", "2060101", "2060101", "FFEB9C", "", excelize.CellTypeInlineString},
		{"C4", "1673.35", "1673.35", "FFC7CE", "0.00", excelize.CellTypeUnset},
		{"D4", "0.63", "63%", "", "0%", excelize.CellTypeUnset},
		{"A5", "13062524P000015104046", "13062524P000015104046", "", "@", excelize.CellTypeInlineString},
		{"B5", "其他", "其他", otherMarkFill, "", excelize.CellTypeInlineString},
		{"C5", "", "", "", "", excelize.CellTypeUnset},
		{"D5", "0.125", "12.5%", "C6EFCE", "0.0%", excelize.CellTypeUnset},
		{"A6", "小计", "小计", "DDEBF7", "", excelize.CellTypeInlineString},
		{"B6", "-2", "-2", "", "0", excelize.CellTypeUnset},
		{"C6", "0.3", "0.300", "", "0.000", excelize.CellTypeUnset},
		{"D6", "99999999.99", "99999999.99", "", "0.00", excelize.CellTypeUnset},
	}
	for _, tc := range tests {
		raw, _ := f.GetCellValue(sh, tc.ref, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue(sh, tc.ref)
		typ, _ := f.GetCellType(sh, tc.ref)
		_, st := style(tc.ref)
		fill := ""
		if len(st.Fill.Color) > 0 {
			fill = strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "FF")
			if len(st.Fill.Color[0]) == 6 {
				fill = strings.ToUpper(st.Fill.Color[0])
			}
		}
		numFmt := ""
		if st.CustomNumFmt != nil {
			numFmt = *st.CustomNumFmt
		}
		if raw != tc.raw || shown != tc.shown || typ != tc.typ || fill != tc.fill || numFmt != tc.numFmt {
			t.Errorf("%s: raw %q shown %q type %d fill %q format %q; want %q %q %d %q %q",
				tc.ref, raw, shown, typ, fill, numFmt, tc.raw, tc.shown, tc.typ, tc.fill, tc.numFmt)
		}
	}
	// figures with the same look share one style
	if a, _ := style("C4"); func() bool { b, _ := style("C6"); return a == b }() {
		t.Errorf("C4 (marked) and C6 share a style")
	}
	// the widest figure fits its column: 11 digits, bold
	if w, _ := f.GetColWidth(sh, "D"); w < numberWidth(book.Sheets[1].Rows[5].Cells[3]) || w < 14 {
		t.Errorf("column D width %.2f too narrow for 99999999.99", w)
	}
	comments, err := f.GetComments(sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != 1 || comments[0].Cell != "C4" || comments[0].Author != Author ||
		!strings.Contains(comments[0].Text+paragraphText(comments[0].Paragraph), "合计应为 1673.36") {
		t.Errorf("comments %+v", comments)
	}
	if ok, target, _ := f.GetCellHyperLink("目录", "A2"); !ok || target != "'表''一'!C4" {
		t.Errorf("目录!A2 links %v %q, want '表''一'!C4", ok, target)
	}
	if got := f.GetDefinedName(); len(got) != 1 || got[0].RefersTo != "'表''一'!$2:$3" || got[0].Scope != sh {
		t.Errorf("defined names %+v", got)
	}
	app, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	if app.Company != "测试部门" || app.Application != Author {
		t.Errorf("app properties %+v", app)
	}
}

func paragraphText(runs []excelize.RichTextRun) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// Distinct looks make distinct styles, equal looks one style.
func TestStylesReused(t *testing.T) {
	book := seedBook(t, seeds[0])
	f := excelize.NewFile()
	defer f.Close()
	wr := &writer{f: f, styles: map[styleKey]int{}}
	if err := wr.book(book); err != nil {
		t.Fatal(err)
	}
	keys := map[styleKey]bool{}
	cells := 0
	for _, s := range book.Sheets {
		for _, r := range s.Rows {
			for _, c := range r.Cells {
				if !c.Covered {
					keys[keyOf(c)] = true
					cells++
				}
			}
		}
	}
	ids := map[int]bool{}
	for _, id := range wr.styles {
		ids[id] = true
	}
	// excelize also folds keys that look the same into one style
	if len(wr.styles) != len(keys) || len(ids) > len(keys) || len(ids) > 40 {
		t.Errorf("%d styles for %d keys (%d cells)", len(ids), len(keys), cells)
	}
}

func TestNumberFormat(t *testing.T) {
	tests := []struct {
		places           int
		percent, grouped bool
		want             string
	}{
		{0, false, false, "0"}, {2, false, false, "0.00"}, {3, false, false, "0.000"},
		{0, true, false, "0%"}, {1, true, false, "0.0%"}, {2, true, false, "0.00%"},
		// a table printing 1,234.56 keeps its separators in Excel
		{2, false, true, "#,##0.00"}, {6, false, true, "#,##0.000000"}, {0, false, true, "#,##0"},
	}
	for _, tc := range tests {
		if got := numberFormat(tc.places, tc.percent, tc.grouped); got != tc.want {
			t.Errorf("numberFormat(%d, %v, %v) = %q, want %q", tc.places, tc.percent, tc.grouped, got, tc.want)
		}
	}
}

func TestWriteEmptyBook(t *testing.T) {
	if err := Write(io.Discard, &grid.Book{}); err == nil {
		t.Error("an empty book gave no error")
	}
}

func BenchmarkWrite(b *testing.B) {
	var books []*grid.Book
	for _, path := range seeds {
		books = append(books, seedBook(b, path))
	}
	var size int64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		size = 0
		for _, book := range books {
			var buf bytes.Buffer
			if err := Write(&buf, book); err != nil {
				b.Fatal(err)
			}
			size += int64(buf.Len())
		}
	}
	b.ReportMetric(float64(size), "xlsx-bytes/op")
}
