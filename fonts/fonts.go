// Package fonts supplies the TrueType faces that the PDF writer embeds, and
// tells which characters a face can draw.
//
// The PDF library (codeberg.org/go-pdf/fpdf) reads only standalone TrueType
// files with glyf outlines and a format-4 (BMP) Unicode cmap, and it prints
// parse problems instead of returning them, so a bad font would only show up
// later as "undefined font". This package therefore checks every face up
// front and turns each problem into an error a user can act on.
//
// Two faces are embedded so that the program works on a machine with no
// Chinese fonts at all: a Song (宋体-like) face for body text, and a
// wide-coverage face for the characters the Song face lacks. See README.md in
// this directory for their origin and licenses.
package fonts

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// The embedded font files. They are kept as []byte so that Face.Data can
// share them without copying several megabytes per call.
var (
	//go:embed gbsn00lp.ttf
	songTTF []byte
	//go:embed DroidSansFallbackFull.ttf
	fallbackTTF []byte
)

// Face is a TrueType font ready to embed in a PDF.
//
// Faces come from Default, Fallback and Load; the zero Face is not usable.
// A Face is safe for concurrent use. Data must not be modified: faces from
// Default and Fallback share it with every caller.
type Face struct {
	// Name is the font's family name from its name table (for example
	// "AR PL SungtiL GB"), or the file name if it has none. It is what the
	// PDF writer should register the font under.
	Name string
	// Source says where the face came from, for messages: the spec given
	// to Load, or "embedded:<file>" for the built-in faces.
	Source string
	// Data is the standalone TrueType file, the bytes to hand to
	// fpdf.AddUTF8FontFromBytes. A face taken out of a collection is
	// rebuilt as a standalone file.
	Data []byte

	font *sfnt.Font
}

var (
	defaultFace  = sync.OnceValues(func() (*Face, error) { return newFace("embedded:gbsn00lp.ttf", "gbsn00lp.ttf", songTTF) })
	fallbackFace = sync.OnceValues(func() (*Face, error) {
		return newFace("embedded:DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf", fallbackTTF)
	})
)

// Default returns the embedded Song face, AR PL SungtiL GB. It covers
// GB 2312, which holds nearly every character of a budget document, plus
// Latin letters, digits and the usual punctuation, but not characters
// outside GB 2312 such as 〇 (as in 二〇二三年) or 镕: use Fallback for those.
// Every call returns the same Face.
func Default() (*Face, error) { return defaultFace() }

// Fallback returns the embedded wide-coverage face, Droid Sans Fallback
// (about 49,000 glyphs, CJK Unified Ideographs and Extension A in the BMP).
// It is meant only for the characters Default lacks: it has no Latin
// letters, digits, "%", curly quotes or "≤≥" of its own. Every call returns
// the same Face.
func Fallback() (*Face, error) { return fallbackFace() }

// Load reads a TrueType font from a file. spec is a path to a .ttf file, or
// to a collection (.ttc) with "#N" appended to choose face N (counted from
// 0); a collection without "#N" means face 0. If a file named exactly spec
// exists, spec is taken as a plain path even if it contains "#".
//
// A face of a collection is rebuilt as a standalone TrueType file, because
// fpdf cannot read collections; so is a .ttf whose tables are not 4-byte
// aligned, because sfnt cannot read it. Other .ttf files are used as they
// are. Load fails, naming the file, if the file is
// missing, is not a font, has no such face, has CFF (PostScript) outlines,
// lacks the BMP Unicode cmap fpdf needs, or forbids embedding.
func Load(spec string) (*Face, error) {
	path, index := splitSpec(spec)
	data, err := readFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取字体文件 %s：%w (cannot read font file)", path, err)
	}
	if hasTag(data, tagOTTO) {
		// Checked before sfnt sees the file: sfnt rejects some CFF fonts
		// (CFF2) outright, and "not a font" would hide the real reason.
		return nil, cffError(path)
	}
	coll, err := sfnt.ParseCollection(data)
	if err != nil {
		return nil, notFontError(path, err)
	}
	if n := coll.NumFonts(); index >= n {
		return nil, fmt.Errorf("字体文件 %s 只有 %d 个字体（编号从 0 起），没有第 %d 号 (font file has %d face(s), numbered from 0; there is no face %d)",
			path, n, index, n, index)
	}
	switch {
	case hasTag(data, tagTTCF):
		data, err = extractFace(data, index)
		if err != nil {
			return nil, notFontError(path, err)
		}
	case !hasTag(data, tagTrueType) && !hasTag(data, tagTrue):
		// sfnt also reads Mac dfont resource files; fpdf does not.
		return nil, fmt.Errorf("字体文件 %s 不是 TrueType（.ttf）或 TrueType 字体集（.ttc） (font file is neither .ttf nor .ttc)", path)
	default:
		// A standalone file with misaligned tables is rebuilt like a face
		// of a collection, since sfnt refuses it and fpdf would not.
		if dir, err := readDirectory(data, 0); err == nil && !aligned(dir) {
			if data, err = rebuild(data, dir); err != nil {
				return nil, notFontError(path, err)
			}
		}
	}
	return newFace(spec, path, data)
}

// splitSpec separates "path#N" into path and N. Without a numeric "#N"
// suffix, or when a file named spec exists, the index is 0.
func splitSpec(spec string) (path string, index int) {
	i := strings.LastIndexByte(spec, '#')
	if i < 0 {
		return spec, 0
	}
	n, err := strconv.Atoi(spec[i+1:])
	if err != nil || n < 0 || strings.ContainsAny(spec[i+1:], "+-") {
		return spec, 0
	}
	if _, err := os.Stat(spec); err == nil {
		return spec, 0
	}
	return spec[:i], n
}

// newFace checks that data is a standalone TrueType font that fpdf can use
// and wraps it. source becomes Face.Source; name is the file named in
// messages.
func newFace(source, name string, data []byte) (*Face, error) {
	dir, err := readDirectory(data, 0)
	if err != nil {
		return nil, notFontError(name, err)
	}
	if dir.version == tagOTTO || dir.find(tagCFF) != nil || dir.find(tagCFF2) != nil {
		return nil, cffError(name)
	}
	if dir.version != tagTrueType && dir.version != tagTrue {
		return nil, notFontError(name, fmt.Errorf("unknown sfnt version %#08x", dir.version))
	}
	if dir.find(tagGlyf) == nil || dir.find(tagLoca) == nil {
		return nil, fmt.Errorf("字体 %s 没有 TrueType 轮廓（glyf 表），fpdf 无法使用 (font has no TrueType glyf outlines; fpdf cannot use it)", name)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, notFontError(name, err)
	}
	if !hasBMPCmap(data, dir) {
		return nil, fmt.Errorf("字体 %s 缺少 fpdf 所需的 Unicode 字符映射（cmap 格式 4） (font has no format-4 Unicode cmap, which fpdf needs)", name)
	}
	if embeddingRestricted(data, dir) {
		return nil, fmt.Errorf("字体 %s 的授权标记禁止嵌入 PDF (font's OS/2 fsType forbids embedding)", name)
	}
	var b sfnt.Buffer
	family, err := f.Name(&b, sfnt.NameIDFamily)
	if err != nil || strings.TrimSpace(family) == "" {
		family = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	return &Face{Name: family, Source: source, Data: data, font: f}, nil
}

func notFontError(path string, cause error) error {
	return fmt.Errorf("字体文件 %s 无法识别，不是可用的字体：%v (not a usable font file)", path, cause)
}

func cffError(path string) error {
	return fmt.Errorf("字体 %s 使用 CFF（PostScript）轮廓，fpdf 只能嵌入 TrueType（glyf）轮廓的字体，请换用 .ttf 字体 (font has CFF outlines; fpdf can embed only TrueType glyf fonts)", path)
}

// Has reports whether the face has a glyph for r. Runes outside the BMP
// always report false, because fpdf reads only the BMP (format-4) cmap and
// could not draw them even if the font has them.
func (f *Face) Has(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	b := buffers.Get().(*sfnt.Buffer) // one per call, so that Has is safe for concurrent use
	gi, err := f.font.GlyphIndex(b, r)
	buffers.Put(b)
	return err == nil && gi != 0
}

// buffers are sfnt's scratch buffers, reused across calls of Has.
var buffers = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

// Missing returns the distinct runes of text that the face has no glyph for,
// in the order they first appear. White space and control characters are
// ignored: they are never drawn as glyphs.
func (f *Face) Missing(text string) []rune {
	var missing []rune
	seen := make(map[rune]bool)
	for _, r := range text {
		if seen[r] || unicode.IsSpace(r) || unicode.IsControl(r) {
			continue
		}
		seen[r] = true
		if !f.Has(r) {
			missing = append(missing, r)
		}
	}
	return missing
}

// Check returns an error listing the characters of text that the face lacks,
// or nil if it can draw them all. It gives the PDF writer one message format
// for the user, instead of silently printing empty boxes.
func (f *Face) Check(text string) error {
	m := f.Missing(text)
	if len(m) == 0 {
		return nil
	}
	quoted := make([]string, len(m))
	for i, r := range m {
		quoted[i] = fmt.Sprintf("%c（U+%04X）", r, r)
	}
	return &MissingError{Face: f.Name, Runes: m, msg: fmt.Sprintf("字体 %s 缺少以下字符：%s (font lacks glyphs)", f.Name, strings.Join(quoted, "、"))}
}

// MissingError is returned by Check. It keeps the runes so that a caller can
// retry them with another face.
type MissingError struct {
	// Face is the Name of the face that lacks the runes.
	Face string
	// Runes are the missing runes, as Missing returns them.
	Runes []rune
	msg   string
}

// Error is the message naming the font and the missing characters.
func (e *MissingError) Error() string { return e.msg }

// errTruncated is the cause reported for font data that ends too early.
var errTruncated = errors.New("font data truncated")
