// Package layouttext reads the text that `pdftotext -layout` (or a copy
// and paste of it) makes of a PDF: columns are runs of spaces on a
// character grid, pages are separated by form feeds.
package layouttext

import "budgetpack/model/raw"

// Layout is the name of this reader's layout.
const Layout = "layout-text"

// Looks reports whether the text looks like this layout.
func Looks(data []byte) bool { return false }

// Read turns the text into raw blocks, every anchor a page and line.
func Read(data []byte) (*raw.Document, error) {
	return nil, &raw.Error{Msg: "暂不支持版式文本 (layout text not read yet)"}
}
