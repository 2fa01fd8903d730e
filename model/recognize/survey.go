package recognize

import (
	"regexp"
	"strings"

	"budgetpack/templates"
)

// figureOrHeader matches a line that belongs to a table: a figure, or a
// header word every budget table prints.
var figureOrHeader = regexp.MustCompile(`\d[\d,]*\.\d+|合\s*计|项\s*目|科目|金额单位|单\s*位[：:]|预算数|绩效|指标`)

// SurveyTitles lists the kinds of the tables a plain text (one line per
// printed line, pages separated by form feeds) holds, in order, by their
// titles alone: a title heads a table when the lines after it hold a figure
// or a header word before another title (else it is a line of the table of
// contents), and a title repeated on the next page over the same kind of
// table continues it. Project forms count one per project.
func SurveyTitles(set *templates.Set, text string) []string {
	lines := strings.Split(strings.ReplaceAll(text, "\f", "\n"), "\n")
	var kinds []string
	last := ""
	for i, l := range lines {
		if len(l) > maxTitleBytes {
			continue
		}
		t := set.MatchTitle(l)
		if t == nil && i+1 < len(lines) && strings.TrimSpace(l) != "" {
			// a title printed over two lines (… 培训费 / 支出预算表)
			if next := strings.TrimSpace(lines[i+1]); strings.HasSuffix(next, "表") && len([]rune(next)) <= 12 && set.MatchTitle(next) == nil {
				t = set.MatchTitle(l + next)
			}
		}
		if t == nil || !tableFollows(set, lines, i) {
			continue
		}
		if t.Kind == last && t.Form != "project" {
			continue // the same table on its next page
		}
		kinds = append(kinds, t.Kind)
		last = t.Kind
	}
	return kinds
}

// tableFollows reports whether the title at line i of a text heads a table
// rather than a line of the table of contents.
func tableFollows(set *templates.Set, lines []string, i int) bool {
	// a title right under another is a line of the contents
	for j, n := i-1, 0; j >= 0 && n < 1; j-- {
		l := strings.TrimSpace(lines[j])
		if l == "" {
			continue
		}
		n++
		if len(l) <= maxTitleBytes && set.MatchTitle(l) != nil {
			return false
		}
	}
	n := 0
	for j := i + 1; j < len(lines) && n < 12; j++ {
		l := strings.TrimSpace(lines[j])
		if l == "" {
			continue
		}
		n++
		if len(l) <= maxTitleBytes && set.MatchTitle(l) != nil {
			return false
		}
		if figureOrHeader.MatchString(l) {
			return true
		}
	}
	return false
}
