package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// splitSeed writes the Hebei seed as a department that publishes its
// explanation and its tables apart: dir/工信局.txt (说明) and
// dir/工信局-附表.txt (the tables).
func splitSeed(t *testing.T, dir string) (prose, tables string) {
	t.Helper()
	data, err := os.ReadFile(hebei)
	if err != nil {
		t.Fatal(err)
	}
	cut := bytes.Index(data, []byte("\n第一部分"))
	if cut < 0 {
		t.Fatal("no 第一部分 in the seed")
	}
	prose, tables = filepath.Join(dir, "工信局.txt"), filepath.Join(dir, "工信局-附表.txt")
	if err := os.WriteFile(tables, data[:cut+1], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prose, data[cut+1:], 0o644); err != nil {
		t.Fatal(err)
	}
	return prose, tables
}

// TestRenderJoined: "说明+附表" is one document, with the findings of the
// whole seed, places in either file, and outputs named after the first.
func TestRenderJoined(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	prose, _ := splitSeed(t, in)
	pair := prose + "+工信局-附表.txt"
	code, stdout, stderr := runCmd("render", "-o", out, "--format", "xlsx", pair)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, pack := range []string{"公开版", "审核版"} {
		p := filepath.Join(out, "工信局-"+pack+".xlsx")
		if _, err := os.Stat(p); err != nil || !strings.Contains(stdout, p) {
			t.Errorf("%s not written: %v\n%s", p, err, stdout)
		}
	}
	if got := files(t, out); len(got) != 2 {
		t.Errorf("outputs %v, want the two packs", got)
	}
	// the same findings as the whole seed, each place naming its file
	_, whole, _ := runCmd("check", hebei)
	code, joined, stderr := runCmd("check", pair)
	if code != exitFindings {
		t.Fatalf("check exit %d: %s", code, stderr)
	}
	count := func(s string) string { return strings.SplitN(s, "\n", 4)[2] }
	if count(whole) != count(joined) {
		t.Errorf("findings: whole %q, joined %q", count(whole), count(joined))
	}
	if !strings.Contains(joined, "（工信局-附表.txt 第 557 行）") || !strings.Contains(joined, "工信局.txt 第 ") {
		t.Errorf("places should name each file:\n%s", joined)
	}
	// parse takes a pair too
	if code, stdout, stderr := runCmd("parse", pair); code != 0 || !strings.Contains(stdout, `"file": "工信局-附表.txt"`) {
		t.Errorf("parse exit %d: %s", code, stderr)
	}
}

// TestJoinedErrors: both files are needed; the message names the one that
// cannot be read, and nothing is written.
func TestJoinedErrors(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	prose, tables := splitSeed(t, in)
	os.WriteFile(filepath.Join(in, "坏.txt"), []byte("这不是预算公开文件。\n"), 0o644)
	for _, tc := range []struct{ arg, names string }{
		{prose + "+缺少.txt", filepath.Join(in, "缺少.txt") + ": 无法读取文件"},
		{filepath.Join(in, "无.txt") + "+工信局-附表.txt", filepath.Join(in, "无.txt") + ": 无法读取文件"},
		{tables + "+坏.txt", filepath.Join(in, "坏.txt") + ": "},
	} {
		for _, cmd := range []string{"render", "check", "parse"} {
			args := []string{cmd, tc.arg}
			if cmd == "render" {
				args = []string{cmd, "-o", out, tc.arg}
			}
			code, _, stderr := runCmd(args...)
			if code != exitInput || !strings.Contains(stderr, tc.names) {
				t.Errorf("%s %s: exit %d, %q; want 3 naming %s", cmd, tc.arg, code, stderr, tc.names)
			}
		}
	}
	if got := files(t, out); len(got) != 0 {
		t.Errorf("written: %v", got)
	}
	// the second file of a pair is an input too: no output may replace it
	victim := filepath.Join(in, "工信局-公开版.xlsx")
	copyFile(t, tables, victim)
	before, _ := os.ReadFile(victim)
	code, _, stderr := runCmd("render", "-o", in, "--format", "xlsx", prose+"+工信局-公开版.xlsx")
	if after, _ := os.ReadFile(victim); code != exitUsage || !strings.Contains(stderr, "覆盖输入文件") || !bytes.Equal(before, after) {
		t.Errorf("render over the second input: exit %d, %s", code, stderr)
	}
}

// TestBatchJoinsAttachments: in a folder, X-附表.txt is read with X.txt
// as one document, beside the other files, with any number of workers.
func TestBatchJoinsAttachments(t *testing.T) {
	in := t.TempDir()
	prose, tables := splitSeed(t, in)
	copyFile(t, henan, filepath.Join(in, "河南（附件）.txt")) // no 河南.txt: read alone
	var first string
	for _, jobs := range []string{"1", "3"} {
		out := t.TempDir()
		code, stdout, stderr := runCmd("render", "-j", jobs, "-o", out, "--format", "xlsx", in)
		if code != 0 {
			t.Fatalf("-j %s: exit %d: %s", jobs, code, stderr)
		}
		if !strings.Contains(stderr, "共 2 个文件") || !strings.Contains(stderr, "生成 2 套") {
			t.Errorf("-j %s summary:\n%s", jobs, stderr)
		}
		want := []string{"工信局-公开版.xlsx", "工信局-审核版.xlsx", "河南（附件）-公开版.xlsx", "河南（附件）-审核版.xlsx"}
		if got := files(t, out); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("-j %s outputs %v, want %v", jobs, got, want)
		}
		stdout = strings.ReplaceAll(stdout, out, "OUT")
		if first == "" {
			first = stdout
		} else if stdout != first {
			t.Errorf("-j %s prints\n%s\nnot\n%s", jobs, stdout, first)
		}
	}
	_, stdout, _ := runCmd("check", in)
	if !strings.Contains(stdout, prose+"+"+tables+"\n") {
		t.Errorf("check of the folder should name the pair:\n%s", stdout)
	}
}
