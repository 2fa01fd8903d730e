package templates

import (
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxFileSize bounds a template file (the largest family is some 30 KB).
const maxFileSize = 4 << 20

// readTemplate reads a template file: a regular file of at most
// maxFileSize bytes.
func readTemplate(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("模板 %s 不是普通文件 (not a regular file)", name)
	}
	if info.Size() > maxFileSize {
		return nil, fmt.Errorf("模板 %s 超过 %d MB (larger than %d MB)", name, maxFileSize>>20, maxFileSize>>20)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err == nil && len(data) > maxFileSize {
		err = fmt.Errorf("模板 %s 超过 %d MB (larger than %d MB)", name, maxFileSize>>20, maxFileSize>>20)
	}
	return data, err
}

// posError is a template error at a line of its file.
type posError struct {
	line int
	msg  string
}

func (e *posError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("第 %d 行 (line %d): %s", e.line, e.line, e.msg)
	}
	return e.msg
}

// prefix puts what a selector belongs to before its error's message.
func prefix(err error, what string) error {
	if pe, ok := err.(*posError); ok {
		return &posError{line: pe.line, msg: what + pe.msg}
	}
	return fmt.Errorf("%s%w", what, err)
}

// lineOf returns the line of the node at the path (mapping keys and
// sequence indices) in a decoded YAML document, or of the deepest node
// found on the way; 0 when there is none.
func lineOf(root *yaml.Node, path ...any) int {
	n := root
	if n == nil {
		return 0
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, p := range path {
		var next *yaml.Node
		switch p := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == p {
						line = n.Content[i].Line
						next = n.Content[i+1]
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && p >= 0 && p < len(n.Content) {
				next = n.Content[p]
				line = next.Line
			}
		}
		if next == nil {
			return line
		}
		n = next
	}
	return line
}

// rowRoles are the roles a row selector role:R may name.
var rowRoles = map[string]bool{
	"total": true, "grand_total": true, "subtotal": true, "part": true,
	"unit": true, "carryover": true, "balance": true, "project": true,
}

// validate checks what the YAML decoder cannot: that every column, fixed
// row, table and selector a relation names exists. src is the
// document, for the line of each error.
func (s *Set) validate(src *source) error {
	at := func(msg string, path ...any) error { return &posError{line: lineOf(src.root(), path...), msg: msg} }
	for i := range s.Tables {
		t := &s.Tables[i]
		cols := map[string]bool{}
		for _, c := range t.Columns {
			cols[c.Key] = true
		}
		rows := map[string]bool{}
		for _, r := range t.Rows {
			rows[r.Key] = true
		}
		for j, r := range t.Rows {
			if r.Key == "" {
				return at(fmt.Sprintf("表 %s 第 %d 个固定行缺少 key (fixed row without key)", t.Kind, j+1), "tables", i, "rows", j)
			}
			switch r.Side {
			case "", "left", "right":
			default:
				return at(fmt.Sprintf("表 %s 固定行 %s: side 应为 left 或 right (side is left or right, not %q)", t.Kind, r.Key, r.Side), "tables", i, "rows", j, "side")
			}
			if r.After != "" && !rows[r.After] {
				return at(fmt.Sprintf("表 %s 固定行 %s: after 指向不存在的固定行 %q (no fixed row %q)", t.Kind, r.Key, r.After, r.After), "tables", i, "rows", j, "after")
			}
		}
		ch := t.Checks
		for j, sum := range ch.Sums {
			if sum.Total == "" || len(sum.Parts) == 0 {
				return at(fmt.Sprintf("表 %s: sums 需要 total 和 parts (a sum needs total and parts)", t.Kind), "tables", i, "checks", "sums", j)
			}
			if !cols[sum.Total] {
				return at(fmt.Sprintf("表 %s: sums 的 total %q 不是本表的列 (not a column of the table)", t.Kind, sum.Total), "tables", i, "checks", "sums", j, "total")
			}
			for k, p := range sum.Parts {
				if !cols[p] {
					return at(fmt.Sprintf("表 %s: sums 的 parts %q 不是本表的列 (not a column of the table)", t.Kind, p), "tables", i, "checks", "sums", j, "parts", k)
				}
			}
			for k, p := range sum.Needs {
				if !cols[p] {
					return at(fmt.Sprintf("表 %s: sums 的 needs %q 不是本表的列 (not a column of the table)", t.Kind, p), "tables", i, "checks", "sums", j, "needs", k)
				}
			}
			for k, p := range sum.Unless {
				if !cols[p] {
					return at(fmt.Sprintf("表 %s: sums 的 unless %q 不是本表的列 (not a column of the table)", t.Kind, p), "tables", i, "checks", "sums", j, "unless", k)
				}
			}
		}
		for j, k := range ch.NoFoot {
			if !cols[k] {
				return at(fmt.Sprintf("表 %s: no_foot %q 不是本表的列 (not a column of the table)", t.Kind, k), "tables", i, "checks", "no_foot", j)
			}
		}
		rowRef := func(ref string) string {
			key, col, hasCol := strings.Cut(ref, "@")
			if hasCol && !cols[col] {
				return fmt.Sprintf("%q 中的列 %q 不是本表的列 (not a column of the table)", ref, col)
			}
			if strings.HasSuffix(key, "*") {
				// a prefix also matches the keys given to class rows (exp.206)
				return ""
			}
			if !rows[key] && !classKey(key) {
				return fmt.Sprintf("%q 不是本表的固定行 (not a fixed row of the table)", ref)
			}
			return ""
		}
		for j, rs := range ch.Rows {
			if rs.Total == "" || len(rs.Parts) == 0 {
				return at(fmt.Sprintf("表 %s: checks.rows 需要 total 和 parts (needs total and parts)", t.Kind), "tables", i, "checks", "rows", j)
			}
			if rs.Column != "" && !cols[rs.Column] {
				return at(fmt.Sprintf("表 %s: checks.rows 的 column %q 不是本表的列 (not a column of the table)", t.Kind, rs.Column), "tables", i, "checks", "rows", j, "column")
			}
			if msg := rowRef(rs.Total); msg != "" {
				return at(fmt.Sprintf("表 %s: checks.rows 的 total %s", t.Kind, msg), "tables", i, "checks", "rows", j, "total")
			}
			for k, p := range rs.Parts {
				if msg := rowRef(p); msg != "" {
					return at(fmt.Sprintf("表 %s: checks.rows 的 parts %s", t.Kind, msg), "tables", i, "checks", "rows", j, "parts", k)
				}
			}
		}
	}
	for i := range s.Tables {
		if err := s.Tables[i].validateShape(src); err != nil {
			return err
		}
		for j, k := range s.Tables[i].SatisfiedBy {
			if s.Table(k) == nil {
				return at(fmt.Sprintf("表 %s: satisfied_by %q 不是本格式的表 (no table of this kind in the family)", s.Tables[i].Kind, k), "tables", i, "satisfied_by", j)
			}
		}
	}
	for i, c := range s.Cross {
		switch c.Op {
		case "", "=", ">=", "<=":
		default:
			return at(fmt.Sprintf("跨表核对 %q: op 应为 =、>= 或 <= (op is =, >= or <=, not %q)", c.Name, c.Op), "cross", i, "op")
		}
		if err := s.validateCell(c.A, src, "cross", i, "a"); err != nil {
			return prefix(err, fmt.Sprintf("跨表核对 %q 的 a: ", c.Name))
		}
		if err := s.validateCell(c.B, src, "cross", i, "b"); err != nil {
			return prefix(err, fmt.Sprintf("跨表核对 %q 的 b: ", c.Name))
		}
	}
	if s.ProjectTotal != nil {
		if err := s.validateCell(*s.ProjectTotal, src, "project_total"); err != nil {
			return prefix(err, "project_total: ")
		}
	}
	for i, p := range s.Prose {
		if err := s.validateCell(p.Cell, src, "prose", i, "cell"); err != nil {
			return prefix(err, fmt.Sprintf("文字核对规则 %q 的 cell: ", p.Name))
		}
	}
	return nil
}

// validateCell checks a figure selector; path leads to it in the file.
func (s *Set) validateCell(c Cell, src *source, path ...any) error {
	at := func(field, msg string) error {
		p := append(append([]any{}, path...), field)
		if field == "" {
			p = path
		}
		return &posError{line: lineOf(src.root(), p...), msg: msg}
	}
	n := 0
	for _, v := range []string{c.Table, c.Overall, c.Projects} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		return at("", "应当只写 table、overall、projects 中的一个 (exactly one of table, overall, projects)")
	}
	if c.Table == "" {
		if c.Row != "" || c.Column != "" {
			return at("row", "overall 或 projects 不用 row、column (row and column go with table only)")
		}
		return nil
	}
	t := s.Table(c.Table)
	if t == nil {
		return at("table", fmt.Sprintf("没有表 %q (no table of this kind in the family)", c.Table))
	}
	if !t.HasColumn(c.Column) {
		return at("column", fmt.Sprintf("表 %s 没有列 %q (no such column)", c.Table, c.Column))
	}
	sel, arg, hasArg := strings.Cut(c.Row, ":")
	bad := func(why string) error {
		return at("row", fmt.Sprintf("行选择 %q %s；可用 key:固定行、role:total、code:编码、first、each:class、each:code、text:列^前缀 (row selector)", c.Row, why))
	}
	switch sel {
	case "key":
		found := classKey(arg)
		for _, r := range t.Rows {
			found = found || r.Key == arg
		}
		if !found {
			return bad(fmt.Sprintf("：表 %s 没有固定行 %q (no such fixed row)", c.Table, arg))
		}
	case "role":
		if !rowRoles[arg] {
			return bad("：未知的行性质 (unknown role)")
		}
	case "code":
		if _, err := strconv.ParseUint(arg, 10, 64); err != nil || arg == "" {
			return bad("：编码应为数字 (the code is digits)")
		}
	case "first":
		if hasArg {
			return bad("：first 不带参数 (first takes no argument)")
		}
	case "each":
		if arg != "class" && arg != "code" {
			return bad("：each 只能是 each:class 或 each:code")
		}
	case "text":
		col, _, ok := strings.Cut(arg, "^")
		if !ok || !t.HasColumn(col) {
			return bad(fmt.Sprintf("：text:列^前缀 中的列不是表 %s 的列 (not a column)", c.Table))
		}
	default:
		return bad("无法识别 (unknown)")
	}
	return nil
}

// HasColumn reports whether the table defines a column with the key (a
// column of a printed table it does not define is one of the form's own).
func (t *Table) HasColumn(key string) bool {
	for _, c := range t.Columns {
		if c.Key == key {
			return true
		}
	}
	return false
}

// classKey reports whether a fixed row key is one the recognizer gives a
// 类 row of a two-sided table (exp.206).
func classKey(k string) bool {
	code, ok := strings.CutPrefix(k, "exp.")
	_, err := strconv.ParseUint(code, 10, 64)
	return ok && err == nil && len(code) == 3
}

// The keys a form's shape may give labels for, by what they label.
var (
	projectFieldKeys = keySet("name", "code", "amount", "fiscal", "other", "unit", "type", "goal", "dept")
	overallFieldKeys = keySet("department", "goal", "dept")
	indicatorKeys    = keySet("level1", "level2", "level3", "value", "nature", "unit", "description", "indicator")
	sectionKeys      = keySet("budget", "funds", "tasks")
	taskKeys         = keySet("name", "content")
)

func keySet(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// source is a template file as validation needs it: its text, parsed
// into a node tree only when an error is to name its line (parsing the
// YAML a second time was half of loading the templates), and the kinds of
// the tables the file itself defines, in order.
type source struct {
	data   []byte
	own    []string
	parsed bool
	node   *yaml.Node
}

// root is the file's node tree, or nil if it does not parse.
func (src *source) root() *yaml.Node {
	if !src.parsed {
		src.parsed = true
		var n yaml.Node
		if yaml.Unmarshal(src.data, &n) == nil {
			src.node = &n
		}
	}
	return src.node
}

// tableIndex is the position in the file's tables of the table of the
// kind, or -1 where the file does not define it (a base's table).
func (src *source) tableIndex(kind string) int {
	for i, k := range src.own {
		if k == kind {
			return i
		}
	}
	return -1
}

// validateShape checks a form's shape: the keys of its label lists are
// ones the form reader knows (a misspelt key would silently read
// nothing), an overall form has one, and a project form labels its name.
func (t *Table) validateShape(src *source) error {
	ti := src.tableIndex(t.Kind)
	if ti < 0 {
		return nil // the base's table, checked with its own file
	}
	at := func(msg string, path ...any) error {
		return &posError{line: lineOf(src.root(), append([]any{"tables", ti}, path...)...), msg: fmt.Sprintf("表 %s: %s", t.Kind, msg)}
	}
	sh := t.Shape
	if sh == nil {
		if t.Form == "overall" {
			return at("form: overall 需要 shape（整体绩效目标表各栏的标签）(an overall form needs its shape)", "form")
		}
		return nil
	}
	if t.Form != "project" && t.Form != "overall" {
		return at(fmt.Sprintf("shape 只用于 form: project 或 form: overall (a shape goes with a project or overall form, not form %q)", t.Form), "shape")
	}
	switch sh.Layout {
	case "", "auto", "form", "list":
	default:
		return at(fmt.Sprintf("shape.layout 应为 form、list 或 auto，却是 %q (layout form, list or auto)", sh.Layout), "shape", "layout")
	}
	if sh.Code != "" {
		re, err := regexp.Compile(sh.Code)
		if err != nil {
			return at(fmt.Sprintf("shape.code: %v", err), "shape", "code")
		}
		if re.NumSubexp() < 1 {
			return at("shape.code 需要一个括号分组取项目编码 (code needs a group)", "shape", "code")
		}
	}
	labels := func(name string, m map[string][]string, known map[string]bool) error {
		for _, k := range sortedKeys(m) {
			if !known[k] {
				return at(fmt.Sprintf("shape.%s 中的 %q 不是可用的键；可用：%s (unknown key)", name, k, strings.Join(sortedKeys(known), "、")), "shape", name, k)
			}
			if len(m[k]) == 0 {
				return at(fmt.Sprintf("shape.%s.%s 没有标签 (no labels)", name, k), "shape", name, k)
			}
		}
		return nil
	}
	fields := projectFieldKeys
	if t.Form == "overall" {
		fields = overallFieldKeys
	}
	if err := labels("fields", sh.Fields, fields); err != nil {
		return err
	}
	if err := labels("indicators", sh.Indicators, indicatorKeys); err != nil {
		return err
	}
	if t.Form == "overall" {
		if err := labels("sections", sh.Sections, sectionKeys); err != nil {
			return err
		}
		if err := labels("tasks", sh.Tasks, taskKeys); err != nil {
			return err
		}
		if len(sh.Sections["tasks"]) > 0 && len(sh.Tasks) == 0 {
			return at("shape.sections 有 tasks，但没有 shape.tasks（任务各列的标签）(tasks need their column labels)", "shape", "sections", "tasks")
		}
		if sh.Complete {
			return at("shape.complete 只用于项目绩效目标表 (complete goes with a project form)", "shape", "complete")
		}
	} else {
		if len(sh.Sections) > 0 || len(sh.Tasks) > 0 {
			return at("shape.sections 和 shape.tasks 只用于整体绩效目标表 (sections and tasks go with an overall form)", "shape")
		}
		if len(sh.Fields["name"]) == 0 {
			return at("shape.fields 缺少 name（项目名称的标签）(shape needs the labels of name)", "shape", "fields")
		}
	}
	classes := map[string]bool{}
	for _, c := range sh.Classes {
		classes[c] = true
	}
	for _, c := range sortedKeys(sh.Subclasses) {
		if !classes[c] {
			return at(fmt.Sprintf("shape.subclasses 中的 %q 不在 shape.classes 中 (not one of the classes)", c), "shape", "subclasses", c)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
