package templates

import (
	"testing"
)

// TestNationalTitleVariants: the titles of the 财政部 部门预算公开 forms as
// provinces print them — 部门/单位/部门（单位） or a department's name
// before them, 预算 and 情况表 wordings, a budget year, a number (表1,
// 附表一, 预算01-1表, 公开01表：, 附件1：…) — are each recognized as their
// table's kind by the national vocabulary, including the naming of
// provinces with no document in the corpus (福建, 四川, 湖北, 浙江).
func TestNationalTitleVariants(t *testing.T) {
	lib, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	set := lib.Set("national")
	wordings := []struct {
		kind  string
		names []string
	}{
		{"income_expense_summary", []string{"收支总表", "收支预算总表", "收支总体情况表", "收支预算总体情况表", "收支预算表", "财务收支预算总表"}},
		{"income_summary", []string{"收入总表", "收入预算总表", "收入总体情况表", "收入预算表", "收入预算总体情况表", "收入预算情况表"}},
		{"expenditure_summary", []string{"支出总表", "支出预算总表", "支出总体情况表", "支出预算表", "支出预算总体情况表", "支出预算情况表"}},
		{"appropriation_summary", []string{"财政拨款收支总表", "财政拨款收支预算总表", "财政拨款收支总体情况表", "财政拨款收支预算表", "财政拨款收支情况表"}},
		{"gpb_expenditure", []string{"一般公共预算支出表", "一般公共预算支出预算表", "一般公共预算支出情况表", "一般公共预算财政拨款支出表", "一般公共预算拨款支出预算表", "一般公共预算支出预算情况表"}},
		{"gpb_basic", []string{"一般公共预算基本支出表", "一般公共预算基本支出预算表", "一般公共预算基本支出情况表", "一般公共预算财政拨款基本支出表", "一般公共预算基本支出预算情况表", "一般公共预算拨款基本支出预算表"}},
		{"three_public", []string{"一般公共预算“三公”经费支出表", "一般公共预算“三公”经费支出预算表", "一般公共预算“三公”经费支出情况表", "“三公”经费支出预算表",
			"财政拨款“三公”经费支出预算表", "一般公共预算“三公”经费预算表", "“三公”经费预算情况表", "财政拨款“三公”经费支出情况表"}},
		{"fund_expenditure", []string{"政府性基金预算支出表", "政府性基金支出预算表", "政府性基金预算支出情况表", "政府性基金预算支出预算表", "政府性基金支出表", "政府性基金支出情况表"}},
		{"soe_expenditure", []string{"国有资本经营预算支出表", "国有资本经营预算支出预算表", "国有资本经营预算支出情况表", "国有资本经营支出预算表", "国有资本经营预算财政拨款支出表", "国有资本经营支出表"}},
	}
	// who publishes it: printed before the year (部门) or, a department's
	// name, before it (福建省财政厅2026年…)
	owners := []string{"", "部门", "单位", "部门（单位）", "部门(单位)", "本部门"}
	named := []string{"福建省财政厅", "四川省教育厅", "湖北省农业农村厅", "浙江省自然资源厅"}
	numbers := []string{"", "表1 ", "表一：", "附表1 ", "附表一 ", "附表1：", "预算01表 ", "预算01-1表 ", "表3-3 ", "表 1-1 ", "公开01表：", "一、", "（一）", "1.", "附件1：", "01 "}
	years := []string{"", "2026年", "2026 年度"}
	n := 0
	for _, w := range wordings {
		for _, name := range w.names {
			var titles []string
			for _, num := range numbers {
				for _, y := range years {
					for _, o := range owners {
						if loose, _ := looseKey(TitleKey(name)); o == "" && y == "" && num == "" && len([]rune(loose)) < 4 {
							continue // a short wording alone is no title (TestNotTitles)
						}
						titles = append(titles, num+y+o+name)
					}
					for _, d := range named {
						titles = append(titles, num+d+y+"部门"+name)
						if y != "" {
							titles = append(titles, num+d+y+name)
						}
					}
				}
			}
			for _, title := range titles {
				n++
				got := ""
				if tab := set.MatchTitle(title); tab != nil {
					got = tab.Kind
				}
				if got != w.kind {
					t.Errorf("MatchTitle(%q) = %q, want %q", title, got, w.kind)
				}
			}
		}
	}
	if n < 10000 {
		t.Errorf("only %d titles tried", n)
	}
}

// TestNotTitles: the explanation's headings and other lines that name a
// table's subject are no table titles, nor is a short wording alone (the
// second line of a longer title: …会议费、培训费 / 支出预算表).
func TestNotTitles(t *testing.T) {
	lib, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	set := lib.Set("national")
	for _, s := range []string{
		"一、部门收支总体情况", "二、收入预算情况说明", "部门收支总体情况表说明", "（一）一般公共预算支出情况", "三、支出预算情况",
		"一般公共预算“三公”经费支出情况说明", "关于2026年部门收支预算总表的说明", "2026年部门收支预算总表编制说明", "收支预算总体情况",
		"（二）财政拨款收支预算情况", "四、财政拨款收支预算总体情况", "五、一般公共预算当年拨款情况", "六、一般公共预算基本支出预算情况",
		"七、一般公共预算“三公”经费预算情况", "八、政府性基金预算支出情况", "九、国有资本经营预算支出情况", "第二部分 2026年部门预算表",
		"2026年部门预算公开表", "部门预算表", "专项转移支付支出表", "政府采购支出情况", "收入预算情况", "支出预算情况说明", "部门收入预算",
		"一般公共预算支出", "单位支出", "十、机关运行经费支出情况", "部门预算情况说明",
		"支出预算表", "收入预算表", "收支预算表", "收入预算情况表", "福建省财政厅支出预算表",
	} {
		if tab := set.MatchTitle(s); tab != nil {
			t.Errorf("MatchTitle(%q) = %q, want none", s, tab.Kind)
		}
	}
}

// TestLooseKeysApart: no two kinds of the national vocabulary list titles
// that read the same in other words (looseKey), so a province's wording
// of one is never taken for another.
func TestLooseKeysApart(t *testing.T) {
	lib, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	owner := map[string]string{}
	for _, tab := range lib.Set("national").Tables {
		for i, k := range tab.looseKeys {
			if o, ok := owner[k]; ok && o != tab.Kind {
				t.Errorf("%s title %q reads as %q, as a title of %s does", tab.Kind, tab.Titles[i], k, o)
			}
			owner[k] = tab.Kind
		}
	}
}
