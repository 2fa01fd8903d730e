package parse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/model"
)

// TestPDFWithoutPoppler reads published PDFs with no program to call: the
// PDF reader is Go only. The recognizer may not yet know every province's
// tables; what is asserted is that reading the file itself succeeds.
func TestPDFWithoutPoppler(t *testing.T) {
	t.Setenv("PATH", "")
	files, _ := filepath.Glob("../../../shared/corpus/*.pdf")
	if len(files) == 0 {
		t.Skip("corpus not present")
	}
	for _, f := range files[:min(len(files), 3)] {
		doc, err := File(f, Options{})
		if err == nil {
			if len(doc.Tables) == 0 {
				t.Errorf("%s: no tables", f)
			}
			continue
		}
		var ie *model.InputError
		if !errors.As(err, &ie) {
			t.Fatalf("%s: %v", f, err)
		}
		if strings.Contains(ie.Msg, "PDF") || strings.Contains(ie.Msg, "页") {
			t.Errorf("%s: the PDF reader failed: %v", f, err)
		}
	}
	// A file that is not a PDF inside is refused by the reader, exit 3.
	bad := filepath.Join(t.TempDir(), "bad.pdf")
	if err := os.WriteFile(bad, []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := File(bad, Options{})
	var ie *model.InputError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "已损坏") {
		t.Errorf("damaged PDF: %v", err)
	}
}
