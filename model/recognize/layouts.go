package recognize

import "strings"

// layoutFits reports whether a family whose documents come in layout
// family can describe a document read in layout doc: a workbook may hold
// any family's tables, and a file reads like its text export (a .docx
// like the docx-text of it).
func layoutFits(family, doc string) bool {
	return family == "" || doc == "xlsx" || family == doc || strings.TrimSuffix(family, "-text") == doc
}
