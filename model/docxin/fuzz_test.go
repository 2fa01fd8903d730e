package docxin_test

import (
	"testing"

	"budgetpack/model/docxin"
)

func FuzzRead(f *testing.F) {
	var small docx
	small.para("部门预算收支总表", "1")
	small.table(3, [][]tc{
		{{text: "项目", vmerge: "restart"}, {text: "金额", span: 2}},
		{{vmerge: "continue"}, {text: "合计"}, {text: "基本\n支出"}},
		{{text: "合计", span: 2}, {text: "1.00"}},
	})
	small.raw(`<w:p><w:r><w:br w:type="page"/><w:lastRenderedPageBreak/><w:t>注：</w:t></w:r><w:del><w:r><w:delText>x</w:delText></w:r></w:del></w:p>`)
	f.Add(small.stored(f))
	var nested docx
	nested.table(1, [][]tc{{{inner: tableXML(2, [][]tc{{{text: "甲"}, {text: "乙", span: 2}}})}}})
	nested.raw(`<w:tbl><w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`)
	f.Add(nested.stored(f))
	f.Add(small.bytes(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := docxin.Read(data)
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.Line < 1 || b.Line > len(doc.Places) {
				t.Fatalf("block anchor %d of %d places", b.Line, len(doc.Places))
			}
			w := -1
			for _, r := range b.Rows {
				if w >= 0 && len(r.Cells) != w {
					t.Fatalf("ragged grid: %d and %d cells", w, len(r.Cells))
				}
				w = len(r.Cells)
				for _, c := range r.Cells {
					if c.Line < 1 || c.Line > len(doc.Places) {
						t.Fatalf("cell anchor %d of %d places", c.Line, len(doc.Places))
					}
				}
			}
		}
	})
}
