// Package xlsxin reads an Excel workbook (such as the pack that render
// writes, after a user edited it in Excel or WPS) into raw grids: each
// worksheet's rows as they show, merged cells blank but for their first
// cell, and rows that are one merged cell across the sheet (titles, notes)
// as prose. It knows nothing of budgets.
package xlsxin

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"budgetpack/model/raw"
)

// Layout is the name of this reader's layout.
const Layout = "xlsx"

// Limits on the unpacked size of a workbook and of one of its XML parts.
const (
	maxUnzipped    = 256 << 20
	maxUnzippedXML = 64 << 20
)

// Looks reports whether the data is an Office Open XML workbook.
func Looks(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) && bytes.Contains(data, []byte("xl/workbook"))
}

// Read turns the workbook into raw blocks, sheet after sheet. A cell reads
// as it shows (its number format applied, so 141 formatted 0.00 reads
// 141.00); a formula reads its cached value, or is calculated where the
// file has none.
func Read(data []byte) (doc *raw.Document, err error) {
	defer func() {
		// excelize may panic on a damaged file; report it as unreadable
		if r := recover(); r != nil {
			doc, err = nil, &raw.Error{Msg: fmt.Sprintf("无法读取 Excel 工作簿 (damaged workbook): %v", r)}
		}
	}()
	// bounds on what a workbook may unpack to: a budget pack is a few
	// hundred kilobytes, and a damaged or hostile zip must not exhaust memory
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxUnzippedXML,
	})
	if err != nil {
		return nil, &raw.Error{Msg: fmt.Sprintf("不是有效的 Excel 工作簿 (not a valid .xlsx workbook): %v", err)}
	}
	defer f.Close()
	doc = &raw.Document{Layout: Layout}
	for _, sheet := range f.GetSheetList() {
		blocks, err := readSheet(f, sheet)
		if err != nil {
			return nil, &raw.Error{Msg: fmt.Sprintf("工作表“%s”无法读取 (sheet %s unreadable): %v", sheet, sheet, err)}
		}
		doc.Blocks = append(doc.Blocks, blocks...)
	}
	return doc, nil
}

func readSheet(f *excelize.File, sheet string) ([]raw.Block, error) {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, err
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	// rows that are a single merged cell spanning the whole width
	fullRow := map[int]bool{}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 == nil && err2 == nil && c1 == 1 && c2 >= width && r1 == r2 {
			fullRow[r1] = true
		}
	}
	var blocks []raw.Block
	var grid *raw.Block
	flush := func() {
		if grid != nil && len(grid.Rows) > 0 {
			blocks = append(blocks, *grid)
		}
		grid = nil
	}
	for i, r := range rows {
		line := i + 1
		cells := make([]string, width)
		copy(cells, r)
		for j := range cells {
			if cells[j] != "" {
				continue
			}
			// a formula saved without its value: calculate it
			axis, _ := excelize.CoordinatesToCellName(j+1, line)
			if formula, _ := f.GetCellFormula(sheet, axis); formula != "" {
				if v, err := f.CalcCellValue(sheet, axis); err == nil {
					cells[j] = v
				}
			}
		}
		nonEmpty := 0
		for _, c := range cells {
			if strings.TrimSpace(c) != "" {
				nonEmpty++
			}
		}
		if width == 1 || fullRow[line] {
			flush()
			if text := strings.TrimSpace(cells[0]); text != "" {
				blocks = append(blocks, raw.Block{Line: line, Text: text, Sheet: sheet})
			}
			continue
		}
		if nonEmpty == 0 && grid == nil {
			continue
		}
		if grid == nil {
			grid = &raw.Block{Line: line, Sheet: sheet, Rows: []raw.Row{}}
		}
		row := raw.Row{Line: line, Cells: make([]raw.Cell, width)}
		for j, c := range cells {
			row.Cells[j] = raw.Cell{Text: c, Line: line}
		}
		grid.Rows = append(grid.Rows, row)
	}
	flush()
	return blocks, nil
}
