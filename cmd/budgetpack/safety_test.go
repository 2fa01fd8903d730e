package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// files lists every file under dir, relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(to), 0o755)
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRenderRefusesUpFront(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "r.txt")
	pack := filepath.Join(dir, "r.xlsx")
	copyFile(t, henan, txt)
	os.WriteFile(pack, []byte("edited in Excel"), 0o644)
	copyFile(t, henan, filepath.Join(dir, "a", "x.txt"))
	copyFile(t, henan, filepath.Join(dir, "b", "X.txt"))
	ro := filepath.Join(dir, "ro")
	copyFile(t, henan, filepath.Join(ro, "in", "y.txt"))
	os.WriteFile(filepath.Join(ro, "y.pdf"), []byte("signed copy"), 0o444)
	before := files(t, dir)

	tests := []struct {
		args []string
		want string
	}{
		// the pack rendered from r.txt would replace the edited r.xlsx
		{[]string{"render", "-o", dir, txt, pack}, "r.xlsx: 输出会覆盖输入文件"},
		// a/x.txt and b/X.txt both make out/x.xlsx
		{[]string{"render", "-o", filepath.Join(dir, "out"), filepath.Join(dir, "a", "x.txt"), filepath.Join(dir, "b", "X.txt")}, "both inputs would write this file"},
		{[]string{"render", "-o", ro, filepath.Join(ro, "in", "y.txt")}, "y.pdf: 已存在且为只读文件"},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(tt.args...)
		if code != exitUsage || !strings.Contains(errs, tt.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tt.args[3:], code, out, errs, tt.want)
		}
	}
	if after := files(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
		t.Errorf("files before %v, after %v", before, after)
	}
	if b, _ := os.ReadFile(pack); string(b) != "edited in Excel" {
		t.Error("the edited workbook was overwritten")
	}
}

func TestRenderLongName(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in", strings.Repeat("部", 80)+".txt") // 244 bytes; the pdf's name is 244
	copyFile(t, henan, in)
	out := filepath.Join(dir, "out")
	code, _, errs := runCmd("render", "-o", out, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got := files(t, out)
	stem := strings.Repeat("部", 80)
	if strings.Join(got, " ") != stem+".pdf "+stem+".xlsx" {
		t.Errorf("out holds %v", got)
	}
}

func TestCheckBadModelJSON(t *testing.T) {
	code, out, errs := runCmd("parse", henan)
	if code != 0 {
		t.Fatal(errs)
	}
	bad := strings.Replace(out, `"tables": [`, `"tables": [{"kind": "x", "title": "x", "unit": "", "columns": [], "rows": [], "remarks": [{"text": "x", "line": 1, "row": -1}], "line": 1},`, 1)
	path := filepath.Join(t.TempDir(), "m.json")
	os.WriteFile(path, []byte("\ufeff"+bad), 0o644)
	code, _, errs = runCmd("check", path)
	if code != exitInput || !strings.Contains(errs, "tables[0].remarks[0].row") || strings.Contains(errs, "panic") {
		t.Errorf("exit %d: %s", code, errs)
	}
	os.WriteFile(path, []byte("\ufeff"+out), 0o644)
	if code, _, errs = runCmd("check", path); code > exitFindings {
		t.Errorf("a model JSON with a BOM: exit %d: %s", code, errs)
	}
}
