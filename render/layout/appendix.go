package layout

import (
	"fmt"
	"sort"
	"strconv"

	"budgetpack/check"
	"budgetpack/fix"
	"budgetpack/model"
	"budgetpack/render/grid"
)

// AppendixName is the name of the discrepancy appendix sheet.
const AppendixName = "差异附录"

// severityRank orders severities for the mark of a cell with several findings.
var severityRank = map[string]int{check.Error: 3, check.Warning: 2, check.Info: 1}

// markFindings shades the cells the findings concern and attaches their
// messages; it returns where each finding's cell is (sheet, row, column),
// or a zero target where the finding has no cell.
func markFindings(book *grid.Book, findings []check.Finding) []target {
	index := refIndex(book)
	out := make([]target, len(findings))
	for i, f := range findings {
		tg, ok := index[f.Ref]
		if f.Ref == "" || !ok {
			continue
		}
		out[i] = tg
		c := &tg.sheet.Rows[tg.row].Cells[tg.col]
		if c.Mark != "corrected" && severityRank[f.Severity] > severityRank[c.Mark] {
			c.Mark = f.Severity
		}
		note := fmt.Sprintf("[%s] %s", check.SeverityName(f.Severity), f.Message)
		if c.Comment == "" {
			c.Comment = note
		} else {
			c.Comment += "\n" + note
		}
	}
	return out
}

// linkTo is a short cell linking to the target cell, or an empty cell.
func linkTo(tg target) grid.Cell {
	c := grid.Cell{Style: grid.Style{Class: grid.Body, Align: grid.Center}}
	if tg.sheet != nil {
		c.Text, c.Link, c.LinkRow, c.LinkCol = "查看", tg.sheet.Name, tg.row, tg.col
	}
	return c
}

// target is a cell of a sheet.
type target struct {
	sheet    *grid.Sheet
	row, col int
}

// appendix lays out 附录 数据差异说明: a summary by severity and by table,
// then one row per finding, linked to the cell it concerns.
func appendix(findings []check.Finding, targets []target) *grid.Sheet {
	const n = 10
	s := &grid.Sheet{Title: "附录 数据差异说明", Widths: []float64{5, 7, 22, 18, 14, 10, 10, 10, 56, 6}}
	s.Rows = append(s.Rows, spanRow(n, "附录 数据差异说明", grid.Style{Class: grid.Title, Bold: true, Align: grid.Center}))
	e, w, i := check.Count(findings)
	if len(findings) == 0 {
		s.Rows = append(s.Rows, spanRow(n, "经核对，未发现数据差异。", grid.Style{Class: grid.Caption, Align: grid.Center}))
		finish(s)
		return s
	}
	s.Rows = append(s.Rows, captionRow(n, []string{
		fmt.Sprintf("共 %d 条：错误 %d 条，警告 %d 条，提示 %d 条", len(findings), e, w, i),
		"错误：超出舍入误差，数字有误；警告：在舍入误差内但不相等（表内不平）；提示：格式与完整性建议",
	}))
	// summary by table
	type tally struct{ e, w, i int }
	byTable := map[string]*tally{}
	var order []string
	for _, f := range findings {
		t := byTable[f.Table]
		if t == nil {
			t = &tally{}
			byTable[f.Table] = t
			order = append(order, f.Table)
		}
		switch f.Severity {
		case check.Error:
			t.e++
		case check.Warning:
			t.w++
		default:
			t.i++
		}
	}
	row := func(cells ...grid.Cell) []grid.Cell {
		out := make([]grid.Cell, n)
		copy(out, cells)
		for j := len(cells); j < n; j++ {
			out[j] = grid.Cell{Style: grid.Style{Class: grid.Body}}
		}
		return out
	}
	num := func(k int) grid.Cell {
		return grid.Cell{Value: model.NewAmountInt(int64(k)), Style: grid.Style{Class: grid.Amount, Align: grid.Right}}
	}
	// the summary uses columns 0–7; the wide 说明 column stays outside it
	outside := grid.Cell{Style: grid.Style{Class: grid.Note}}
	sumHdr := make([]grid.Cell, n)
	put(sumHdr, 0, 4, grid.Cell{Text: "表（或文字说明）", Style: labelStyle})
	put(sumHdr, 4, 5, grid.Cell{Text: "错误", Style: labelStyle})
	put(sumHdr, 5, 6, grid.Cell{Text: "警告", Style: labelStyle})
	put(sumHdr, 6, 7, grid.Cell{Text: "提示", Style: labelStyle})
	put(sumHdr, 7, 8, grid.Cell{Text: "合计", Style: labelStyle})
	sumHdr[8], sumHdr[9] = outside, outside
	s.Rows = append(s.Rows, grid.Row{Cells: sumHdr})
	for _, name := range order {
		t := byTable[name]
		r := row()
		put(r, 0, 4, grid.Cell{Text: name, Style: grid.Style{Class: grid.Name, Wrap: true}})
		r[4], r[5], r[6], r[7], r[8], r[9] = num(t.e), num(t.w), num(t.i), num(t.e+t.w+t.i), outside, outside
		s.Rows = append(s.Rows, grid.Row{Cells: r})
	}
	r := row()
	put(r, 0, 4, grid.Cell{Text: "合计", Style: grid.Style{Class: grid.Name, Bold: true, Align: grid.Center}})
	r[4], r[5], r[6], r[7], r[8], r[9] = num(e), num(w), num(i), num(e+w+i), outside, outside
	s.Rows = append(s.Rows, grid.Row{Cells: r})
	s.Rows = append(s.Rows, spanRow(n, "", grid.Style{Class: grid.Note}))
	s.HeaderFrom = len(s.Rows)
	s.Rows = append(s.Rows, grid.Row{Cells: []grid.Cell{
		hdr("序号"), hdr("程度"), hdr("表"), hdr("行"), hdr("列"), hdr("应为"), hdr("实为"), hdr("差额"), hdr("说明"), hdr("定位"),
	}})
	s.HeaderTo, s.BodyFrom = len(s.Rows), len(s.Rows)
	idx := make([]int, len(findings))
	for k := range idx {
		idx[k] = k
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return severityRank[findings[idx[a]].Severity] > severityRank[findings[idx[b]].Severity]
	})
	for k, fi := range idx {
		f := findings[fi]
		tg := targets[fi]
		money := func(a model.Amount) grid.Cell {
			return grid.Cell{Value: a, Style: grid.Style{Class: grid.Amount, Align: grid.Right}}
		}
		table := grid.Cell{Text: f.Table, Style: grid.Style{Class: grid.Body, Wrap: true}}
		// the link sits in a short cell of its own: a linked cell does not
		// wrap in every spreadsheet program
		jump := linkTo(tg)
		where := f.Column
		switch {
		case f.Place != "":
			where = fmt.Sprintf("%s（%s）", f.Column, f.Place)
		case f.Line > 0:
			where = fmt.Sprintf("%s（源第 %d 行）", f.Column, f.Line)
		}
		s.Rows = append(s.Rows, grid.Row{Cells: []grid.Cell{
			{Text: strconv.Itoa(k + 1), Style: grid.Style{Class: grid.Seq, Align: grid.Center}},
			{Text: check.SeverityName(f.Severity), Mark: f.Severity, Style: grid.Style{Class: grid.Body, Align: grid.Center}},
			table,
			{Text: f.Row, Style: grid.Style{Class: grid.Body, Wrap: true}},
			{Text: where, Style: grid.Style{Class: grid.Body, Wrap: true}},
			money(f.Expected), money(f.Actual), money(f.Difference),
			{Text: f.Message, Style: grid.Style{Class: grid.Body, Wrap: true}},
			jump,
		}})
	}
	finish(s)
	return s
}

// markCorrections marks the corrected cells and notes the original figure.
func markCorrections(book *grid.Book, corrections []fix.Correction) []target {
	index := refIndex(book)
	out := make([]target, len(corrections))
	for i, c := range corrections {
		tg, ok := index[c.Ref]
		if !ok {
			continue
		}
		out[i] = tg
		cell := &tg.sheet.Rows[tg.row].Cells[tg.col]
		cell.Mark = "corrected"
		note := fmt.Sprintf("原值 %s，更正为 %s（依据：%s）", show(c.Original), show(c.Corrected), c.Basis)
		if cell.Comment == "" {
			cell.Comment = note
		} else {
			cell.Comment = note + "\n" + cell.Comment
		}
	}
	return out
}

func show(a model.Amount) string {
	if a.IsBlank() {
		return "空白"
	}
	return a.String()
}

// refIndex maps each cell's Ref to where it is.
func refIndex(book *grid.Book) map[string]target {
	index := map[string]target{}
	for _, s := range book.Sheets {
		for ri := range s.Rows {
			for ci := range s.Rows[ri].Cells {
				if ref := s.Rows[ri].Cells[ci].Ref; ref != "" {
					if _, ok := index[ref]; !ok {
						index[ref] = target{s, ri, ci}
					}
				}
			}
		}
	}
	return index
}

// CorrectionsName is the name of the sheet listing a fix's corrections.
const CorrectionsName = "更正清单"

// correctionList lays out 更正清单, a sheet of its own with its own header
// on every page: each changed figure with its original and corrected value
// and how it was obtained, then each difference the fix left to the user.
func correctionList(corrections []fix.Correction, targets []target, skipped []fix.Skip) *grid.Sheet {
	const n = 10
	s := &grid.Sheet{Title: "更正清单", Widths: []float64{5, 10, 22, 18, 14, 10, 10, 10, 56, 6}}
	s.Rows = append(s.Rows, spanRow(n, "更正清单", grid.Style{Class: grid.Title, Bold: true, Align: grid.Center}))
	s.Rows = append(s.Rows, spanRow(n, fmt.Sprintf("更正 %d 处，未更正、请自行核对 %d 处。文字说明未改写，与更正后表格不符的句子见差异附录。",
		len(corrections), len(skipped)), grid.Style{Class: grid.Caption}))
	s.HeaderFrom = len(s.Rows)
	s.Rows = append(s.Rows, grid.Row{Cells: []grid.Cell{
		hdr("序号"), hdr("规则"), hdr("表"), hdr("行"), hdr("列"), hdr("原值"), hdr("更正值"), hdr("差额"), hdr("依据"), hdr("定位"),
	}})
	s.HeaderTo, s.BodyFrom = len(s.Rows), len(s.Rows)
	money := func(a model.Amount) grid.Cell {
		return grid.Cell{Value: a, Style: grid.Style{Class: grid.Amount, Align: grid.Right}}
	}
	text := func(t string) grid.Cell { return grid.Cell{Text: t, Style: grid.Style{Class: grid.Body, Wrap: true}} }
	for k, c := range corrections {
		diff := model.Blank
		if !c.Original.IsBlank() || !c.Corrected.IsBlank() {
			p := max(c.Original.Places(), c.Corrected.Places())
			diff = model.NewAmount(c.Corrected.Decimal().Sub(c.Original.Decimal()), p)
		}
		rule := text(check.RuleName(c.Rule))
		rule.Mark = "corrected"
		s.Rows = append(s.Rows, grid.Row{Cells: []grid.Cell{
			{Text: strconv.Itoa(k + 1), Style: grid.Style{Class: grid.Seq, Align: grid.Center}},
			rule, text(c.Table), text(c.Row), text(c.Column),
			money(c.Original), money(c.Corrected), money(diff),
			text(c.Basis),
			linkTo(targets[k]),
		}})
	}
	for k, sk := range skipped {
		rule := text(check.RuleName(sk.Rule) + "（未更正）")
		s.Rows = append(s.Rows, grid.Row{Cells: []grid.Cell{
			{Text: strconv.Itoa(len(corrections) + k + 1), Style: grid.Style{Class: grid.Seq, Align: grid.Center}},
			rule, text(sk.Table), text(sk.Row), text(sk.Column),
			money(sk.Published), money(sk.Published), money(model.Blank),
			text(sk.Reason),
			{Style: grid.Style{Class: grid.Body}},
		}})
	}
	finish(s)
	return s
}
