package docxin_test

import (
	"archive/zip"
	"errors"
	"strings"
	"testing"
	"time"

	"budgetpack/internal/ziptest"
	"budgetpack/model"
	"budgetpack/model/docxin"
	"budgetpack/model/parse"
	"budgetpack/model/raw"
)

// gridTexts gives a grid's texts, a covered position as "^" (merged
// from above) or "<" (merged from the left).
func gridTexts(b raw.Block) []string {
	var out []string
	for i, r := range b.Rows {
		var cells []string
		for j, c := range r.Cells {
			s := c.Text
			if c.Covered {
				s = "<"
				if j == 0 || !r.Cells[j-1].Covered && r.Cells[j-1].ColSpan <= 1 || i > 0 && b.Rows[i-1].Cells[j].RowSpan > 1 {
					s = "^"
				}
			}
			cells = append(cells, s)
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

func TestFeatures(t *testing.T) {
	var d docx
	d.raw(`<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>一、概况</w:t></w:r></w:p>`)
	d.para("表标题", "10") // a heading by a style based on heading 1
	d.raw(`<w:p><w:r><w:t xml:space="preserve">收入 </w:t></w:r><w:del w:id="1"><w:r><w:delText>一千</w:delText></w:r></w:del>` +
		`<w:ins w:id="2"><w:r><w:t>100</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>万元</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:br/><w:t>第二行</w:t></w:r></w:p>`)
	d.raw(`<w:p><w:r><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r></w:p>`)
	// gridBefore, gridAfter, spans both ways, a nested table
	d.raw(`<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>科目</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>金额</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>基本</w:t></w:r></w:p><w:p><w:r><w:t>支出</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>` + tableXML(2, [][]tc{{{text: "内1"}, {text: "内2"}}}) + `<w:p/></w:tc></w:tr>` +
		`</w:tbl>`)
	// a table that only frames another
	d.table(1, [][]tc{{{inner: tableXML(2, [][]tc{{{text: "甲"}, {text: "乙"}}})}}})
	doc, err := docxin.Read(d.bytes(t))
	if err != nil {
		t.Fatal(err)
	}
	var prose []string
	var grids [][]string
	for _, b := range doc.Blocks {
		if b.IsGrid() {
			grids = append(grids, gridTexts(b))
			continue
		}
		h := ""
		if b.Heading {
			h = "#"
		}
		prose = append(prose, h+b.Text+"@"+doc.Places[b.Line-1].String())
	}
	want := []string{"#一、概况@第 1 页", "#表标题@第 1 页", "收入 100万元@第 1 页", "第二行@第 1 页", "第二页@第 2 页"}
	if strings.Join(prose, "\n") != strings.Join(want, "\n") {
		t.Errorf("prose:\n%s\nwant\n%s", strings.Join(prose, "\n"), strings.Join(want, "\n"))
	}
	wantGrids := [][]string{
		{"科目|金额|<|<", "^|合计|基本\n支出|项目", "|1|2|", "外|内1 内2|<|<"},
		{"甲|乙"},
	}
	if len(grids) != len(wantGrids) {
		t.Fatalf("grids %q", grids)
	}
	for i := range grids {
		if strings.Join(grids[i], "\n") != strings.Join(wantGrids[i], "\n") {
			t.Errorf("grid %d:\n%s\nwant\n%s", i, strings.Join(grids[i], "\n"), strings.Join(wantGrids[i], "\n"))
		}
	}
	g := doc.Blocks[len(doc.Blocks)-2]
	if c := g.Rows[0].Cells[0]; c.RowSpan != 2 {
		t.Errorf("科目 spans %d rows", c.RowSpan)
	}
	if c := g.Rows[0].Cells[1]; c.ColSpan != 3 {
		t.Errorf("金额 spans %d columns", c.ColSpan)
	}
	if got := raw.FilledTexts(g.Rows[:2]); strings.Join(got[0], "|")+"/"+strings.Join(got[1], "|") != "科目|金额|金额|金额/科目|合计|基本\n支出|项目" {
		t.Errorf("filled header %q", got)
	}
	// without page breaks a place is the paragraph's number
	var plain docx
	plain.para("一", "")
	plain.para("二", "")
	doc, err = docxin.Read(plain.bytes(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Places[doc.Blocks[1].Line-1].String(); got != "第 2 行" {
		t.Errorf("place %q", got)
	}
}

// bomb zips a document.xml of size bytes of a repeated empty paragraph.
func bomb(t testing.TB, name string, size int) []byte {
	t.Helper()
	return ziptest.Bomb(t, ziptest.Big{Name: name, Head: docStart, Fill: "<w:p/>", Size: size},
		ziptest.Part{Name: "[Content_Types].xml", Body: contentTypes}, ziptest.Part{Name: "_rels/.rels", Body: rootRels})
}

func TestBadDocx(t *testing.T) {
	other := ziptest.Zip(t, zip.Deflate, ziptest.Part{Name: "data/a.csv", Body: "1,2"}, ziptest.Part{Name: "readme.txt", Body: "hello"})
	xlsx := ziptest.Zip(t, zip.Deflate, ziptest.Part{Name: "ppt/presentation.xml", Body: "<p/>"})
	big := bomb(t, "word/document.xml", docxin.MaxUnpacked+(1<<20))
	deep := docx{}
	deep.raw(strings.Repeat("<w:sdt><w:sdtContent>", docxin.MaxDepth) + "<w:p/>" + strings.Repeat("</w:sdtContent></w:sdt>", docxin.MaxDepth))
	wide := docx{}
	wide.raw(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`)
	var nested strings.Builder
	for range docxin.MaxTableDepth + 1 {
		nested.WriteString("<w:tbl><w:tr><w:tc>")
	}
	for range docxin.MaxTableDepth + 1 {
		nested.WriteString("</w:tc></w:tr></w:tbl>")
	}
	nest := docx{}
	nest.raw(nested.String())
	broken := docx{}
	broken.raw("<w:p><w:r><w:t>未闭合")
	t.Logf("bomb: %d bytes zipped", len(big))
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"renamed zip", other, []string{"ZIP 压缩包", "word/document.xml"}},
		{"renamed presentation", xlsx, []string{"PowerPoint"}},
		{"zip bomb", big, []string{"解压后超过", "64 MB"}},
		{"deep xml", deep.bytes(t), []string{"嵌套超过"}},
		{"wide table", wide.bytes(t), []string{"超过 1000 列"}},
		{"nested tables", nest.bytes(t), []string{"表格嵌套超过"}},
		{"broken xml", broken.bytes(t), []string{"已损坏"}},
		{"truncated", hebeiDocx(t)[:5000], []string{"不是有效的 Word 文档"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := parse.Bytes("x.docx", tt.data, parse.Options{Layout: docxin.Layout})
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("took %v", el)
			}
			var ie *model.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an input error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			// detected from the content, not forced, the message is as clear
			if _, err := parse.Bytes("x.docx", tt.data, parse.Options{}); err == nil {
				t.Error("no error when detected")
			}
		})
	}
}
