package layouttext

import (
	"strings"
	"testing"
)

// grids lists the grids of a read text, each row as its cells' texts
// joined by "|", and the text lines as "T:" lines.
func grids(t *testing.T, text string) []string {
	t.Helper()
	doc, err := Read([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range doc.Blocks {
		if !b.IsGrid() {
			out = append(out, "T:"+b.Text)
			continue
		}
		out = append(out, "GRID")
		for _, r := range b.Rows {
			out = append(out, strings.Join(r.Texts(), "|"))
		}
	}
	return out
}

// at lays texts out on one line, each starting at its rune column:
// at(0, "项目", 10, "1.00") is "项目        1.00".
func at(parts ...any) string {
	var line []rune
	for i := 0; i+1 < len(parts); i += 2 {
		c, s := parts[i].(int), parts[i+1].(string)
		for len(line) < c {
			line = append(line, ' ')
		}
		line = append(line[:c], []rune(s)...)
	}
	return string(line)
}

// The columns of the forms below.
const (
	cName, cL1, cL2, cL3, cVal = 2, 14, 26, 38, 54
)

// TestWrappedCells reads performance forms whose cells wrap over several
// lines, with blank lines between tall rows, as pdftotext lays them out:
// each form is one grid, the wrapped text in its column.
func TestWrappedCells(t *testing.T) {
	head := at(cName, "项目名称", cL1, "一级指标", cL2, "二级指标", cL3, "三级指标", cVal, "指标值")
	tests := []struct {
		name string
		text []string
		want []string
	}{
		{
			// Three blank lines above a wrapped cell's first line, with
			// no row of several cells right below it, used to end the
			// table there.
			name: "tall rows apart",
			text: []string{
				at(20, "项目绩效目标表"),
				head,
				at(cName, "办公经费", cL1, "产出指标", cL2, "数量指标", cL3, "会议次数", cVal, "12.00"),
				"", "", "",
				at(cL3, "设备运行维"),
				at(cL3, "护费"),
				"", "",
				at(cL1, "成本指标", cL2, "经济成本", cVal, "33.39"),
				"", "", "",
				at(cL3, "服务公众"),
				at(cL3, "满意度"),
				at(cL1, "满意度指标", cL2, "满意度", cVal, "95.00"),
			},
			want: []string{
				"T:项目绩效目标表",
				"GRID",
				"项目名称|一级指标|二级指标|三级指标|指标值",
				"办公经费|产出指标|数量指标|会议次数|12.00",
				"|||设备运行维|",
				"|||护费|",
				"|成本指标|经济成本||33.39",
				"|||服务公众|",
				"|||满意度|",
				"|满意度指标|满意度||95.00",
			},
		},
		{
			// The next page opens with the last line of a wrapped cell
			// above its row, and finds its columns without the name's:
			// it goes on in the table of the page before.
			name: "wrapped cell opens the next page",
			text: []string{
				at(20, "项目绩效目标表"),
				head,
				at(cName, "办公经费", cL1, "产出指标", cL2, "数量指标", cL3, "会议次数", cVal, "12.00"),
				at(cName, "培训经费", cL1, "产出指标", cL2, "数量指标", cL3, "培训人次", cVal, "300.00"),
				"\f" + at(cL3, "全年设备运行维"),
				at(cL1, "成本指标", cL2, "经济成本", cVal, "33.39"),
				at(cL3, "护费"),
				at(cL1, "效益指标", cL2, "社会效益", cL3, "服务覆盖率", cVal, "95.00"),
			},
			want: []string{
				"T:项目绩效目标表",
				"GRID",
				"项目名称|一级指标|二级指标|三级指标|指标值",
				"办公经费|产出指标|数量指标|会议次数|12.00",
				"培训经费|产出指标|数量指标|培训人次|300.00",
				"|||全年设备运行维|",
				"|成本指标|经济成本||33.39",
				"|||护费|",
				"|效益指标|社会效益|服务覆盖率|95.00",
			},
		},
		{
			// A title between two forms of the same columns, inside
			// them like a wrapped cell, is none: two tables.
			name: "title between two forms",
			text: []string{
				head,
				at(cName, "办公经费", cL1, "产出指标", cL2, "数量指标", cL3, "会议次数", cVal, "12.00"),
				"",
				at(44, "项目绩效目标表"),
				"",
				head,
				at(cName, "培训经费", cL1, "产出指标", cL2, "数量指标", cL3, "培训人次", cVal, "300.00"),
			},
			want: []string{
				"GRID",
				"项目名称|一级指标|二级指标|三级指标|指标值",
				"办公经费|产出指标|数量指标|会议次数|12.00",
				"T:项目绩效目标表",
				"GRID",
				"项目名称|一级指标|二级指标|三级指标|指标值",
				"培训经费|产出指标|数量指标|培训人次|300.00",
			},
		},
		{
			// A note under a table, then another table packed on to it:
			// the note is prose, not a wrapped cell.
			name: "note between two tables",
			text: []string{
				head,
				at(cName, "办公经费", cL1, "产出指标", cL2, "数量指标", cL3, "会议次数", cVal, "12.00"),
				at(44, "注：本表为年初预算数"),
				head,
				at(cName, "培训经费", cL1, "产出指标", cL2, "数量指标", cL3, "培训人次", cVal, "300.00"),
			},
			want: []string{
				"GRID",
				"项目名称|一级指标|二级指标|三级指标|指标值",
				"办公经费|产出指标|数量指标|会议次数|12.00",
				"T:注：本表为年初预算数",
				"GRID",
				"项目名称|一级指标|二级指标|三级指标|指标值",
				"培训经费|产出指标|数量指标|培训人次|300.00",
			},
		},
	}
	for _, tc := range tests {
		text := strings.ReplaceAll(strings.Join(tc.text, "\n"), "\\f", "\f") + "\n\f"
		got := grids(t, text)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}
