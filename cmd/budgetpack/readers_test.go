package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"budgetpack/internal/ziptest"
)

// zipped writes a zip of parts; a part named in big unpacks to 200 MB.
func zipped(t *testing.T, parts map[string]string, big string) []byte {
	t.Helper()
	if big == "" {
		return ziptest.Zip(t, zip.Deflate, ziptest.Ordered(parts)...)
	}
	return ziptest.Bomb(t, ziptest.Big{Name: big, Fill: " ", Size: 200 << 20}, ziptest.Ordered(parts)...)
}

// TestUnreadableContainers: a zip bomb named .docx or .xlsx and a zip of
// something else named .docx are refused quickly, with exit 3.
func TestUnreadableContainers(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		want []string
	}{
		{"docx bomb", write("bomb.docx", zipped(t, map[string]string{"[Content_Types].xml": "<Types/>"}, "word/document.xml")), []string{"bomb.docx", "解压后超过"}},
		{"xlsx bomb", write("bomb.xlsx", zipped(t, map[string]string{"xl/workbook.xml": "<workbook/>"}, "xl/worksheets/sheet1.xml")), []string{"bomb.xlsx", "解压后超过"}},
		{"renamed zip", write("report.docx", zipped(t, map[string]string{"notes.txt": "hello"}, "")), []string{"report.docx", "ZIP 压缩包", "word/document.xml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			code, out, errs := runCmd("parse", tt.path)
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("took %v", el)
			}
			if code != 3 || out != "" {
				t.Errorf("exit %d, stdout %q", code, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q lacks %q", errs, w)
				}
			}
		})
	}
}
