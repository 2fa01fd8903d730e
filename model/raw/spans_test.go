package raw

import (
	"strings"
	"testing"
)

// grid builds rows from texts: "<" covered from the left, "^" covered
// from above; spans follow from them.
func grid(rows ...string) []Row {
	texts := make([][]string, len(rows))
	for i, r := range rows {
		texts[i] = strings.Split(r, "|")
	}
	out := make([]Row, len(rows))
	for i, r := range texts {
		for j, s := range r {
			c := Cell{Text: s, Covered: s == "<" || s == "^"}
			if c.Covered {
				c.Text = ""
			} else {
				for k := j + 1; k < len(r) && r[k] == "<"; k++ {
					c.ColSpan = k - j + 1
				}
				for k := i + 1; k < len(texts) && texts[k][j] == "^"; k++ {
					c.RowSpan = k - i + 1
				}
			}
			out[i].Cells = append(out[i].Cells, c)
		}
	}
	return out
}

func TestFilledTexts(t *testing.T) {
	rows := grid(
		"序号|收入|<|支出|<",
		"^|项目|预算数|项目|预算数",
		"1|合计|<|1.00|",
	)
	got := FilledTexts(rows)
	want := []string{"序号|收入|收入|支出|支出", "序号|项目|预算数|项目|预算数", "1|合计|合计|1.00|"}
	for i := range want {
		if strings.Join(got[i], "|") != want[i] {
			t.Errorf("row %d: %q, want %q", i, strings.Join(got[i], "|"), want[i])
		}
	}
}

func TestUnmerged(t *testing.T) {
	rows := grid(
		"项目|<|名称|<|<",
		"预算|1.00|财政|2.00|",
		"^|用途|<|<|<",
		"^|说明|<|<|<",
		"a|b|c|d|e",
	)
	var got []string
	for _, r := range Unmerged(rows) {
		got = append(got, strings.Join(r.Texts(), "|"))
	}
	want := []string{"项目|名称", "预算|1.00|财政|2.00|", "|用途", "|说明", "a|b|c|d|e"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("unmerged:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// rows without merges come back as they are
	plain := grid("a|b", "c|d")
	if u := Unmerged(plain); len(u[0].Cells) != 2 || len(u[1].Cells) != 2 {
		t.Error("plain rows changed")
	}
}
