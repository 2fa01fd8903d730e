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
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown field", "family: x\ntabels: []\n", "tabels"},
		{"bad regex", "family: x\ntables:\n  - {kind: a, name: 甲, rows: [{key: k, match: '('}]}\n", "固定行"},
		{"same kind twice", "family: x\ntables:\n  - {kind: a, name: 甲}\n  - {kind: a, name: 乙}\n", "重复定义"},
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
