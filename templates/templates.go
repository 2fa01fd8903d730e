// Package templates holds the declarative definitions of the official
// tables, one set per format family (a province's forms in a given year),
// as commented YAML files. The same definition serves recognition (title
// synonyms, header words, fixed rows), checks and layout.
//
// The files are embedded in the binary; Load reads a directory instead, so
// that a finance IT person can add or fix a format without touching Go.
package templates

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var embedded embed.FS

// Common is what all families share: the row roles and the functional
// classification's 类 codes with the names the forms print for them.
type Common struct {
	// Roles classify rows by their printed name, first match wins.
	Roles []RoleRule `yaml:"roles"`
	// FunctionClasses are the 类 of the functional classification.
	FunctionClasses []FunctionClass `yaml:"function_classes"`
	// IgnoreSheets are workbook sheets that hold no table of the document
	// (the contents and the appendix of a pack).
	IgnoreSheets []string `yaml:"ignore_sheets"`
}

// RoleRule gives rows whose name matches Match the role Role.
type RoleRule struct {
	Match string `yaml:"match"`
	Role  string `yaml:"role"`
	re    *regexp.Regexp
}

// FunctionClass is one 类 of the functional classification (206 科学技术支出).
type FunctionClass struct {
	Code string `yaml:"code"`
	// Names are the words any printed form of the name contains.
	Names []string `yaml:"names"`
}

// Set is the template set of one format family.
type Set struct {
	// Family is the set's identifier (hebei-2024).
	Family string `yaml:"family"`
	// Extends names the set this family builds on (national): the family
	// starts from its tables, relations and prose rules; a table of the
	// same kind replaces the base's, other tables are added.
	Extends string `yaml:"extends"`
	// Fallback marks the national vocabulary: the set that recognizes a
	// document matching no family.
	Fallback bool `yaml:"fallback"`
	// Lenient sets keep what they cannot map (a missing column, a cell
	// that should be a figure, a form of an unknown shape) as published
	// and say so, instead of refusing the document: the national
	// vocabulary meets forms nobody has seen.
	Lenient bool `yaml:"lenient"`
	// Name is a readable name of the family.
	Name string `yaml:"name"`
	// Layout is the reader layout the family's documents come in.
	Layout string `yaml:"layout"`
	// Detect lists words that all appear in a document of this family.
	Detect []string `yaml:"detect"`
	// Unit is the money unit of the family's tables.
	Unit string `yaml:"unit"`
	// OverallSection is the heading word of the narrative section that
	// holds the overall performance goal, where it is prose.
	OverallSection string `yaml:"overall_section"`
	// Tables are the table definitions, in the official order.
	Tables []Table `yaml:"tables"`
	// Cross are the figures that several tables publish and must agree.
	Cross []Cross `yaml:"cross"`
	// ProjectTotal is the figure the projects' amounts add up to (项目支出).
	ProjectTotal *Cell `yaml:"project_total"`
	// Prose ties amounts stated in the narrative to the tables.
	Prose []ProseRule `yaml:"prose"`
	// Common is shared by all families (filled by Load).
	Common *Common `yaml:"-"`
	// pending holds what validating a family that extends another needs
	// until its base is merged in.
	pending *pendingCheck
}

type pendingCheck struct {
	src  *source
	file string
}

// Table defines one official table.
type Table struct {
	// Kind is the stable identifier shared across families.
	Kind string `yaml:"kind"`
	// Name is the official name.
	Name string `yaml:"name"`
	// Short is the short name (sheet names, ≤ 31 characters).
	Short string `yaml:"short"`
	// Titles are the titles that name this table (synonyms across
	// provinces and years); a printed title matches one after white space,
	// numbering and a trailing "(2023 年度)" are removed.
	Titles []string `yaml:"titles"`
	// TitlePattern matches titles that vary (one form per project).
	TitlePattern string `yaml:"title_pattern"`
	// Required reports whether the format requires the table.
	Required bool `yaml:"required"`
	// SatisfiedBy lists kinds a document may publish in place of this
	// required table and still disclose what it requires (深圳 publishes
	// the general-budget expenditure by economic class, with its 基本支出
	// column, instead of the basic-expenditure table).
	SatisfiedBy []string `yaml:"satisfied_by"`
	// Form names a structured form that is read into projects or the
	// overall goal rather than as columns: project, overall, project_summary.
	Form string `yaml:"form"`
	// Shape describes a project form by its printed labels, so that the
	// lenient vocabulary reads a province's form into projects from data.
	Shape *FormShape `yaml:"shape"`
	// Code tells how rows carry a classification code: function (类/款/项,
	// 3/5/7 digits) or economic (类/款, 3/5 digits).
	Code string `yaml:"code"`
	// TwoSided marks a table with a left (income) and a right (expenditure) side.
	TwoSided bool `yaml:"two_sided"`
	// AnyOrder: provinces print the columns in different orders (“三公”:
	// 公务接待费 before or after 公务用车); they are matched by their words
	// alone, not in the official order.
	AnyOrder bool `yaml:"any_order"`
	// Columns are the leaf columns in official order.
	Columns []Column `yaml:"columns"`
	// Rows are the fixed rows of the form, matched by name.
	Rows []FixedRow `yaml:"rows"`
	// EmptyNote matches the note that an empty table must carry.
	EmptyNote string `yaml:"empty_note"`
	// Continuation: a row after a page break whose numeric columns are all
	// blank continues the cells of the row above.
	Continuation bool `yaml:"continuation"`
	// EmptyNames are words an empty table's note should contain to name
	// the table (政府性基金); a note without them is reported as info.
	EmptyNames []string `yaml:"empty_names"`
	// Checks are the arithmetic relations of the table.
	Checks      TableChecks `yaml:"checks"`
	titleRe     *regexp.Regexp
	emptyNoteRe *regexp.Regexp
	titleKeys   []string
	// looseKeys are the titles' looseKey, for the lenient vocabulary.
	looseKeys []string
}

// TableChecks are the relations that hold inside a table.
type TableChecks struct {
	// Sums are column relations that hold on every row: total = Σ parts.
	Sums []Sum `yaml:"sums"`
	// Hierarchy: each 类 row is the sum of its 款 rows, each 款 of its 项
	// rows (matched by code prefix), in every numeric column.
	Hierarchy bool `yaml:"hierarchy"`
	// Footing: the 合计 row is the sum of the top-level rows (or of the
	// 小计 rows, each 小计 the sum of the rows under it), in every numeric
	// column but NoFoot.
	Footing bool `yaml:"footing"`
	// NoFoot lists columns the 合计 row does not add up (单价, 数量).
	NoFoot []string `yaml:"no_foot"`
	// Rows are relations between fixed rows: total = Σ parts in Column
	// (a part ending in * stands for every fixed row key with that prefix).
	Rows []RowSum `yaml:"rows"`
	// Sequence: the 序号 column numbers the rows 1, 2, 3 … in order.
	Sequence bool `yaml:"sequence"`
	// Outline: a side whose rows are numbered at two levels or more
	// (一、 over 1、 over (1)) adds up level by level: each numbered row
	// is the sum of the rows numbered one level below it, and the rows
	// of its top level add up to its 本年 total.
	Outline bool `yaml:"outline"`
}

// Sum is a column relation: Total = Σ Parts, on every row.
type Sum struct {
	Total string   `yaml:"total"`
	Parts []string `yaml:"parts"`
	// Needs lists columns the form must print for it to state the
	// relation (the sources of funds of an expenditure summary printed
	// by source: only where 一般公共预算拨款 is one of its columns).
	Needs []string `yaml:"needs"`
	// Unless lists columns whose printing makes the relation another one
	// (a 合计 over a “三公” 小计, 会议费 and 培训费).
	Unless []string `yaml:"unless"`
	// Open: a province may print further parts the vocabulary does not
	// name (a use of funds of its own beside 基本支出 and 项目支出), so a
	// money column the table does not define is counted as one more part.
	// In a relation that is not open such a column is only named, when it
	// accounts for the difference exactly.
	Open bool `yaml:"open"`
}

// Stated reports whether a table printing the columns has says the
// relation holds: it prints every column the relation needs.
func (s Sum) Stated(has func(key string) bool) bool {
	for _, k := range s.Needs {
		if !has(k) {
			return false
		}
	}
	for _, k := range s.Unless {
		if has(k) {
			return false
		}
	}
	return true
}

// RowSum is a fixed-row relation: row Total = Σ rows Parts, in Column.
type RowSum struct {
	Total  string   `yaml:"total"`
	Parts  []string `yaml:"parts"`
	Column string   `yaml:"column"`
}

// Cell selects a figure of the document, for relations across tables.
type Cell struct {
	// Table is a table kind; Overall instead names a budget line of the
	// overall goal form (total, basic, project); Projects sums a project
	// amount key over all projects.
	Table    string `yaml:"table"`
	Overall  string `yaml:"overall"`
	Projects string `yaml:"projects"`
	// Row selects the row: key:K (a fixed row, either side), role:total
	// (the 合计 row), code:C (by code, a 类 summed from its 项 rows when
	// the table has no 类 row), first (the fixed row keyed current where
	// the form prints last year's row too, else the first row), or each:class / each:code (every
	// 类 / every code, paired with the other side's), or text:COL^PREFIX
	// (the sum of the rows whose COL text starts with PREFIX).
	Row string `yaml:"row"`
	// Column is the column key.
	Column string `yaml:"column"`
}

// Cross is a relation between two figures: A = B (or A ≥ B, A ≤ B).
type Cross struct {
	// Name says what is compared, for the message.
	Name string `yaml:"name"`
	// Op is =, >= or <=; empty means =.
	Op string `yaml:"op"`
	A  Cell   `yaml:"a"`
	B  Cell   `yaml:"b"`
}

// ProseRule ties an amount stated in the narrative to a figure.
type ProseRule struct {
	// Name says what the sentence states.
	Name string `yaml:"name"`
	// Pattern is a regular expression whose first group is the amount.
	Pattern string `yaml:"pattern"`
	// Section limits the rule to sections whose heading holds this text.
	Section string `yaml:"section"`
	// Cell is the figure the amount must equal.
	Cell Cell `yaml:"cell"`
	re   *regexp.Regexp
}

// Regexp returns the compiled pattern.
func (p *ProseRule) Regexp() *regexp.Regexp { return p.re }

// Column defines one leaf column.
type Column struct {
	// Key is the column's meaning.
	Key string `yaml:"key"`
	// Type is money, number, percent, text, code, name, pair or seq.
	Type string `yaml:"type"`
	// Header is the official header path, levels separated by "/".
	Header string `yaml:"header"`
	// Words identify the column in a printed header: the more of them a
	// column's header holds, the better it matches. A word lists the ways
	// forms print it (合计|总计); one written =预算 must be a whole header
	// cell, any other may be part of one.
	Words []string `yaml:"words"`
	// Part is the position of a split code column (类 1, 款 2, 项 3).
	Part int `yaml:"part"`
	// Optional columns may be missing from a printed table.
	Optional bool `yaml:"optional"`
	// Also marks another place where some provinces print a column the
	// table defines under the same key (广州 prints 其他收入 before
	// 上级补助收入, others after 附属单位上缴收入): header words are matched
	// in the official order, so the other order needs its own entry. It
	// is matched by its words only, never by its place between others.
	Also bool `yaml:"also" json:",omitempty"`
}

// FixedRow is a fixed row of a form, matched by its printed name.
type FixedRow struct {
	Key   string `yaml:"key"`
	Match string `yaml:"match"`
	// Side is left or right in a two-sided table; empty matches either.
	Side string `yaml:"side"`
	// After: the row matches only once the fixed row with this key has
	// been seen above it (the lines of a carry-over repeat the income lines).
	After string `yaml:"after"`
	Code  string `yaml:"code"`
	Role  string `yaml:"role"`
	re    *regexp.Regexp
}

// Library is every loaded family with the common definitions.
type Library struct {
	Common Common
	Sets   []*Set
}

var (
	embeddedOnce sync.Once
	embeddedLib  *Library
	embeddedErr  error
)

// Embedded returns the template sets built into the binary, loaded once.
// Callers must not change the library.
func Embedded() (*Library, error) {
	embeddedOnce.Do(func() { embeddedLib, embeddedErr = loadDecoded(decodedJSON) })
	return embeddedLib, embeddedErr
}

// decodedJSON is the embedded YAML files decoded, as JSON: decoding the
// YAML took a run some 10–30 ms, most of its time before the first table
// was recognized; the JSON decodes in about 2 ms. The YAML files stay the
// source: TestDecodedCache fails when this file no longer matches them
// (go test ./templates -update rewrites it), and TestEmbeddedAsYAML loads
// and validates them as Load does.
//
//go:embed decoded.json
var decodedJSON []byte

// decodedFiles is what decoded.json holds: common.yaml and, in name
// order, each family file as decoded, before compiling.
type decodedFiles struct {
	Common Common
	Files  []decodedFile
}

// decodedFile is one family file decoded.
type decodedFile struct {
	Name string
	Set  Set
}

// decodeEmbedded decodes the embedded YAML files into what decoded.json
// holds.
func decodeEmbedded() ([]byte, error) {
	names, err := fs.Glob(embedded, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var d decodedFiles
	for _, name := range names {
		f := decodedFile{Name: name}
		if _, err := decodeFile(embedded, name, name, &d.Common, &f.Set); err != nil {
			return nil, err
		}
		if name != "common.yaml" {
			d.Files = append(d.Files, f)
		}
	}
	return json.MarshalIndent(&d, "", " ")
}

// decodeFile reads the template file name and decodes it strictly:
// common.yaml into common, a family file into set; a decoding error names
// the file as file. It returns the file's text, which validation reads
// again to name an error's line.
func decodeFile(fsys fs.FS, name, file string, common *Common, set *Set) ([]byte, error) {
	data, err := readTemplate(fsys, name)
	if err != nil {
		return nil, err
	}
	into := any(set)
	if name == "common.yaml" {
		into = common
	}
	if err := decodeStrict(data, into); err != nil {
		return nil, fmt.Errorf("模板 %s: %w", file, err)
	}
	return data, nil
}

// loadDecoded builds the library from decoded.json: the sets compiled,
// extended and joined to common.yaml as load does; validation, which only
// names an error's line, is left to the tests.
func loadDecoded(b []byte) (*Library, error) {
	var d decodedFiles
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("内置模板无法读取 (the built-in templates do not decode): %w", err)
	}
	lib := &Library{Common: d.Common}
	for i := range d.Files {
		s := &d.Files[i].Set
		if err := s.compile(); err != nil {
			return nil, fmt.Errorf("模板 embedded/%s: %w", d.Files[i].Name, err)
		}
		lib.Sets = append(lib.Sets, s)
	}
	if err := lib.finish(); err != nil {
		return nil, err
	}
	return lib, nil
}

// Load loads the template sets from a directory (the same files as the
// embedded set: common.yaml plus one file per family).
func Load(dir string) (*Library, error) { return load(os.DirFS(dir), dir) }

func load(fsys fs.FS, where string) (*Library, error) {
	lib := &Library{}
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("模板目录 %s 中没有 .yaml 文件 (no template files in %s)", where, where)
	}
	if _, err := fs.Stat(fsys, "common.yaml"); err != nil {
		return nil, fmt.Errorf("模板目录 %s 中缺少 common.yaml（通用定义，可从内置模板复制）(common.yaml is missing in %s)", where, where)
	}
	// The files are read and decoded at once (decoding YAML is most of
	// the time a run spends on its templates); what follows takes them
	// in name order, so the first error reported is the same every time.
	type decoded struct {
		data []byte
		set  Set
		err  error
	}
	files := make([]decoded, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			d := &files[i]
			file := path.Join(where, name)
			if d.data, d.err = decodeFile(fsys, name, file, &lib.Common, &d.set); d.err != nil || name == "common.yaml" {
				return
			}
			if err := d.set.compile(); err != nil {
				d.err = fmt.Errorf("模板 %s: %w", file, err)
			}
		})
	}
	wg.Wait()
	families := map[string]string{}
	for i, name := range names {
		d := &files[i]
		if d.err != nil {
			return nil, d.err
		}
		if name == "common.yaml" {
			continue
		}
		file := path.Join(where, name)
		s, data := &d.set, d.data
		src := &source{data: data}
		for _, t := range s.Tables {
			src.own = append(src.own, t.Kind)
		}
		if s.Extends == "" {
			if err := s.validate(src); err != nil {
				return nil, fmt.Errorf("模板 %s: %w", file, err)
			}
		} else {
			// checked once its base's tables are in (resolveExtends)
			s.pending = &pendingCheck{src: src, file: file}
		}
		if prev, ok := families[s.Family]; ok {
			return nil, fmt.Errorf("模板 %s: %w", file, &posError{line: lineOf(src.root(), "family"),
				msg: fmt.Sprintf("family %q 已在 %s 中定义 (family %q is already defined in %s)", s.Family, prev, s.Family, prev)})
		}
		families[s.Family] = file
		lib.Sets = append(lib.Sets, s)
	}
	if err := lib.finish(); err != nil {
		return nil, err
	}
	return lib, nil
}

// finish compiles the common roles, joins every set to them and builds
// the families that extend another.
func (lib *Library) finish() error {
	for i := range lib.Common.Roles {
		r := &lib.Common.Roles[i]
		re, err := regexp.Compile(r.Match)
		if err != nil {
			return fmt.Errorf("模板 common.yaml: 角色规则 %q: %w", r.Match, err)
		}
		r.re = re
	}
	for _, s := range lib.Sets {
		s.Common = &lib.Common
	}
	return lib.resolveExtends()
}

// resolveExtends builds each family that extends another from its base:
// the base's tables in order, a family table of the same kind in its
// place, the family's other tables after them; relations and prose rules
// of both.
func (l *Library) resolveExtends() error {
	done := map[string]bool{}
	var build func(s *Set, depth int) error
	build = func(s *Set, depth int) error {
		if s.Extends == "" || done[s.Family] {
			return nil
		}
		if depth > 8 {
			return fmt.Errorf("模板 %s: extends 循环 (extends cycle)", s.Family)
		}
		base := l.Set(s.Extends)
		if base == nil {
			return fmt.Errorf("模板 %s: extends 的格式 %q 不存在 (no such base family)", s.Family, s.Extends)
		}
		if err := build(base, depth+1); err != nil {
			return err
		}
		own := map[string]int{}
		for i, t := range s.Tables {
			own[t.Kind] = i
		}
		var tables []Table
		used := map[string]bool{}
		for _, t := range base.Tables {
			if i, ok := own[t.Kind]; ok {
				tables = append(tables, s.Tables[i])
				used[t.Kind] = true
				continue
			}
			tables = append(tables, t)
		}
		for _, t := range s.Tables {
			if !used[t.Kind] {
				tables = append(tables, t)
			}
		}
		s.Tables = tables
		if s.pending != nil {
			// the family's own relations, against its tables and its base's
			if err := s.validate(s.pending.src); err != nil {
				return fmt.Errorf("模板 %s: %w", s.pending.file, err)
			}
			s.pending = nil
		}
		s.Cross = append(append([]Cross(nil), base.Cross...), s.Cross...)
		s.Prose = append(append([]ProseRule(nil), base.Prose...), s.Prose...)
		if s.ProjectTotal == nil {
			s.ProjectTotal = base.ProjectTotal
		}
		if s.Unit == "" {
			s.Unit = base.Unit
		}
		if s.OverallSection == "" {
			s.OverallSection = base.OverallSection
		}
		s.Lenient = s.Lenient || base.Lenient
		done[s.Family] = true
		return nil
	}
	for _, s := range l.Sets {
		if err := build(s, 0); err != nil {
			return err
		}
	}
	return nil
}

// Fallback returns the national vocabulary (the set marked fallback), or nil.
func (l *Library) Fallback() *Set {
	for _, s := range l.Sets {
		if s.Fallback {
			return s
		}
	}
	return nil
}

func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	return dec.Decode(v)
}

func (s *Set) compile() error {
	if s.Family == "" {
		return fmt.Errorf("缺少 family (family is missing)")
	}
	for i := range s.Prose {
		p := &s.Prose[i]
		re, err := regexp.Compile(p.Pattern)
		if err != nil {
			return fmt.Errorf("文字核对规则 %q: %w", p.Name, err)
		}
		if re.NumSubexp() < 1 {
			return fmt.Errorf("文字核对规则 %q 的 pattern 需要一个括号分组取金额 (pattern needs a group)", p.Name)
		}
		p.re = re
	}
	kinds := map[string]bool{}
	for i := range s.Tables {
		t := &s.Tables[i]
		if t.Kind == "" || t.Name == "" {
			return fmt.Errorf("第 %d 个表缺少 kind 或 name (table %d lacks kind or name)", i+1, i+1)
		}
		if kinds[t.Kind] {
			return fmt.Errorf("表 %s 重复定义 (kind %s defined twice)", t.Kind, t.Kind)
		}
		kinds[t.Kind] = true
		t.titleKeys, t.looseKeys = nil, nil
		for _, title := range t.Titles {
			t.titleKeys = append(t.titleKeys, TitleKey(title))
			loose, _ := looseKey(TitleKey(title))
			t.looseKeys = append(t.looseKeys, loose)
		}
		if t.EmptyNote != "" {
			re, err := regexp.Compile(t.EmptyNote)
			if err != nil {
				return fmt.Errorf("表 %s: empty_note: %w", t.Kind, err)
			}
			t.emptyNoteRe = re
		}
		if t.TitlePattern != "" {
			re, err := regexp.Compile(t.TitlePattern)
			if err != nil {
				return fmt.Errorf("表 %s: title_pattern: %w", t.Kind, err)
			}
			t.titleRe = re
		}
		for j := range t.Rows {
			r := &t.Rows[j]
			re, err := regexp.Compile(r.Match)
			if err != nil {
				return fmt.Errorf("表 %s 固定行 %s: %w", t.Kind, r.Key, err)
			}
			r.re = re
		}
		keys, also := map[string]bool{}, map[string]bool{}
		for _, c := range t.Columns {
			if c.Also {
				if also[c.Key] {
					return fmt.Errorf("表 %s: 列 %s 重复 (column %s twice)", t.Kind, c.Key, c.Key)
				}
				also[c.Key] = true
				continue
			}
			if keys[c.Key] {
				return fmt.Errorf("表 %s: 列 %s 重复 (column %s twice)", t.Kind, c.Key, c.Key)
			}
			keys[c.Key] = true
		}
		for _, c := range t.Columns {
			if c.Also && !keys[c.Key] {
				return fmt.Errorf("表 %s: 列 %s 标为 also，但没有同名的列 (also without a column %s)", t.Kind, c.Key, c.Key)
			}
			switch c.Type {
			case "money", "number", "percent", "text", "code", "name", "pair", "seq":
			default:
				return fmt.Errorf("表 %s 列 %s: 未知类型 %q (unknown type)", t.Kind, c.Key, c.Type)
			}
		}
	}
	return nil
}

// Set returns the family's set, or nil.
func (l *Library) Set(family string) *Set {
	for _, s := range l.Sets {
		if s.Family == family {
			return s
		}
	}
	return nil
}

// TitleKey normalizes a printed title for comparison: white space, a
// leading list number (一、 1、 01 - ), a form number (预算01表, 单位预算01表,
// 公开 01 表：, 表1, 附表一, 附件1：, （三）), a leading budget year (2026年,
// 2026 年度, also after a number: 表1 2026年…), a trailing year in brackets
// and quotation marks removed.
func TitleKey(s string) string {
	fields := strings.Fields(s)
	if len(fields) > 1 && bareNumber.MatchString(fields[0]) {
		fields = fields[1:] // a bare number printed before the title (01 收支总表)
	}
	for i := 1; i < len(fields); i++ {
		// a number before a year (表1 2026年…) stays apart from it
		if last := fields[i-1][len(fields[i-1])-1]; last >= '0' && last <= '9' && yearStart.MatchString(fields[i]) {
			fields[i-1] += "："
		}
	}
	s = strings.Join(fields, "")
	// the 一 of 一般公共预算 is no numeral: a number in Chinese numerals
	// (表一、附表二) right before it must not take it along
	s = strings.ReplaceAll(s, "一般", generalMark)
	for {
		t := leadingNumber.ReplaceAllString(s, "")
		t = formNumber.ReplaceAllString(t, "")
		t = leadingYearWord.ReplaceAllString(t, "")
		if t == s {
			break
		}
		s = t
	}
	s = trailingYear.ReplaceAllString(s, "")
	s = quotes.Replace(s)
	s = noCarryover.ReplaceAllString(s, "")
	s = strings.NewReplacer("（）", "", "()", "").Replace(s)
	return strings.ReplaceAll(s, generalMark, "一般")
}

// generalMark stands for 一般 while numbers are removed from a title.
const generalMark = "\x00般"

// formNo is a table's number in digits (01, 1-1) or in Chinese numerals
// (一, 十二), never both: 附表一 2026年 keeps its year.
const formNo = `([0-9]+([\-－—][0-9]+)*|[一二三四五六七八九十]+([\-－—][0-9一二三四五六七八九十]+)*)`

var (
	leadingNumber   = regexp.MustCompile(`^(-|[一二三四五六七八九十]+、|\d+[、.．]|\d{1,2}[：:]|[（(][一二三四五六七八九十\d]+[)）])`)
	formNumber      = regexp.MustCompile(`^((附表|附件|单位预算|部门预算|预算|公开)表?` + formNo + `表?|表` + formNo + `)[：:、.．]?`)
	leadingYearWord = regexp.MustCompile(`^(\d{4}|\d{2})年度?`)
	quotes          = strings.NewReplacer("\"", "", "“", "", "”", "", "‘", "", "’", "", "'", "")
	noCarryover     = regexp.MustCompile(`[-－—，,]?不含上年结转(资金)?`)
	bareNumber      = regexp.MustCompile(`^\d{1,2}$`)
	yearStart       = regexp.MustCompile(`^\d{4}(年|$)`)
	trailingYear    = regexp.MustCompile(`[（(]\d{4}年度?[)）]$`)
)

// looseKey reduces a title key (TitleKey) to the words that tell the
// tables apart, for the national vocabulary to take a province's wording
// of a title it lists in another: who publishes it (部门, 单位, 本部门,
// 部门（单位）) at its start, the word 预算 (收支预算总表, 支出预算表,
// 政府性基金预算支出表: all but the 一般公共预算's own), the 财政拨款 or
// 拨款 after 一般公共预算, and 总体情况表 / 情况表 for 总表 / 表. What is
// left must still end in 表: a heading of the explanation (部门收支总体情况)
// never becomes a table. owned reports that the title named who
// publishes it: a short one (收入表, 支出表) is a title only then, not the
// second line of a longer one (…会议费、培训费 / 支出预算表), or where
// it is dated or numbered (2026年收入预算表, 表2 收入预算表).
func looseKey(key string) (loose string, owned bool) {
	for _, p := range []string{"部门（单位）", "部门(单位)", "本部门", "部门", "单位"} {
		if strings.HasPrefix(key, p) {
			key, owned = strings.TrimPrefix(key, p), true
			break
		}
	}
	key = strings.ReplaceAll(key, "一般公共预算", "\x00")
	key = strings.ReplaceAll(key, "预算", "")
	key = strings.ReplaceAll(key, "\x00财政拨款", "\x00")
	key = strings.ReplaceAll(key, "\x00拨款", "\x00")
	key = strings.ReplaceAll(key, "\x00", "一般公共预算")
	key = strings.ReplaceAll(key, "总体情况表", "总表")
	key = strings.ReplaceAll(key, "情况表", "表")
	return key, owned
}

// IsFormNumber reports whether the text is a table's number label and
// nothing else (单位预算01表, 预算 03 表, 附表2), as printed over a title.
func IsFormNumber(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	return s != "" && wholeFormNumber.MatchString(s)
}

var wholeFormNumber = regexp.MustCompile(`^(` + formNumber.String()[1:] + `)$`)

// MatchTitle returns the table whose title the printed text is, or nil.
// A lenient set (the national vocabulary) also takes a title in other
// words of one of its titles (looseKey: 部门收入预算情况表 for 收入总表's
// 部门收入预算表), and a title that ends with one of its titles, in its
// words or in other words, after a department's name (江苏省高级人民法院部门
// 收支预算总表), the longest such title deciding.
func (s *Set) MatchTitle(text string) *Table {
	key := TitleKey(text)
	compact := strings.Join(strings.Fields(text), "")
	for i := range s.Tables {
		t := &s.Tables[i]
		for _, k := range t.titleKeys {
			if key == k {
				return t
			}
		}
	}
	if s.Lenient && len([]rune(key)) <= 60 {
		// a title the vocabulary lists, after a department's name; else
		// one in other words (looseKey), whole or after the name
		loose, owned := looseKey(key)
		fields := strings.Fields(text)
		titled := owned || dated.MatchString(compact) || formNumber.MatchString(compact) || leadingNumber.MatchString(compact) ||
			len(fields) > 1 && bareNumber.MatchString(fields[0])
		for i := range s.Tables {
			if slices.Contains(s.Tables[i].looseKeys, loose) && (titled || len([]rune(loose)) >= 4) {
				return &s.Tables[i]
			}
		}
		if t := s.suffixTitle(key, func(t *Table) []string { return t.titleKeys }); t != nil {
			return t
		}
		if t := s.suffixTitle(loose, func(t *Table) []string { return t.looseKeys }); t != nil {
			return t
		}
	}
	for i := range s.Tables {
		t := &s.Tables[i]
		if t.titleRe != nil && t.titleRe.MatchString(compact) {
			return t
		}
	}
	return nil
}

// dated matches a budget year printed in a title (2026 年度…).
var dated = regexp.MustCompile(`\d{4}\s*年`)

// ownerEnd matches the end of a department's name and budget year that a
// short title may follow (…厅2026年度部门).
var ownerEnd = regexp.MustCompile(`(部门|单位|\d{4}年度?)$`)

// suffixTitle returns the table with the longest title (of those keys
// gives) that key ends with after a department's or unit's name, or nil.
func (s *Set) suffixTitle(key string, keys func(*Table) []string) *Table {
	var best *Table
	bestLen := 0
	for i := range s.Tables {
		t := &s.Tables[i]
		for _, k := range keys(t) {
			n := len([]rune(k))
			if n < 3 || n <= bestLen || !strings.HasSuffix(key, k) {
				continue
			}
			// a title of three characters (收入表) only after who publishes
			// it: 专项转移支付支出表 is no 支出表
			if p := strings.TrimSuffix(key, k); namePrefix(p) && (n >= 4 || ownerEnd.MatchString(p)) {
				best, bestLen = t, n
			}
		}
	}
	return best
}

// namePrefix reports whether what precedes a known title can be the
// department's or unit's name (not a sentence, not another table's words).
func namePrefix(p string) bool {
	return !strings.ContainsAny(p, "，。；：:,;、“”") && !strings.Contains(p, "表") && !strings.Contains(p, "说明") && len([]rune(p)) <= 40 &&
		!strings.HasSuffix(p, "拨款") && !strings.HasSuffix(p, "一般公共预算") // (一般公共预算拨款 基本支出预算表 is no unit's table)
}

// TitleMatch returns the submatches of the table's title pattern in text.
func (t *Table) TitleMatch(text string) []string {
	if t.titleRe == nil {
		return nil
	}
	return t.titleRe.FindStringSubmatch(strings.Join(strings.Fields(text), ""))
}

// EmptyNoteMatches reports whether a note under the table is the note an
// empty table must carry (any note, where the template sets none).
func (t *Table) EmptyNoteMatches(note string) bool {
	return t.emptyNoteRe == nil || t.emptyNoteRe.MatchString(note)
}

// MatchRow returns the fixed row whose pattern matches name on the side,
// given the keys of the fixed rows already seen above, or nil.
func (t *Table) MatchRow(name, side string, seen map[string]bool) *FixedRow {
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Side != "" && side != "" && r.Side != side {
			continue
		}
		if r.After != "" && !seen[r.After] {
			continue
		}
		if r.re.MatchString(name) {
			return r
		}
	}
	return nil
}

// Role returns the role of a row by its name, or "".
func (c *Common) Role(name string) string {
	for _, r := range c.Roles {
		if r.re != nil && r.re.MatchString(name) {
			return r.Role
		}
	}
	return ""
}

// IsFunctionClass reports whether code is a 类 of the functional classification.
func (c *Common) IsFunctionClass(code string) bool {
	for _, f := range c.FunctionClasses {
		if f.Code == code {
			return true
		}
	}
	return false
}

// FunctionClass returns the 类 code whose name the printed text holds, or "".
func (c *Common) FunctionClass(name string) string {
	n := strings.Join(strings.Fields(name), "")
	for _, f := range c.FunctionClasses {
		for _, w := range f.Names {
			if strings.Contains(n, w) {
				return f.Code
			}
		}
	}
	return ""
}

// Table returns the family's definition of the kind, or nil.
func (s *Set) Table(kind string) *Table {
	for i := range s.Tables {
		if s.Tables[i].Kind == kind {
			return &s.Tables[i]
		}
	}
	return nil
}

// FormShape is the shape of a project performance form (项目支出绩效目标表)
// as data: the labels of its fields and of its indicator columns, and
// whether it prints one form per project or one list of projects.
type FormShape struct {
	// Layout is "form" (one form per project: 项目名称 … then the indicator
	// rows) or "list" (one table: a row per project, its indicators in the
	// rows below it).
	Layout string `yaml:"layout"`
	// Complete says the document publishes the forms of all its projects,
	// so that they add up to 项目支出 (project_total). Provinces that
	// publish only their key projects' forms leave it false.
	Complete bool `yaml:"complete"`
	// Code matches a project code printed before the name in the name cell;
	// its first group is the code, the rest of the cell the name.
	Code string `yaml:"code"`
	// Fields are the labels of the project's fields: name, amount, fiscal,
	// other, unit (实施单位), goal (绩效目标), type, code; dept lists labels
	// that are never a value. An overall form (form: overall) reads
	// department (部门名称: its value is the department's name) and goal.
	Fields map[string][]string `yaml:"fields"`
	// Indicators are the labels of the indicator columns: level1, level2,
	// level3, value, nature (指标性质), unit (度量单位), description, and
	// indicator (绩效指标: the classes and the name in one cell).
	Indicators map[string][]string `yaml:"indicators"`
	// Sections (overall forms) are the labels that open a block of rows:
	// tasks (年度主要任务: a row per task) and budget (预算情况: a row per
	// budget line, its name then its amount, keyed by the table's rows).
	Sections map[string][]string `yaml:"sections"`
	// Tasks (overall forms) are the labels of the task columns: name
	// (任务名称) and content (主要内容).
	Tasks map[string][]string `yaml:"tasks"`
	// Classes are the names of the 一级指标 classes (产出指标 …): a row's
	// class cell found off its header's column says the page's columns
	// moved.
	Classes []string `yaml:"classes"`
	// Subclasses are the 二级指标 names of each class (产出指标: 数量指标 …):
	// a row whose 一级 cell is blank takes the class of its 二级 name.
	Subclasses map[string][]string `yaml:"subclasses"`
	// Skip are the first-cell texts of rows that are neither project nor
	// indicator (合计).
	Skip []string `yaml:"skip"`
}
