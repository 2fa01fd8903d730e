package layouttext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/model/raw"
	"budgetpack/model/textgrid"
)

func TestLooks(t *testing.T) {
	seeds, _ := filepath.Glob("../../testdata/*.txt")
	if len(seeds) == 0 {
		t.Fatal("no seed texts in testdata")
	}
	for _, f := range seeds {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if Looks(data) {
			t.Errorf("%s: a tab-separated seed claimed as layout text", filepath.Base(f))
		}
	}
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"columns and a form feed", "标题\n项目        预算数\n合计       1.00\n\f", true},
		{"columns without form feed", "项目     预算数\n一、收入     1.00\n二、支出     2.00\n合计     3.00\n", true},
		{"prose", "这是一段说明。\n没有表格。\n", false},
		{"tabs", "项目\t预算数\n合计\t1.00\n\f", false},
		{"empty", "", false},
	}
	for _, tc := range tests {
		if got := Looks([]byte(tc.text)); got != tc.want {
			t.Errorf("%s: Looks = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestLineWords(t *testing.T) {
	tests := []struct {
		line string
		want []string // text@column
	}{
		{"项目        预算数", []string{"项目@0", "预算数@10"}},
		{"一、拨款收入   17,921.44 一、一般公共服务支出", []string{"一、拨款收入@0", "17,921.44@9", "一、一般公共服务支出@19"}},
		{"5.00 3.00", []string{"5.00@0", "3.00@5"}},
		{".36 12,418", []string{".36@0", "12,418@4"}},
		{"政府性基金预算支出 579 .89 万 元", []string{"政府性基金预算支出 579.89 万 元@0"}},
		{"公用经费 131.33 万元。", []string{"公用经费 131.33 万元。@0"}},
		{"截至2025 年 12 月", []string{"截至2025 年 12 月@0"}},
		{"  1. 2026年预算单位收入预算总表", []string{"1. 2026年预算单位收入预算总表@2"}},
		{"      合      计     1.00", []string{"合计@6", "1.00@19"}},
		{"类     款    项", []string{"类@0", "款@6", "项@11"}},
		{"科目     政府性基 国有资本 财政专户", []string{"科目@0", "政府性基@7", "国有资本@12", "财政专户@17"}},
		{"项目     预 算 数", []string{"项目@0", "预 算 数@7"}},
		{"这是一句 没有列的话", []string{"这是一句 没有列的话@0"}},
		{"   收   入                支   出", []string{"收入@3", "支出@24"}},
		// 类/款/项 codes in columns of their own, the last one space
		// from the name (shanghai-2-2026); a year before its words stays
		{"201   13   01 行政运行       6,513,536", []string{"201@0", "13@6", "01@11", "行政运行@14", "6,513,536@25"}},
		{"201   13       商贸事务", []string{"201@0", "13@6", "商贸事务@15"}},
		{"项目     2026 年预算数", []string{"项目@0", "2026 年预算数@7"}},
	}
	for _, tc := range tests {
		ws, _ := lineWords(tc.line, 0)
		var got []string
		for _, w := range ws {
			got = append(got, w.Text+"@"+itoa(int(w.X0)))
		}
		if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
			t.Errorf("%q:\n got %q\nwant %q", tc.line, got, tc.want)
		}
	}
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

// TestRead reads a small layout text: a title, a table whose figures are
// broken over lines as a staircase, a page break with a page number, and
// prose.
func TestRead(t *testing.T) {
	text := strings.Join([]string{
		"            表二 收入总表",
		"                                      单位：万元",
		"   科目          合计       拨款          其他",
		"   合计        14,770",
		"                   .62 12,672",
		"                             .73    2,097",
		"                                        .89",
		"   一、工资       100.00     100.00",
		"   二、商品        50.00                 50.00",
		"",
		"                 - 1 -",
		"\f注：本表为年初预算数。",
		"\f",
	}, "\n")
	doc, err := Read([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		if !b.IsGrid() {
			got = append(got, "T:"+b.Text+" @"+raw.Where(doc.Places, b.Line))
			continue
		}
		for _, r := range b.Rows {
			got = append(got, strings.Join(r.Texts(), "|")+" @"+raw.Where(doc.Places, r.Line))
		}
	}
	want := []string{
		"T:表二 收入总表 @第 1 页 第 1 行",
		"T:单位：万元 @第 1 页 第 2 行",
		"科目|合计|拨款|其他 @第 1 页 第 3 行",
		"合计|14,770.62|12,672.73|2,097.89 @第 1 页 第 4 行",
		"一、工资|100.00|100.00| @第 1 页 第 8 行",
		"二、商品|50.00||50.00 @第 1 页 第 9 行",
		"T:- 1 - @第 1 页 第 11 行",
		"T:注：本表为年初预算数。 @第 2 页 第 1 行",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if doc.Layout != Layout {
		t.Errorf("layout %q", doc.Layout)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read([]byte{0xff, 0xfe, 'a'}); err == nil {
		t.Error("invalid UTF-8: no error")
	}
	big := make([]byte, MaxBytes+1)
	if _, err := Read(big); err == nil {
		t.Error("oversized text: no error")
	}
	// A page of more words than Build accepts is cut, not refused.
	line := strings.Repeat("1.00  ", 1000)
	data := []byte(strings.Repeat(line+"\n", textgrid.MaxWords/1000+2))
	if _, err := Read(data); err != nil {
		t.Errorf("many words: %v", err)
	}
}

// FuzzRead feeds the reader arbitrary text, seeded with pieces of the
// corpus: it must never panic, and every anchor it makes must be a place.
func FuzzRead(f *testing.F) {
	f.Add([]byte("项目        预算数\n合计   14,770\n        .62\n\f"))
	f.Add([]byte("   合      计   1.00 2.00\n类     款    项\n\f\f"))
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	for i, file := range files {
		if i%4 != 0 {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		pages := strings.Split(string(data), "\f")
		for _, k := range []int{1, len(pages) / 2} {
			if k < len(pages) {
				f.Add([]byte(pages[k]))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(data)
		if err != nil {
			return
		}
		check := func(a int) {
			if a <= 0 || a > len(doc.Places) {
				t.Fatalf("anchor %d outside places (%d)", a, len(doc.Places))
			}
		}
		for _, b := range doc.Blocks {
			check(b.Line)
			for _, r := range b.Rows {
				check(r.Line)
				for _, c := range r.Cells {
					check(c.Line)
				}
			}
		}
	})
}

// BenchmarkRead reads each corpus text.
func BenchmarkRead(b *testing.B) {
	for _, f := range corpusTexts(b) {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Read(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSpacedLabel joins a row's label printed one character at a time
// over its cell in a line of figures (yantai-3-2026), and leaves the
// headers of narrow columns (类 款 项) apart.
func TestSpacedLabel(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"  本    年   收    入 合 计          7,503.31    本 年 支 出 合 计          7,503.31",
			[]string{"本年收入合计@2", "7,503.31@31", "本 年 支 出 合 计@43", "7,503.31@64"}},
		{"  收    入   总   计               7,503.31", []string{"收入总计@2", "7,503.31@31"}},
		{"类     款    项", []string{"类@0", "款@6", "项@11"}},
	}
	for _, tc := range tests {
		ws, _ := lineWords(tc.line, 0)
		var got []string
		for _, w := range ws {
			got = append(got, w.Text+"@"+itoa(int(w.X0)))
		}
		if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
			t.Errorf("%q:\n got %q\nwant %q", tc.line, got, tc.want)
		}
	}
}
