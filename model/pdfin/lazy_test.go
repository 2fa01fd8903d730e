package pdfin

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// compressedPDF rewrites a PDF with object streams and a cross-reference
// stream.
func compressedPDF(data []byte) ([]byte, error) {
	model.ConfigPath = "disable"
	conf := model.NewDefaultConfiguration()
	conf.WriteObjectStream = true
	conf.WriteXRefStream = true
	var out bytes.Buffer
	if err := api.Optimize(bytes.NewReader(data), &out, conf); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// pagesWith reads the pages with the fast object layer or with pdfcpu's.
func pagesWith(t *testing.T, data []byte, fast bool) (any, error) {
	t.Helper()
	defer func(f bool) { fastLayer = f }(fastLayer)
	fastLayer = fast
	return Pages(data)
}

// TestFastLayer: the fast object layer opens classic and compressed files
// and reads the same pages as pdfcpu's.
func TestFastLayer(t *testing.T) {
	hello := helloPDF()
	compressed, err := compressedPDF(hello)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"classic": hello, "compressed": compressed}
	for name, data := range files {
		if _, err := openFast(data); err != nil {
			t.Errorf("%s: the fast layer does not open it: %v", name, err)
		}
	}
	if _, err := openFast(encrypt(t, hello, "", "owner")); err == nil {
		t.Error("the fast layer opens an encrypted file")
	}
	if _, err := os.Stat(corpusDir); err == nil {
		for _, f := range corpusPDFs(t) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			files[filepath.Base(f)] = data
		}
	}
	for name, data := range files {
		fast, err1 := pagesWith(t, data, true)
		slow, err2 := pagesWith(t, data, false)
		if (err1 == nil) != (err2 == nil) || !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s: the fast layer reads other pages than pdfcpu (errors %v, %v)", name, err1, err2)
		}
	}
}

// TestFastLayerDamaged: objects nested too deep, a chain of streams each
// needing the next for its length, and a reference loop read as missing,
// neither hanging nor panicking.
func TestFastLayerDamaged(t *testing.T) {
	p := &testPDF{}
	cat := p.add("")
	pagesObj := p.add("")
	deep := p.add(strings.Repeat("<< /A [", 200) + "1 0 R")
	loop := p.add(fmt.Sprintf("%d 0 R", len(p.objs)+1))
	p.add(fmt.Sprintf("%d 0 R", loop))
	first := len(p.objs) + 1
	for i := 0; i < 200; i++ {
		p.add(fmt.Sprintf("<< /Length %d 0 R >>\nstream\nxyz\nendstream", first+i+1))
	}
	p.add("3")
	content := p.stream("", "BT /F1 12 Tf 72 700 Td (x) Tj ET")
	helv := p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	page := p.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R /D %d 0 R /L %d 0 R /S %d 0 R >>", pagesObj, helv, content, deep, loop, first))
	p.objs[cat-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	p.objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page)
	data := p.bytes(cat)
	o, err := openFast(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= len(p.objs); i++ {
		if s, ok := o.resolve(ref{i, 0}).(*stream); ok {
			if _, err := o.data(s, maxStreamBytes); err != nil {
				t.Errorf("object %d: %v", i, err)
			}
		}
	}
	if o.resolve(ref{loop, 0}) != nil {
		t.Error("a reference loop reads as a value")
	}
	if _, err := Pages(data); err != nil {
		t.Error(err)
	}
}
