package pdfin

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
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
