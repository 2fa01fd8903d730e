// Package docxin reads a Word document (.docx): paragraphs and tables in
// document order, merged cells as spans.
package docxin

import "budgetpack/model/raw"

// Layout is the name of this reader's layout.
const Layout = "docx"

// Looks reports whether the data is a Word document.
func Looks(data []byte) bool { return false }

// Read turns a Word document into raw blocks.
func Read(data []byte) (*raw.Document, error) {
	return nil, &raw.Error{Msg: "暂不支持 DOCX (DOCX not read yet)"}
}
