package xlsxin_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"budgetpack/internal/ziptest"
	"budgetpack/model/xlsxin"
)

// book writes a workbook built by fn.
func book(t testing.TB, fn func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fn(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// handmade zips a workbook of one sheet whose sheetData is given, as
// small as a workbook gets.
func handmade(t testing.TB, sheetData string, merges string) []byte {
	t.Helper()
	return handmadeWith(t, sheetData, merges, zip.Deflate)
}

// handmadeWith zips with the method given: zip.Store keeps the XML as it
// is, so that fuzzing mutates the XML rather than its compression.
func handmadeWith(t testing.TB, sheetData string, merges string, method uint16) []byte {
	t.Helper()
	return ziptest.Zip(t, method,
		ziptest.Part{Name: "[Content_Types].xml", Body: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		ziptest.Part{Name: "_rels/.rels", Body: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		ziptest.Part{Name: "xl/workbook.xml", Body: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="收支总表" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		ziptest.Part{Name: "xl/_rels/workbook.xml.rels", Body: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		ziptest.Part{Name: "xl/worksheets/sheet1.xml", Body: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData>` + merges + `</worksheet>`},
	)
}

// corners is a workbook with two cells, A1 and XFD1048576: its sheet
// spans 16384 columns by 1048576 rows.
func corners(t testing.TB) []byte {
	return handmade(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>部门预算收支总表</t></is></c></row>`+
		`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`, "")
}

// allocated returns the bytes allocated while fn runs.
func allocated(fn func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

func TestSparseCorners(t *testing.T) {
	data := corners(t)
	t.Logf("%d bytes", len(data))
	var err error
	var n int
	start := time.Now()
	bytes := allocated(func() {
		doc, e := xlsxin.Read(data)
		err = e
		if e == nil {
			for _, b := range doc.Blocks {
				for _, r := range b.Rows {
					n += len(r.Cells)
				}
			}
		}
	})
	el := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read in %v, %d MB allocated, %d grid cells", el, bytes>>20, n)
	if n > 4 {
		t.Errorf("%d grid cells for two cells", n)
	}
	if bytes > 64<<20 || el > 5*time.Second {
		t.Errorf("reading two cells took %v and %d MB", el, bytes>>20)
	}
}

func BenchmarkSparseCorners(b *testing.B) {
	data := corners(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := xlsxin.Read(data); err != nil {
			b.Fatal(err)
		}
	}
}

// zipBomb is a workbook whose one sheet unpacks to size bytes.
func zipBomb(t testing.TB, size int) []byte {
	t.Helper()
	return ziptest.Bomb(t, ziptest.Big{
		Name: "xl/worksheets/sheet1.xml",
		Head: `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
		Fill: " ",
		Tail: `</sheetData></worksheet>`,
		Size: size,
	},
		ziptest.Part{Name: "[Content_Types].xml", Body: `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		ziptest.Part{Name: "xl/workbook.xml", Body: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		ziptest.Part{Name: "xl/_rels/workbook.xml.rels", Body: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	)
}

func TestLimits(t *testing.T) {
	bomb := zipBomb(t, xlsxin.MaxUnpacked+(1<<20))
	t.Logf("bomb: %d bytes zipped", len(bomb))
	sheets := book(t, func(f *excelize.File) {
		for i := range xlsxin.MaxSheets + 1 {
			f.NewSheet(fmt.Sprintf("S%d", i))
		}
	})
	wide := book(t, func(f *excelize.File) {
		row := make([]any, xlsxin.MaxColumns+1)
		for i := range row {
			row[i] = i + 1
		}
		_ = f.SetSheetRow("Sheet1", "A1", &row)
	})
	var sparse strings.Builder
	for r := 1; r <= 2000; r++ {
		fmt.Fprintf(&sparse, `<row r="%d"><c r="A%d"><v>1</v></c><c r="XFD%d"><v>2</v></c></row>`, r, r, r)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"wide sparse rows", handmade(t, sparse.String(), ""), "过大"},
		{"zip bomb", bomb, "解压后超过 128 MB"},
		{"sheets", sheets, "超过 256 个的上限"},
		{"columns", wide, "超过 1000 列"},
		{"not a workbook", []byte("PK\x03\x04 xl/workbook"), "不是有效的 Excel 工作簿"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			var err error
			mem := allocated(func() { _, err = xlsxin.Read(tt.data) })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if el := time.Since(start); el > 5*time.Second || mem > 256<<20 {
				t.Errorf("refused in %v after %d MB", el, mem>>20)
			}
		})
	}
}

// TestNothingLeftBehind reads good and bad workbooks with the temporary
// directory watched: nothing may stay in it.
func TestNothingLeftBehind(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	good := corners(t)
	badBook := bytes.Replace(good, []byte("xl/workbook.xml"), []byte("xl/workbooX.xml"), -1)
	inputs := [][]byte{good, zipBomb(t, xlsxin.MaxUnpacked+1), badBook, good[:len(good)/2]}
	for _, p := range putuo {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, data)
	}
	for _, data := range inputs {
		_, _ = xlsxin.Read(data)
		left, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(left) > 0 {
			t.Fatalf("left in the temporary directory: %v", left)
		}
	}
}
