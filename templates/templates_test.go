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
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown field", "family: x\ntabels: []\n", "tabels"},
		{"bad regex", "family: x\ntables:\n  - {kind: a, name: 甲, rows: [{key: k, match: '('}]}\n", "固定行"},
		{"same kind twice", "family: x\ntables:\n  - {kind: a, name: 甲}\n  - {kind: a, name: 乙}\n", "重复定义"},
		{"bad column type", "family: x\ntables:\n  - {kind: a, name: 甲, columns: [{key: c, type: float}]}\n", "未知类型"},
		{"no family", "tables: []\n", "family"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
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
	if len(lib.Sets) != 3 || lib.Fallback() == nil || len(lib.Common.FunctionClasses) < 25 {
		t.Errorf("loaded %d sets, %d function classes", len(lib.Sets), len(lib.Common.FunctionClasses))
	}
}
