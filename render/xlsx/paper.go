package xlsx

import (
	"budgetpack/render/grid"
)

// Paper sizes (the spreadsheet's paperSize codes) and their printable
// widths in cm, portrait and landscape, less the side margins.
const (
	paperA3 = 8
	a4Short = 21.0
	a4Long  = 29.7
	a3Long  = 42.0
)

// cmPerUnit is the printed width of one unit of column width, and
// cmPerColumn the padding of each column, as LibreOffice prints a
// workbook whose default font is 宋体 11 with the faces a Linux desktop
// substitutes (measured: 70 units fill the 17.4 cm of A4 portrait). Excel
// and WPS with SimSun print narrower, so a layout that fits here fits
// there.
const (
	cmPerUnit   = 0.25
	cmPerColumn = 0.13
)

// minScale keeps the 10 pt body type at 7 pt or more on paper.
const minScale = 0.7

// paper is how a sheet is printed: paper size, orientation, how many
// pages wide, and how many leading columns repeat on each page.
type paper struct {
	size      int
	landscape bool
	wide      int
	repeatCol int
}

// choosePaper picks the first of A4 upright (unless the layout asks for
// landscape), A4 landscape and A3 landscape on which the sheet, fitted to
// one page wide, prints its body at 7 pt or more. A table too wide even
// for A3 prints on A3 landscape two pages wide, with its leading code and
// name columns repeated on each page, so that a row can be followed.
func choosePaper(s *grid.Sheet, widths []float64) paper {
	p := onePageWide(s, widths)
	if p.wide == 1 {
		return p
	}
	return paper{size: paperA3, landscape: true, wide: 2, repeatCol: leadingTextColumns(s)}
}

// onePageWide is the smallest paper that prints the sheet one page wide
// at minScale or more; wide is 0 when none does.
func onePageWide(s *grid.Sheet, widths []float64) paper {
	total := 0.0
	for _, w := range widths {
		total += w*cmPerUnit + cmPerColumn
	}
	side := 2 * marginSide * 2.54
	type option struct {
		size      int
		landscape bool
		printable float64
	}
	opts := []option{{paperA4, false, a4Short - side}, {paperA4, true, a4Long - side}, {paperA3, true, a3Long - side}}
	if s.Landscape {
		opts = opts[1:]
	}
	for _, o := range opts {
		if o.printable/total >= minScale {
			return paper{size: o.size, landscape: o.landscape, wide: 1}
		}
	}
	return paper{size: paperA3, landscape: true}
}

// printScale is the scale the sheet prints at on p (1 at most).
func printScale(widths []float64, p paper) float64 {
	total, rep := 0.0, 0.0
	for j, w := range widths {
		total += w*cmPerUnit + cmPerColumn
		if j < p.repeatCol {
			rep += w*cmPerUnit + cmPerColumn
		}
	}
	long, short := a4Long, a4Short
	if p.size == paperA3 {
		long, short = a3Long, a4Long
	}
	printable := short
	if p.landscape {
		printable = long
	}
	printable -= 2 * marginSide * 2.54
	if p.wide > 1 {
		// a page break falls between columns: count on a tenth lost per page
		return min(1, 0.9*float64(p.wide)*printable/(total+float64(p.wide-1)*rep))
	}
	return min(1, printable/total)
}

// leadingTextColumns counts the columns at the left whose body cells are
// never figures (序号, codes, names), at most three: the columns repeated
// on each page of a table printed two pages wide.
func leadingTextColumns(s *grid.Sheet) int {
	n := 0
	for j := 0; j < 3 && j < len(s.Widths); j++ {
		for i := s.BodyFrom; i < len(s.Rows); i++ {
			if j < len(s.Rows[i].Cells) && s.Rows[i].Cells[j].IsNumber() {
				return n
			}
		}
		n++
	}
	return n
}
