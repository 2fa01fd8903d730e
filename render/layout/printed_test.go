package layout

import (
	"strings"
	"testing"

	"budgetpack/model"
	"budgetpack/render/grid"
)

// shanghaiColumns are the columns of a Shanghai 一般公共预算支出功能分类预算表:
// 类 / 款 / 项 in three columns under 功能分类科目编码.
func shanghaiColumns(band string) []model.Column {
	return []model.Column{
		{Key: "code.1", Header: "项目 / 功能分类科目编码 / 类", Printed: "项目 / 功能分类科目编码 / 类", Type: model.TypeCode},
		{Key: "code.2", Header: "项目 / 功能分类科目编码 / 款", Printed: "项目 / 功能分类科目编码 / 款", Type: model.TypeCode},
		{Key: "code", Header: "科目编码", Printed: "项目 / 功能分类科目编码 / 项", Type: model.TypeCode},
		{Key: "name", Header: "科目名称", Printed: "项目 / 功能分类科目名称", Type: model.TypeName},
		{Key: "total", Header: "合计", Printed: band + " / 合计", Type: model.TypeMoney},
		{Key: "basic", Header: "基本支出", Printed: band + " / 基本支出", Type: model.TypeMoney},
		{Key: "project", Header: "项目支出", Printed: band + " / 项目支出", Type: model.TypeMoney},
	}
}

func amt(s string) model.Amount {
	a, err := model.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

func row(code, name, level, role string, indent int, total string) model.Row {
	return model.Row{
		Label:  model.Label{Code: code, Name: name, Level: level, Role: role, Indent: indent},
		Values: map[string]model.Amount{"total": amt(total), "basic": amt(total), "project": model.Blank},
	}
}

// TestPrintedForms lays out tables as their source prints them: row names
// flush left where the source shows them so (Shanghai), by code level
// where the source does not say; a row printed empty as a blank row (no
// zero); an empty table with its whole header (类/款/项 in three columns),
// its blank row, its 合计 row and its note.
func TestPrintedForms(t *testing.T) {
	body := func(indents bool) *model.Table {
		return &model.Table{
			Kind: "gpb_expenditure", Title: "2026年预算单位一般公共预算支出功能分类预算表",
			Columns: shanghaiColumns("一般公共预算支出"), Indents: indents,
			Rows: []model.Row{
				row("201", "一般公共服务支出", "类", "", 0, "1000"),
				row("20141", "数据事务", "款", "", 0, "1000"),
				row("2014101", "行政运行", "项", "", 0, "1000"),
				{Values: map[string]model.Amount{"total": model.Blank, "basic": model.Blank, "project": model.Blank}},
				row("", "合计", "", model.RoleTotal, 0, "1000"),
			},
		}
	}
	empty := &model.Table{
		Kind: "fund_expenditure", Title: "2026年预算单位政府性基金预算支出功能分类预算表",
		Columns: shanghaiColumns("政府性基金预算支出"), Indents: true,
		Rows: []model.Row{
			{Values: map[string]model.Amount{"total": model.Blank, "basic": model.Blank, "project": model.Blank}},
			{Label: model.Label{Name: "合计", Role: model.RoleTotal}, Values: map[string]model.Amount{"total": model.Blank, "basic": model.Blank, "project": model.Blank}},
		},
		Notes: []model.Note{{Text: "注：本单位无政府性基金预算。"}},
	}
	tests := []struct {
		name    string
		table   *model.Table
		header  []string
		body    []string // rows as text{rows,cols}
		indents []int    // of the name cells of the body rows
	}{
		{
			name: "names flush left as printed", table: body(true),
			header: []string{
				"项目{1,4} ~ ~ ~ 一般公共预算支出{1,3} ~ ~",
				"功能分类科目编码{1,3} ~ ~ 功能分类科目名称{2,1} 合计{2,1} 基本支出{2,1} 项目支出{2,1}",
				"类{1,1} 款{1,1} 项{1,1} ~ ~ ~ ~",
			},
			body: []string{
				"201{1,1} {1,1} {1,1} 一般公共服务支出{1,1} 1000{1,1} 1000{1,1} {1,1}",
				"201{1,1} 41{1,1} {1,1} 数据事务{1,1} 1000{1,1} 1000{1,1} {1,1}",
				"201{1,1} 41{1,1} 01{1,1} 行政运行{1,1} 1000{1,1} 1000{1,1} {1,1}",
				"{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
				"{1,1} {1,1} {1,1} 合计{1,1} 1000{1,1} 1000{1,1} {1,1}",
			},
			indents: []int{0, 0, 0, 0, 0},
		},
		{
			name: "names by code level where the source does not say", table: body(false),
			indents: []int{0, 1, 2, 0, 0},
		},
		{
			name: "an empty table as published", table: empty,
			header: []string{
				"项目{1,4} ~ ~ ~ 政府性基金预算支出{1,3} ~ ~",
				"功能分类科目编码{1,3} ~ ~ 功能分类科目名称{2,1} 合计{2,1} 基本支出{2,1} 项目支出{2,1}",
				"类{1,1} 款{1,1} 项{1,1} ~ ~ ~ ~",
			},
			body: []string{
				"{1,1} {1,1} {1,1} {1,1} {1,1} {1,1} {1,1}",
				"{1,1} {1,1} {1,1} 合计{1,1} {1,1} {1,1} {1,1}",
				"注：本单位无政府性基金预算。{1,7} ~ ~ ~ ~ ~ ~",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &model.Document{Tables: []model.Table{*tt.table}}
			book, err := Build(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := book.Sheets[1]
			var head, rows []string
			for i := s.HeaderFrom; i < s.HeaderTo; i++ {
				head = append(head, showRow(s.Rows[i]))
			}
			for i := s.BodyFrom; i < len(s.Rows); i++ {
				rows = append(rows, showRow(s.Rows[i]))
				for _, c := range s.Rows[i].Cells {
					if c.Style.Class == grid.Amount && c.IsNumber() && c.Value.Decimal().IsZero() {
						t.Errorf("row %d: a blank cell printed as zero", i)
					}
				}
			}
			if tt.header != nil && strings.Join(head, "\n") != strings.Join(tt.header, "\n") {
				t.Errorf("header\n got %s\nwant %s", strings.Join(head, "\n"), strings.Join(tt.header, "\n"))
			}
			if tt.body != nil && strings.Join(rows, "\n") != strings.Join(tt.body, "\n") {
				t.Errorf("body\n got %s\nwant %s", strings.Join(rows, "\n"), strings.Join(tt.body, "\n"))
			}
			for i, want := range tt.indents {
				if got := s.Rows[s.BodyFrom+i].Cells[3].Style.Indent; got != want {
					t.Errorf("row %d: name indented %d, want %d", i, got, want)
				}
			}
		})
	}
}
