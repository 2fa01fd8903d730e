package check

import (
	"regexp"
	"strconv"
	"strings"

	"budgetpack/model"
)

// lineRef is how a message names a source line.
var lineRef = regexp.MustCompile(`第 (\d+) 行`)

// placeFindings says where each finding stands in a document read from a
// file that is not a text of lines (a workbook, a PDF, a Word document):
// there every line is an anchor, so "第 12 行" becomes the cell or page it
// stands for, in the message and in Place.
func placeFindings(doc *model.Document, fs []Finding) {
	if doc.Places == nil {
		return
	}
	for i := range fs {
		f := &fs[i]
		f.Place = doc.Where(f.Line)
		var sb strings.Builder
		last := 0
		for _, m := range lineRef.FindAllStringSubmatchIndex(f.Message, -1) {
			if strings.HasSuffix(f.Message[:m[0]], "页 ") {
				continue // already a place (第 5 页 第 12 行)
			}
			n, err := strconv.Atoi(f.Message[m[2]:m[3]])
			where := doc.Where(n)
			if err != nil || where == "" {
				continue
			}
			sb.WriteString(f.Message[last:m[0]])
			sb.WriteString(where)
			last = m[1]
		}
		sb.WriteString(f.Message[last:])
		f.Message = sb.String()
	}
}
