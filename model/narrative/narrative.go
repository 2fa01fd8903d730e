// Package narrative keeps of a document's explanations only the
// department's text: the page furniture a PDF or Word export carries along
// (cover, table of contents, attachment lines) is dropped, paragraphs that
// an old page end cut in two are joined again, and an English word that a
// text export put for a Chinese one is put back.
package narrative

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"budgetpack/model"
)

// Clean returns the sections without page furniture, with the paragraphs
// a page end broke joined. A joined paragraph keeps the first part's line.
// Only a PDF cuts paragraphs at page ends: paged is whether the text came
// from one (a Word document's paragraphs are kept as they are).
func Clean(secs []model.Section, paged bool) []model.Section {
	secs = dropFrontMatter(secs)
	var out []model.Section
	for _, s := range secs {
		s.Heading = fixWords(s.Heading)
		var ps []model.Paragraph
		if s.Paragraphs != nil {
			ps = []model.Paragraph{}
		}
		for i := 0; i < len(s.Paragraphs); i++ {
			p := s.Paragraphs[i]
			if isAttachment(p.Text) && restIsShort(s.Paragraphs[i+1:]) {
				break // 附件：… 表 — the list of the tables that follow
			}
			p.Text = fixWords(p.Text)
			if n := len(ps); n > 0 && paged && continues(ps[n-1].Text, p.Text) {
				ps[n-1].Text += p.Text
				continue
			}
			ps = append(ps, p)
		}
		s.Paragraphs = ps
		if s.Heading == "" && len(ps) == 0 {
			continue
		}
		out = append(out, s)
	}
	if out == nil {
		out = []model.Section{}
	}
	return out
}

// dropFrontMatter drops the cover and the table of contents: everything
// before the heading that starts the body, which is the first heading
// after “目录” whose part (第一部分 …) the contents already listed.
func dropFrontMatter(secs []model.Section) []model.Section {
	toc := -1
	for i, s := range secs {
		if isTOC(s.Heading) {
			toc = i
			break
		}
		for _, p := range s.Paragraphs {
			if isTOC(p.Text) {
				toc = i
			}
		}
		if toc >= 0 {
			break
		}
	}
	if toc < 0 {
		return secs
	}
	listed := map[string]bool{}
	for i := toc; i < len(secs); i++ {
		key := part(secs[i].Heading)
		if key == "" {
			continue
		}
		if listed[key] {
			return secs[i:]
		}
		listed[key] = true
	}
	return secs
}

func isTOC(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	return s == "目录" || s == "目次"
}

// part is the “第…部分” a heading starts with, or "".
func part(h string) string {
	h = strings.TrimSpace(h)
	if !strings.HasPrefix(h, "第") {
		return ""
	}
	if i := strings.Index(h, "部分"); i > 0 && i < 20 {
		return h[:i+len("部分")]
	}
	return ""
}

var attachment = regexp.MustCompile(`^\s*\**\s*附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?`)

func isAttachment(s string) bool { return attachment.MatchString(s) }

// restIsShort reports whether the paragraphs are short lines (the title of
// an attachment), not running text.
func restIsShort(ps []model.Paragraph) bool {
	for _, p := range ps {
		if utf8.RuneCountInString(strings.TrimSpace(p.Text)) > 40 {
			return false
		}
	}
	return true
}

// marker starts an enumerated item or a heading: （一） 一、 1. 1、 (1) ① 第…
var marker = regexp.MustCompile(`^\s*(（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d+[、.．]|[①-⑳]|第[一二三四五六七八九十\d]+|附件|注[:：])`)

// continues reports whether next is the rest of prev that a page end of
// the source cut off: prev is running text (it has a comma or a full
// stop) that stops without closing punctuation, is not a label (a short
// item, or “名称：值”), and next starts no item of its own.
func continues(prev, next string) bool {
	prev, next = strings.TrimSpace(prev), strings.TrimSpace(next)
	if prev == "" || next == "" || marker.MatchString(next) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune("。！？；：…”’」』）)》!?;:", last) {
		return false
	}
	if utf8.RuneCountInString(prev) < 20 || !strings.ContainsAny(prev, "，,。") {
		return false // a title or a heading-like item, not running text
	}
	if marker.MatchString(prev) && utf8.RuneCountInString(prev) < 40 && !strings.ContainsAny(prev, "。：:") {
		return false // 1.加强创新主体培育，推进… — an item's heading
	}
	if i := strings.LastIndexAny(prev, "：:"); i >= 0 && !strings.ContainsAny(prev[i:], "，,、") && utf8.RuneCountInString(prev) < 40 {
		return false // 名称：值 — a label with its value
	}
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.Is(unicode.Han, first) || unicode.IsDigit(first) || first == '“' || first == '（'
}

// englishAnd is “and” between Chinese text, which a text export puts for 和.
var englishAnd = regexp.MustCompile(`(\p{Han})\s*\band\b\s*(\p{Han})`)

// fixWords puts back what an export wrote in English.
func fixWords(s string) string {
	return englishAnd.ReplaceAllString(s, "${1}和${2}")
}
