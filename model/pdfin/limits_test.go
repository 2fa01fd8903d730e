package pdfin

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// deflated compresses data for a /FlateDecode stream.
func deflated(data []byte) string {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.String()
}

// bombPDF is a one-page document whose content stream inflates to n bytes.
func bombPDF(n int) []byte {
	p := &testPDF{}
	cat := p.add("")
	pagesObj := p.add("")
	content := p.stream("/Filter /FlateDecode", deflated(bytes.Repeat([]byte("0 0 m "), n/6)))
	page := p.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>", pagesObj, content))
	p.objs[cat-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	p.objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page)
	return p.bytes(cat)
}

func TestLimits(t *testing.T) {
	manyOps := strings.Repeat("q Q ", maxOps/2+10)
	selfForm := func() []byte {
		// A form that draws itself: the nesting stops at maxFormDepth.
		p := &testPDF{}
		cat := p.add("")
		pagesObj := p.add("")
		helv := p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
		form := p.add("") // filled below, it refers to itself
		content := p.stream("", "/X1 Do")
		page := p.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X1 %d 0 R >> >> /Contents %d 0 R >>", pagesObj, form, content))
		body := "BT /F1 10 Tf 72 700 Td (x) Tj ET /X1 Do /X1 Do"
		p.objs[form-1] = fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> /XObject << /X1 %d 0 R >> >> /Length %d >>\nstream\n%s\nendstream", helv, form, len(body), body)
		p.objs[cat-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
		p.objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page)
		return p.bytes(cat)
	}
	tests := []struct {
		name string
		data []byte
		want string // "" for no error
	}{
		{"a content stream inflating past the limit", bombPDF(maxStreamBytes * 16), "(page 1 holds more content than the reader's limits)"},
		{"too many operators", buildPDF(testPage{content: manyOps}), "第 1 页内容过多"},
		// Each level draws the form twice: 2^12 draws, within the operator
		// count, of one glyph at one place.
		{"a form drawing itself", selfForm(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := Pages(tt.data)
			runtime.ReadMemStats(&after)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("error = %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error = %v, want it to say %q", err, tt.want)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3*maxStreamBytes {
				t.Errorf("allocated %d MB", alloc>>20)
			}
		})
	}
}
