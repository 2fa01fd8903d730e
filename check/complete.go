package check

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"budgetpack/model"
	"budgetpack/templates"
)

// completeness: every required table is there; an empty table carries a
// note that says why and names the table; the form's fixed rows are there.
// selfEmpty is a note that calls its own table empty in so many words
// (“此表为空表”“本表无数据”“空表列示”), whichever table it stands under; a
// note that names one budget as empty (“本表政府性基金预算为空”) is left to
// the template's own pattern.
var selfEmpty = regexp.MustCompile(`(本表|此表|该表)(为空|无数据)|空表列示`)

func completeness(doc *model.Document, set *templates.Set) []Finding {
	var out []Finding
	for i := range set.Tables {
		tpl := &set.Tables[i]
		present := false
		for ti := range doc.Tables {
			if doc.Tables[ti].Kind == tpl.Kind {
				present = true
				out = append(out, tableCompleteness(doc, ti, tpl, set.Lenient)...)
			}
		}
		if tpl.Kind == "project_performance" {
			present = present || len(doc.Projects) > 0
		}
		for _, k := range tpl.SatisfiedBy {
			present = present || hasKind(doc, k)
		}
		if tpl.Required && !present {
			out = append(out, Finding{
				Rule: "complete.table", Severity: Error, Table: tpl.Name, Kind: tpl.Kind,
				Message: fmt.Sprintf("缺少必备表「%s」：本格式（%s）要求公开此表，空表也应列示并注明原因。", tpl.Name, set.Name),
			})
		}
	}
	return out
}

func tableCompleteness(doc *model.Document, ti int, tpl *templates.Table, lenient bool) []Finding {
	t := &doc.Tables[ti]
	var out []Finding
	// what the reader had to interpret is said, so that the clerk checks it
	// one finding per cause: rows the reader realigned the same way are
	// reported together
	for _, g := range groupRemarks(t.Remarks) {
		r := g[0]
		text := r.Text
		if len(g) > 1 {
			var lines []string
			for _, o := range g {
				lines = append(lines, strconv.Itoa(o.Line))
			}
			if _, rest, ok := strings.Cut(r.Text, "行："); ok {
				text = fmt.Sprintf("第 %s 行（共 %d 行）：%s", strings.Join(lines, "、"), len(g), rest)
			}
		}
		f := Finding{Rule: "recognize.realigned", Severity: Info, Table: t.Title, Kind: t.Kind, Line: r.Line,
			Message: fmt.Sprintf("「%s」%s", t.Title, text)}
		if r.Row < len(t.Rows) && len(r.Keys) > 0 {
			row := &t.Rows[r.Row]
			f.Row, f.Column, f.Ref = rowName(row.Label, row), headerOf(t, r.Keys[0]), model.CellRef(ti, r.Row, r.Keys[0])
			f.Actual = row.Values[r.Keys[0]]
			for _, o := range g[1:] {
				if o.Row < len(t.Rows) {
					f.Row += "、" + rowName(t.Rows[o.Row].Label, &t.Rows[o.Row])
				}
			}
		}
		out = append(out, f)
	}
	if tpl.Form == "" && (tpl.Required || tpl.EmptyNote != "") && hasNumeric(t) && isEmpty(t) {
		var note *model.Note
		for i := range t.Notes {
			if tpl.EmptyNoteMatches(t.Notes[i].Text) {
				note = &t.Notes[i]
				break
			}
		}
		switch {
		case note == nil && lenient && proseExplains(doc, tpl):
			// the narrative says why the table is empty
		case note == nil && lenient:
			out = append(out, Finding{
				Rule: "complete.empty_note", Severity: Info, Table: t.Title, Kind: t.Kind, Line: t.Line,
				Message: fmt.Sprintf("「%s」（%s）是空表，表下和文字说明中都没有说明为何为空，建议注明（如“注：无…预算，空表列示。”）。", t.Title, where(doc, t.Line)),
			})
		case note == nil:
			out = append(out, Finding{
				Rule: "complete.empty_note", Severity: Error, Table: t.Title, Kind: t.Kind, Line: t.Line,
				Message: fmt.Sprintf("「%s」（第 %d 行）是空表，但表下没有说明为何为空（应注明如“注：无…预算，空表列示。”）。", t.Title, t.Line),
			})
		case len(tpl.EmptyNames) > 0 && !containsAny(note.Text, tpl.EmptyNames) && !containsAny(t.Title, tpl.EmptyNames):
			// a note under a table whose title names the budget says enough
			out = append(out, Finding{
				Rule: "complete.empty_note_name", Severity: Info, Table: t.Title, Kind: t.Kind, Line: note.Line,
				Message: fmt.Sprintf("「%s」的空表说明“%s”（第 %d 行）没有写明是哪类预算为空（如“%s”），建议写明。", t.Title, note.Text, note.Line, strings.Join(tpl.EmptyNames, "、")),
			})
		}
	}
	if tpl.Form == "" && hasNumeric(t) && !isEmpty(t) {
		// a note under a table with figures that calls it empty: the
		// template's note for an empty table, or words any such note says
		for _, n := range t.Notes {
			if tpl.EmptyNote != "" && tpl.EmptyNoteMatches(n.Text) || selfEmpty.MatchString(n.Text) {
				out = append(out, Finding{
					Rule: "complete.empty_note_filled", Severity: Error, Table: t.Title, Kind: t.Kind, Line: n.Line,
					Message: fmt.Sprintf("「%s」的说明“%s”（%s）称此表为空，但表中列有金额。", t.Title, n.Text, where(doc, n.Line)),
				})
			}
		}
	}
	// the national vocabulary lists the rows forms may print, not the rows each must
	if tpl.Form == "" && !lenient {
		seen := map[string]bool{}
		for _, r := range t.Rows {
			seen[r.Key] = true
			if r.Pair != nil {
				seen[r.Pair.Key] = true
			}
		}
		for _, fr := range tpl.Rows {
			if !seen[fr.Key] {
				out = append(out, Finding{
					Rule: "complete.fixed_row", Severity: Warning, Table: t.Title, Kind: t.Kind, Line: t.Line,
					Message: fmt.Sprintf("「%s」缺少表样固定行（名称应与“%s”相符），表样的固定行应全部列示。", t.Title, fr.Match),
				})
			}
		}
	}
	return out
}

// isEmpty reports whether a table publishes no figure other than zero.
func isEmpty(t *model.Table) bool {
	for _, r := range t.Rows {
		for _, v := range r.Values {
			if !v.IsBlank() && !v.Decimal().IsZero() {
				return false
			}
		}
	}
	return true
}

func headerOf(t *model.Table, key string) string {
	if c := t.Column(key); c != nil {
		return c.Label()
	}
	return key
}

func hasNumeric(t *model.Table) bool {
	for _, c := range t.Columns {
		if c.IsNumeric() {
			return true
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// where says where a line of the document is, as the user finds it.
func where(doc *model.Document, line int) string {
	if s := doc.Where(line); s != "" {
		return s
	}
	return fmt.Sprintf("第 %d 行", line)
}

// proseExplains reports whether a sentence of the narrative says that the
// table's kind of budget is empty (本部门无政府性基金预算 …).
func proseExplains(doc *model.Document, tpl *templates.Table) bool {
	if len(tpl.EmptyNames) == 0 {
		return false
	}
	for _, s := range doc.Sections {
		for _, p := range s.Paragraphs {
			for _, sent := range strings.Split(p.Text, "。") {
				if containsAny(sent, tpl.EmptyNames) && emptyWords.MatchString(sent) {
					return true
				}
			}
		}
	}
	return false
}

// groupRemarks groups the remarks that say the same thing of different
// rows (the text after “第 N 行：” is the same).
func groupRemarks(rs []model.Remark) [][]model.Remark {
	var out [][]model.Remark
	index := map[string]int{}
	for _, r := range rs {
		key := r.Text
		if _, rest, ok := strings.Cut(r.Text, "行："); ok {
			key = rest
		}
		if i, ok := index[key]; ok {
			out[i] = append(out[i], r)
			continue
		}
		index[key] = len(out)
		out = append(out, []model.Remark{r})
	}
	return out
}
