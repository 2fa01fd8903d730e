package xlsxin_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"budgetpack/model/parse"
	"budgetpack/model/raw"
	"budgetpack/model/xlsxin"
)

var putuo = []string{"../../testdata/shanghai-template-department.xlsx", "../../testdata/shanghai-template-unit.xlsx"}

// fill sets amounts in a copy of a template, as a finance clerk would,
// on the sheets whose title (in A2) ends as given.
func fill(t *testing.T, path string, amounts map[string]map[string]float64) []byte {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for title, cells := range amounts {
		sheet := ""
		for _, s := range f.GetSheetList() {
			if v, _ := f.GetCellValue(s, "A2"); strings.HasSuffix(v, title) {
				sheet = s
			}
		}
		if sheet == "" {
			t.Fatalf("no sheet titled …%s", title)
		}
		for ref, v := range cells {
			if err := f.SetCellFloat(sheet, ref, v, 2, 64); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// gridAfter returns the grid that follows the prose block title, and the
// document's places.
func gridAfter(t *testing.T, doc *raw.Document, title string) raw.Block {
	t.Helper()
	for i, b := range doc.Blocks {
		if !b.IsGrid() && strings.TrimSpace(b.Text) == title {
			for _, g := range doc.Blocks[i+1:] {
				if g.IsGrid() {
					return g
				}
			}
		}
	}
	t.Fatalf("no grid titled %q", title)
	return raw.Block{}
}

// cellAt finds the cell whose place is ref on sheet.
func cellAt(doc *raw.Document, g raw.Block, ref string) *raw.Cell {
	for i := range g.Rows {
		for j := range g.Rows[i].Cells {
			c := &g.Rows[i].Cells[j]
			if p := doc.Places[c.Line-1]; p.Ref == ref {
				return c
			}
		}
	}
	return nil
}

func TestPutuoTemplates(t *testing.T) {
	for _, path := range putuo {
		t.Run(path[strings.LastIndex(path, "/")+1:], func(t *testing.T) {
			data := fill(t, path, map[string]map[string]float64{
				"财务收支预算总表":          {"B8": 1500, "D8": 1500},
				"收入预算总表":            {"E9": 1234, "F9": 1234},
				"支出预算总表":            {"E9": 1234, "F9": 1000, "G9": 234},
				"国有资本经营预算支出功能分类预算表": {"E9": 88},
			})
			doc, err := xlsxin.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			kind := "部门"
			if strings.Contains(path, "unit") {
				kind = "预算单位"
			}
			// every table sheet: its title as prose, then its grid
			for _, title := range []string{"财务收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表",
				"一般公共预算支出功能分类预算表", "政府性基金预算支出功能分类预算表", "国有资本经营预算支出功能分类预算表",
				"一般公共预算基本支出部门预算经济分类预算表"} {
				gridAfter(t, doc, "2026年"+kind+title)
			}
			income := gridAfter(t, doc, "2026年"+kind+"收入预算总表")
			place := func(c *raw.Cell) string { return doc.Places[c.Line-1].String() }
			checks := []struct {
				ref, text        string
				colSpan, rowSpan int
				covered          bool
			}{
				{"A4", "编制" + strings.TrimPrefix(kind, "预算") + "：", 5, 0, false},
				{"I4", "单位：元", 0, 0, false},
				{"A6", "项目", 4, 0, false},
				{"E6", "收入预算", 5, 0, false},
				{"A7", "功能分类科目编码", 3, 0, false},
				{"E7", "合计", 0, 2, false},
				{"E8", "", 0, 0, true},
				{"A8", "类", 0, 0, false},
				{"E9", "1,234", 0, 0, false},
				{"A20", "合计", 4, 0, false},
				{"B20", "", 0, 0, true},
			}
			for _, ck := range checks {
				c := cellAt(doc, income, ck.ref)
				if c == nil {
					t.Errorf("no cell %s", ck.ref)
					continue
				}
				if strings.TrimSpace(c.Text) != ck.text || c.ColSpan != ck.colSpan || c.RowSpan != ck.rowSpan || c.Covered != ck.covered {
					t.Errorf("%s = %q span %d×%d covered %v, want %q %d×%d %v", ck.ref, c.Text, c.ColSpan, c.RowSpan, c.Covered, ck.text, ck.colSpan, ck.rowSpan, ck.covered)
				}
			}
			if got, want := place(cellAt(doc, income, "E9")), "工作表“"+income.Sheet+"” E9"; got != want {
				t.Errorf("place %q, want %q", got, want)
			}
			// the sheet whose name ends in a space is found by its title
			soe := gridAfter(t, doc, "2026年"+kind+"国有资本经营预算支出功能分类预算表")
			if c := cellAt(doc, soe, "E9"); c == nil || strings.TrimSpace(c.Text) != "88" {
				t.Errorf("国有资本经营 E9 = %+v", c)
			}
			spend := gridAfter(t, doc, "2026年"+kind+"支出预算总表")
			for ref, want := range map[string]string{"E9": "1,234", "F9": "1,000", "G9": "234"} {
				if c := cellAt(doc, spend, ref); c == nil || strings.TrimSpace(c.Text) != want {
					t.Errorf("支出 %s = %+v, want %s", ref, c, want)
				}
			}
			// narrative sheets (one big merged cell) are prose, a line a block
			narrative := 0
			for _, b := range doc.Blocks {
				if !b.IsGrid() && strings.Contains(b.Text, "主要职能包括") {
					narrative++
				}
			}
			if narrative == 0 {
				t.Error("the narrative sheet's text is not prose")
			}
			// through parse: the national vocabulary recognizes every table
			// sheet by its title, with the amounts the clerk typed
			pd, err := parse.Bytes("filled.xlsx", data, parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, tb := range pd.Tables {
				kinds = append(kinds, tb.Kind)
			}
			want := "income_expense_summary income_summary expenditure_summary appropriation_summary gpb_expenditure fund_expenditure soe_expenditure gpb_basic three_public"
			if got := strings.Join(kinds, " "); got != want {
				t.Errorf("parse: kinds %s, want %s", got, want)
			}
			if pd.Family != "national" || pd.Year != 2026 {
				t.Errorf("parse: family %q, year %d", pd.Family, pd.Year)
			}
			found := false
			if tb := pd.TableByKind("expenditure_summary"); tb != nil {
				for _, r := range tb.Rows {
					for _, a := range r.Values {
						found = found || a.String() == "1234"
					}
				}
			}
			if !found {
				t.Error("parse: the 1,234 typed into 支出预算总表 E9 is not in the model")
			}
		})
	}
}
