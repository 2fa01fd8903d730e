package check

import (
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
	sortFindings(doc, out)
	placeFindings(doc, out)
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
