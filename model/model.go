// Package model is the single description of a department's budget
// disclosure (部门预算公开) that every later step reads: the tables as
// published, the projects with their performance targets, the department's
// overall performance goal and the narrative.
//
// Money is an Amount (decimal with published places and an explicit blank
// state), never a float.
package model

import (
	"strings"

	"budgetpack/model/raw"
)

// Document is one department's budget disclosure for one year.
type Document struct {
	// Source is the base name of the file the document was read from.
	Source string `json:"source"`
	// Layout names the reader that read it (docx-text, pdf-text).
	Layout string `json:"layout"`
	// Family names the template set that recognized it (hebei-2024, …).
	Family string `json:"family"`
	// Department is the publishing department.
	Department Department `json:"department"`
	// Year is the budget year.
	Year int `json:"year"`
	// Unit is the money unit of the tables: 万元 or 元.
	Unit string `json:"unit"`
	// Tables are the published tables, in document order.
	Tables []Table `json:"tables"`
	// Projects are the budget projects with their performance targets.
	Projects []Project `json:"projects"`
	// Overall is the department's overall performance goal (部门整体绩效目标).
	Overall *OverallGoal `json:"overall_goal,omitempty"`
	// Sections are the narrative parts, in document order.
	Sections []Section `json:"sections"`
	// Places says where each anchor stands in the source file when the
	// source is a PDF or a workbook: every Line field is then an index
	// into Places plus one. Nil means Line fields are text lines.
	Places []raw.Place `json:"places,omitempty"`
}

// Where says in Chinese where a Line field of the document points in the
// source file ("第 5 页", "工作表“收支总表”E9", "第 12 行"), or "".
func (d *Document) Where(line int) string { return raw.Where(d.Places, line) }

// Department identifies the publishing department.
type Department struct {
	// Code is the department code where the document prints one (304, 042).
	Code string `json:"code"`
	// Name is the department name.
	Name string `json:"name"`
}

// Table is one table as published.
type Table struct {
	// Kind is the table's stable identifier from the templates (income_expense_summary, …).
	Kind string `json:"kind"`
	// Title is the title as printed.
	Title string `json:"title"`
	// Unit is the money unit printed above the table (万元, 元), or "".
	Unit string `json:"unit"`
	// Caption holds the items printed between the title and the header
	// (编制部门, 预算年度, 单位, 截止时间 …), as published.
	Caption []string `json:"caption,omitempty"`
	// Numbered reports whether the source prints a 栏次 row of column numbers.
	Numbered bool `json:"numbered,omitempty"`
	// Lanci is the 栏次 row as printed, one text per column (** over the
	// label columns, 1, 2 … over the figures), where the source prints one;
	// nil lets the packs number the columns.
	Lanci []string `json:"lanci,omitempty"`
	// Number is the table's number label printed above or beside its
	// title (单位预算01表, 表一), or "".
	Number string `json:"number,omitempty"`
	// NumberLeft reports that the number stands at the left, clear of the
	// title (表四 over 重庆's tables); else it stands at the right.
	NumberLeft bool `json:"number_left,omitempty"`
	// OwnPart lists the code levels (款, 项) whose rows print only their
	// own part of the code in split 类/款/项 columns, the parts above
	// left blank, as the source prints them.
	OwnPart []string `json:"own_part,omitempty"`
	// Columns are the table's columns in published order.
	Columns []Column `json:"columns"`
	// Rows are the body rows in published order.
	Rows []Row `json:"rows"`
	// Indents reports that the source shows where each row name starts,
	// so each Label's Indent is as printed (0: flush left, as Shanghai
	// prints every level); without it the layout indents by code level,
	// as the official forms do.
	Indents bool `json:"indents,omitempty"`
	// Faces reports that the source shows which labels and figures it
	// prints bold (a page's type faces, some cell of the table set bold),
	// so each row's Bold and FiguresBold are as printed; without it the
	// layout sets totals bold, as the official forms do.
	Faces bool `json:"faces,omitempty"`
	// Notes are the notes printed under the table (注：…).
	Notes []Note `json:"notes,omitempty"`
	// Remarks say where the reader had to interpret the source (a run of
	// figures a text export moved by a column); they are not printed.
	Remarks []Remark `json:"remarks,omitempty"`
	// Line is the source line of the title.
	Line int `json:"line"`
}

// Column is one column of a table.
type Column struct {
	// Key is the column's meaning, from the templates (total, basic, project …).
	Key string `json:"key"`
	// Header is the official header of the column, levels joined by " / ".
	Header string `json:"header"`
	// Printed is the header text as the source prints it above the
	// column (a text export may garble it where it drops merged cells).
	Printed string `json:"printed,omitempty"`
	// Type tells how the cells read: money, number, percent or text
	// (code, name and seq columns are text that feeds Row's fields).
	Type string `json:"type"`
	// Grouped reports that the source prints the column's figures with
	// thousands separators (1,234.56); each figure's decimals are its own
	// (Amount.Places). The packs print them the same way.
	Grouped bool `json:"grouped,omitempty"`
	// CodeName is how the source prints a row's code and name together
	// in this one column, CodePlace and NamePlace standing for them
	// ("{code}-{name}" for 2120803-城市建设支出, "[{code}]{name}" for
	// [201]一般公共服务支出); "" where the column prints one of them.
	CodeName string `json:"code_name,omitempty"`
}

// The places of a row's code and name in Column.CodeName.
const (
	CodePlace = "{code}"
	NamePlace = "{name}"
)

// CodeAndName is a row's code and name as the column prints them
// together (Column.CodeName), or "" where the column prints one of them
// or the row lacks either.
func (c Column) CodeAndName(code, name string) string {
	if c.CodeName == "" || code == "" || name == "" {
		return ""
	}
	return strings.NewReplacer(CodePlace, code, NamePlace, name).Replace(c.CodeName)
}

// Label names the column for messages, levels joined by "/": its
// official header, or where the source prints another word for it (其他专户
// 收入拨款 for 财政专户管理资金, 政府性基金拨款 for 政府性基金预算) the printed
// one, from the lowest level that is no total word alone up (一般公共预算拨款/
// 小计), so that a reader finds the column on the page.
func (c Column) Label() string {
	official := strings.ReplaceAll(c.Header, " / ", "/")
	if c.Printed == "" {
		return official
	}
	segs := strings.Split(c.Printed, " / ")
	for i := range segs {
		segs[i] = strings.Join(strings.Fields(segs[i]), "")
	}
	offs := strings.Split(official, "/")
	leaf, offLeaf := segs[len(segs)-1], strings.Join(strings.Fields(offs[len(offs)-1]), "")
	if leaf == "" || strings.Contains(leaf, offLeaf) || strings.Contains(offLeaf, leaf) {
		return official // the same words, or a shorter form of them (预算数)
	}
	from := len(segs) - 1
	for from > 0 && totalWords[segs[from]] {
		from--
	}
	return strings.Join(segs[from:], "/")
}

// totalWords are the header words that only say "the total of the group
// above": a column headed by one alone is named with its group.
var totalWords = map[string]bool{"合计": true, "小计": true, "总计": true}

// Column types.
const (
	TypeMoney   = "money"
	TypeNumber  = "number"
	TypePercent = "percent"
	TypeText    = "text"
	TypeCode    = "code"
	TypeName    = "name"
	TypeSeq     = "seq"
)

// IsNumeric reports whether the column's cells are Amounts (in Row.Values).
func (c Column) IsNumeric() bool {
	return c.Type == TypeMoney || c.Type == TypeNumber || c.Type == TypePercent
}

// Label names a row or one side of a two-sided row.
type Label struct {
	// Code is the classification code (206, 2060199, 30101), a unit code
	// (042) or a project code; split 类/款/项 columns are joined.
	Code string `json:"code"`
	// Name is the row name as published, without leading indentation.
	Name string `json:"name"`
	// Level is 类, 款 or 项 for a classification code, 单位 for a unit row.
	Level string `json:"level,omitempty"`
	// Role marks rows that are not plain detail: total, grand_total,
	// subtotal, part (其中, already inside the row above), unit, carryover.
	Role string `json:"role,omitempty"`
	// Key is the template key of a fixed row of the form (六、科学技术支出 → exp.206).
	Key string `json:"key,omitempty"`
	// Indent is how many characters the name stands right of the names
	// printed flush left, where the table's Indents says the source shows it.
	Indent int `json:"indent,omitempty"`
	// Centred reports that the source prints the name centred in its cell.
	Centred bool `json:"centred,omitempty"`
	// Merged reports that the source prints the label in one cell merged
	// across the code columns and the name column (a 合计 row).
	Merged bool `json:"merged,omitempty"`
	// RowSpan is how many rows of the table the label's cell covers,
	// counting its own, where the source merges it down over the rows
	// below (一般公共预算资金 printed once beside its 小计 and its items);
	// those rows print no label of their own there. 0 or 1: its own row.
	RowSpan int `json:"rowspan,omitempty"`
	// Across is how many columns the label's cell spans from the name
	// column rightwards, where the source merges it across the label
	// columns after the name (收入总计 over 项目名称 and its items' column);
	// those columns print nothing in the row. 0 or 1: the name column.
	Across int `json:"across,omitempty"`
	// Bold reports that the source prints the label bold, where the
	// table's Faces says the source shows it.
	Bold bool `json:"bold,omitempty"`
}

// Row roles.
const (
	RoleTotal      = "total"
	RoleGrandTotal = "grand_total"
	RoleSubtotal   = "subtotal"
	RolePart       = "part"
	RoleUnit       = "unit"
	RoleCarryover  = "carryover"
	RoleBalance    = "balance"
	RoleProject    = "project"
)

// Row is one body row of a table as published.
type Row struct {
	// Seq is the printed row number (序号), or "".
	Seq string `json:"seq,omitempty"`
	Label
	// Pair is the right-hand label of a two-sided table (收支总表: income
	// on the left, expenditure on the right of the same printed row).
	Pair *Label `json:"pair,omitempty"`
	// Pairs are the labels of the further right-hand sides, in column
	// order, of a table that prints its expenditure under more than one
	// classification beside the income (西安: 功能分类, then 部门预算经济分类
	// and 政府预算经济分类, each with its own amounts).
	Pairs []Label `json:"pairs,omitempty"`
	// Values are the numeric cells keyed by column key; a blank cell is a
	// blank Amount (JSON null), never a zero.
	Values map[string]Amount `json:"values"`
	// Texts are the other text cells keyed by column key.
	Texts map[string]string `json:"texts,omitempty"`
	// FiguresBold reports that the source prints every figure of the row
	// bold, where the table's Faces says the source shows it.
	FiguresBold bool `json:"figures_bold,omitempty"`
	// Line is the source line where the row starts.
	Line int `json:"line"`
}

// Side returns the label of side k of the row: 0 the left label, 1 the
// pair, k ≥ 2 the further pairs; nil where the row prints none there.
func (r *Row) Side(k int) *Label {
	switch {
	case k <= 0:
		return &r.Label
	case k == 1:
		return r.Pair
	case k-2 < len(r.Pairs):
		return &r.Pairs[k-2]
	}
	return nil
}

// Note is a note printed under a table or inside a form.
type Note struct {
	// Text is the note as printed.
	Text string `json:"text"`
	// Line is its source line.
	Line int `json:"line"`
}

// Remark is a note of the reader on how it read a row of the source.
type Remark struct {
	// Text says what was read how, for the user.
	Text string `json:"text"`
	// Line is the source line of the row.
	Line int `json:"line"`
	// Row is the row's index in Table.Rows.
	Row int `json:"row"`
	// Keys are the columns whose figures the remark is about.
	Keys []string `json:"keys,omitempty"`
}

// Project is a budget project with its performance targets (项目绩效目标).
type Project struct {
	// Seq is the number of the project's form in the document, or "".
	Seq string `json:"seq,omitempty"`
	// Code is the project code (项目编码).
	Code string `json:"code"`
	// Name is the project name.
	Name string `json:"name"`
	// Type is the project type (其他运转类, 特定目标类), where published.
	Type string `json:"type,omitempty"`
	// Unit is the implementing unit, where published.
	Unit string `json:"unit,omitempty"`
	// Amounts are the project's amounts by fund source: total, fiscal,
	// other (Hebei), gov, special, unit (Henan).
	Amounts map[string]Amount `json:"amounts"`
	// MoneyUnit is the unit of the project's amounts where its form prints
	// one of its own (项目资金（万元）); else the document's unit.
	MoneyUnit string `json:"money_unit,omitempty"`
	// Purpose is the use of funds (资金用途).
	Purpose string `json:"purpose,omitempty"`
	// Plan is the spending plan: cumulative percent by month end.
	Plan []PlanPoint `json:"plan,omitempty"`
	// Goal is the performance goal text (绩效目标), paragraphs joined by newlines.
	Goal string `json:"goal,omitempty"`
	// Indicators are the performance indicators.
	Indicators []Indicator `json:"indicators"`
	// Title is the title of the project's own form, where it has one.
	Title string `json:"title,omitempty"`
	// Line is the source line of the form's title or the project's row.
	Line int `json:"line"`
}

// PlanPoint is one column of a spending plan (资金支出计划).
type PlanPoint struct {
	// Period is the month end as published (3月底).
	Period string `json:"period"`
	// Percent is the cumulative share spent by then; blank where not published.
	Percent Amount `json:"percent"`
}

// Indicator is one performance indicator. Continuation rows, whose 一级 and
// 二级 cells are blank because they are merged with the row above, carry
// their parents' names.
type Indicator struct {
	// Level1 is the 一级指标 (产出指标, 效益指标, 满意度指标, 成本指标).
	Level1 string `json:"level1"`
	// Level2 is the 二级指标 (数量指标, 质量指标 …), where published.
	Level2 string `json:"level2,omitempty"`
	// Level3 is the concrete indicator (三级指标).
	Level3 string `json:"level3"`
	// Description is the 绩效指标描述 (or 指标值说明).
	Description string `json:"description,omitempty"`
	// Value is the 指标值 as published (≥90%, ≤328225元, 1台).
	Value string `json:"value"`
	// Basis is the 指标值确定依据.
	Basis string `json:"basis,omitempty"`
	// Nature is the 指标性质 (≥, ≤, ＝, 定性) where a form prints it apart
	// from the value.
	Nature string `json:"nature,omitempty"`
	// Unit is the 度量单位 where a form prints it apart from the value.
	Unit string `json:"unit,omitempty"`
	// Line is the source line.
	Line int `json:"line"`
}

// OverallGoal is the department's overall performance goal (部门整体绩效目标),
// as a form (Henan) or as prose (Hebei).
type OverallGoal struct {
	// Goal is the annual goal text (年度履职目标, 总体绩效目标).
	Goal string `json:"goal"`
	// Tasks are the main tasks (年度主要任务).
	Tasks []Task `json:"tasks,omitempty"`
	// Budget lines (部门预算总额, 资金来源, 资金结构) keyed by template key.
	Budget []BudgetLine `json:"budget,omitempty"`
	// Indicators are the overall indicators.
	Indicators []Indicator `json:"indicators,omitempty"`
	// Line is the source line where it starts.
	Line int `json:"line"`
}

// Task is one of the main tasks of an overall goal.
type Task struct {
	// Name is the task's name (任务名称).
	Name string `json:"name"`
	// Content is its main content (主要内容).
	Content string `json:"content"`
	// Line is the source line.
	Line int `json:"line"`
}

// BudgetLine is one amount line of an overall goal form.
type BudgetLine struct {
	// Key is the template key (total, gov, special, unit, basic, project).
	Key string `json:"key"`
	// Name is the line as printed.
	Name string `json:"name"`
	// Amount is its figure.
	Amount Amount `json:"amount"`
	// Line is the source line.
	Line int `json:"line"`
}

// Section is a part of the narrative, under one heading.
type Section struct {
	// Heading is the heading as printed ("" for text before the first one).
	Heading string `json:"heading"`
	// Line is the heading's source line.
	Line int `json:"line"`
	// Paragraphs are the section's paragraphs in order.
	Paragraphs []Paragraph `json:"paragraphs"`
}

// Paragraph is one paragraph of narrative text.
type Paragraph struct {
	// Text is the paragraph.
	Text string `json:"text"`
	// Line is its source line.
	Line int `json:"line"`
}

// TableByKind returns the first table of the kind, or nil.
func (d *Document) TableByKind(kind string) *Table {
	for i := range d.Tables {
		if d.Tables[i].Kind == kind {
			return &d.Tables[i]
		}
	}
	return nil
}

// Column returns the column with the key, or nil.
func (t *Table) Column(key string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Key == key {
			return &t.Columns[i]
		}
	}
	return nil
}

// RowByCode returns the first row with the code, or nil.
func (t *Table) RowByCode(code string) *Row {
	for i := range t.Rows {
		if t.Rows[i].Code == code {
			return &t.Rows[i]
		}
	}
	return nil
}
