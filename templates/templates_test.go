package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmbeddedSets(t *testing.T) {
	lib, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, fam := range []string{"hebei-2024", "henan-2023"} {
		s := lib.Set(fam)
		if s == nil {
			t.Fatalf("no family %s", fam)
		}
		required := 0
		for _, tab := range s.Tables {
			if tab.Required {
				required++
			}
		}
		if required < 9 {
			t.Errorf("%s requires %d tables", fam, required)
		}
	}
}

func TestMatchTitle(t *testing.T) {
	lib, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		family, title, kind string
	}{
		{"hebei-2024", "部门预算收支总表", "income_expense_summary"},
		{"hebei-2024", "部门收支总体情况表", "income_expense_summary"},
		{"henan-2023", "部门（单位）整体绩效目标表 (2023 年度)", "overall_performance"},
		{"henan-2023", "- 十、项目支出表", "project_expenditure"},
		{"hebei-2024", "6、劳务派遣人员费用绩效目标表", "project_performance"},
		{"hebei-2024", "部门预算收支总表说明", ""},
		{"henan-2023", "一、收入支出预算总体情况说明", ""},
		{"national", "预算01表 收支总表", "income_expense_summary"},
		{"national", "预算表12 项目支出绩效目标表", "project_performance"},
		{"national", "2025年部门收支总体情况表", "income_expense_summary"},
		{"national", "2026 年财政拨款 “三公 ” 经费支出情况表", "three_public"},
		{"national", "公开 04 表：财政拨款收支预算总表", "appropriation_summary"},
		{"national", "五、2017 年度江苏省高级人民法院部门财政拨款支出预算表", "appropriation_expenditure"},
		{"national", "二、2017 年度江苏省高级人民法院部门收入预算总表", "income_summary"},
		{"national", "4．2026年预算单位财政拨款收支预算总表", "appropriation_summary"},
		{"national", "单位预算09表", ""},
		{"national", "（八）一般公共预算支出表（按经济分类）", "gpb_economic"},
		{"national", "一般公共预算支出情况表（按功能分类科目）", "gpb_expenditure"},
		{"national", "本年支出总体情况表", "expenditure_summary"},
		{"national", "一般公共预算收支预算总表说明", ""},
		{"national", "2026 年市级重点专项资金绩效目标表（一级项目）", "project_performance"},
	}
	for _, tt := range tests {
		got := ""
		if tab := lib.Set(tt.family).MatchTitle(tt.title); tab != nil {
			got = tab.Kind
		}
		if got != tt.kind {
			t.Errorf("%s: MatchTitle(%q) = %q, want %q", tt.family, tt.title, got, tt.kind)
		}
	}
}

func TestLoadRejectsBadTemplates(t *testing.T) {
	// tab is a family with one table: columns t = a, fixed row r.
	const tab = "family: x\ntables:\n  - kind: a\n    name: 甲\n    columns: [{key: t, type: money}, {key: a, type: money}]\n    rows: [{key: r, match: '^合计$'}]\n"
	// ov is a family with one overall form whose shape the case goes on.
	const ov = "family: x\ntables:\n  - kind: o\n    name: 整体\n    form: overall\n    shape:\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown field", "family: x\ntabels: []\n", "tabels"},
		{"bad regex", "family: x\ntables:\n  - {kind: a, name: 甲, rows: [{key: k, match: '('}]}\n", "固定行"},
		{"same kind twice", "family: x\ntables:\n  - {kind: a, name: 甲}\n  - {kind: a, name: 乙}\n", "重复定义"},
		{"same column twice", "family: x\ntables:\n  - {kind: a, name: 甲, columns: [{key: c, type: money}, {key: c, type: money}]}\n", "列 c 重复"},
		{"also without its column", "family: x\ntables:\n  - {kind: a, name: 甲, columns: [{key: c, type: money, also: true}]}\n", "列 c 标为 also"},
		{"also twice", "family: x\ntables:\n  - {kind: a, name: 甲, columns: [{key: c, type: money}, {key: c, type: money, also: true}, {key: c, type: money, also: true}]}\n", "列 c 重复"},
		{"bad column type", "family: x\ntables:\n  - {kind: a, name: 甲, columns: [{key: c, type: float}]}\n", "未知类型"},
		{"no family", "tables: []\n", "family"},
		{"unknown key in a sum", tab + "    checks:\n      sums:\n        - {total: t, partz: [a]}\n", "line 9: field partz not found"},
		{"sum of no column", tab + "    checks:\n      sums:\n        - {total: t, parts: [a, b]}\n", "第 9 行 (line 9): 表 a: sums 的 parts \"b\" 不是本表的列"},
		{"fixed-row sum of no row", tab + "    checks:\n      rows:\n        - {total: r, parts: [q]}\n", "第 9 行 (line 9): 表 a: checks.rows 的 parts \"q\" 不是本表的固定行"},
		{"unknown key in a cross-check", tab + "cross:\n  - {name: x, a: {table: a, row: first, column: t, side: left}, b: {overall: total}}\n", "line 8: field side not found"},
		{"cross-check of no table", tab + "cross:\n  - {name: x, a: {table: b, row: first, column: t}, b: {overall: total}}\n", "第 8 行 (line 8): 跨表核对 \"x\" 的 a: 没有表 \"b\""},
		{"cross-check of no column", tab + "cross:\n  - {name: x, a: {table: a, row: first, column: z}, b: {overall: total}}\n", "没有列 \"z\""},
		{"unknown selector", tab + "cross:\n  - {name: x, a: {table: a, row: \"last\", column: t}, b: {overall: total}}\n", "第 8 行 (line 8): 跨表核对 \"x\" 的 a: 行选择 \"last\""},
		{"selector of no fixed row", tab + "cross:\n  - {name: x, a: {table: a, row: \"key:q\", column: t}, b: {overall: total}}\n", "没有固定行 \"q\""},
		{"unknown role", tab + "cross:\n  - {name: x, a: {table: a, row: \"role:totl\", column: t}, b: {overall: total}}\n", "unknown role"},
		{"two selectors", tab + "cross:\n  - {name: x, a: {table: a, overall: total, row: first, column: t}, b: {overall: total}}\n", "exactly one of"},
		{"bad op", tab + "cross:\n  - {name: x, op: \"!=\", a: {table: a, row: first, column: t}, b: {overall: total}}\n", "第 8 行 (line 8): 跨表核对 \"x\": op"},
		{"overall form without shape", "family: x\ntables:\n  - kind: o\n    name: 整体\n    form: overall\n", "第 5 行 (line 5): 表 o: form: overall 需要 shape"},
		{"unknown key under shape", ov + "      sectons: {tasks: [年度主要任务]}\n", "line 7: field sectons not found"},
		{"unknown overall field", ov + "      fields: {department: [部门名称], goals: [年度目标]}\n", "第 7 行 (line 7): 表 o: shape.fields 中的 \"goals\" 不是可用的键"},
		{"unknown section", ov + "      fields: {goal: [年度目标]}\n      sections:\n        budget: [预算情况]\n        tasx: [年度主要任务]\n", "第 10 行 (line 10): 表 o: shape.sections 中的 \"tasx\""},
		{"tasks without their columns", ov + "      sections:\n        tasks: [年度主要任务]\n", "第 8 行 (line 8): 表 o: shape.sections 有 tasks，但没有 shape.tasks"},
		{"unknown task column", ov + "      sections: {tasks: [年度主要任务]}\n      tasks: {name: [任务名称], amount: [金额]}\n", "第 8 行 (line 8): 表 o: shape.tasks 中的 \"amount\""},
		{"unknown indicator column", ov + "      indicators:\n        level3: [三级指标]\n        valeu: [指标值]\n", "第 9 行 (line 9): 表 o: shape.indicators 中的 \"valeu\""},
		{"label list empty", ov + "      fields: {goal: []}\n", "shape.fields.goal 没有标签"},
		{"subclass of no class", ov + "      classes: [产出指标]\n      subclasses: {效果指标: [社会效益]}\n", "第 8 行 (line 8): 表 o: shape.subclasses 中的 \"效果指标\" 不在 shape.classes 中"},
		{"complete on an overall form", ov + "      complete: true\n", "shape.complete 只用于项目绩效目标表"},
		{"project form without name", "family: x\ntables:\n  - kind: p\n    name: 项目\n    form: project\n    shape:\n      fields: {amount: [预算数]}\n", "表 p: shape.fields 缺少 name"},
		{"project form with sections", "family: x\ntables:\n  - kind: p\n    name: 项目\n    form: project\n    shape:\n      fields: {name: [项目名称]}\n      sections: {budget: [预算情况]}\n", "只用于整体绩效目标表"},
		{"overall field on a project form", "family: x\ntables:\n  - kind: p\n    name: 项目\n    form: project\n    shape:\n      fields: {name: [项目名称], department: [部门名称]}\n", "第 7 行 (line 7): 表 p: shape.fields 中的 \"department\""},
		{"shape of a column table", "family: x\ntables:\n  - kind: a\n    name: 甲\n    shape: {fields: {name: [项目名称]}}\n", "第 5 行 (line 5): 表 a: shape 只用于"},
		{"bad layout", "family: x\ntables:\n  - kind: p\n    name: 项目\n    form: project\n    shape:\n      layout: grid\n      fields: {name: [项目名称]}\n", "第 7 行 (line 7): 表 p: shape.layout"},
		{"prose of no table", tab + "prose:\n  - {name: p, pattern: '(\\d+)', cell: {table: c, row: first, column: t}}\n", "第 8 行 (line 8): 文字核对规则 \"p\" 的 cell: 没有表 \"c\""},
	}
	common, err := embedded.ReadFile("common.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "common.yaml"), common, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "x.yaml"), []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load = %v, want an error with %q", err, tt.want)
			}
		})
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("an empty directory loaded")
	}
}

func TestLoadDirectoryEqualsEmbedded(t *testing.T) {
	lib, err := Load(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Sets) < 3 || lib.Fallback() == nil || len(lib.Common.FunctionClasses) < 25 {
		t.Errorf("loaded %d sets, %d function classes", len(lib.Sets), len(lib.Common.FunctionClasses))
	}
}

func TestLoadNeedsCommonAndOneFileAFamily(t *testing.T) {
	dir := t.TempDir()
	hebei, err := embedded.ReadFile("hebei-2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hebei-2024.yaml"), hebei, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "缺少 common.yaml") {
		t.Errorf("Load without common.yaml = %v", err)
	}
	common, _ := embedded.ReadFile("common.yaml")
	os.WriteFile(filepath.Join(dir, "common.yaml"), common, 0o644)
	os.WriteFile(filepath.Join(dir, "hebei-copy.yaml"), hebei, 0o644)
	_, err = Load(dir)
	if err == nil || !strings.Contains(err.Error(), "hebei-copy.yaml: 第 ") || !strings.Contains(err.Error(), "already defined in "+filepath.Join(dir, "hebei-2024.yaml")) {
		t.Errorf("Load with a family twice = %v", err)
	}
}

// TestFamilyShapeErrorAtItsLine: a family that extends the national
// vocabulary and gives its overall form another shape has an unknown key
// of that shape reported at the family file's line, not the base's.
func TestFamilyShapeErrorAtItsLine(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"common.yaml", "national.yaml"} {
		data, err := embedded.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	family := "family: y\nextends: national\ntables:\n  - kind: overall_performance\n    name: 整体绩效目标表\n    form: overall\n    shape:\n      fields:\n        goal: [年度目标]\n        departmnet: [单位全称]\n"
	if err := os.WriteFile(filepath.Join(dir, "y.yaml"), []byte(family), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	want := filepath.Join(dir, "y.yaml") + ": 第 10 行 (line 10): 表 overall_performance: shape.fields 中的 \"departmnet\""
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load = %v, want an error with %q", err, want)
	}
	// the same family with the key spelt right loads, its shape in the base's place
	if err := os.WriteFile(filepath.Join(dir, "y.yaml"), []byte(strings.Replace(family, "departmnet", "department", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if sh := lib.Set("y").Table("overall_performance").Shape; sh == nil || sh.Fields["department"][0] != "单位全称" {
		t.Errorf("family shape %+v", sh)
	}
}

// TestIsFormNumber tells a table's number printed on its own line from a
// title that carries one.
func TestIsFormNumber(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"单位预算01表", true},
		{"部门预算 03 表", true},
		{"预算12表", true},
		{"单位预算表10", true},
		{"公开 01 表", true},
		{"附表2", true},
		{"表一", true},
		{"预算01表 收支总表", false},
		{"2026年预算单位财务收支预算总表", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsFormNumber(tt.text); got != tt.want {
			t.Errorf("IsFormNumber(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
