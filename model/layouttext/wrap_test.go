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
			// The next page opens with the first line of a wrapped cell
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
				// the cell's two lines, set around its row's figures,
				// are one cell of that row
				"|成本指标|经济成本|全年设备运行维护费|33.39",
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

// TestCentredWrappedLabels reads a two-sided table whose labels wrap over
// two lines set above and below the row's figures, as pdftotext prints a
// row whose cells are centred on its height (jiangsu-1-2018): each such
// row is one, its labels whole.
func TestCentredWrappedLabels(t *testing.T) {
	text := strings.Join([]string{
		"公开 01 表：收支预算总表",
		at(4, "项目名称", 18, "金额", 33, "项目名称", 62, "金额"),
		at(0, "一、财政拨款", 16, "21,940.96", 28, "一、一般公共服务支出", 58, "13,994.31"),
		at(4, "1.一般公共预"),
		at(16, "21,940.96", 28, "二、外交支出", 59, "5,573.00"),
		at(0, "算"),
		at(4, "2.政府性基金", 28, "三、单位预留机动"),
		at(59, "2,388.04"),
		at(0, "预算", 28, "经费"),
		at(0, "合计", 16, "21,955.35", 28, "合计", 58, "21,955.35"),
	}, "\n") + "\n"
	got := strings.Join(grids(t, text), "\n")
	for _, want := range []string{
		"1.一般公共预算|21,940.96|二、外交支出|5,573.00",
		"2.政府性基金预算||三、单位预留机动经费|2,388.04",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no row %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "\n算|") || strings.Contains(got, "\n预算|") {
		t.Errorf("a wrapped label's half stands in a row of its own:\n%s", got)
	}
}
