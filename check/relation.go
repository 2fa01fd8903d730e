package check

import (
	"fmt"

	"budgetpack/model"
	"budgetpack/templates"
)

// Cell addresses one published figure: a table cell, or an amount of a project.
type Cell struct {
	// Table and Row index Document.Tables and its Rows; -1 for a project.
	Table, Row int
	// Key is the column key, or the project amount key.
	Key string
	// Project indexes Document.Projects; -1 for a table cell.
	Project int
}

// TableCell addresses column key of row r of table t.
func TableCell(t, r int, key string) Cell { return Cell{Table: t, Row: r, Key: key, Project: -1} }

// ProjectCell addresses amount key of project p.
func ProjectCell(p int, key string) Cell { return Cell{Table: -1, Row: -1, Key: key, Project: p} }

// Ref is the cell's stable address (model.CellRef or model.ProjectRef).
func (c Cell) Ref() string {
	if c.Project >= 0 {
		return model.ProjectRef(c.Project, c.Key)
	}
	return model.CellRef(c.Table, c.Row, c.Key)
}

// Get returns the figure.
func (c Cell) Get(d *model.Document) model.Amount {
	if c.Project >= 0 {
		return d.Projects[c.Project].Amounts[c.Key]
	}
	return d.Tables[c.Table].Rows[c.Row].Values[c.Key]
}

// Set replaces the figure.
func (c Cell) Set(d *model.Document, a model.Amount) {
	if c.Project >= 0 {
		if d.Projects[c.Project].Amounts == nil {
			d.Projects[c.Project].Amounts = map[string]model.Amount{}
		}
		d.Projects[c.Project].Amounts[c.Key] = a
		return
	}
	r := &d.Tables[c.Table].Rows[c.Row]
	if r.Values == nil {
		r.Values = map[string]model.Amount{}
	}
	r.Values[c.Key] = a
}

// Relation is an arithmetic relation of the document: Total = Σ Parts.
type Relation struct {
	// Rule is the check's identifier (sum.columns, sum.hierarchy …).
	Rule string
	// Total is the figure that should equal the sum.
	Total Cell
	// Parts are the figures it adds up.
	Parts []Cell
	// TotalName and PartNames name the figures in messages.
	TotalName string
	PartNames []string
	// CheckOnly marks a relation between figures of two sides (收入总计 =
	// 支出总计): it is checked, but neither side is derived from the other.
	CheckOnly bool
	// NoDerive marks a relation whose total is derived elsewhere from
	// other details (项目支出 from its 类 rows, not from the projects): it is
	// checked and may be balanced, but never derives the total.
	NoDerive bool
	// where locates the total for findings; why explains the relation.
	where location
	why   string
	// extra are figures of a column the template does not define, counted
	// with the parts (an open relation): read from the printed text, they
	// are checked but never derived or corrected.
	extra []term
}

// Where describes where the relation's total is, for messages.
func (r Relation) Where() string { return r.where.describe() }

// Table is the title of the table (or form) of the relation's total.
func (r Relation) Table() string { return r.where.table }

// Row names the total's row.
func (r Relation) Row() string { return r.where.row }

// Column names the total's column.
func (r Relation) Column() string { return r.where.column }

// Line is the source line of the total's row.
func (r Relation) Line() int { return r.where.line }

// Finding checks the relation on the document: nil when it holds.
func (r Relation) Finding(d *model.Document) *Finding {
	parts := make([]term, len(r.Parts))
	for i, p := range r.Parts {
		parts[i] = term{r.PartNames[i], p.Get(d)}
	}
	parts = append(parts, r.extra...)
	f := sumFinding(r.Rule, r.where, term{r.TotalName, r.Total.Get(d)}, parts)
	if f != nil {
		f.Message += r.why
	}
	return f
}

// Relations lists every arithmetic relation of the document that its
// templates declare: column relations row by row, the 类/款/项 hierarchy,
// the 合计 rows, the fixed-row relations, and the projects adding up to
// 项目支出.
func Relations(doc *model.Document, set *templates.Set) []Relation {
	var out []Relation
	for ti := range doc.Tables {
		tpl := set.Table(doc.Tables[ti].Kind)
		if tpl == nil {
			continue
		}
		out = append(out, newTableContext(doc, ti, tpl).relations()...)
	}
	if rel := projectTotal(doc, set); rel != nil {
		out = append(out, *rel)
	}
	return out
}

// projectTotal is the relation 项目支出 = Σ the projects' amounts.
func projectTotal(doc *model.Document, set *templates.Set) *Relation {
	if set.ProjectTotal == nil || len(doc.Projects) == 0 {
		return nil
	}
	// projects read from a project form whose shape does not say the
	// document lists all its projects (only key projects' forms) need not
	// add up; the overall form's shape reads no projects
	for i := range set.Tables {
		t := &set.Tables[i]
		if s := t.Shape; s != nil && t.Form == "project" && !s.Complete && hasKind(doc, t.Kind) {
			return nil
		}
	}
	rv := &resolver{doc: doc, set: set}
	target := rv.resolve(*set.ProjectTotal)
	if len(target) != 1 || target[0].cell == nil {
		return nil
	}
	// 项目支出 is derived from its 类 rows in its own table; the projects are
	// other details of the same figure, so the relation is checked but
	// never derives it.
	rel := Relation{Rule: "cross.projects", Total: *target[0].cell, TotalName: "项目支出", where: target[0].loc,
		why: "（项目支出应等于各项目预算数之和）", NoDerive: true}
	for pi, p := range doc.Projects {
		rel.Parts = append(rel.Parts, ProjectCell(pi, "total"))
		rel.PartNames = append(rel.PartNames, p.Name)
	}
	return &rel
}

// Equality is a figure that another table repeats: A must equal B, and B
// is the one nearer the detail.
type Equality struct {
	// Name says what is compared.
	Name string
	// A is the repeating figure, B the one nearer the detail.
	A, B Cell
}

// Equalities lists the published figures that the templates say must be
// equal across tables, where each side is one published cell.
func Equalities(doc *model.Document, set *templates.Set) []Equality {
	rv := &resolver{doc: doc, set: set}
	var out []Equality
	for _, c := range set.Cross {
		if c.Op != "" && c.Op != "=" {
			continue
		}
		as, bs := rv.resolve(c.A), rv.resolve(c.B)
		byKey := map[string]figure{}
		for _, b := range bs {
			byKey[b.key] = b
		}
		for _, a := range as {
			b, ok := byKey[a.key]
			if !ok || a.cell == nil || b.cell == nil {
				continue
			}
			name := c.Name
			if a.key != "" {
				name += "：" + a.key
			}
			out = append(out, Equality{Name: name, A: *a.cell, B: *b.cell})
		}
	}
	return out
}

// String describes the relation briefly, for debugging.
func (r Relation) String() string {
	return fmt.Sprintf("%s: %s = Σ%d", r.Rule, r.Total.Ref(), len(r.Parts))
}

func hasKind(doc *model.Document, kind string) bool {
	for i := range doc.Tables {
		if doc.Tables[i].Kind == kind {
			return true
		}
	}
	return false
}
