package pdftext

import (
	"os"
	"strings"
	"testing"

	"budgetpack/model/raw"
)

func TestRead(t *testing.T) {
	src := strings.Join([]string{
		"部门收支总体情况表",      // 1
		"单",              // 2
		"位：",             // 3
		"万元",             // 4
		"收入\t\t支出\t",     // 5
		"项目\t金额\t项目\t金额", // 6
		"",               // 7
		"\t\t(十六) 商业\t",  // 8
		"**备注：空表**",      // 9
	}, "\n")
	doc, err := Read([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Ragged {
		t.Error("pdf-text rows may be ragged")
	}
	if len(doc.Blocks) != 6 {
		t.Fatalf("got %d blocks, want 6: %+v", len(doc.Blocks), doc.Blocks)
	}
	grid := doc.Blocks[4]
	if !grid.IsGrid() || len(grid.Rows) != 3 {
		t.Fatalf("grid = %+v", grid)
	}
	if got := strings.Join(grid.Rows[0].Texts(), "|"); got != "收入||支出|" {
		t.Errorf("row 1 = %q", got)
	}
	if grid.Rows[1].AfterBreak || !grid.Rows[2].AfterBreak || grid.Rows[2].Line != 8 {
		t.Errorf("page break marks = %v %v (line %d)", grid.Rows[1].AfterBreak, grid.Rows[2].AfterBreak, grid.Rows[2].Line)
	}
	if note := doc.Blocks[5]; note.Text != "备注：空表" || note.Line != 9 {
		t.Errorf("note = %+v", note)
	}
}

func TestLooks(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/henan-hongqi-gongxin-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !Looks(seed) {
		t.Error("the Henan seed does not look like PDF text")
	}
	if Looks([]byte("只有文字\n没有表格\n")) {
		t.Error("prose looks like PDF text")
	}
}

func FuzzRead(f *testing.F) {
	seed, err := os.ReadFile("../../testdata/henan-hongqi-gongxin-2023.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("a\tb\n\n\tc\nd"))
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
			if b.IsGrid() && len(b.Rows) == 0 {
				t.Fatalf("empty grid at line %d", b.Line)
			}
		}
	})
}
