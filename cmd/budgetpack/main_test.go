package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	hebei = "../../testdata/hebei-xushui-gongxin-2024.txt"
	henan = "../../testdata/henan-hongqi-gongxin-2023.txt"
)

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestParseSeeds(t *testing.T) {
	for _, src := range []string{hebei, henan} {
		code, out, errs := runCmd("parse", src)
		if code != 0 {
			t.Fatalf("parse %s: exit %d: %s", src, code, errs)
		}
		var doc struct {
			Tables []struct {
				Kind    string `json:"kind"`
				Columns []any  `json:"columns"`
				Rows    []struct {
					Code   string             `json:"code"`
					Values map[string]*string `json:"values"`
				} `json:"rows"`
			} `json:"tables"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("parse %s printed no JSON: %v", src, err)
		}
		if len(doc.Tables) < 12 {
			t.Errorf("parse %s: %d tables", src, len(doc.Tables))
		}
	}
}

func TestParseJSONInput(t *testing.T) {
	_, first, _ := runCmd("parse", hebei)
	path := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(path, []byte(first), 0o644); err != nil {
		t.Fatal(err)
	}
	code, second, errs := runCmd("parse", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if first != second {
		t.Error("parse of the model JSON differs from the model")
	}
}

func TestExitCodesAndMessages(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", "")
	binary := write("binary.docx", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")
	seed, err := os.ReadFile(hebei)
	if err != nil {
		t.Fatal(err)
	}
	money := write("money.txt", strings.Replace(string(seed), "\t1673.35\n", "\t一千六百\n", 1))
	noTable := write("notable.txt", "\t甲\n\t乙\n\n\t丙\n\t丁\n")
	lines := strings.Split(string(seed), "\n")
	cut := write("cut.txt", strings.Join(lines[:301], "\n")+"\n")
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		// no command at all opens the page: TestNoArgumentsServes
		{"unknown command", []string{"frobnicate"}, 2, []string{"未知命令"}},
		{"parse without a file", []string{"parse"}, 2, []string{"需要一个输入文件"}},
		{"unknown flag", []string{"parse", "--nope", hebei}, 2, []string{"unknown flag"}},
		{"bad layout", []string{"parse", "--layout", "odt", hebei}, 2, []string{"--layout"}},
		{"unknown family", []string{"parse", "--family", "shanxi-2030", hebei}, 3, []string{"没有格式模板"}},
		{"missing file", []string{"parse", filepath.Join(dir, "nope.txt")}, 3, []string{"nope.txt", "无法读取文件"}},
		{"empty file", []string{"parse", empty}, 3, []string{"empty.txt", "文件为空"}},
		{"binary file", []string{"parse", binary}, 3, []string{"binary.docx", "ZIP 压缩包", "已损坏"}},
		{"text in a money column", []string{"parse", money}, 3, []string{"money.txt:24", "[部门预算收支总表]", "一千六百"}},
		{"no recognizable table", []string{"parse", noTable}, 3, []string{"notable.txt", "未找到可识别的预算表"}},
		{"table cut off mid-row", []string{"parse", cut}, 3, []string{"cut.txt:301", "[部门预算收入总表]", "表格在此行中断"}},
		{"help", []string{"help"}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errs)
			}
			if tt.code != 0 && out != "" {
				t.Errorf("a failed command printed to stdout: %q", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q lacks %q", errs, w)
				}
			}
		})
	}
}

func TestParseFix(t *testing.T) {
	code, out, errs := runCmd("parse", "--fix", "balance", hebei)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// the balanced model keeps 2060199's total and moves the rounding
	// difference into its 基本支出
	if !strings.Contains(out, `"basic": "530.21"`) || !strings.Contains(out, `"total": "577.87"`) {
		t.Error("parse --fix balance did not print the balanced figure 530.21")
	}
	if code, _, _ := runCmd("parse", "--fix=maybe", hebei); code != 2 {
		t.Errorf("parse --fix=maybe: exit %d, want 2", code)
	}
}

func TestTemplatesCommand(t *testing.T) {
	code, out, _ := runCmd("templates")
	if code != 0 || !strings.Contains(out, "hebei-2024") || !strings.Contains(out, "henan-2023") || !strings.Contains(out, "部门收支总体情况表") {
		t.Errorf("templates: exit %d\n%s", code, out)
	}
}

func TestCommandHelp(t *testing.T) {
	for _, cmd := range []string{"parse", "check", "render", "templates"} {
		code, out, errs := runCmd(cmd, "--help")
		if code != 0 || !strings.Contains(out, "用法 (usage): budgetpack "+cmd) || errs != "" {
			t.Errorf("%s --help: exit %d, stdout %q, stderr %q", cmd, code, out, errs)
		}
	}
}
