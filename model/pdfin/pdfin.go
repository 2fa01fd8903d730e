// Package pdfin reads a PDF file in pure Go: it interprets the pages'
// content streams into placed words and drawn rulings and hands them to
// textgrid, which finds the tables and prose.
package pdfin

import "budgetpack/model/raw"

// Layout is the name of this reader's layout.
const Layout = "pdf"

// Looks reports whether the data is a PDF file.
func Looks(data []byte) bool { return len(data) >= 5 && string(data[:5]) == "%PDF-" }

// Read turns a PDF file into raw blocks, every anchor a page and position.
func Read(data []byte) (*raw.Document, error) {
	return nil, &raw.Error{Msg: "暂不支持 PDF (PDF not read yet)"}
}
