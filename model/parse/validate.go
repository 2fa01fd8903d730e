package parse

import (
	"fmt"

	"budgetpack/model"
	"budgetpack/model/raw"
)

// Bounds of a model JSON, far above any real disclosure.
const (
	maxTables   = 1000
	maxColumns  = 200
	maxRows     = 100_000 // per table
	maxProjects = 10_000
	maxItems    = 100_000 // indicators, plan points, sections, paragraphs, places … per list
)

// pathError is a problem at a JSON path of a model (tables[3].remarks[0].row).
type pathError struct {
	path, msg string
}

func (e *pathError) Error() string { return e.path + ": " + e.msg }

// validateDocument checks a decoded model as a whole: every reference
// in range, every size bounded, every unit and type known, so that no
// later step can fail on it.
func validateDocument(d *model.Document) error {
	v := &validator{places: d.Places}
	v.check(d.Family != "", "family", "缺少格式模板名 (family is missing)")
	v.unit("unit", d.Unit)
	v.check(d.Year == 0 || d.Year >= 1949 && d.Year <= 2200, "year", fmt.Sprintf("年度 %d 不合理 (year out of range)", d.Year))
	v.count("tables", len(d.Tables), maxTables)
	// a document of explanations alone (its tables published in another
	// file) is a model too: check reports the tables it lacks
	v.check(len(d.Tables) > 0 || len(d.Sections) > 0, "tables", "JSON 中没有表格，也没有文字说明 (the JSON holds no tables and no text)")
	v.count("places", len(d.Places), maxItems*10)
	for i := range d.Tables {
		v.table(fmt.Sprintf("tables[%d]", i), &d.Tables[i])
	}
	v.count("projects", len(d.Projects), maxProjects)
	for i := range d.Projects {
		p := &d.Projects[i]
		at := fmt.Sprintf("projects[%d]", i)
		v.line(at+".line", p.Line)
		v.count(at+".plan", len(p.Plan), maxItems)
		v.indicators(at+".indicators", p.Indicators)
	}
	if o := d.Overall; o != nil {
		v.line("overall_goal.line", o.Line)
		v.count("overall_goal.tasks", len(o.Tasks), maxItems)
		for i, t := range o.Tasks {
			v.line(fmt.Sprintf("overall_goal.tasks[%d].line", i), t.Line)
		}
		v.count("overall_goal.budget", len(o.Budget), maxItems)
		for i, b := range o.Budget {
			v.line(fmt.Sprintf("overall_goal.budget[%d].line", i), b.Line)
		}
		v.indicators("overall_goal.indicators", o.Indicators)
	}
	v.count("sections", len(d.Sections), maxItems)
	for i, s := range d.Sections {
		at := fmt.Sprintf("sections[%d]", i)
		v.line(at+".line", s.Line)
		v.count(at+".paragraphs", len(s.Paragraphs), maxItems)
		for j, p := range s.Paragraphs {
			v.line(fmt.Sprintf("%s.paragraphs[%d].line", at, j), p.Line)
		}
	}
	if v.err != nil {
		return v.err
	}
	return nil
}

type validator struct {
	places []raw.Place
	err    *pathError
}

// check records the first failed condition.
func (v *validator) check(ok bool, path, msg string) {
	if !ok && v.err == nil {
		v.err = &pathError{path, msg}
	}
}

func (v *validator) count(path string, n, max int) {
	v.check(n <= max, path, fmt.Sprintf("共 %d 项，最多 %d 项 (%d items, at most %d)", n, max, n, max))
}

func (v *validator) unit(path, u string) {
	v.check(u == "" || u == "万元" || u == "元", path, fmt.Sprintf("单位应为“万元”或“元” (unit is 万元 or 元, not %s)", model.Quote(u)))
}

// line checks a source line: not negative, and an index into places
// where the document has them.
func (v *validator) line(path string, l int) {
	v.check(l >= 0, path, fmt.Sprintf("行号 %d 为负 (negative line)", l))
	if v.places != nil {
		v.check(l <= len(v.places), path, fmt.Sprintf("位置 %d 超出 places 的 %d 项 (beyond the %d places)", l, len(v.places), len(v.places)))
	}
}

var columnTypes = map[string]bool{
	model.TypeMoney: true, model.TypeNumber: true, model.TypePercent: true, model.TypeText: true,
	model.TypeCode: true, model.TypeName: true, model.TypeSeq: true,
}

var roles = map[string]bool{
	"": true, model.RoleTotal: true, model.RoleGrandTotal: true, model.RoleSubtotal: true, model.RolePart: true,
	model.RoleUnit: true, model.RoleCarryover: true, model.RoleBalance: true, model.RoleProject: true,
}

func (v *validator) table(at string, t *model.Table) {
	v.check(t.Kind != "", at+".kind", "缺少表的类别 (kind is missing)")
	v.unit(at+".unit", t.Unit)
	v.line(at+".line", t.Line)
	v.count(at+".columns", len(t.Columns), maxColumns)
	v.count(at+".rows", len(t.Rows), maxRows)
	cols := map[string]model.Column{}
	for j, c := range t.Columns {
		p := fmt.Sprintf("%s.columns[%d]", at, j)
		v.check(c.Key != "", p+".key", "缺少列的键 (key is missing)")
		_, dup := cols[c.Key]
		v.check(!dup, p+".key", fmt.Sprintf("列 %s 重复 (column twice)", model.Quote(c.Key)))
		v.check(columnTypes[c.Type], p+".type", fmt.Sprintf("未知的列类型 %s (unknown column type)", model.Quote(c.Type)))
		cols[c.Key] = c
	}
	for r := range t.Rows {
		row := &t.Rows[r]
		p := fmt.Sprintf("%s.rows[%d]", at, r)
		v.line(p+".line", row.Line)
		v.check(roles[row.Role], p+".role", fmt.Sprintf("未知的行性质 %s (unknown role)", model.Quote(row.Role)))
		if row.Pair != nil {
			v.check(roles[row.Pair.Role], p+".pair.role", fmt.Sprintf("未知的行性质 %s (unknown role)", model.Quote(row.Pair.Role)))
		}
		for k, l := range row.Pairs {
			v.check(roles[l.Role], fmt.Sprintf("%s.pairs[%d].role", p, k), fmt.Sprintf("未知的行性质 %s (unknown role)", model.Quote(l.Role)))
		}
		for k := range row.Values {
			c, ok := cols[k]
			v.check(ok && c.IsNumeric(), p+".values."+k, "不是本表的数字列 (not a numeric column of the table)")
		}
		for k := range row.Texts {
			_, ok := cols[k]
			v.check(ok, p+".texts."+k, "不是本表的列 (not a column of the table)")
		}
	}
	for j, n := range t.Notes {
		v.line(fmt.Sprintf("%s.notes[%d].line", at, j), n.Line)
	}
	for j, rm := range t.Remarks {
		p := fmt.Sprintf("%s.remarks[%d]", at, j)
		// a remark on the table as a whole (its header) names row 0, also
		// of a table without rows
		v.check(rm.Row >= 0 && (rm.Row < len(t.Rows) || rm.Row == 0), p+".row", fmt.Sprintf("行 %d 超出本表的 %d 行 (row %d is not one of the table's %d rows)", rm.Row, len(t.Rows), rm.Row, len(t.Rows)))
		v.line(p+".line", rm.Line)
		for k, key := range rm.Keys {
			_, ok := cols[key]
			v.check(ok, fmt.Sprintf("%s.keys[%d]", p, k), fmt.Sprintf("%s 不是本表的列 (not a column of the table)", model.Quote(key)))
		}
	}
}

func (v *validator) indicators(at string, ins []model.Indicator) {
	v.count(at, len(ins), maxItems)
	for i, in := range ins {
		v.line(fmt.Sprintf("%s[%d].line", at, i), in.Line)
	}
}
