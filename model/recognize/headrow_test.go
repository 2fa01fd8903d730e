package recognize

import (
	"testing"

	"budgetpack/model"
)

// TestSameHeadRow tells the header of a list kept as printed, printed
// again on its next page, from the first row of another form.
func TestSameHeadRow(t *testing.T) {
	row := func(texts map[string]string) model.Row { return model.Row{Texts: texts} }
	prev := model.Table{Kind: "project_performance", Rows: []model.Row{
		row(map[string]string{"c1": "项目名称", "c2": "项目总额", "c5": "绩效目标", "c6": "一级指标", "c7": "二级指标"}),
	}}
	tests := []struct {
		name  string
		texts map[string]string
		want  bool
	}{
		{"same columns", map[string]string{"c1": "项目名称", "c2": "项目总额", "c5": "绩效目标", "c6": "一级指标", "c7": "二级指标"}, true},
		// A layout text's page found other columns: the words decide.
		{"other columns", map[string]string{"c1": "项目名称", "c2": "项目总额", "c4": "绩效目标", "c9": "一级指标", "c12": "二级指标"}, true},
		{"words split otherwise", map[string]string{"c1": "项目 名称", "c2": "项目总额绩效目标", "c3": "一级指标二级指标"}, true},
		{"another order", map[string]string{"c1": "项目总额", "c2": "项目名称", "c5": "绩效目标", "c6": "一级指标", "c7": "二级指标"}, false},
		{"another form", map[string]string{"c1": "项目名称", "c2": "办公经费"}, false},
		{"no words", map[string]string{}, false},
	}
	for _, tc := range tests {
		out := model.Table{Kind: "project_performance", Rows: []model.Row{row(tc.texts)}}
		if got := sameHeadRow([]model.Table{prev}, out); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestCellAt reads no cell where a shifted column falls off the row.
func TestCellAt(t *testing.T) {
	cells := []string{"产出指标", "数量指标", "会议次数"}
	cols := map[string]int{"level1": -1, "level2": 1, "value": 5}
	for key, want := range map[string]string{"level1": "", "level2": "数量指标", "value": "", "unit": ""} {
		if got := cellAt(cells, cols, key); got != want {
			t.Errorf("%s: got %q, want %q", key, got, want)
		}
	}
}
