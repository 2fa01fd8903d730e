package xlsxin_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"budgetpack/check"
	"budgetpack/internal/modeltest"
	"budgetpack/internal/seedtest"
	"budgetpack/model"
	"budgetpack/model/parse"
	"budgetpack/model/xlsxin"
	"budgetpack/render/xlsx"
)

const (
	hebei = "../../testdata/hebei-xushui-gongxin-2024.txt"
	henan = "../../testdata/henan-hongqi-gongxin-2023.txt"
)

// pack renders a document as the workbook render writes.
func pack(t testing.TB, doc *model.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, seedtest.BookOf(t, doc, true)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dropped are the keys of what depends on the file rather than the
// budget: the source name, layout, source lines, the header text a reader
// saw and its remarks on how it read the source.
var dropped = []string{"line", "layout", "source", "printed", "remarks", "places"}

// trimmed is doc without the rows printed empty at a table's end (the
// Hebei forms' blank row under an empty table's 栏次): a workbook does not
// tell them from the space before the note below the table, so they read
// back as nothing.
func trimmed(doc *model.Document) *model.Document {
	d := *doc
	d.Tables = append([]model.Table(nil), doc.Tables...)
	for i := range d.Tables {
		rows := d.Tables[i].Rows
		for len(rows) > 0 && printedEmpty(rows[len(rows)-1]) {
			rows = rows[:len(rows)-1]
		}
		d.Tables[i].Rows = rows
	}
	return &d
}

func TestRoundTrip(t *testing.T) {
	for _, src := range []string{hebei, henan} {
		t.Run(src, func(t *testing.T) {
			orig, err := parse.File(src, parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			back, err := parse.Bytes("pack.xlsx", pack(t, orig), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if back.Layout != xlsxin.Layout {
				t.Errorf("layout %q", back.Layout)
			}
			modeltest.Same(t, "orig", trimmed(orig), "back", trimmed(back), dropped...)
		})
	}
}

// cellOf finds the workbook cell showing want in the row whose first
// columns show code.
func cellOf(t *testing.T, f *excelize.File, sheet, code string, col int) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		for _, c := range r {
			if c == code {
				name, _ := excelize.CoordinatesToCellName(col, i+1)
				return name
			}
		}
	}
	t.Fatalf("no row %s in %s", code, sheet)
	return ""
}

// hebeiPack opens the Hebei seed's pack as a user would in Excel.
func hebeiPack(t *testing.T) *excelize.File {
	t.Helper()
	orig, err := parse.File(hebei, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(pack(t, orig)))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestEditedWorkbook(t *testing.T) {
	f := hebeiPack(t)
	// as a user would: type a new amount, and replace a total with a formula
	// saved without its value
	basic := cellOf(t, f, "支出总表", "2060101", 5)
	if err := f.SetCellFloat("支出总表", basic, 196.7, -1, 64); err != nil {
		t.Fatal(err)
	}
	total := cellOf(t, f, "一般公共预算基本支出表", "30102", 4)
	above := cellOf(t, f, "一般公共预算基本支出表", "30102", 5)
	if err := f.SetCellFormula("一般公共预算基本支出表", total, above); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Bytes("edited.xlsx", buf.Bytes(), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	row := doc.TableByKind("expenditure_summary").RowByCode("2060101")
	if got := row.Values["basic"].String(); got != "196.70" { // the cell keeps its 0.00 format
		t.Errorf("edited amount reads %q, want 196.70", got)
	}
	if got := doc.TableByKind("gpb_basic").RowByCode("30102").Values["total"].String(); got != "68.32" {
		t.Errorf("formula without a cached value reads %q, want 68.32", got)
	}
	fs, err := check.Run(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, fd := range fs {
		if fd.Severity == check.Error && strings.Contains(fd.Row, "2060101") && fd.Rule == "sum.columns" {
			found = true
			// the finding says where the row stands in the workbook
			if want := "工作表“支出总表” "; !strings.HasPrefix(fd.Place, want) {
				t.Errorf("finding place %q, want %s…", fd.Place, want)
			}
		}
	}
	if !found {
		t.Error("check does not report the edited row 2060101 as an error")
	}
}

func TestInsertedRow(t *testing.T) {
	f := hebeiPack(t)
	// a row inserted inside 类 208, under 款 20805
	at := cellOf(t, f, "支出总表", "2080502", 2)
	_, r, _ := excelize.CellNameToCoordinates(at)
	if err := f.InsertRows("支出总表", r+1, 1); err != nil {
		t.Fatal(err)
	}
	for col, v := range []string{"12", "2080505", "机关事业单位基本养老保险缴费支出", "10.00", "10.00"} {
		name, _ := excelize.CoordinatesToCellName(col+1, r+1)
		if err := f.SetCellStr("支出总表", name, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Bytes("inserted.xlsx", buf.Bytes(), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if row := doc.TableByKind("expenditure_summary").RowByCode("2080505"); row == nil || row.Level != "项" {
		t.Fatalf("inserted row = %+v", row)
	}
	fs, _ := check.Run(doc, nil)
	found := false
	for _, fd := range fs {
		found = found || fd.Rule == "sum.hierarchy" && strings.HasPrefix(fd.Row, "20805") && fd.Severity == check.Error
	}
	if !found {
		t.Error("the 款 20805 no longer adds up, but check does not say so")
	}
}

func TestBadWorkbook(t *testing.T) {
	for _, data := range [][]byte{
		[]byte("PK\x03\x04 xl/workbook not really a zip"),
		append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 64)...),
	} {
		_, err := xlsxin.Read(data)
		if err == nil || !strings.Contains(err.Error(), "Excel") {
			t.Errorf("Read(garbage) = %v, want an error naming Excel", err)
		}
	}
}

func FuzzRead(f *testing.F) {
	wb := excelize.NewFile()
	_ = wb.SetCellStr("Sheet1", "A1", "部门预算收支总表")
	_ = wb.MergeCell("Sheet1", "A1", "C1")
	_ = wb.SetCellStr("Sheet1", "A2", "序号")
	_ = wb.SetCellFloat("Sheet1", "B3", 1.5, 2, 64)
	var buf bytes.Buffer
	_ = wb.Write(&buf)
	f.Add(buf.Bytes())
	// small valid workbooks, stored: mutations reach the sheet's XML
	table := `<row r="1"><c r="A1" t="inlineStr"><is><t>部门预算支出总表</t></is></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>科目</t></is></c><c r="B3" t="inlineStr"><is><t>金额</t></is></c></row>` +
		`<row r="4"><c r="B4" t="inlineStr"><is><t>合计</t></is></c><c r="C4" t="inlineStr"><is><t>基本</t></is></c></row>` +
		`<row r="5"><c r="A5"><v>205</v></c><c r="B5"><f>C5+1</f></c><c r="C5"><v>2.5</v></c></row>`
	merges := `<mergeCells count="3"><mergeCell ref="A1:C1"/><mergeCell ref="A3:A4"/><mergeCell ref="B3:C3"/></mergeCells>`
	f.Add(handmadeWith(f, table, merges, zip.Store))
	f.Add(handmadeWith(f, `<row r="2"><c r="A2" t="inlineStr"><is><t>一、概况\n说明</t></is></c></row>`, `<mergeCells><mergeCell ref="A2:A9"/></mergeCells>`, zip.Store))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := xlsxin.Read(data)
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.IsGrid() && len(b.Rows) == 0 {
				t.Fatal("empty grid")
			}
			if b.Line < 1 || b.Line > len(doc.Places) {
				t.Fatalf("anchor %d of %d places", b.Line, len(doc.Places))
			}
			for _, r := range b.Rows {
				if len(r.Cells) != len(b.Rows[0].Cells) {
					t.Fatal("ragged grid")
				}
			}
		}
	})
}

// TestErrorPlace: an error in a workbook says the sheet and the cell.
func TestErrorPlace(t *testing.T) {
	f := hebeiPack(t)
	at := cellOf(t, f, "支出总表", "2060101", 5)
	if err := f.SetCellStr("支出总表", at, "一百八十"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err := parse.Bytes("edited.xlsx", buf.Bytes(), parse.Options{})
	if err == nil || !strings.Contains(err.Error(), "工作表“支出总表” "+at) || !strings.Contains(err.Error(), "一百八十") {
		t.Errorf("error %v, want it to say 工作表“支出总表” %s", err, at)
	}
}

// printedEmpty reports whether a row is one printed blank: no label, no
// text, no figure.
func printedEmpty(r model.Row) bool {
	if r.Code != "" || r.Name != "" || r.Pair != nil || len(r.Texts) > 0 {
		return false
	}
	for _, v := range r.Values {
		if !v.IsBlank() {
			return false
		}
	}
	return true
}
