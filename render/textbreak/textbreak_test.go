package textbreak

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"
)

// cjkWidth is the test measure: East Asian wide characters count 2, the
// rest 1, like a monospaced CJK font.
func cjkWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

func runeWidth(r rune) float64 {
	if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '《' || r == '》' || r == '…' {
		return 2
	}
	return 1
}

const budget = "本年度预算收支安排1673.35万元，较上年减少1878.32万元。"

func TestLines(t *testing.T) {
	tests := []struct {
		name string
		text string
		max  float64
		want []string
	}{
		{"empty text is one empty line", "", 10, []string{""}},
		{"fits", "预算", 10, []string{"预算"}},
		{"exact fit", "预算收支", 8, []string{"预算收支"}},
		{"Han breaks anywhere", "预算收支总表", 8, []string{"预算收支", "总表"}},
		// 支安排 is 6 wide and 1673.35 is 7, so the number moves whole;
		// 元， goes together, so 万 stays behind.
		{"number stays whole", budget, 12, []string{"本年度预算收", "支安排", "1673.35万", "元，较上年减", "少1878.32万", "元。"}},
		{"number stays whole, wider", budget, 20, []string{"本年度预算收支安排", "1673.35万元，较上年", "减少1878.32万元。"}},
		{"comma not at line start", "万元，较", 4, []string{"万", "元，", "较"}},
		{"full stop not at line start", "万元。", 4, []string{"万", "元。"}},
		{"enumeration comma", "工资、福利", 4, []string{"工", "资、", "福利"}},
		{"title marks", "《关于进一步推进预算公开工作的实施意见》", 6, []string{"《关于", "进一步", "推进预", "算公开", "工作的", "实施意", "见》"}},
		{"brackets keep their characters", "经费（预算）", 6, []string{"经费", "（预", "算）"}},
		{"title marks at width 8", "《关于进一步推进预算公开工作的实施意见》", 8, []string{"《关于进", "一步推进", "预算公开", "工作的实", "施意见》"}},
		{"per cent with comma", "增长95%，较上年", 6, []string{"增长", "95%，", "较上年"}},
		{"mandatory newline", "预算\n收支", 10, []string{"预算", "收支"}},
		{"CR LF is one break", "预算\r\n收支", 10, []string{"预算", "收支"}},
		{"blank line", "预算\n\n收支", 10, []string{"预算", "", "收支"}},
		{"trailing newline gives a last empty line", "预算\n", 10, []string{"预算", ""}},
		{"only a newline", "\n", 10, []string{"", ""}},
		{"spaces at a wrap are dropped", "budget of  the unit", 9, []string{"budget of", "the unit"}},
		{"spaces before a newline are dropped", "ab  \ncd", 10, []string{"ab", "cd"}},
		{"trailing spaces at the end are dropped", "ab   ", 10, []string{"ab"}},
		{"only spaces", "   ", 10, []string{""}},
		{"indentation kept", "　　本年度", 10, []string{"　　本年度"}},
		{"indentation kept when wrapping later", "　　本年度预算", 10, []string{"　　本年度", "预算"}},
		{"indentation dropped if the first piece does not fit after it", "  abcdefgh", 8, []string{"abcdefgh"}},
		{"ideographic space at a wrap is dropped", "单位　　合计", 4, []string{"单位", "合计"}},
		{"long word split as last resort", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"long number split as last resort", "12345678.90", 4, []string{"1234", "5678", ".90"}},
		{"split remainder shares a line", "abcdef ghi", 4, []string{"abcd", "ef", "ghi"}},
		{"split remainder joined by next piece", "abcde 预", 4, []string{"abcd", "e 预"}},
		{"wide rune alone on a line", "预算", 1, []string{"预", "算"}},
		{"zero max", "ab 预", 0, []string{"a", "b", "预"}},
		{"negative max", "ab", -1, []string{"a", "b"}},
		{"NaN max", "ab", math.NaN(), []string{"a", "b"}},
		{"combining mark kept with its letter", "e\u0301e\u0301e\u0301", 2, []string{"e\u0301", "e\u0301", "e\u0301"}},
		{"cluster wider than max split by rune", "e\u0301", 1, []string{"e", "\u0301"}},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", 10, []string{"a\uFFFDb"}},
		{"line separator", "预算\u2028收支", 10, []string{"预算", "收支"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Lines(tt.text, tt.max, cjkWidth)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Lines(%q, %v) =\n  %q\nwant\n  %q", tt.text, tt.max, got, tt.want)
			}
			checkLines(t, tt.text, tt.max, got)
		})
	}
}

// TestRules checks the Chinese line-breaking rules and the wholeness of
// numbers at every width, rather than fixed expectations at a few.
func TestRules(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		together []string // must never be split across lines
	}{
		{"budget sentence", budget, []string{"1673.35", "1878.32", "元，", "元。"}},
		{"book title", "《关于进一步推进预算公开工作的实施意见》", []string{"《关", "见》"}},
		{"brackets", "一般公共预算财政拨款（预算）支出", []string{"（预", "算）"}},
		{"per cent", "其中：增长95%，减少4.5%。", []string{"95%，", "4.5%。"}},
		{"quotes", "“三公”经费", []string{"公”"}},
		{"punctuation run", "支出（含“三公”经费）；合计？是！见《表一》」", []string{"；", "？", "！"}},
		{"latin words", "the budget of the unit is 1,234.56 yuan", []string{"budget", "1,234.56", "yuan"}},
	}
	for _, tt := range tests {
		// Below the widest unbreakable piece the last-resort split may
		// break any rule, so the widths start there.
		for max := widestPiece(tt.text); max <= cjkWidth(tt.text)+1; max++ {
			t.Run(fmt.Sprintf("%s/%v", tt.name, max), func(t *testing.T) {
				lines := Lines(tt.text, max, cjkWidth)
				checkLines(t, tt.text, max, lines)
				for _, piece := range tt.together {
					if cjkWidth(piece) > max {
						continue
					}
					if !strings.Contains(tt.text, piece) {
						t.Fatalf("bad test: %q not in %q", piece, tt.text)
					}
					if !inOneLine(lines, piece) {
						t.Errorf("%q split across lines: %q", piece, lines)
					}
				}
				for i, l := range lines {
					first, _ := utf8.DecodeRuneInString(l)
					last, _ := utf8.DecodeLastRuneInString(l)
					if i > 0 && strings.ContainsRune("，。、；：？！）》」%", first) {
						t.Errorf("line %d %q starts with %q: %q", i, l, first, lines)
					}
					if i < len(lines)-1 && strings.ContainsRune("（《「", last) {
						t.Errorf("line %d %q ends with %q: %q", i, l, last, lines)
					}
				}
			})
		}
	}
}

// widestPiece is the width of the widest run of text between two UAX #14
// break opportunities, white space excluded: the narrowest max at which
// Lines needs no last-resort split.
func widestPiece(text string) float64 {
	var seg segmenter.Segmenter
	if err := seg.InitWithString(text); err != nil {
		panic(err)
	}
	widest := 0.0
	for it := seg.LineIterator(); it.Next(); {
		widest = math.Max(widest, cjkWidth(strings.TrimRightFunc(string(it.Line().Text), unicode.IsSpace)))
	}
	return widest
}

// inOneLine reports whether piece appears whole in some line.
func inOneLine(lines []string, piece string) bool {
	for _, l := range lines {
		if strings.Contains(l, piece) {
			return true
		}
	}
	return false
}

// checkLines checks the properties every result must have: at least one
// line, no line wider than max unless it is one rune, no line ending in
// white space, and the lines giving back the text apart from white space
// and newlines.
func checkLines(t testing.TB, text string, max float64, lines []string) {
	t.Helper()
	if len(lines) == 0 {
		t.Fatalf("Lines(%q, %v) returned no lines", text, max)
	}
	for i, l := range lines {
		if w := cjkWidth(l); w > max && utf8.RuneCountInString(l) > 1 {
			t.Errorf("line %d %q is %v wide, max %v", i, l, w, max)
		}
		if r, _ := utf8.DecodeLastRuneInString(l); l != "" && unicode.IsSpace(r) {
			t.Errorf("line %d %q ends in white space", i, l)
		}
		if strings.ContainsAny(l, "\n\r\v\f\u0085\u2028\u2029") {
			t.Errorf("line %d %q contains a mandatory break", i, l)
		}
	}
	valid := string([]rune(text)) // how Lines sees invalid UTF-8
	if got, want := withoutSpace(strings.Join(lines, "")), withoutSpace(valid); got != want {
		t.Errorf("lines %q give back %q, want %q", lines, got, want)
	}
	// Each line is a run of the text, and the lines come in order.
	rest := valid
	for i, l := range lines {
		k := strings.Index(rest, l)
		if k < 0 {
			t.Fatalf("line %d %q is not a run of the text after the previous lines", i, l)
		}
		if skipped := rest[:k]; strings.TrimFunc(skipped, unicode.IsSpace) != "" {
			t.Fatalf("line %d %q skips %q", i, l, skipped)
		}
		rest = rest[k+len(l):]
	}
	if strings.TrimFunc(rest, unicode.IsSpace) != "" {
		t.Fatalf("text after the last line lost: %q", rest)
	}
}

func withoutSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestWidthCalls(t *testing.T) {
	calls := 0
	width := func(s string) float64 {
		calls++
		if s == "" {
			t.Error("width called with an empty string")
		}
		return cjkWidth(s)
	}
	Lines(budget+"\n\n  "+budget, 10, width)
	if calls == 0 {
		t.Error("width never called")
	}
}

func FuzzLines(f *testing.F) {
	seeds := []struct {
		text string
		max  float64
	}{
		{budget, 12},
		{"《关于进一步推进预算公开工作的实施意见》（预算）95%，", 6},
		{"", 10},
		{"\n\r\n\u2028 \u3000\t", 3},
		{"abcdefghij 预算 e\u0301\u0301", 1},
		{"a\xffb\xc3", 2},
		{"“三公”经费支出0.8万元；", 0},
		{"1,234,567.89%", -3},
		{"👨‍👩‍👧 family 🇨🇳", 2},
	}
	for _, s := range seeds {
		f.Add(s.text, s.max)
	}
	f.Fuzz(func(t *testing.T, text string, max float64) {
		if len(text) > 1024 {
			// The cost grows with text length times line length; long
			// inputs with a large max only slow the fuzzer down.
			t.Skip()
		}
		checkLines(t, text, max, Lines(text, max, cjkWidth))
	})
}

func BenchmarkLines(b *testing.B) {
	cases := []struct {
		name string
		text string
		max  float64
	}{
		{"paragraphs", strings.Repeat(budget+"其中：基本支出1,234.56万元，占75.3%；项目支出《关于进一步推进预算公开工作的实施意见》（预算）。\n", 20), 60},
		{"cell fits", "一般公共预算财政拨款收入", 40},
		{"cell wraps", "一般公共预算财政拨款（补助）收入", 12},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				Lines(c.text, c.max, cjkWidth)
			}
		})
	}
}
