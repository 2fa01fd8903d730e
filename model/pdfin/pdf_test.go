package pdfin

import (
	"bytes"
	"fmt"
	"strings"
)

// testPDF builds small PDF files for the tests: objects in order, a
// cross-reference table with right offsets, uncompressed streams.
type testPDF struct {
	objs []string
}

// add appends an object and returns its number.
func (p *testPDF) add(body string) int {
	p.objs = append(p.objs, body)
	return len(p.objs)
}

// stream appends a stream object with the given dictionary entries.
func (p *testPDF) stream(dict, data string) int {
	return p.add(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
}

// bytes writes the file with the given catalog object.
func (p *testPDF) bytes(root int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(p.objs))
	for i, o := range p.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(p.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(p.objs)+1, root, xref)
	return b.Bytes()
}

// testPage is one page of a test document.
type testPage struct {
	content string
	// resources is the /Resources dictionary; "" gives the standard fonts
	// /F1 (Helvetica) and /F2 (a Type0 font with a ToUnicode map).
	resources string
	// extra page dictionary entries ("/Rotate 90").
	extra string
	// image adds a gray image /Im1 to the resources.
	image bool
}

// buildPDF makes a document of A4 pages.
func buildPDF(pages ...testPage) []byte {
	p := &testPDF{}
	catalog := p.add("") // filled in below
	pagesObj := p.add("")
	helv := p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	// A Type0 font: codes 0x0001.. are CIDs; widths 1000 for CJK, 500 for digits.
	cmap := p.stream("", strings.Join([]string{
		"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
		"1 begincodespacerange <0000> <FFFF> endcodespacerange",
		"2 beginbfchar <0001> <6536> <0002> <5165> endbfchar",            // 收 入
		"1 beginbfrange <0010> <0019> <0030> endbfrange",                 // digits 0-9
		"1 beginbfrange <0020> <0022> [<002E> <002C> <8868>] endbfrange", // . , 表
		"endcmap CMapName currentdict /CMap defineresource pop end end",
	}, "\n"))
	desc := p.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [16 [500 500 500 500 500 500 500 500 500 500] 32 33 250] >>")
	cid := p.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, cmap))
	defaultRes := fmt.Sprintf("<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>", helv, cid)
	var kids []string
	for _, pg := range pages {
		res := pg.resources
		if res == "" {
			res = defaultRes
		}
		if pg.image {
			img := p.stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x80\x80\x80\x80")
			res = fmt.Sprintf("<< /Font << FONTS >> /XObject << /Im1 %d 0 R >> >>", img)
		}
		res = strings.ReplaceAll(res, "FONTS", fmt.Sprintf("/F1 %d 0 R /F2 %d 0 R", helv, cid))
		content := p.stream("", pg.content)
		page := p.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R %s >>", pagesObj, res, content, pg.extra))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	p.objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	p.objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return p.bytes(catalog)
}

// helloPDF is a one-page document with a line of text and an amount.
func helloPDF() []byte {
	return buildPDF(testPage{content: "BT /F1 12 Tf 72 700 Td (Budget 2026) Tj 0 -20 Td (1,234.56) Tj ET"})
}
