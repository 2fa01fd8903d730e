package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestRenderSeeds(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCmd("render", "-o", dir, "--format", "xlsx", hebei, henan)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, stem := range []string{"hebei-xushui-gongxin-2024", "henan-hongqi-gongxin-2023"} {
		path := filepath.Join(dir, stem+"-审核版.xlsx")
		if !strings.Contains(out, path) {
			t.Errorf("stdout does not name %s: %s", path, out)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		f.Close()
		if sheets[0] != "目录" || sheets[len(sheets)-1] != "差异附录" {
			t.Errorf("%s sheets = %v", stem, sheets)
		}
		min := map[string]int{"hebei-xushui-gongxin-2024": 1 + 9 + 12 + 2, "henan-hongqi-gongxin-2023": 1 + 12}[stem]
		if len(sheets) < min {
			t.Errorf("%s has %d sheets, want at least %d", stem, len(sheets), min)
		}
	}
	// no temporary file is left behind
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, errs := runCmd("render", "-o", dir, "--format", "xlsx", henan); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "henan-hongqi-gongxin-2023-审核版.xlsx"))
	y, _ := os.ReadFile(filepath.Join(b, "henan-hongqi-gongxin-2023-审核版.xlsx"))
	if len(x) == 0 || !bytes.Equal(x, y) {
		t.Error("two runs gave different workbooks")
	}
}

func TestRenderFixAndReadBack(t *testing.T) {
	dir := t.TempDir()
	if code, out, errs := runCmd("render", "--fix=balance", "-o", dir, "--format", "xlsx", hebei); code != 0 || !strings.Contains(out, "更正 6 处") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	pack := filepath.Join(dir, "hebei-xushui-gongxin-2024-舍位平衡-公开版.xlsx")
	// the corrected pack is input again: check it
	code, out, errs := runCmd("check", "--json", pack)
	if code != 1 {
		t.Fatalf("check of the corrected pack: exit %d, want 1 (prose still states the old figures): %s", code, errs)
	}
	var rep checkReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		// the 基本支出表's total, 人员经费 and 公用经费 are all stated in the
		// narrative, which itself does not add up: balance leaves them
		if strings.Contains(f.Table, "基本支出表") {
			continue
		}
		if strings.HasPrefix(f.Rule, "sum.columns") || strings.HasPrefix(f.Rule, "sum.hierarchy") || strings.HasPrefix(f.Rule, "sum.total_row") {
			t.Errorf("corrected pack still does not foot: %s", f.Message)
		}
	}
}

func TestRenderUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"render"}, "至少一个输入文件"},
		{[]string{"render", "--format", "docx", hebei}, "不支持的格式"},
		{[]string{"render", "--fix=guess", hebei}, "--fix"},
	}
	for _, tt := range tests {
		code, _, errs := runCmd(tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q", tt.args, code, errs)
		}
	}
}

func TestCheckCommand(t *testing.T) {
	code, out, _ := runCmd("check", hebei)
	if code != 1 || !strings.Contains(out, "错误 2，警告 12") || !strings.Contains(out, "864.58") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd("check", "--json", henan)
	var rep checkReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check --json printed no JSON: %v", err)
	}
	if code != 1 || rep.Summary.Errors != 2 || len(rep.Findings) != 8 || rep.Department != "新乡市红旗区工业和信息化局" {
		t.Errorf("check --json: exit %d, summary %+v, %d findings", code, rep.Summary, len(rep.Findings))
	}
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	if code, _, errs := runCmd("check", empty); code != 3 || !strings.Contains(errs, "文件为空") {
		t.Errorf("check of an empty file: exit %d, %s", code, errs)
	}
}

func TestRenderPDFAndFonts(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("render", "-o", dir, henan); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, ext := range []string{".xlsx", ".pdf"} {
		if st, err := os.Stat(filepath.Join(dir, "henan-hongqi-gongxin-2023-公开版"+ext)); err != nil || st.Size() == 0 {
			t.Errorf("no %s written: %v", ext, err)
		}
	}
	bad := filepath.Join(dir, "bad")
	code, _, errs := runCmd("render", "-o", bad, "--format", "pdf", "--font", filepath.Join(dir, "nope.ttf"), henan)
	if code != 3 || !strings.Contains(errs, "nope.ttf") {
		t.Errorf("render with a missing font: exit %d, %s", code, errs)
	}
	if entries, _ := os.ReadDir(bad); len(entries) != 0 {
		t.Errorf("a failed render left files: %v", entries)
	}
	// a font without the document's characters stops the run, naming the
	// font and the characters, and writes nothing
	const latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if _, err := os.Stat(latin); err == nil {
		latinDir := filepath.Join(dir, "latin")
		code, _, errs := runCmd("render", "-o", latinDir, "--font", latin, henan)
		if code != 3 || !strings.Contains(errs, "DejaVu Sans") || !strings.Contains(errs, "缺少本文件要用的字符") || !strings.Contains(errs, "新乡市") {
			t.Errorf("render --font %s: exit %d, %s", latin, code, errs)
		}
		if entries, _ := os.ReadDir(latinDir); len(entries) != 0 {
			t.Errorf("a refused font left files: %v", entries)
		}
	}
	const ttc = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	if _, err := os.Stat(ttc); err != nil {
		t.Skip("fonts-wqy-microhei is not installed")
	}
	if code, _, errs := runCmd("render", "-o", dir, "--format", "pdf", "--font", ttc+"#0", henan); code != 0 {
		t.Errorf("render --font %s#0: exit %d, %s", ttc, code, errs)
	}
}
