package layout

import (
	"strings"
	"testing"

	"budgetpack/check"
	"budgetpack/fix"
	"budgetpack/model/parse"
	"budgetpack/render/grid"
	"budgetpack/templates"
)

// TestPublicAndReview: the 公开版 carries no shading, comment, appendix or
// link into one, whatever findings and corrections it is given; the 审核版
// carries them, and the 更正清单 on a sheet of its own with Chinese rule
// and column names.
func TestPublicAndReview(t *testing.T) {
	for _, src := range []string{"../../testdata/hebei-xushui-gongxin-2024.txt", "../../testdata/henan-hongqi-gongxin-2023.txt"} {
		doc, err := parse.File(src, parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		lib, err := templates.Embedded()
		if err != nil {
			t.Fatal(err)
		}
		set := lib.Set(doc.Family)
		r, err := fix.Correct(doc, set, fix.Balance)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := check.Run(r.Doc, set)
		if err != nil {
			t.Fatal(err)
		}
		opt := Options{Set: set, Findings: fs, Corrections: r.Corrections, Skipped: r.Skipped}
		pub, err := Build(r.Doc, opt)
		if err != nil {
			t.Fatal(err)
		}
		opt.Review = true
		rev, err := Build(r.Doc, opt)
		if err != nil {
			t.Fatal(err)
		}
		count := func(b *grid.Book) (marks, comments, links int, names []string) {
			sheets := map[string]bool{}
			for _, s := range b.Sheets {
				sheets[s.Name] = true
				names = append(names, s.Name)
			}
			for _, s := range b.Sheets {
				for _, row := range s.Rows {
					for _, c := range row.Cells {
						if c.Mark != "" {
							marks++
						}
						if c.Comment != "" {
							comments++
						}
						if c.Link != "" && !s.Contents {
							links++
						}
					}
				}
			}
			return
		}
		m, c, l, names := count(pub)
		if m+c+l != 0 || strings.Contains(strings.Join(names, " "), AppendixName) || strings.Contains(strings.Join(names, " "), CorrectionsName) {
			t.Errorf("%s 公开版: %d marks, %d comments, %d links, sheets %v", src, m, c, l, names)
		}
		m, c, l, names = count(rev)
		if m == 0 || c == 0 || l == 0 || names[len(names)-2] != AppendixName || names[len(names)-1] != CorrectionsName {
			t.Errorf("%s 审核版: %d marks, %d comments, %d links, sheets %v", src, m, c, l, names)
		}
		cl := rev.Sheets[len(rev.Sheets)-1]
		if cl.HeaderTo <= cl.HeaderFrom || cl.Rows[cl.HeaderFrom].Cells[1].Text != "规则" || cl.Rows[cl.HeaderFrom].Cells[8].Text != "依据" {
			t.Errorf("%s 更正清单 has no header of its own", src)
		}
		for _, row := range cl.Rows[cl.BodyFrom:] {
			for _, j := range []int{1, 4} {
				if text := row.Cells[j].Text; strings.ContainsAny(text, "abcdefghijklmnopqrstuvwxyz") {
					t.Errorf("%s 更正清单 column %d: %q", src, j, text)
				}
			}
		}
	}
}

// TestFormDetails: the procurement table prints its headers as the source
// does and 合计 once; the 三公 table lines the rows after 其中： up.
func TestFormDetails(t *testing.T) {
	doc, err := parse.File("../../testdata/hebei-xushui-gongxin-2024.txt", parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	book, err := Build(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range book.Sheets {
		var all []string
		for _, row := range s.Rows {
			for _, c := range row.Cells {
				all = append(all, c.Text)
			}
		}
		text := strings.Join(all, "|")
		switch {
		case strings.Contains(s.Title, "政府采购"):
			if !strings.Contains(text, "2024年预留中小微企业份额") {
				t.Error("政府采购: the header lost 2024年")
			}
			if strings.Count(text, "合  计") != 1 || strings.Count(text, "本级小计") != 1 {
				t.Errorf("政府采购: 合计 %d times, 小计 %d times", strings.Count(text, "合  计"), strings.Count(text, "本级小计"))
			}
		case strings.Contains(s.Title, "三公"):
			indent := map[string]int{}
			for _, row := range s.Rows {
				for _, c := range row.Cells {
					if c.Style.Class == grid.Name {
						indent[c.Text] = c.Style.Indent
					}
				}
			}
			if indent["其他因公出国（境）费"] != indent["其中：教学科研人员因公出国（境）费"]+2 ||
				indent["公务用车运行维护费"] != indent["其中：公务用车购置费"]+2 {
				t.Errorf("三公: 其中 rows not lined up: %v", indent)
			}
		}
	}
}
