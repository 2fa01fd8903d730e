package check

import (
	"regexp"
	"strconv"
	"strings"

	"budgetpack/model"
	"budgetpack/templates"
)

// Run applies every check to the document and returns the findings in
// document order. set is the document's template family; nil means the
// embedded family of the document's name.
func Run(doc *model.Document, set *templates.Set) ([]Finding, error) {
	if set == nil {
		lib, err := templates.Embedded()
		if err != nil {
			return nil, err
		}
		set = lib.Set(doc.Family)
		if set == nil {
			return nil, &model.InputError{File: doc.Source, Msg: "没有格式模板 " + doc.Family + " (no template family)"}
		}
	}
	var out []Finding
	for ti := range doc.Tables {
		tpl := set.Table(doc.Tables[ti].Kind)
		if tpl == nil {
			continue
		}
		c := newTableContext(doc, ti, tpl)
		c.lenient = set.Lenient
		out = append(out, c.run()...)
	}
	out = append(out, CrossFindings(doc, set)...)
	out = append(out, completeness(doc, set)...)
	out = append(out, performance(doc, set)...)
	out = append(out, proseChecks(doc, set)...)
	placeFindings(doc, out)
	sortFindings(doc, out)
	if out == nil {
		out = []Finding{}
	}
	return out, nil
}

// CrossFindings runs only the checks across tables.
func CrossFindings(doc *model.Document, set *templates.Set) []Finding {
	rv := &resolver{doc: doc, set: set}
	var out []Finding
	for _, c := range set.Cross {
		out = append(out, rv.crossCheck(c)...)
	}
	return out
}

// Count tallies findings by severity.
func Count(fs []Finding) (errors, warnings, infos int) {
	for _, f := range fs {
		switch f.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		default:
			infos++
		}
	}
	return
}

// lineRef is a line reference in a finding's message.
var lineRef = regexp.MustCompile(`第 (\d+) 行`)

// placeFindings says in each finding where it is in the source file when
// the reader recorded places (a PDF page, the page and line of a text
// export): the message's line references become places and Where is set.
func placeFindings(doc *model.Document, fs []Finding) {
	if doc.Places == nil {
		return
	}
	for i := range fs {
		f := &fs[i]
		f.Where = doc.Where(f.Line)
		var sb strings.Builder
		last := 0
		for _, m := range lineRef.FindAllStringSubmatchIndex(f.Message, -1) {
			if strings.HasSuffix(f.Message[:m[0]], "页 ") {
				continue // already a place (第 5 页 第 12 行)
			}
			n, err := strconv.Atoi(f.Message[m[2]:m[3]])
			w := doc.Where(n)
			if err != nil || w == "" {
				continue
			}
			sb.WriteString(f.Message[last:m[0]])
			sb.WriteString(w)
			last = m[1]
		}
		sb.WriteString(f.Message[last:])
		f.Message = sb.String()
	}
}
