package recognize

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"budgetpack/model/raw"
)

// Cover lines name the department and the year in a few national patterns:
// "预算单位：上海市数据局", "重庆市气象局 2026 年部门预算情况说明",
// "2026年 广州市司法局部门预算", "2026 年度无锡市统计局部门预算公开". The
// lines are joined without white space first, since a cover title is often
// broken over two lines ("…部门预 / 算").
var (
	coverField     = regexp.MustCompile(`(?:预算单位|编制单位|编制部门|部门名称|单位名称)[：:](.+?)(?:\d{4}年|目录|$)`)
	coverNameFirst = regexp.MustCompile(`^(.+?)(\d{4})年度?(?:部门|单位)(?:综合)?预算`)
	coverYearFirst = regexp.MustCompile(`(\d{4})年度?(.+?)(?:部门|单位)(?:综合)?预算`)
	coverYear      = regexp.MustCompile(`(20\d{2})年度?`)
)

// coverLines is how many prose lines before the first table or the table
// of contents may hold the cover.
const coverLines = 8

// coverInfo fills the department's name and the year from the document's
// cover lines where no table caption gave them.
func (r *recognizer) coverInfo() {
	if r.out.Department.Name != "" && r.out.Year != 0 {
		return
	}
	var sb strings.Builder
	n := 0
	for _, b := range r.doc.Blocks {
		if b.IsGrid() || n >= coverLines {
			break
		}
		t := strings.Map(func(c rune) rune {
			if unicode.IsSpace(c) {
				return -1
			}
			return c
		}, b.Text)
		if strings.HasPrefix(t, "目录") {
			break
		}
		if t == "" || isPageNumber(t) {
			continue
		}
		sb.WriteString(t)
		sb.WriteByte('\n')
		n++
	}
	name, year := "", 0
	for _, line := range strings.Split(sb.String(), "\n") {
		if m := coverField.FindStringSubmatch(line); m != nil && name == "" {
			name = m[1]
		}
	}
	joined := strings.ReplaceAll(sb.String(), "\n", "")
	if m := coverNameFirst.FindStringSubmatch(joined); m != nil && plausibleName(m[1]) {
		if name == "" {
			name = m[1]
		}
		year, _ = strconv.Atoi(m[2])
	} else if m := coverYearFirst.FindStringSubmatch(joined); m != nil && plausibleName(m[2]) {
		if name == "" {
			name = m[2]
		}
		year, _ = strconv.Atoi(m[1])
	}
	if r.out.Department.Name == "" {
		r.out.Department.Name = name
	}
	if r.out.Year == 0 && year >= 2000 && year < 2100 {
		r.out.Year = year
	}
	if r.out.Year == 0 {
		r.out.Year = commonYear(r.doc.Blocks)
	}
}

// commonYear is the year the prose names most often ("2026年"), the
// later one on a tie, or 0: a document without a cover (tables first)
// still names its budget year throughout.
func commonYear(blocks []raw.Block) int {
	count := map[int]int{}
	best, bestN := 0, 0
	for _, b := range blocks {
		if b.IsGrid() {
			continue
		}
		for _, m := range coverYear.FindAllStringSubmatch(b.Text, -1) {
			y, _ := strconv.Atoi(m[1])
			count[y]++
			if n := count[y]; n > bestN || n == bestN && y > best {
				best, bestN = y, n
			}
		}
	}
	return best
}

// plausibleName tells a department's name from a fragment such as 市级 or
// a line of other words: a few characters ending like an office does.
func plausibleName(s string) bool {
	rs := []rune(s)
	if len(rs) < 3 || len(rs) > 40 || strings.ContainsAny(s, "，。；：:0123456789") || strings.Contains(s, "预算") {
		return false
	}
	s = strings.TrimRight(s, "（）()本级汇总")
	for _, suffix := range []string{"局", "委", "委员会", "院", "办", "办公室", "厅", "部", "会", "所", "中心", "室", "馆", "站", "队", "署", "处", "团", "校", "政府", "法院", "检察院"} {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

// isPageNumber reports a line that is only a page number ("- 1 -", "1").
func isPageNumber(t string) bool {
	t = strings.Trim(t, "-—第页 ")
	if t == "" {
		return true
	}
	_, err := strconv.Atoi(t)
	return err == nil
}
