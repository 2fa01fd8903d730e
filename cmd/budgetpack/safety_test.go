package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"budgetpack/render/grid"
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
		{[]string{"parse", "/dev/zero"}, exitInput, "/dev/zero: 不是普通文件（设备 device）"},
		{[]string{"check", empty}, exitInput, "不是普通文件（文件夹 folder）"},
		{[]string{"check", "--max-size", "1", big}, exitInput, "文件太大：2.5 MB，上限 1.0 MB"},
		{[]string{"render", "-o", filepath.Join(dir, "out"), "--max-size", "1", big}, exitInput, "--max-size"},
		{[]string{"check", "--max-size", "0", big}, exitUsage, "--max-size"},
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

// TestRenderInterrupted runs render in a child process whose xlsx writer
// stalls after its first bytes, stops it with SIGTERM or SIGINT, and
// looks for what it left.
func TestRenderInterrupted(t *testing.T) {
	if out := os.Getenv("BUDGETPACK_INTERRUPT_OUT"); out != "" {
		writers["xlsx"] = func(w io.Writer, _ *grid.Book, _ string) error {
			io.WriteString(w, "PK partial")
			os.WriteFile(filepath.Join(filepath.Dir(out), "ready"), nil, 0o644)
			time.Sleep(time.Minute)
			return nil
		}
		os.Exit(run([]string{"render", "-o", out, "--format", "xlsx", henan}, io.Discard, io.Discard))
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		os.MkdirAll(out, 0o755)
		os.WriteFile(filepath.Join(out, "henan-hongqi-gongxin-2023.xlsx"), []byte("the previous pack"), 0o644)
		cmd := exec.Command(os.Args[0], "-test.run=^TestRenderInterrupted$")
		cmd.Env = append(os.Environ(), "BUDGETPACK_INTERRUPT_OUT="+out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			if _, err := os.Stat(filepath.Join(dir, "ready")); err == nil {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("render never started writing")
			}
			time.Sleep(10 * time.Millisecond)
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 128+int(sig) {
			t.Errorf("%v: render ended with %v, want exit %d", sig, err, 128+int(sig))
		}
		if got := files(t, out); strings.Join(got, " ") != "henan-hongqi-gongxin-2023.xlsx" {
			t.Errorf("%v: out holds %v", sig, got)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "henan-hongqi-gongxin-2023.xlsx")); string(b) != "the previous pack" {
			t.Errorf("%v: the previous pack was replaced", sig)
		}
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
