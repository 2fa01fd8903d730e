// Command fuzzseeds writes seed inputs for the fuzz targets that get past
// the container checks: workbooks and Word files whose zip entries are
// stored (not deflated) with no checksum, so that a mutation of the XML
// inside still opens, a PDF with a plain content stream, and a small
// model JSON. Run from the module root:
//
//	go run ./scripts/fuzzseeds
package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"

	"budgetpack/model/parse"
	"budgetpack/render/layout"
	"budgetpack/render/xlsx"
)

func main() {
	doc, err := parse.File("testdata/henan-hongqi-gongxin-2023.txt", parse.Options{})
	if err != nil {
		log.Fatal(err)
	}
	doc.Tables = doc.Tables[:2]
	doc.Projects, doc.Sections, doc.Overall = nil, nil, nil
	model, err := json.Marshal(doc)
	if err != nil {
		log.Fatal(err)
	}
	book, err := layout.Build(doc, layout.Options{})
	if err != nil {
		log.Fatal(err)
	}
	var pack bytes.Buffer
	if err := xlsx.Write(&pack, book); err != nil {
		log.Fatal(err)
	}
	workbook := stored(pack.Bytes())
	docx := storedFiles(map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			`<w:p><w:r><w:t>部门收支总体情况表</w:t></w:r></w:p><w:p><w:r><w:t>单位：万元</w:t></w:r></w:p>` +
			`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>收入</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>支出</w:t></w:r></w:p></w:tc></w:tr>` +
			`<w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>预算数</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>` +
			`<w:tr><w:tc><w:p><w:r><w:t>一般公共预算</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>142.98</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>283.98</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
			`<w:p><w:r><w:t>一、收入支出预算总体情况说明</w:t></w:r></w:p></w:body></w:document>`,
	})
	// what pdftotext -layout makes of a page: columns on a character grid
	layoutText := []byte("" +
		"                         部门收支总体情况表\n" +
		"                                                        单位：万元\n" +
		"\n" +
		"            收   入                               支   出\n" +
		"     项   目              预算数            项   目              预算数\n" +
		"一、一般公共预算拨款收入      142.98   一、一般公共服务支出          283.98\n" +
		"二、政府性基金预算拨款收入             二、外交支出\n" +
		"本年收入合计                  142.98   本年支出合计                  283.98\n" +
		"上年结转结余                  141.00   年终结转结余\n" +
		"收入总计                      283.98   支出总计                      283.98\n" +
		"\f" +
		"一、收入支出预算总体情况说明\n" +
		"    2023 年收入预算 283.98 万元。\n")
	seeds := map[string][][]byte{
		"model/parse/testdata/fuzz/FuzzBytes": {model, workbook, docx, pdf(), layoutText},
		"model/xlsxin/testdata/fuzz/FuzzRead": {workbook},
	}
	for dir, inputs := range seeds {
		if err := os.MkdirAll(dir, 0o777); err != nil {
			log.Fatal(err)
		}
		for _, in := range inputs {
			sum := sha256.Sum256(in)
			name := filepath.Join(dir, "seed-"+hex.EncodeToString(sum[:8]))
			body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(in)) + ")\n"
			if err := os.WriteFile(name, []byte(body), 0o666); err != nil {
				log.Fatal(err)
			}
			fmt.Printf("%s (%d bytes)\n", name, len(in))
		}
	}
}

// stored rewrites a zip with every entry stored and its checksum left 0,
// which archive/zip does not verify.
func stored(data []byte) []byte {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		log.Fatal(err)
	}
	files := map[string]string{}
	var order []string
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			log.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			log.Fatal(err)
		}
		files[f.Name] = string(b)
		order = append(order, f.Name)
	}
	return storedOrdered(files, order)
}

func storedFiles(files map[string]string) []byte {
	order := []string{"[Content_Types].xml", "_rels/.rels"}
	for n := range files {
		if n != order[0] && n != order[1] {
			order = append(order, n)
		}
	}
	return storedOrdered(files, order)
}

func storedOrdered(files map[string]string, order []string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, name := range order {
		body := files[name]
		fw, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store,
			CompressedSize64: uint64(len(body)), UncompressedSize64: uint64(len(body))})
		if err != nil {
			log.Fatal(err)
		}
		io.WriteString(fw, body)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

// pdf is a one-page PDF whose content stream places a title and a row of
// a table as plain text, with a correct cross-reference table.
func pdf() []byte {
	content := "BT /F1 12 Tf 72 770 Td <90e8> Tj ET\n" +
		"BT /F1 10 Tf 72 740 Td (Total) Tj 200 0 Td (142.98) Tj 100 0 Td (283.98) Tj ET\n" +
		"0.5 w 70 735 m 420 735 l S\n"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
