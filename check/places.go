package check

import (
	"regexp"
	"strconv"

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
		f.Message = lineRef.ReplaceAllStringFunc(f.Message, func(m string) string {
			n, err := strconv.Atoi(lineRef.FindStringSubmatch(m)[1])
			if where := doc.Where(n); err == nil && where != "" {
				return where
			}
			return m
		})
	}
}
