package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// batchInputs makes a folder with copies of both seeds, a sub-folder, a
// file that cannot be read as a budget, a hidden file and a file of
// another type, and returns it.
func batchInputs(t *testing.T, copies int) string {
	t.Helper()
	in := t.TempDir()
	for _, seed := range []string{hebei, henan} {
		data, err := os.ReadFile(seed)
		if err != nil {
			t.Fatal(err)
		}
		stem := strings.TrimSuffix(filepath.Base(seed), ".txt")
		for i := range copies {
			dir := in
			if i%2 == 1 {
				dir = filepath.Join(in, "sub")
				os.MkdirAll(dir, 0o755)
			}
			if err := os.WriteFile(filepath.Join(dir, stem+"-"+string(rune('a'+i))+".txt"), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	os.WriteFile(filepath.Join(in, "bad.txt"), []byte("这不是预算公开文件。\nnot a budget\n"), 0o644)
	os.WriteFile(filepath.Join(in, ".hidden.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(in, "notes.md"), []byte("x"), 0o644)
	return in
}

// treeFiles reads every file under dir, by path relative to dir.
func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = data
		}
		return nil
	})
	return out
}

// TestBatchMatchesSequential renders a folder with one worker and with
// four: the same files byte for byte, the same stdout (with the output
// folder's name replaced), the bad file listed and the exit code 3, and
// every good file rendered although one failed.
func TestBatchMatchesSequential(t *testing.T) {
	in := batchInputs(t, 3)
	type run struct {
		code     int
		out, err string
		files    map[string][]byte
	}
	var runs []run
	for _, j := range []string{"1", "4"} {
		dir := t.TempDir()
		code, out, errs := runCmd("render", "-j", j, "-o", dir, in)
		runs = append(runs, run{code, strings.ReplaceAll(out, dir, "OUT"), errs, treeFiles(t, dir)})
	}
	seq, par := runs[0], runs[1]
	if seq.code != exitInput || par.code != exitInput {
		t.Errorf("exit codes %d and %d, want %d (one file failed)", seq.code, par.code, exitInput)
	}
	if seq.out != par.out {
		t.Errorf("stdout differs:\n-j 1:\n%s\n-j 4:\n%s", seq.out, par.out)
	}
	if len(seq.files) != 2*3*2*2 { // 2 seeds × 3 copies × 公开版/审核版 × xlsx/pdf
		var names []string
		for n := range seq.files {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Errorf("wrote %d files, want 24: %v", len(seq.files), names)
	}
	for name, data := range seq.files {
		if !bytes.Equal(data, par.files[name]) {
			t.Errorf("%s differs between -j 1 and -j 4", name)
		}
	}
	for _, r := range runs {
		if !strings.Contains(r.err, "bad.txt") || !strings.Contains(r.err, "失败 1 个文件") || !strings.Contains(r.err, "生成 6 套") {
			t.Errorf("summary does not list the failure or the packs:\n%s", r.err)
		}
		if strings.Contains(r.err, "hidden") || strings.Contains(r.err, "notes.md") {
			t.Errorf("a hidden file or a file of another type was taken:\n%s", r.err)
		}
	}
}

// TestCheckBatch checks a folder with four workers: the reports in input
// order, the same as with one, and the summary's counts.
func TestCheckBatch(t *testing.T) {
	in := batchInputs(t, 2)
	c1, o1, _ := runCmd("check", "-j", "1", "--json", in)
	c4, o4, e4 := runCmd("check", "-j", "4", "--json", in)
	if o1 != o4 || c1 != c4 {
		t.Errorf("-j 4 differs from -j 1 (exit %d, %d)", c1, c4)
	}
	if c4 != exitInput {
		t.Errorf("exit %d, want %d", c4, exitInput)
	}
	if !strings.Contains(e4, "核对 4 个文件，差异：错误 8") {
		t.Errorf("summary:\n%s", e4)
	}
	if strings.Index(o4, "hebei-xushui-gongxin-2024-a") > strings.Index(o4, "henan-hongqi-gongxin-2023-a") {
		t.Error("reports not in input order")
	}
}

// TestSameOutputNames refuses, before anything is written, two inputs
// whose outputs would have the same names.
func TestSameOutputNames(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	data, _ := os.ReadFile(henan)
	os.WriteFile(filepath.Join(a, "x.txt"), data, 0o644)
	os.WriteFile(filepath.Join(b, "x.txt"), data, 0o644)
	code, _, errs := runCmd("render", "--format", "xlsx", "-o", t.TempDir(), filepath.Join(a, "x.txt"), filepath.Join(b, "x.txt"))
	if code != exitUsage || !strings.Contains(errs, "同一个输出文件") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// TestPanicFailsOneFile: a panic while working on one file fails that
// file only.
func TestPanicFailsOneFile(t *testing.T) {
	var out, errs bytes.Buffer
	outs := runBatch([]string{"a", "b", "c"}, 2, &out, &errs, func(path string, o *outcome) {
		if path == "b" {
			panic("boom")
		}
		o.done = true
		fmt.Fprintln(&o.out, path)
	})
	if got := out.String(); got != "a\nc\n" {
		t.Errorf("stdout %q", got)
	}
	if batchCode(outs) != exitInput || !strings.Contains(errs.String(), "boom") || outs[1].reason == "" {
		t.Errorf("the panic was not reported as b's failure: %s", errs.String())
	}
}
