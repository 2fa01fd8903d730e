package recognize

import (
	"testing"

	"budgetpack/model"
	"budgetpack/model/raw"
)

func TestCoverInfo(t *testing.T) {
	tests := []struct {
		lines []string
		name  string
		year  int
	}{
		{[]string{"上海市2026年市级单位预算", "预算单位：上海市数据局", "目   录"}, "上海市数据局", 2026},
		{[]string{"重庆市气象局 2026 年部门预算情况说明", "一、单位基本情况"}, "重庆市气象局", 2026},
		{[]string{"2026年", "广州市司法局部门预算", "目录"}, "广州市司法局", 2026},
		{[]string{"2026 年深圳市民政局（本级）部门预", "算", "目   录"}, "深圳市民政局（本级）", 2026},
		{[]string{"2026 年度无锡市统计局部门预算公开", "无锡市统计局 2026 年度部门预算公开"}, "无锡市统计局", 2026},
		{[]string{"西安市生态环境局 2022 年部门综合预算"}, "西安市生态环境局", 2022},
		{[]string{"上海市2026年市级单位预算"}, "", 2026},                            // 市级 is no department
		{[]string{"- 1 -", "目    录", "第一部分 部门概况"}, "", 0},                 // no cover
		{[]string{"预算01表 收支总表"}, "", 0},                                   // tables first, no year in prose
		{[]string{"关于2025年预算执行情况", "2026年部门预算安排", "2026年收入预算"}, "", 2026}, // the year named most
	}
	for _, tt := range tests {
		doc := &raw.Document{}
		for _, l := range tt.lines {
			doc.Blocks = append(doc.Blocks, raw.Block{Text: l})
		}
		r := &recognizer{doc: doc, out: &model.Document{}}
		r.coverInfo()
		if r.out.Department.Name != tt.name || r.out.Year != tt.year {
			t.Errorf("%q: got %q %d, want %q %d", tt.lines, r.out.Department.Name, r.out.Year, tt.name, tt.year)
		}
	}
}
