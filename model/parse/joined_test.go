package parse

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"budgetpack/check"
	"budgetpack/model"
	"budgetpack/templates"
)

// moved rewrites a place of the second file of a split pair as the place
// of the whole file: "附表.pdf 第 3 页" → "第 9 页" with pages 6, and
// "说明.txt 第 5 行" → "第 1613 行" with lines 1608; a place of the first
// file loses its name.
type moved struct {
	first, second string
	unit          string // 页 or 行
	by            int
}

func (s moved) fix(text string) string {
	text = strings.ReplaceAll(text, s.first+" ", "")
	re := regexp.MustCompile(regexp.QuoteMeta(s.second) + ` 第 (\d+) ` + s.unit)
	return re.ReplaceAllStringFunc(text, func(m string) string {
		n, _ := strconv.Atoi(re.FindStringSubmatch(m)[1])
		return "第 " + strconv.Itoa(n+s.by) + " " + s.unit
	})
}

// comparable is the document with every line field replaced by the place
// it stands for (rewritten by fix), and without the places themselves, so
// that a document read whole and one read in two parts compare.
func comparable(t *testing.T, doc *model.Document, fix func(string) string) any {
	t.Helper()
	d := *doc
	d.Source, d.Places = "", nil
	data, err := json.Marshal(&d)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if n, ok := e.(json.Number); ok && k == "line" {
					l, _ := n.Int64()
					x[k] = fix(doc.Where(int(l)))
					continue
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return v
}

// findingTexts are the findings as a person reads them, places rewritten.
func findingTexts(t *testing.T, doc *model.Document, fix func(string) string) []string {
	t.Helper()
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	fs, err := check.Run(doc, lib.Set(doc.Family))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		where := fix(f.Place)
		if where == "" {
			where = fix(doc.Where(f.Line))
		}
		out = append(out, strings.Join([]string{f.Rule, f.Severity, f.Table, f.Row, f.Column, where, fix(f.Message)}, " | "))
	}
	return out
}

// samePair checks that the document read from the two parts is the whole
// document, with places naming each part.
func samePair(t *testing.T, whole, joined *model.Document, s moved) {
	t.Helper()
	if len(joined.Tables) == 0 || len(joined.Tables) != len(whole.Tables) {
		t.Fatalf("tables: joined %d, whole %d", len(joined.Tables), len(whole.Tables))
	}
	id := func(x string) string { return x }
	if a, b := comparable(t, whole, id), comparable(t, joined, s.fix); !reflect.DeepEqual(a, b) {
		ja, _ := json.MarshalIndent(a, "", " ")
		jb, _ := json.MarshalIndent(b, "", " ")
		la, lb := strings.Split(string(ja), "\n"), strings.Split(string(jb), "\n")
		for i := range min(len(la), len(lb)) {
			if la[i] != lb[i] {
				t.Fatalf("the joined model differs from the whole at line %d:\nwhole  %s\njoined %s", i+1, la[i], lb[i])
			}
		}
		t.Fatalf("the joined model differs from the whole: %d and %d lines", len(la), len(lb))
	}
	fw, fj := findingTexts(t, whole, id), findingTexts(t, joined, s.fix)
	if !reflect.DeepEqual(fw, fj) {
		t.Errorf("findings differ:\nwhole:\n%s\njoined:\n%s", strings.Join(fw, "\n"), strings.Join(fj, "\n"))
	}
	named := map[string]bool{}
	for _, p := range joined.Places {
		named[p.File] = true
	}
	if !named[s.first] || !named[s.second] || len(named) != 2 {
		t.Errorf("places name %v, want %s and %s", named, s.first, s.second)
	}
	for _, tb := range joined.Tables {
		if w := joined.Where(tb.Line); !strings.HasPrefix(w, s.first+" ") && !strings.HasPrefix(w, s.second+" ") {
			t.Errorf("「%s」 at %q: no file named", tb.Title, w)
		}
	}
}

// TestJoinedPDF splits a published PDF into its explanation (pages 1-6)
// and its tables (pages 7-22), as departments that publish the tables as
// an attachment do, and reads the pair as one document: the same tables,
// sections and findings as the whole file, with places in either file.
func TestJoinedPDF(t *testing.T) {
	src := "../../../shared/corpus/shanghai-1-2026.pdf"
	if _, err := os.Stat(src); err != nil {
		t.Skip("corpus not present:", src)
	}
	dir := t.TempDir()
	prose, tables := filepath.Join(dir, "说明.pdf"), filepath.Join(dir, "附表.pdf")
	if err := api.TrimFile(src, prose, []string{"1-6"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := api.TrimFile(src, tables, []string{"7-22"}, nil); err != nil {
		t.Fatal(err)
	}
	whole, err := File(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	joined, err := Input(prose+"+附表.pdf", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if joined.Source != "说明.pdf+附表.pdf" {
		t.Errorf("source %q", joined.Source)
	}
	samePair(t, whole, joined, moved{"说明.pdf", "附表.pdf", "页", 6})
	var empty []string
	for _, f := range findingTexts(t, joined, func(s string) string { return s }) {
		if strings.Contains(f, "空表") {
			empty = append(empty, f)
		}
	}
	if len(empty) == 0 || !strings.Contains(empty[0], "附表.pdf 第 11 页") {
		t.Errorf("an empty table's finding should name 附表.pdf 第 11 页: %q", empty)
	}

	// files of two formats: the explanation as a PDF, the tables as the
	// layout text of pages 7-22 (split at the form feeds)
	text, err := os.ReadFile(strings.TrimSuffix(src, ".pdf") + ".txt")
	if err != nil {
		t.Skip(err)
	}
	pages := bytes.Split(text, []byte("\f"))
	os.WriteFile(filepath.Join(dir, "附表.txt"), bytes.Join(pages[6:], []byte("\f")), 0o644)
	wholeText, err := File(strings.TrimSuffix(src, ".pdf")+".txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	mixed, err := Input(prose+"+附表.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	fix := moved{"说明.pdf", "附表.txt", "页", 6}.fix
	if a, b := findingTexts(t, wholeText, func(s string) string { return s }), findingTexts(t, mixed, fix); len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("a PDF and a text: findings differ:\n%s\n--\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	if len(mixed.Tables) != len(wholeText.Tables) {
		t.Errorf("a PDF and a text: %d tables, want %d", len(mixed.Tables), len(wholeText.Tables))
	}
}

// TestJoinedText splits a seed, a text of lines without places, into its
// tables and its explanation: lines keep their numbers in their own file.
func TestJoinedText(t *testing.T) {
	data, err := os.ReadFile(hebei)
	if err != nil {
		t.Fatal(err)
	}
	cut := bytes.Index(data, []byte("\n第一部分"))
	if cut < 0 {
		t.Fatal("no 第一部分 in the seed")
	}
	lines := bytes.Count(data[:cut+1], []byte("\n"))
	dir := t.TempDir()
	tables, prose := filepath.Join(dir, "附表.txt"), filepath.Join(dir, "说明.txt")
	os.WriteFile(tables, data[:cut+1], 0o644)
	os.WriteFile(prose, data[cut+1:], 0o644)
	whole, err := File(hebei, Options{})
	if err != nil {
		t.Fatal(err)
	}
	joined, err := Files([]string{tables, prose}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	samePair(t, whole, joined, moved{"附表.txt", "说明.txt", "行", lines})
	text := strings.Join(findingTexts(t, joined, func(s string) string { return s }), "\n")
	if !strings.Contains(text, "说明.txt 第 ") || !strings.Contains(text, "附表.txt 第 ") {
		t.Errorf("findings should name both files:\n%s", text)
	}
}

func TestSplit(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.pdf", "b.pdf", "x+y.pdf", "y.pdf"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	in := func(n string) string { return filepath.Join(dir, n) }
	for _, tc := range []struct {
		arg  string
		want []string
	}{
		{in("a.pdf"), []string{in("a.pdf")}},
		{in("a.pdf") + "+b.pdf", []string{in("a.pdf"), in("b.pdf")}},
		{in("a.pdf") + "+" + in("b.pdf"), []string{in("a.pdf"), in("b.pdf")}},
		{in("x+y.pdf"), []string{in("x+y.pdf")}},                         // a file whose name holds +
		{in("x+y.pdf") + "+a.pdf", []string{in("x+y.pdf"), in("a.pdf")}}, // cut where the files are
		{in("a.pdf") + "+x+y.pdf+b.pdf", []string{in("a.pdf"), in("x+y.pdf"), in("b.pdf")}},
		{in("a.pdf") + "+missing.pdf", []string{in("a.pdf"), in("missing.pdf")}}, // reported as unreadable
		{"a.pdf+", []string{"a.pdf+"}},
		{"+", []string{"+"}},
	} {
		if got := Split(tc.arg); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Split(%q) = %q, want %q", tc.arg, got, tc.want)
		}
	}
}

// TestFilesErrors: every file of a pair is needed, and the message names
// the one that cannot be read.
func TestFilesErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "说明.txt")
	data, err := os.ReadFile(hebei)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(good, data, 0o644)
	os.WriteFile(filepath.Join(dir, "空.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "m.json"), []byte("{}"), 0o644)
	for _, tc := range []struct{ arg, file, msg string }{
		{good + "+附表.txt", filepath.Join(dir, "附表.txt"), "无法读取文件"},
		{filepath.Join(dir, "无.txt") + "+说明.txt", filepath.Join(dir, "无.txt"), "无法读取文件"},
		{good + "+空.txt", filepath.Join(dir, "空.txt"), "文件为空"},
		{good + "+m.json", filepath.Join(dir, "m.json"), "不能与其他文件以 + 连接"},
		{good + "+说明.txt", good + "+" + good, "出现了两次"},
	} {
		_, err := Input(tc.arg, Options{})
		ie, ok := err.(*model.InputError)
		if !ok || ie.File != tc.file || !strings.Contains(ie.Msg, tc.msg) {
			t.Errorf("%s: %v; want an input error of %s: %s", tc.arg, err, tc.file, tc.msg)
		}
	}
}
