package layout

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"

	"budgetpack/model/parse"
	"budgetpack/render/xlsx"

	"github.com/xuri/excelize/v2"
)

func TestSheetNames(t *testing.T) {
	n := newNamer()
	tests := []struct{ in, want string }{
		{"'''", "表"},
		{"   ", "表(2)"},
		{"Abc", "Abc"},
		{"abc", "abc(2)"},
		{"ABC", "ABC(3)"},
		{"history", "history(2)"},
		{"a/b:c*d?e[f]g\\h", "a-b-c-d-e-f-g-h"},
		{"'引号'", "引号"},
		{"tab\there", "tab-here"},
		{strings.Repeat("很长的名称", 10), strings.Repeat("很长的名称", 6) + "很"},
		{strings.Repeat("很长的名称", 10), strings.Repeat("很长的名称", 5) + "很长的(2)"},
		{strings.Repeat("😀", 20), strings.Repeat("😀", 15)},
	}
	for _, tt := range tests {
		got := n.take(tt.in)
		if got != tt.want {
			t.Errorf("take(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if u := len(utf16.Encode([]rune(got))); u > 31 {
			t.Errorf("take(%q) = %q: %d UTF-16 units", tt.in, got, u)
		}
	}
}

// TestSheetNamesReachTheWorkbook: a table titled ”' and two project
// forms whose names differ only in case each keep their own sheet.
func TestSheetNamesReachTheWorkbook(t *testing.T) {
	doc, err := parse.File("../../testdata/hebei-xushui-gongxin-2024.txt", parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	forms := 0
	for i := range doc.Projects {
		p := &doc.Projects[i]
		if p.Title == "" {
			continue
		}
		forms++
		p.Seq, p.Name = "", []string{"Project", "PROJECT", "project"}[forms%3]
	}
	if forms < 2 {
		t.Fatalf("%d project forms", forms)
	}
	doc.Tables[len(doc.Tables)-1].Title = "'''"
	doc.Tables[len(doc.Tables)-1].Kind = "unknown_kind" // no template short name
	book, err := Build(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range book.Sheets {
		k := strings.ToLower(s.Name)
		if strings.TrimSpace(s.Name) == "" || seen[k] {
			t.Errorf("sheet name %q blank or twice", s.Name)
		}
		seen[k] = true
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, book); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := len(f.GetSheetList()); got != len(book.Sheets) {
		t.Errorf("workbook has %d sheets, the book %d", got, len(book.Sheets))
	}
}
