package docxin_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"budgetpack/internal/ziptest"
)

// tc is a table cell to write: its paragraphs, span and vertical merge
// ("", "restart" or "continue").
type tc struct {
	text   string
	span   int
	vmerge string
	inner  string // the XML of a nested table, if any
}

// docx writes a Word document the way Word does, for tests.
type docx struct {
	body  strings.Builder
	parts map[string]string // extra parts to add or replace
}

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func runs(text string) string {
	var b strings.Builder
	for i, line := range strings.Split(text, "\v") { // \v: a line break inside the paragraph
		if i > 0 {
			b.WriteString(`<w:r><w:br/></w:r>`)
		}
		fmt.Fprintf(&b, `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, esc(line))
	}
	return b.String()
}

// para writes a paragraph in style (a style id, "" for Normal).
func (d *docx) para(text, style string) {
	d.body.WriteString(paraXML(text, style))
}

func paraXML(text, style string) string {
	ppr := ""
	if style != "" {
		ppr = fmt.Sprintf(`<w:pPr><w:pStyle w:val="%s"/></w:pPr>`, style)
	}
	return fmt.Sprintf(`<w:p w:rsidR="00A1">%s%s</w:p>`, ppr, runs(text))
}

// pageBreak writes a paragraph holding only a page break, with the
// break Word renders after it.
func (d *docx) pageBreak() {
	d.body.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
}

func (d *docx) raw(x string) { d.body.WriteString(x) }

// table writes a table on a grid of width columns.
func (d *docx) table(width int, rows [][]tc) { d.body.WriteString(tableXML(width, rows)) }

func tableXML(width int, rows [][]tc) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="a3"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>`)
	for range width {
		b.WriteString(`<w:gridCol w:w="1200"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, row := range rows {
		b.WriteString(`<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>`)
		for _, c := range row {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="1200" w:type="dxa"/>`)
			if c.span > 1 {
				fmt.Fprintf(&b, `<w:gridSpan w:val="%d"/>`, c.span)
			}
			switch c.vmerge {
			case "restart":
				b.WriteString(`<w:vMerge w:val="restart"/>`)
			case "continue":
				b.WriteString(`<w:vMerge/>`)
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			b.WriteString(c.inner)
			for _, p := range strings.Split(c.text, "\n") {
				b.WriteString(paraXML(p, ""))
			}
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

const (
	nsW      = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	docStart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="` + nsW + `" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body>`
	docEnd = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
	// styles as a Chinese Word writes them: heading 1 has the id "1"
	stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:styles xmlns:w="` + nsW + `"><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>` +
		`<w:style w:type="paragraph" w:customStyle="1" w:styleId="10"><w:name w:val="表标题"/><w:basedOn w:val="1"/></w:style></w:styles>`
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
)

// partNames are the parts of a document, in the order Word writes them.
var partNames = []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"}

// bytes zips the document.
func (d *docx) bytes(t testing.TB) []byte {
	t.Helper()
	return ziptest.Zip(t, zip.Deflate, ziptest.Ordered(d.partMap(), partNames...)...)
}

// stored zips the document's own parts without compression, as fuzzing
// seeds: a mutation then changes the XML itself.
func (d *docx) stored(t testing.TB) []byte {
	t.Helper()
	parts := d.partMap()
	var out []ziptest.Part
	for _, name := range partNames {
		out = append(out, ziptest.Part{Name: name, Body: parts[name]})
	}
	return ziptest.Zip(t, zip.Store, out...)
}

func (d *docx) partMap() map[string]string {
	parts := map[string]string{
		"[Content_Types].xml": contentTypes,
		"_rels/.rels":         rootRels,
		"word/document.xml":   docStart + d.body.String() + docEnd,
		"word/styles.xml":     stylesXML,
	}
	for k, v := range d.parts {
		parts[k] = v
	}
	return parts
}
