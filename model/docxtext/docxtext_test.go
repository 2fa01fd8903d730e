package docxtext

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"budgetpack/model/raw"
)

func TestRead(t *testing.T) {
	src := strings.Join([]string{
		"[bookmark: _Toc_1]部门预算收支总表", // 1
		"\t304某局",     // 2
		"\t单位：万元",     // 3
		"",            // 4
		"\t序号",        // 5
		"\t项目",        // 6
		"",            // 7
		"\t绩效目标",      // 8
		"\t1.第一段",     // 9
		"2.第二段",       // 10
		"",            // 11
		"",            // 12
		"page number", // 13
		"说明文字",        // 14
		"\t",          // 15
	}, "\n")
	doc, err := Read([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 4 {
		t.Fatalf("got %d blocks, want 4: %+v", len(doc.Blocks), doc.Blocks)
	}
	title := doc.Blocks[0]
	if title.Text != "部门预算收支总表" || !title.Heading || title.Line != 1 {
		t.Errorf("title block = %+v", title)
	}
	grid := doc.Blocks[1]
	if !grid.IsGrid() || len(grid.Rows) != 3 {
		t.Fatalf("grid = %+v", grid)
	}
	if got := grid.Rows[0].Texts(); strings.Join(got, "|") != "304某局|单位：万元" || grid.Rows[0].Line != 2 {
		t.Errorf("row 1 = %v (line %d)", got, grid.Rows[0].Line)
	}
	goal := grid.Rows[2].Cells[1]
	if goal.Text != "1.第一段\n2.第二段" || goal.Line != 9 {
		t.Errorf("continued cell = %q (line %d)", goal.Text, goal.Line)
	}
	if doc.Blocks[2].Text != "说明文字" || doc.Blocks[2].Line != 14 {
		t.Errorf("prose = %+v (page number must be dropped)", doc.Blocks[2])
	}
	if last := doc.Blocks[3]; !last.IsGrid() || len(last.Rows) != 1 || last.Rows[0].Cells[0].Text != "" {
		t.Errorf("trailing empty cell grid = %+v", last)
	}
}

func TestLooks(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/hebei-xushui-gongxin-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile("../../testdata/henan-hongqi-gongxin-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !Looks(seed) {
		t.Error("the Hebei seed does not look like DOCX text")
	}
	if Looks(other) {
		t.Error("the Henan seed looks like DOCX text")
	}
}

func FuzzRead(f *testing.F) {
	seed, err := os.ReadFile("../../testdata/hebei-xushui-gongxin-2024.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed[:4000])
	f.Add([]byte("\tA\n\tB\n\n\tC\nD\n\n\nE"))
	f.Add([]byte("[bookmark: _Toc]\n\t\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(data)
		if err != nil {
			return
		}
		lines := len(raw.Lines(data))
		for _, b := range doc.Blocks {
			if b.Line < 1 || b.Line > lines {
				t.Fatalf("block line %d outside 1..%d", b.Line, lines)
			}
			for _, r := range b.Rows {
				if len(r.Cells) == 0 {
					t.Fatalf("row at line %d has no cells", r.Line)
				}
			}
		}
	})
}

// TestLongCellLinear reads a cell continued over many lines (5.4 MB) in
// linear time: joining each line onto the cell as it came was quadratic.
func TestLongCellLinear(t *testing.T) {
	read := func(lines int) time.Duration {
		var b strings.Builder
		b.WriteString("\t甲\n\t乙\n\n\t丙\n")
		for i := range lines {
			fmt.Fprintf(&b, "续行第 %08d 行文字文字\n", i)
		}
		b.WriteString("\t丁\n")
		start := time.Now()
		doc, err := Read([]byte(b.String()))
		el := time.Since(start)
		if err != nil {
			t.Fatal(err)
		}
		c := doc.Blocks[0].Rows[1].Cells[0]
		if n := strings.Count(c.Text, "\n"); n != lines {
			t.Fatalf("cell of %d lines, want %d", n+1, lines+1)
		}
		t.Logf("%d lines (%d MB): %v", lines, b.Len()>>20, el)
		return el
	}
	small, big := read(50_000), read(200_000)
	if big > 2*time.Second || big > 8*small+200*time.Millisecond {
		t.Errorf("4× the lines took %v against %v: not linear", big, small)
	}
}
