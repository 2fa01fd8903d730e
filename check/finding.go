// Package check finds the discrepancies of a budget document: totals that
// do not add up, figures that differ between tables, sentences that
// contradict a table, missing tables and notes, and performance targets
// that do not fit the budget. Each check is a pure function of the model
// returning located findings; nothing here changes the model.
package check

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"budgetpack/model"
)

// Severities.
const (
	Error   = "error"
	Warning = "warning"
	Info    = "info"
)

// Finding is one discrepancy, located in the document.
type Finding struct {
	// Rule is the stable identifier of the check (sum.columns, cross.equal …).
	Rule string `json:"rule"`
	// Severity is error, warning or info.
	Severity string `json:"severity"`
	// Table is the title of the table (or form, or 文字说明) concerned.
	Table string `json:"table"`
	// Kind is the table kind, where it is a table.
	Kind string `json:"kind,omitempty"`
	// Row names the row: code and name.
	Row string `json:"row,omitempty"`
	// Column is the column's header.
	Column string `json:"column,omitempty"`
	// Expected is the figure the relation requires (blank where none).
	Expected model.Amount `json:"expected"`
	// Actual is the figure published.
	Actual model.Amount `json:"actual"`
	// Difference is Actual − Expected.
	Difference model.Amount `json:"difference"`
	// Line is the source line (an anchor into the document's places where
	// it records them).
	Line int `json:"line,omitempty"`
	// Place says where Line stands in a file that is not a text of lines:
	// "工作表“收支总表” E9", "第 5 页"; "" otherwise.
	Place string `json:"place,omitempty"`
	// Message says in Chinese what is wrong, where, by how much and how
	// the expected figure was computed.
	Message string `json:"message"`
	// Ref is the address of the cell concerned (model.CellRef or
	// model.ProjectRef), for shading and linking it; "" for prose.
	Ref string `json:"ref,omitempty"`
}

// SeverityName is the Chinese name of a severity.
func SeverityName(s string) string {
	switch s {
	case Error:
		return "错误"
	case Warning:
		return "警告"
	case Info:
		return "提示"
	}
	return s
}

// half is half a unit of the last published digit: the rounding envelope
// of one figure (XBRL Calculations 1.1, round-to-nearest).
func half(a model.Amount) decimal.Decimal {
	if a.IsBlank() {
		return decimal.Zero
	}
	return decimal.New(5, -a.Places()-1)
}

// places is the most decimal places among the figures, to print results with.
func places(as ...model.Amount) int32 {
	p := int32(0)
	for _, a := range as {
		if !a.IsBlank() && a.Places() > p {
			p = a.Places()
		}
	}
	return p
}

// sum adds figures; a blank adds nothing.
func sum(as []model.Amount) decimal.Decimal {
	s := decimal.Zero
	for _, a := range as {
		s = s.Add(a.Decimal())
	}
	return s
}

// verdict compares a published total with the sum of its parts: equal
// gives "", within the rounding envelope |T − Σ| ≤ ½·10⁻ᵈ·(n+1) a
// warning, beyond it an error. It returns the sum, the difference and the
// tolerance as well (zero when the figures agree).
func verdict(total model.Amount, parts []model.Amount) (sev string, s, diff, tol decimal.Decimal) {
	s = sum(parts)
	diff = total.Decimal().Sub(s)
	if diff.IsZero() {
		// the usual case; the tolerance is only needed for a difference
		return "", s, diff, decimal.Zero
	}
	tol = half(total)
	for _, p := range parts {
		tol = tol.Add(half(p))
	}
	switch {
	case diff.Abs().LessThanOrEqual(tol):
		return Warning, s, diff, tol
	}
	return Error, s, diff, tol
}

// amount makes an Amount of a computed value shown with p places.
func amount(d decimal.Decimal, p int32) model.Amount {
	return model.NewAmount(d.Round(p), p)
}

// fmtDec prints a decimal with p places.
func fmtDec(d decimal.Decimal, p int32) string { return d.StringFixed(p) }

// show prints a figure, or 空白 for a blank.
func show(a model.Amount) string {
	if a.IsBlank() {
		return "空白"
	}
	return a.String()
}

// term is one named figure of a relation, for messages.
type term struct {
	name  string
	value model.Amount
}

// expression prints "名 a + 名 b = s".
func expression(terms []term, s decimal.Decimal, p int32) string {
	var parts []string
	for _, t := range terms {
		if t.value.IsBlank() {
			continue // a blank adds nothing; listing it only hides the figures that count
		}
		parts = append(parts, fmt.Sprintf("%s %s", t.name, show(t.value)))
	}
	if len(parts) == 0 {
		return "各项均为空白（合计 0）"
	}
	return strings.Join(parts, " + ") + " = " + fmtDec(s, p)
}

// sumFinding builds the finding of a failed sum relation, or nil when it holds.
func sumFinding(rule string, where location, total term, parts []term) *Finding {
	vals := make([]model.Amount, len(parts))
	for i, p := range parts {
		vals[i] = p.value
	}
	if total.value.IsBlank() && sum(vals).IsZero() {
		return nil
	}
	sev, s, diff, tol := verdict(total.value, vals)
	if sev == "" {
		return nil
	}
	p := places(append(vals, total.value)...)
	f := &Finding{
		Rule: rule, Severity: sev, Table: where.table, Kind: where.kind, Row: where.row, Column: where.column,
		Expected: amount(s, p), Actual: total.value, Difference: amount(diff, p), Line: where.line, Ref: where.ref,
	}
	pos := where.describe()
	calc := expression(parts, s, p)
	if sev == Warning {
		f.Message = fmt.Sprintf("%s：%s %s，但 %s，相差 %s；在舍入误差范围（±%s）内，表内不平，可能为舍入误差。",
			pos, total.name, show(total.value), calc, fmtDec(diff, p), tol.String())
	} else {
		f.Message = fmt.Sprintf("%s：%s %s，但 %s，相差 %s，超出舍入误差范围（±%s），数字有误。",
			pos, total.name, show(total.value), calc, fmtDec(diff, p), tol.String())
	}
	return f
}

// location is where a finding is.
type location struct {
	table, kind, row, column string
	line                     int
	ref                      string
}

func (l location) describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "「%s」", l.table)
	if l.row != "" {
		fmt.Fprintf(&b, "“%s”行", l.row)
	}
	if l.column != "" {
		fmt.Fprintf(&b, "“%s”列", l.column)
	}
	if l.line > 0 {
		fmt.Fprintf(&b, "（第 %d 行）", l.line)
	}
	return b.String()
}
