package parse

import (
	"archive/zip"
	"bytes"
	"fmt"

	"budgetpack/model"
	"budgetpack/model/docxin"
	"budgetpack/model/raw"
)

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts a Compound File: a Word 97-2003 or Excel 97-2003
	// file, or an encrypted .docx or .xlsx.
	oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
)

// isContainer reports a zip or compound file that no reader takes.
func isContainer(data []byte) bool {
	return bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, oleMagic)
}

// containerError says what a zip or compound file is, and why it is not read.
func containerError(name string, data []byte) error {
	msg := ""
	switch {
	case bytes.HasPrefix(data, oleMagic):
		msg = "这是旧版 Office 文件（Word 97-2003 .doc、Excel 97-2003 .xls）或加密的 Office 文件：请在 Word 或 Excel 中另存为不加密的 .docx 或 .xlsx (an old .doc/.xls or an encrypted file: save it as an unencrypted .docx or .xlsx)"
	default:
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		switch {
		case err != nil:
			msg = fmt.Sprintf("看似 ZIP 压缩包（.docx、.xlsx 都是），但已损坏或不完整 (a damaged or truncated zip): %v", err)
		case docxin.Kind(zr) != "":
			msg = fmt.Sprintf("这是一个%s，不是 Word (.docx) 或 Excel (.xlsx) 文件 (neither a .docx nor a .xlsx)", docxin.Kind(zr))
		default:
			msg = "这是一个 ZIP 压缩包，但不是 Word (.docx) 或 Excel (.xlsx) 文件：其中既没有 word/document.xml，也没有 xl/workbook.xml (a zip, but neither a .docx nor a .xlsx)"
		}
	}
	return &model.InputError{File: name, Msg: msg}
}

// placed says where an input error stands in a document that records
// places (a sheet and cell, a page), rather than the anchor's number.
func placed(err error, places []raw.Place) error {
	ie, ok := err.(*model.InputError)
	if !ok || places == nil || ie.Line <= 0 {
		return err
	}
	where := raw.Where(places, ie.Line)
	if where == "" {
		return err
	}
	e := *ie
	e.Line, e.Msg = 0, where+"："+ie.Msg
	return &e
}
