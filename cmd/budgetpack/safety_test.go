package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
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
	pack := filepath.Join(dir, "r-公开版.xlsx") // the 公开版 of r.txt, edited
	copyFile(t, henan, txt)
	os.WriteFile(pack, []byte("edited in Excel"), 0o644)
	copyFile(t, henan, filepath.Join(dir, "a", "x.txt"))
	copyFile(t, henan, filepath.Join(dir, "b", "X.txt"))
	ro := filepath.Join(dir, "ro")
	copyFile(t, henan, filepath.Join(ro, "in", "y.txt"))
	os.WriteFile(filepath.Join(ro, "y-公开版.pdf"), []byte("signed copy"), 0o444)
	before := files(t, dir)

	tests := []struct {
		args []string
		want string
	}{
		// the pack rendered from r.txt would replace the edited r-公开版.xlsx
		{[]string{"render", "-o", dir, txt, pack}, "r-公开版.xlsx: 输出会覆盖输入文件"},
		// a/x.txt and b/X.txt both make out/x.xlsx
		{[]string{"render", "-o", filepath.Join(dir, "out"), filepath.Join(dir, "a", "x.txt"), filepath.Join(dir, "b", "X.txt")}, "both inputs would write this file"},
		{[]string{"render", "-o", ro, filepath.Join(ro, "in", "y.txt")}, "y-公开版.pdf: 已存在且为只读文件"},
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
	if strings.Join(got, " ") != stem+"-公开版.pdf "+stem+"-公开版.xlsx "+stem+"-审核版.pdf "+stem+"-审核版.xlsx" {
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

func TestInputLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	data, _ := os.ReadFile(henan)
	os.WriteFile(big, bytes.Repeat(data, 80), 0o644) // about 2.5 MB
	// a folder is read for its documents; one without any is an input error
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"parse", dir}, exitInput, "不是普通文件（文件夹 folder）"},
		{[]string{"check", empty}, exitInput, "不是普通文件（文件夹 folder）"},
		{[]string{"check", "--max-size", "1", big}, exitInput, "文件太大：2.5 MB，上限 1.0 MB"},
		{[]string{"render", "-o", filepath.Join(dir, "out"), "--max-size", "1", big}, exitInput, "--max-size"},
		{[]string{"check", "--max-size", "0", big}, exitUsage, "--max-size"},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct {
			args []string
			code int
			want string
		}{[]string{"parse", "/dev/zero"}, exitInput, "/dev/zero: 不是普通文件（设备 device）"})
	}
	for _, tt := range tests {
		code, _, errs := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) || len(errs) > 400 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
	if got := files(t, dir); strings.Join(got, " ") != "big.txt" {
		t.Errorf("left %v", got)
	}
}

func TestTemplatesWithoutCommon(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "../../templates/henan-2023.yaml", filepath.Join(dir, "henan-2023.yaml"))
	for _, args := range [][]string{{"check", "--templates", dir, henan}, {"templates", "--templates", dir}} {
		code, _, errs := runCmd(args...)
		if code != exitUsage || !strings.Contains(errs, "缺少 common.yaml") {
			t.Errorf("%v: exit %d, %s", args[:1], code, errs)
		}
	}
}

func TestRenderBadFontUpFront(t *testing.T) {
	dir := t.TempDir()
	font := filepath.Join(dir, "song.ttf")
	os.WriteFile(font, []byte("not a font at all"), 0o644)
	out := filepath.Join(dir, "out")
	code, stdout, errs := runCmd("render", "-o", out, "--font", font, henan)
	if code != exitInput || !strings.Contains(errs, "--font") || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the output folder was made: %v", err)
	}
}
