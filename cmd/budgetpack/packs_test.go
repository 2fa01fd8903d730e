package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// zipText is the text of every part of a workbook whose name has prefix.
func zipText(t *testing.T, path, prefix string) (string, []string) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
		if !strings.HasPrefix(f.Name, prefix) {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		b.Write(data)
	}
	return b.String(), names
}

// review is what only the 审核版 may carry, in a workbook.
type reviewSigns struct {
	appendix, comments, shading, links bool
}

func workbookSigns(t *testing.T, path string) reviewSigns {
	t.Helper()
	all, names := zipText(t, path, "xl/")
	var s reviewSigns
	s.appendix = strings.Contains(all, "差异附录") || strings.Contains(all, "数据差异说明")
	for _, n := range names {
		s.comments = s.comments || strings.HasPrefix(n, "xl/comments")
	}
	styles, _ := zipText(t, path, "xl/styles.xml")
	for _, fill := range []string{"FFC7CE", "FFEB9C", "DDEBF7", "C6EFCE"} {
		s.shading = s.shading || strings.Contains(styles, fill)
	}
	// a link from the appendix back into a table, or from the contents to the appendix
	s.links = strings.Contains(all, "tooltip=\"转到 差异附录") || strings.Contains(all, ">查看<")
	return s
}

// pdfSigns reads a PDF with poppler and qpdf: the appendix text, and the
// shading colours of the marks in the uncompressed content streams.
func pdfSigns(t *testing.T, path string) reviewSigns {
	t.Helper()
	text, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	qdf := filepath.Join(t.TempDir(), "q.pdf")
	if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, out)
	}
	raw, _ := os.ReadFile(qdf)
	var s reviewSigns
	s.appendix = strings.Contains(string(text), "数据差异说明") || strings.Contains(string(text), "更正清单")
	// fpdf writes a fill colour as "r g b rg" with three decimals
	for _, fill := range []string{"1.000 0.780 0.808 rg", "1.000 0.922 0.612 rg", "0.867 0.922 0.969 rg", "0.776 0.937 0.808 rg"} {
		s.shading = s.shading || strings.Contains(string(raw), fill)
	}
	s.links = strings.Contains(string(text), "查看")
	return s
}

// TestPublicAndReviewPacks: one run writes the 公开版 (no shading, comment,
// appendix or link into it) and the 审核版 (all of them), in the workbook
// and in the PDF, for both seeds, under names nobody can confuse.
func TestPublicAndReviewPacks(t *testing.T) {
	pdfTools := true
	for _, tool := range []string{"pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			pdfTools = false
		}
	}
	dir := t.TempDir()
	code, out, errs := runCmd("render", "-o", dir, hebei, henan)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, stem := range []string{"hebei-xushui-gongxin-2024", "henan-hongqi-gongxin-2023"} {
		for _, kind := range []string{"公开版", "审核版"} {
			for _, ext := range []string{".xlsx", ".pdf"} {
				path := filepath.Join(dir, stem+"-"+kind+ext)
				if !strings.Contains(out, path) {
					t.Errorf("stdout does not name %s", path)
				}
				var s reviewSigns
				switch {
				case ext == ".xlsx":
					s = workbookSigns(t, path)
				case pdfTools:
					s = pdfSigns(t, path)
				default:
					continue
				}
				if kind == "公开版" && (s.appendix || s.comments || s.shading || s.links) {
					t.Errorf("%s carries review material: %+v", path, s)
				}
				if kind == "审核版" && !(s.appendix && s.shading && (s.comments || ext == ".pdf") && s.links) {
					t.Errorf("%s lacks review material: %+v", path, s)
				}
			}
		}
	}
	// a corrected run has names of its own and leaves the first packs alone
	before, _ := os.ReadFile(filepath.Join(dir, "hebei-xushui-gongxin-2024-公开版.xlsx"))
	if code, out, errs := runCmd("render", "-o", dir, "--fix", "balance", "--format", "xlsx", hebei); code != 0 ||
		!strings.Contains(out, "hebei-xushui-gongxin-2024-舍位平衡-公开版.xlsx") || !strings.Contains(out, "hebei-xushui-gongxin-2024-舍位平衡-审核版.xlsx") {
		t.Fatalf("render --fix balance: exit %d: %s %s", code, out, errs)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "hebei-xushui-gongxin-2024-公开版.xlsx"))
	if string(before) != string(after) {
		t.Error("the corrected run replaced the uncorrected 公开版")
	}
	if code, out, _ := runCmd("render", "-o", dir, "--pack", "公开版", "--format", "xlsx", "--fix", henan); code != 0 ||
		!strings.Contains(out, "henan-hongqi-gongxin-2023-重算更正-公开版.xlsx") || strings.Contains(out, "审核版") {
		t.Errorf("render --pack 公开版 --fix: exit %d: %s", code, out)
	}
}

// TestFixValueWithASpace: "--fix balance" means --fix=balance, and an
// unknown value is refused before anything is written.
func TestFixValueWithASpace(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCmd("render", "-o", dir, "--format", "xlsx", "--fix", "balance", henan)
	if code != 0 || !strings.Contains(out, "舍位平衡") {
		t.Errorf("--fix balance: exit %d, %s %s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad")
	if code, _, _ := runCmd("render", "-o", bad, "--fix=guess", henan); code != 2 {
		t.Errorf("--fix=guess: exit %d, want 2", code)
	}
	if entries, _ := os.ReadDir(bad); len(entries) != 0 {
		t.Errorf("a refused render wrote %v", entries)
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		code, out, _ := runCmd(arg)
		if code != 0 || !strings.Contains(out, "budgetpack 版本") {
			t.Errorf("%s: exit %d, %q", arg, code, out)
		}
	}
}

// TestFixThenCheck: the corrected 公开版 read back and checked has no more
// errors and no more warnings than the source, and its 收支总表 keeps the
// department's totals; balanced, it has no arithmetic finding but those
// the 更正清单 names as left.
func TestFixThenCheck(t *testing.T) {
	dir := t.TempDir()
	report := func(path string) checkReport {
		t.Helper()
		_, out, errs := runCmd("check", "--json", path)
		var rep checkReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("check %s: %v %s", path, err, errs)
		}
		return rep
	}
	totals := func(path string) []string {
		t.Helper()
		_, out, _ := runCmd("parse", path)
		var doc struct {
			Tables []struct {
				Kind string `json:"kind"`
				Rows []struct {
					Name   string             `json:"name"`
					Values map[string]*string `json:"values"`
				} `json:"rows"`
			} `json:"tables"`
		}
		json.Unmarshal([]byte(out), &doc)
		var got []string
		for _, tb := range doc.Tables {
			if tb.Kind != "income_expense_summary" {
				continue
			}
			for _, r := range tb.Rows {
				if strings.Contains(r.Name, "总计") || strings.Contains(r.Name, "合计") {
					for k, v := range r.Values {
						if v != nil {
							got = append(got, r.Name+"/"+k+"="+*v)
						}
					}
				}
			}
		}
		sort.Strings(got)
		return got
	}
	for _, src := range []string{hebei, henan} {
		stem := strings.TrimSuffix(filepath.Base(src), ".txt")
		before := report(src)
		for _, mode := range []string{"derive", "balance"} {
			if code, _, errs := runCmd("render", "-o", dir, "--format", "xlsx", "--pack", "公开版", "--fix="+mode, src); code != 0 {
				t.Fatalf("render --fix=%s %s: exit %d %s", mode, src, code, errs)
			}
			name := map[string]string{"derive": "-重算更正-公开版.xlsx", "balance": "-舍位平衡-公开版.xlsx"}[mode]
			pack := filepath.Join(dir, stem+name)
			after := report(pack)
			if after.Summary.Errors > before.Summary.Errors || after.Summary.Warnings > before.Summary.Warnings {
				t.Errorf("%s --fix=%s: errors %d → %d, warnings %d → %d", stem, mode,
					before.Summary.Errors, after.Summary.Errors, before.Summary.Warnings, after.Summary.Warnings)
			}
			if a, b := strings.Join(totals(src), " "), strings.Join(totals(pack), " "); a != b || a == "" {
				t.Errorf("%s --fix=%s: 收支总表 totals %s → %s", stem, mode, a, b)
			}
		}
	}
}
