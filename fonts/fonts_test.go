package fonts

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	gotext "github.com/go-text/typesetting/font"
	"golang.org/x/image/font/sfnt"
)

// budgetText is what every budget table needs: title words, quotes,
// brackets, list and sentence punctuation, per cent and the comparison
// signs used in performance targets.
const budgetText = "部门预算收支总表“三公”经费（）《》、，。%≤≥"

// budgetHan is the part of budgetText the CJK-only fallback must cover.
const budgetHan = "部门预算收支总表三公经费（）《》、，。"

func TestEmbeddedFaces(t *testing.T) {
	tests := []struct {
		name     string
		load     func() (*Face, error)
		family   string
		covers   string
		lacks    string // known gaps, so a font swap that changes them is noticed
		fpdfText string
	}{
		{"Default", Default, "AR PL SungtiL GB", budgetText + "0123456789.ABCxyz-×", "〇镕喆堃", budgetText + "1673.35"},
		{"Fallback", Fallback, "Droid Sans Fallback", budgetHan + "〇镕喆堃", "%“”≤≥0123456789A", budgetHan + "〇镕"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.load()
			if err != nil {
				t.Fatal(err)
			}
			again, _ := tt.load()
			if again != f {
				t.Error("second call returned a different Face; want the shared one")
			}
			if f.Name != tt.family {
				t.Errorf("Name = %q, want %q", f.Name, tt.family)
			}
			if m := f.Missing(tt.covers); len(m) != 0 {
				t.Errorf("Missing(%q) = %q, want none", tt.covers, string(m))
			}
			if m := f.Missing(tt.lacks); string(m) != tt.lacks {
				t.Errorf("Missing(%q) = %q, want all of them", tt.lacks, string(m))
			}
			if _, err := sfnt.Parse(f.Data); err != nil {
				t.Errorf("sfnt.Parse(Data): %v", err)
			}
			checkFPDF(t, f, tt.fpdfText)
		})
	}
}

func TestMissing(t *testing.T) {
	song, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	fallback, err := Fallback()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		face *Face
		text string
		want string
	}{
		{"all present", song, "本年度预算收支安排1673.35万元。", ""},
		{"empty", song, "", ""},
		// 〇 (U+3007) is in 二〇二三年, yet outside GB 2312's Han set;
		// 镕 and 喆 are name characters outside GB 2312.
		{"song lacks rarer Han", song, "二〇二三年 朱镕基 张喆", "〇镕喆"},
		{"first-seen order, distinct", song, "镕〇镕喆〇", "镕〇喆"},
		{"space and controls ignored", song, " \t\n\r\u3000\u00a0\x00\x7f", ""},
		{"beyond the BMP is missing", fallback, "𠀀𪚥", "𠀀𪚥"},
		{"fallback has the rare Han", fallback, "二〇二三年 朱镕基 张喆", ""},
		{"fallback lacks Latin", fallback, "95%", "95%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(tt.face.Missing(tt.text)); got != tt.want {
				t.Errorf("Missing(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestConcurrentUse lets the race detector check that a shared Face can
// be queried from several goroutines, as a PDF writer rendering cells in
// parallel would.
func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			song, err := Default()
			if err != nil {
				t.Error(err)
				return
			}
			if got := string(song.Missing("二〇二三年" + budgetText)); got != "〇" {
				t.Errorf("Missing = %q, want 〇", got)
			}
		})
	}
	wg.Wait()
}

func TestCheck(t *testing.T) {
	song, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := song.Check(budgetText); err != nil {
		t.Errorf("Check(%q) = %v, want nil", budgetText, err)
	}
	err = song.Check("二〇二三年")
	var me *MissingError
	if !errors.As(err, &me) {
		t.Fatalf("Check = %v, want *MissingError", err)
	}
	if string(me.Runes) != "〇" || me.Face != song.Name {
		t.Errorf("MissingError = %+v", me)
	}
	for _, want := range []string{"缺少以下字符", "〇", "U+3007", "font lacks glyphs", song.Name} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}

// checkFPDF embeds f with fpdf, writes text, and fails on any fpdf error.
// fpdf prints font parse problems instead of returning them, so the PDF is
// also checked for the font's subset to make sure it really was embedded.
func checkFPDF(t *testing.T, f *Face, text string) {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes(f.Name, "", f.Data)
	pdf.AddPage()
	pdf.SetFont(f.Name, "", 12)
	pdf.Cell(0, 10, text)
	if w := pdf.GetStringWidth(text); w <= 0 {
		t.Errorf("fpdf GetStringWidth(%q) = %v, want > 0", text, w)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("fpdf Output: %v", err)
	}
	if pdf.Err() {
		t.Fatalf("fpdf: %v", pdf.Error())
	}
	if !bytes.Contains(buf.Bytes(), []byte("/FontFile2")) {
		t.Errorf("PDF has no embedded TrueType font program (/FontFile2)")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	song, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ttf := write("song.ttf", song.Data)
	garbage := write("garbage.ttf", []byte("这不是字体 this is not a font, just some text long enough"))
	empty := write("empty.ttf", nil)
	otto := write("otto.otf", withVersion(song.Data, tagOTTO))
	cffTable := write("cfftable.ttf", renameTable(song.Data, tagGlyf, tagCFF))
	noGlyf := write("noglyf.ttf", renameTable(song.Data, tagGlyf, 0x676C7967)) // "glyg"
	ttc := write("pair.ttc", buildTTC(t, song.Data, song.Data))
	truncated := write("truncated.ttc", buildTTC(t, song.Data)[:4000])

	tests := []struct {
		name  string
		spec  string
		wants []string // substrings of the message
		is    error
	}{
		{"missing file", filepath.Join(dir, "nosuch.ttf"), []string{"无法读取字体文件", "nosuch.ttf", "cannot read font file"}, fs.ErrNotExist},
		{"missing collection", filepath.Join(dir, "nosuch.ttc#1"), []string{"nosuch.ttc", "cannot read"}, fs.ErrNotExist},
		{"garbage", garbage, []string{"garbage.ttf", "不是可用的字体", "not a usable font file"}, nil},
		{"empty", empty, []string{"empty.ttf", "not a usable font file"}, nil},
		{"truncated collection", truncated, []string{"truncated.ttc", "not a usable font file"}, nil},
		{"CFF sfnt version", otto, []string{"otto.otf", "CFF", "fpdf", "TrueType"}, nil},
		{"CFF table", cffTable, []string{"cfftable.ttf", "CFF outlines"}, nil},
		{"no glyf", noGlyf, []string{"noglyf.ttf", "glyf"}, nil},
		{"ttf face 1", ttf + "#1", []string{"song.ttf", "只有 1 个字体", "no face 1", "1 face"}, nil},
		{"ttc face 2", ttc + "#2", []string{"pair.ttc", "只有 2 个字体", "没有第 2 号", "2 face(s)"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Load(tt.spec)
			if err == nil {
				t.Fatalf("Load(%q) = %q, want error", tt.spec, f.Name)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	song, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	fallback, err := Fallback()
	if err != nil {
		t.Fatal(err)
	}
	ttf := filepath.Join(dir, "song.ttf")
	ttc := filepath.Join(dir, "pair.ttc")
	hashName := filepath.Join(dir, "a#1") // a plain file whose name ends like a face index
	misaligned := filepath.Join(dir, "misaligned.ttf")
	if err := os.WriteFile(misaligned, misalign(t, song.Data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ttf, song.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ttc, buildTTC(t, song.Data, fallback.Data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hashName, fallback.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		spec   string
		family string
		want   *Face // whose tables the result must equal
	}{
		{ttf, song.Name, song},
		{ttf + "#0", song.Name, song},
		{ttc, song.Name, song},
		{ttc + "#0", song.Name, song},
		{ttc + "#1", fallback.Name, fallback},
		{hashName, fallback.Name, fallback},
		{misaligned, song.Name, song},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.spec), func(t *testing.T) {
			f, err := Load(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if f.Name != tt.family || f.Source != tt.spec {
				t.Errorf("Name, Source = %q, %q; want %q, %q", f.Name, f.Source, tt.family, tt.spec)
			}
			if strings.Contains(tt.spec, ".ttc") || tt.spec == misaligned {
				// Plain files pass through untouched, with whatever
				// checksums they had (gbsn00lp.ttf's are off), so only
				// rebuilt faces must meet the strict checks.
				checkStandalone(t, f.Data)
			} else if !bytes.Equal(f.Data, tt.want.Data) {
				t.Error("plain .ttf was not passed through unchanged")
			}
			sameTables(t, f.Data, tt.want.Data)
			for _, r := range "预〇%" {
				if f.Has(r) != tt.want.Has(r) {
					t.Errorf("Has(%q) = %v, want %v", r, f.Has(r), tt.want.Has(r))
				}
			}
		})
	}
	t.Run("extracted face in fpdf", func(t *testing.T) {
		f, err := Load(ttc + "#1")
		if err != nil {
			t.Fatal(err)
		}
		checkFPDF(t, f, budgetHan)
	})
}

// wqyPath is a real TrueType collection; CI installs fonts-wqy-microhei.
const wqyPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

func TestLoadSystemCollection(t *testing.T) {
	data, err := os.ReadFile(wqyPath)
	if err != nil {
		t.Skipf("%s not available (install fonts-wqy-microhei): %v", wqyPath, err)
	}
	// The reference is go-text's parser: sfnt itself refuses this
	// collection's faces in place, because their tables are not 4-byte
	// aligned (extraction realigns them).
	ref, err := gotext.ParseTTC(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range ref {
		spec := fmt.Sprintf("%s#%d", wqyPath, i)
		t.Run(spec, func(t *testing.T) {
			f, err := Load(spec)
			if err != nil {
				t.Fatal(err)
			}
			checkStandalone(t, f.Data)
			got, err := sfnt.Parse(f.Data)
			if err != nil {
				t.Fatalf("sfnt.Parse(extracted): %v", err)
			}
			var b sfnt.Buffer
			for _, r := range "预算〇%A" {
				gw, ok := want.NominalGlyph(r)
				gg, err := got.GlyphIndex(&b, r)
				if err != nil || !ok || uint32(gw) != uint32(gg) {
					t.Errorf("glyph for %q: extracted %d (%v), collection %d (%v)", r, gg, err, gw, ok)
				}
			}
			if uint16(got.UnitsPerEm()) != want.Upem() {
				t.Errorf("UnitsPerEm = %d, want %d", got.UnitsPerEm(), want.Upem())
			}
			checkFPDF(t, f, budgetText+"1673.35")
		})
	}
	t.Run("no path suffix means face 0", func(t *testing.T) {
		f0, err := Load(wqyPath + "#0")
		if err != nil {
			t.Fatal(err)
		}
		f, err := Load(wqyPath)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(f.Data, f0.Data) {
			t.Error("Load(path) differs from Load(path#0)")
		}
	})
	t.Run("out of range", func(t *testing.T) {
		n := len(ref)
		_, err := Load(fmt.Sprintf("%s#%d", wqyPath, n))
		if err == nil || !strings.Contains(err.Error(), "wqy-microhei.ttc") || !strings.Contains(err.Error(), "face(s)") {
			t.Errorf("Load(#%d) error = %v", n, err)
		}
	})
}

// cffCollection is a real collection of CFF faces, present where
// fonts-noto-cjk is installed: the likeliest wrong font a user points at.
const cffCollection = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"

func TestLoadSystemCFF(t *testing.T) {
	if _, err := os.Stat(cffCollection); err != nil {
		t.Skipf("%s not available (install fonts-noto-cjk): %v", cffCollection, err)
	}
	_, err := Load(cffCollection + "#0")
	if err == nil || !strings.Contains(err.Error(), "CFF") {
		t.Errorf("Load(%s#0) error = %v, want the CFF message", cffCollection, err)
	}
}

func TestSplitSpec(t *testing.T) {
	tests := []struct {
		spec  string
		path  string
		index int
	}{
		{"a.ttf", "a.ttf", 0},
		{"a.ttc#3", "a.ttc", 3},
		{"dir#x/a.ttc#12", "dir#x/a.ttc", 12},
		{"a.ttc#", "a.ttc#", 0},
		{"a.ttc#x", "a.ttc#x", 0},
		{"a.ttc#-1", "a.ttc#-1", 0},
		{"a.ttc#+1", "a.ttc#+1", 0},
	}
	for _, tt := range tests {
		path, index := splitSpec(tt.spec)
		if path != tt.path || index != tt.index {
			t.Errorf("splitSpec(%q) = %q, %d; want %q, %d", tt.spec, path, index, tt.path, tt.index)
		}
	}
}
