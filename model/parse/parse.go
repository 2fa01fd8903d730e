// Package parse reads a source file into the budget model: it detects the
// input (model JSON, or a document layout), runs the matching reader and
// the recognizer.
package parse

import (
	"budgetpack/model/narrative"
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"budgetpack/model"
	"budgetpack/model/docxin"
	"budgetpack/model/docxtext"
	"budgetpack/model/layouttext"
	"budgetpack/model/pdfin"
	"budgetpack/model/pdftext"
	"budgetpack/model/raw"
	"budgetpack/model/recognize"
	"budgetpack/model/xlsxin"
	"budgetpack/templates"
)

// Options choose the reader and the templates.
type Options struct {
	// Layout forces a reader: docx-text, pdf-text or json; "" detects it.
	Layout string
	// Family forces a template family; "" detects it.
	Family string
	// Templates are the template sets; nil uses the embedded ones.
	Templates *templates.Library
	// MaxSize is the largest input file File reads, in bytes; 0 means
	// DefaultMaxSize.
	MaxSize int64
}

// Layouts lists the input layouts that can be named with Options.Layout.
var Layouts = []string{pdfin.Layout, docxin.Layout, xlsxin.Layout, layouttext.Layout, docxtext.Layout, pdftext.Layout, "json"}

// File reads and recognizes the file at path.
func File(path string, opt Options) (*model.Document, error) {
	data, err := readInput(path, opt.MaxSize)
	if err != nil {
		return nil, err
	}
	return Bytes(path, data, opt)
}

// Bytes recognizes the content of a file named name.
func Bytes(name string, data []byte, opt Options) (*model.Document, error) {
	lib, err := library(opt)
	if err != nil {
		return nil, err
	}
	layout, err := layoutOf(name, data, opt)
	if err != nil {
		return nil, err
	}
	if layout == "json" {
		return decodeJSON(name, data)
	}
	doc, err := read(name, data, layout)
	if err != nil {
		return nil, err
	}
	return recognized(name, filepath.Base(name), doc, lib, opt)
}

func library(opt Options) (*templates.Library, error) {
	if opt.Templates != nil {
		return opt.Templates, nil
	}
	return templates.Embedded()
}

// layoutOf is the forced layout, or the one detected from the content.
func layoutOf(name string, data []byte, opt Options) (string, error) {
	if opt.Layout != "" {
		return opt.Layout, nil
	}
	return Detect(name, data)
}

// read runs the reader of a layout on the content of the file name.
func read(name string, data []byte, layout string) (*raw.Document, error) {
	var doc *raw.Document
	var err error
	switch layout {
	case pdfin.Layout:
		doc, err = pdfin.Read(data)
	case docxin.Layout:
		doc, err = docxin.Read(data)
	case layouttext.Layout:
		doc, err = layouttext.Read(data)
	case docxtext.Layout:
		doc, err = docxtext.Read(data)
	case pdftext.Layout:
		doc, err = pdftext.Read(data)
	case xlsxin.Layout:
		doc, err = xlsxin.Read(data)
	default:
		return nil, &model.InputError{File: name, Msg: fmt.Sprintf("未知的版式 %q，可用：%s (unknown layout)", layout, strings.Join(Layouts, "、"))}
	}
	if err != nil {
		if re, ok := err.(*raw.Error); ok {
			return nil, &model.InputError{File: name, Line: re.Line, Msg: re.Msg}
		}
		return nil, &model.InputError{File: name, Msg: err.Error()}
	}
	return doc, nil
}

// recognized builds the model of a raw document read from name; source
// is the name the model records.
func recognized(name, source string, doc *raw.Document, lib *templates.Library, opt Options) (*model.Document, error) {
	out, err := recognize.Recognize(doc, lib, recognize.Options{File: name, Family: opt.Family})
	if err != nil {
		return nil, placed(err, doc.Places)
	}
	out.Source = source
	out.Places = doc.Places
	out.Sections = narrative.Clean(out.Sections, paged(doc.Layout))
	return out, nil
}

// paged reports a layout whose prose lines break at page ends.
func paged(layout string) bool {
	return layout == pdftext.Layout || layout == pdfin.Layout || layout == layouttext.Layout
}

// Detect tells the layout of a file from its content.
func Detect(name string, data []byte) (string, error) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
	switch {
	case len(trimmed) == 0:
		return "", &model.InputError{File: name, Msg: "文件为空 (the file is empty)"}
	case pdfin.Looks(data):
		return pdfin.Layout, nil
	case xlsxin.Looks(data):
		return xlsxin.Layout, nil
	case docxin.Looks(data):
		return docxin.Layout, nil
	case isContainer(data):
		return "", containerError(name, data)
	case bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data):
		return "", &model.InputError{File: name, Msg: "无法识别的文件：不是 PDF、Word (.docx)、Excel (.xlsx) 文件，也不是 UTF-8 文本 (not a PDF, DOCX, XLSX or UTF-8 text file)"}
	case trimmed[0] == '{':
		return "json", nil
	case docxtext.Looks(data):
		return docxtext.Layout, nil
	case pdftext.Looks(data):
		return pdftext.Layout, nil
	case layouttext.Looks(data):
		return layouttext.Layout, nil
	}
	return "", &model.InputError{File: name, Msg: "没有找到表格：既不是每格一行（制表符缩进）的 DOCX 文本，也不是制表符分隔的 PDF 文本 (no table found in either text layout)"}
}

func decodeJSON(name string, data []byte) (*model.Document, error) {
	var d model.Document
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		line := 0
		var off int64 = -1
		if se, ok := err.(*json.SyntaxError); ok {
			off = se.Offset
		}
		if te, ok := err.(*json.UnmarshalTypeError); ok {
			off = te.Offset
		}
		if off >= 0 && off <= int64(len(data)) {
			line = 1 + bytes.Count(data[:off], []byte("\n"))
		}
		return nil, &model.InputError{File: name, Line: line, Msg: fmt.Sprintf("不是有效的 budgetpack 模型 JSON (not a valid model JSON): %v", err)}
	}
	if dec.More() {
		return nil, &model.InputError{File: name, Msg: "模型 JSON 之后还有内容 (data after the model JSON)"}
	}
	if err := validateDocument(&d); err != nil {
		return nil, &model.InputError{File: name, Msg: fmt.Sprintf("不是有效的 budgetpack 模型 JSON (not a valid model JSON): %v", err)}
	}
	return &d, nil
}
