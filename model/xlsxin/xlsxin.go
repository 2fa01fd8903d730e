// Package xlsxin reads an Excel workbook into raw grids: any workbook of
// the official tables (the pack that render writes, edited in Excel or
// WPS; an official Excel template filled in; a workbook from a budget
// system). It knows nothing of budgets.
//
// Every worksheet is read row by row, only the rows and columns that hold
// text: a column blank all down the sheet and a blank row take no room,
// but for a row left empty between two rows of one table (a row of the
// form printed blank).
// Merged cells keep their spans: the merged cell has ColSpan and RowSpan,
// the positions under it are Covered. A row that is one merged cell across
// the sheet (a title, a note), every row of a one-column sheet (a cover,
// a table of contents, a narrative sheet with its one big merged cell),
// reads as prose, a line of text a block; the other rows of the sheet
// make grids. Each anchor is a place: the sheet and the cell ("E9").
package xlsxin

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"budgetpack/model/raw"
)

// Layout is the name of this reader's layout.
const Layout = "xlsx"

// Limits on what a workbook may hold. A budget pack is a few hundred
// kilobytes and some thousands of cells; these bounds keep a damaged or
// hostile file from exhausting memory or time.
const (
	// MaxUnpacked bounds the unpacked size of the whole workbook.
	MaxUnpacked = 128 << 20
	// MaxSheets bounds the worksheets of a workbook.
	MaxSheets = 256
	// MaxColumns bounds the columns of a sheet that hold text.
	MaxColumns = 1_000
	// MaxCells bounds the grid positions (rows × columns that hold text)
	// of the workbook.
	MaxCells = 500_000
	// maxScanned bounds the cell positions read, blank ones between
	// cells of a row included.
	maxScanned = 16_000_000
	// maxMerges bounds the merged ranges of a sheet.
	maxMerges = 100_000
	// maxFormulas bounds the formulas without a saved value that are
	// calculated; maxFormulaArea the cells a range in one may span.
	maxFormulas    = 1_000
	maxFormulaArea = 100_000
)

// Looks reports whether the data is an Office Open XML workbook: a zip
// package with an xl/workbook.xml part.
func Looks(data []byte) bool {
	zr, err := openZip(data)
	return err == nil && part(zr, "xl/workbook.xml") != nil
}

func openZip(data []byte) (*zip.Reader, error) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, errors.New("no zip signature")
	}
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

func part(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"), name) {
			return f
		}
	}
	return nil
}

func errorf(format string, args ...any) error {
	return &raw.Error{Msg: fmt.Sprintf(format, args...)}
}

// Read turns the workbook into raw blocks, sheet after sheet. A cell reads
// as it shows (its number format applied, so 141 formatted 0.00 reads
// 141.00); a formula reads its saved value, or is calculated where the
// file has none.
func Read(data []byte) (doc *raw.Document, err error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, errorf("不是有效的 Excel 工作簿 (not a valid .xlsx workbook): %v", err)
	}
	// refuse a zip bomb before anything is unpacked: the sizes a zip
	// declares are the sizes archive/zip lets through
	var unpacked uint64
	for _, f := range zr.File {
		unpacked += f.UncompressedSize64
		if unpacked > MaxUnpacked || f.UncompressedSize64 > MaxUnpacked {
			return nil, errorf("Excel 工作簿解压后超过 %d MB 的上限，文件可能已损坏或是压缩炸弹 (the workbook unpacks to more than %d MB)", MaxUnpacked>>20, MaxUnpacked>>20)
		}
	}
	if part(zr, "xl/workbook.xml") == nil {
		return nil, errorf("不是 Excel 工作簿：ZIP 压缩包中没有 xl/workbook.xml (not a .xlsx: the zip holds no xl/workbook.xml)")
	}
	paths := sheetPaths(zr)
	// excelize keeps large parts in temporary files: give it a directory
	// of its own, removed on every path
	tmp, err := os.MkdirTemp("", "budgetpack-xlsx-")
	if err != nil {
		return nil, errorf("无法创建临时目录 (cannot create a temporary directory): %v", err)
	}
	defer os.RemoveAll(tmp)
	defer func() {
		// excelize may panic on a damaged file; report it as unreadable
		if r := recover(); r != nil {
			doc, err = nil, errorf("无法读取 Excel 工作簿 (damaged workbook): %v", r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxUnpacked,
		UnzipXMLSizeLimit: MaxUnpacked,
		TmpDir:            tmp,
	})
	if f != nil {
		defer f.Close()
	}
	if err != nil {
		return nil, errorf("不是有效的 Excel 工作簿 (not a valid .xlsx workbook): %v", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) > MaxSheets {
		return nil, errorf("Excel 工作簿有 %d 个工作表，超过 %d 个的上限 (more than %d sheets)", len(sheets), MaxSheets, MaxSheets)
	}
	rd := &reader{f: f, zr: zr, doc: &raw.Document{Layout: Layout, Places: []raw.Place{}}}
	for _, sheet := range sheets {
		p, ok := paths[sheet]
		if ok && !strings.Contains(p, "worksheets/") {
			continue // a chart sheet or dialog sheet holds no cells
		}
		if err := rd.sheet(sheet, p); err != nil {
			var re *raw.Error
			if errors.As(err, &re) {
				return nil, err
			}
			return nil, errorf("工作表“%s”无法读取 (sheet %s unreadable): %v", sheet, sheet, err)
		}
	}
	return rd.doc, nil
}

type reader struct {
	f       *excelize.File
	zr      *zip.Reader
	doc     *raw.Document
	cells   int // grid positions made
	scanned int // cell positions the row iterator reads, all sheets
	valued  int // cells with a value or formula, all sheets
	calc    int // formulas calculated
}

// cell is a cell that holds text, at its 1-based row and column.
type cell struct {
	row, col int
	text     string
}

// span is a merged range, 1-based and inclusive.
type span struct{ r1, c1, r2, c2 int }

// sheet reads one worksheet whose part is at p.
func (rd *reader) sheet(sheet, p string) error {
	merges, formulas, err := rd.scan(sheet, p)
	if err != nil {
		return err
	}
	if p == "" || part(rd.zr, p) == nil {
		// a part the workbook's relationships did not name: the merges
		// as excelize finds them
		ms, err := rd.f.GetMergeCells(sheet)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if sp, ok := parseRange(m.GetStartAxis() + ":" + m.GetEndAxis()); ok {
				merges = append(merges, sp)
			}
		}
	}
	rows, err := rd.f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	// formulas saved without a value, by position: the row iterator may
	// still give a value (a shared string, an error), else they are
	// calculated
	pending := make(map[[2]int]string, len(formulas))
	for _, ref := range formulas {
		if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
			pending[[2]int{r, c}] = ref
		}
	}
	var cells []cell
	n, read := 0, 0
	for rows.Next() {
		n++
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		if read += len(cols); read > maxScanned {
			return tooLarge(sheet)
		}
		for j, v := range cols {
			if strings.TrimSpace(v) == "" {
				continue
			}
			if len(cells) >= MaxCells {
				return tooManyCells()
			}
			cells = append(cells, cell{n, j + 1, v})
			if len(pending) > 0 {
				delete(pending, [2]int{n, j + 1})
			}
		}
	}
	if err := rows.Error(); err != nil {
		return err
	}
	for _, ref := range formulas {
		c, r, err := excelize.CellNameToCoordinates(ref)
		if err != nil || pending[[2]int{r, c}] == "" || rd.calc >= maxFormulas {
			continue
		}
		formula, err := rd.f.GetCellFormula(sheet, ref)
		if err != nil || formula == "" || !calculable(formula) {
			continue
		}
		rd.calc++
		if v, err := rd.f.CalcCellValue(sheet, ref); err == nil && v != "" {
			cells = append(cells, cell{r, c, v})
		}
	}
	sort.Slice(cells, func(a, b int) bool {
		if cells[a].row != cells[b].row {
			return cells[a].row < cells[b].row
		}
		return cells[a].col < cells[b].col
	})
	return rd.layout(sheet, cells, merges)
}

func tooLarge(sheet string) error {
	return errorf("工作表“%s”过大：各行读到的单元格（含行内空白）超过 %d 个 (sheet %s too large)", sheet, maxScanned, sheet)
}

func tooManyCells() error {
	return errorf("Excel 工作簿过大：有文字的单元格（行 × 列）超过 %d 个 (more than %d cells)", MaxCells, MaxCells)
}

// rangeRef matches a range in a formula: A1:B9, or whole columns or rows.
var (
	rangeRef = regexp.MustCompile(`\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)`)
	wholeRef = regexp.MustCompile(`(^|[^A-Za-z0-9_])\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}([^A-Za-z0-9_(]|$)|(^|[^A-Za-z0-9_.])\$?\d+:\$?\d+`)
)

// calculable reports whether a formula is small enough to calculate: no
// range larger than maxFormulaArea cells, no whole columns or rows.
func calculable(formula string) bool {
	if len(formula) > 8<<10 || wholeRef.MatchString(formula) {
		return false
	}
	for _, m := range rangeRef.FindAllStringSubmatch(formula, -1) {
		c1, e1 := excelize.ColumnNameToNumber(m[1])
		c2, e2 := excelize.ColumnNameToNumber(m[3])
		r1, e3 := strconv.Atoi(m[2])
		r2, e4 := strconv.Atoi(m[4])
		if e1 != nil || e2 != nil || e3 != nil || e4 != nil {
			return false
		}
		area := (abs(c2-c1) + 1) * (abs(r2-r1) + 1)
		if area > maxFormulaArea {
			return false
		}
	}
	return true
}

func abs(n int) int { return max(n, -n) }

// layout lays a sheet's cells out as prose and grids.
func (rd *reader) layout(sheet string, cells []cell, merges []span) error {
	if len(cells) == 0 {
		return nil
	}
	// columns and rows that hold text, and where each cell stands
	colSet := map[int]bool{}
	for _, c := range cells {
		colSet[c.col] = true
	}
	if len(colSet) > MaxColumns {
		return errorf("工作表“%s”有文字的列超过 %d 列 (sheet %s: more than %d columns hold text)", sheet, MaxColumns, sheet, MaxColumns)
	}
	cols := make([]int, 0, len(colSet))
	for c := range colSet {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	colIdx := make(map[int]int, len(cols))
	for i, c := range cols {
		colIdx[c] = i
	}
	width := len(cols)
	// merged ranges whose first cell holds text, by that cell
	origin := map[[2]int]span{}
	for _, m := range merges {
		origin[[2]int{m.r1, m.c1}] = m
	}
	type srow struct {
		num   int
		cells []cell
		prose bool
	}
	var srows []srow
	for i := 0; i < len(cells); {
		j := i
		for j < len(cells) && cells[j].row == cells[i].row {
			j++
		}
		var kept []cell
		for _, c := range cells[i:j] {
			if strings.TrimSpace(c.text) != "" {
				kept = append(kept, c)
			}
		}
		if len(kept) > 0 {
			srows = append(srows, srow{num: cells[i].row, cells: kept})
		}
		i = j
	}
	// a row that is one merged cell across every column is prose
	top := true // no grid row above yet
	for k := range srows {
		r := &srows[k]
		if width == 1 {
			r.prose = true
			continue
		}
		if k > 0 && !srows[k-1].prose {
			top = false
		}
		// (what else the row holds lies under that cell), or at the top
		// of the sheet nearly: a title merged over all but the last column
		// or two, the only text of its row
		m, ok := origin[[2]int{r.num, r.cells[0].col}]
		if !ok {
			continue
		}
		inside := sort.SearchInts(cols, m.c2+1) - sort.SearchInts(cols, m.c1)
		if inside == width || top && len(r.cells) == 1 && m.r1 == m.r2 && 3*inside >= 2*width {
			r.prose = true
		}
	}
	rowIdx := map[int]int{} // row number → index in its grid
	var grid *raw.Block
	var gridRows []int
	flush := func() error {
		if grid == nil {
			return nil
		}
		if err := rd.spans(grid, gridRows, rowIdx, cols, colIdx, merges); err != nil {
			return err
		}
		rd.doc.Blocks = append(rd.doc.Blocks, *grid)
		grid, gridRows = nil, nil
		clear(rowIdx)
		return nil
	}
	for _, r := range srows {
		if r.prose {
			if err := flush(); err != nil {
				return err
			}
			c := r.cells[0]
			at := rd.doc.Anchor(raw.Place{Sheet: sheet, Ref: ref(c.col, c.row)})
			for line := range strings.SplitSeq(c.text, "\n") {
				if t := strings.TrimSpace(line); t != "" {
					rd.doc.Blocks = append(rd.doc.Blocks, raw.Block{Line: at, Text: t, Sheet: sheet})
				}
			}
			continue
		}
		if rd.cells += width; rd.cells > MaxCells {
			return tooManyCells()
		}
		row := raw.Row{Cells: make([]raw.Cell, width)}
		for j, c := range cols {
			row.Cells[j].Line = rd.doc.Anchor(raw.Place{Sheet: sheet, Ref: ref(c, r.num)})
		}
		row.Line = row.Cells[0].Line
		for _, c := range r.cells {
			row.Cells[colIdx[c.col]].Text = c.text
		}
		if grid == nil {
			grid = &raw.Block{Line: row.Line, Sheet: sheet, Rows: []raw.Row{}}
		}
		// rows left empty inside a table are rows of its form (a 收支总表
		// lining its two sides up, an empty table's blank row above 合计)
		if n := len(gridRows); n > 0 && r.num-gridRows[n-1] <= maxBlankRun {
			for num := gridRows[n-1] + 1; num < r.num; num++ {
				if underMerge(merges, num) {
					continue // (a row a merged cell covers is part of that cell)
				}
				if rd.cells += width; rd.cells > MaxCells {
					return tooManyCells()
				}
				blank := raw.Row{Cells: make([]raw.Cell, width)}
				for j, c := range cols {
					blank.Cells[j].Line = rd.doc.Anchor(raw.Place{Sheet: sheet, Ref: ref(c, num)})
				}
				blank.Line = blank.Cells[0].Line
				rowIdx[num] = len(grid.Rows)
				gridRows = append(gridRows, num)
				grid.Rows = append(grid.Rows, blank)
			}
		}
		rowIdx[r.num] = len(grid.Rows)
		gridRows = append(gridRows, r.num)
		grid.Rows = append(grid.Rows, row)
	}
	return flush()
}

// maxBlankRun is the longest run of empty rows kept inside a table: a
// form pads a page with a few; a longer gap parts two tables.
const maxBlankRun = 30

// underMerge reports whether a merged range covers part of sheet row num
// below its first row.
func underMerge(merges []span, num int) bool {
	for _, m := range merges {
		if m.r1 < num && num <= m.r2 {
			return true
		}
	}
	return false
}

// spans marks a grid's merged cells: the span on the merged cell, the
// positions under it covered and blank.
func (rd *reader) spans(grid *raw.Block, rowNums []int, rowIdx map[int]int, cols []int, colIdx map[int]int, merges []span) error {
	work := 0
	for _, m := range merges {
		i, ok := rowIdx[m.r1]
		if !ok {
			continue
		}
		j, ok := colIdx[m.c1]
		if !ok {
			continue
		}
		o := &grid.Rows[i].Cells[j]
		if o.Covered {
			continue // ranges that overlap: the first one stands
		}
		// the rows and columns of the grid inside the range
		i2 := i
		for i2+1 < len(rowNums) && rowNums[i2+1] <= m.r2 {
			i2++
		}
		j2 := j
		for j2+1 < len(cols) && cols[j2+1] <= m.c2 {
			j2++
		}
		if i2 == i && j2 == j {
			continue
		}
		if work += (i2 - i + 1) * (j2 - j + 1); work > 4*MaxCells {
			return errorf("工作表“%s”的合并单元格互相重叠过多 (sheet %s: too many overlapping merged ranges)", grid.Sheet, grid.Sheet)
		}
		if j2 > j {
			o.ColSpan = j2 - j + 1
		}
		if i2 > i {
			o.RowSpan = i2 - i + 1
		}
		for a := i; a <= i2; a++ {
			for b := j; b <= j2; b++ {
				if a == i && b == j {
					continue
				}
				c := &grid.Rows[a].Cells[b]
				c.Text, c.Covered = "", true
			}
		}
	}
	return nil
}

func ref(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// sheetPaths maps each sheet's name to its part, from the workbook and its
// relationships.
func sheetPaths(zr *zip.Reader) map[string]string {
	out := map[string]string{}
	rels := map[string]string{}
	if f := part(zr, "xl/_rels/workbook.xml.rels"); f != nil {
		walk(f, func(se xml.StartElement) {
			if se.Name.Local == "Relationship" {
				rels[attr(se, "Id")] = attr(se, "Target")
			}
		})
	}
	if f := part(zr, "xl/workbook.xml"); f != nil {
		walk(f, func(se xml.StartElement) {
			if se.Name.Local != "sheet" {
				return
			}
			target := ""
			for _, a := range se.Attr {
				if a.Name.Local == "id" && strings.Contains(a.Name.Space, "relationships") {
					target = rels[a.Value]
				}
			}
			if target == "" {
				return
			}
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			out[attr(se, "name")] = target
		})
	}
	return out
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// walk calls fn on each element of a small part.
func walk(f *zip.File, fn func(xml.StartElement)) {
	rc, err := f.Open()
	if err != nil {
		return
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, 16<<20))
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		if se, ok := tok.(xml.StartElement); ok {
			fn(se)
		}
	}
}

// scan reads a sheet's part for what the row iterator does not give: its
// merged ranges, and the cells with a formula but no saved value.
//
// It also counts the positions the row iterator will read, blanks between
// cells included, so that a sheet too large is refused before that.
func (rd *reader) scan(sheet, p string) (merges []span, formulas []string, err error) {
	f := part(rd.zr, p)
	if p == "" || f == nil {
		return nil, nil, nil
	}
	rowMax := 0
	endRow := func() error {
		if rd.scanned += rowMax; rd.scanned > maxScanned {
			return tooLarge(sheet)
		}
		rowMax = 0
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, MaxUnpacked))
	var (
		row, col          int
		ref               string
		inC, hasF, hasV   bool
		inV               bool
		depth, cellsInRow int
	)
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return merges, formulas, endRow()
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > 64 {
				return nil, nil, errorf("工作表“%s”的 XML 嵌套过深 (sheet %s: XML nested too deep)", sheet, sheet)
			}
			switch t.Name.Local {
			case "row":
				if err := endRow(); err != nil {
					return nil, nil, err
				}
				if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > 0 {
					row = n
				} else {
					row++
				}
				col, cellsInRow = 0, 0
			case "c":
				inC, hasF, hasV = true, false, false
				if cellsInRow++; cellsInRow > excelize.MaxColumns {
					return nil, nil, errorf("工作表“%s”第 %d 行的单元格超过 %d 个 (sheet %s: too many cells in row %d)", sheet, row, excelize.MaxColumns, sheet, row)
				}
				ref = attr(t, "r")
				if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
					col, row = c, r
				} else {
					col++
					ref, _ = excelize.CoordinatesToCellName(col, max(row, 1))
				}
			case "f":
				hasF = hasF || inC
			case "v", "is":
				inV = inC
				if t.Name.Local == "is" {
					hasV = hasV || inC
				}
			case "mergeCell":
				if len(merges) >= maxMerges {
					return nil, nil, errorf("工作表“%s”的合并单元格超过 %d 个 (sheet %s: more than %d merged ranges)", sheet, maxMerges, sheet, maxMerges)
				}
				if m, ok := parseRange(attr(t, "ref")); ok {
					merges = append(merges, m)
				}
			}
		case xml.CharData:
			if inV && len(bytes.TrimSpace(t)) > 0 {
				hasV = true
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "v", "is":
				inV = false
			case "c":
				if inC && hasF && !hasV && len(formulas) < maxFormulas {
					formulas = append(formulas, ref)
				}
				if inC && (hasF || hasV) {
					rowMax = max(rowMax, col)
					if rd.valued++; rd.valued > MaxCells {
						return nil, nil, tooManyCells()
					}
				}
				inC = false
			}
		}
	}
}

// parseRange reads a range "A1:C3" (or one cell).
func parseRange(s string) (span, bool) {
	a, b, found := strings.Cut(s, ":")
	if !found {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return span{}, false
	}
	return span{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)}, true
}
