// Package textgrid turns text placed on pages — words with their boxes and
// the rulings drawn between them — into raw grids and prose lines. It is
// the one grid builder behind the PDF reader (glyph positions) and the
// layout-text reader (character positions of a `pdftotext -layout` text).
// It knows nothing of budgets.
package textgrid

import "budgetpack/model/raw"

// Page is one page of placed text. Coordinates are in the source's units
// (points for a PDF, character cells for a layout text), measured from the
// page's top-left corner, y growing downwards.
type Page struct {
	// Number is the 1-based page number.
	Number int
	// Width and Height are the page size.
	Width, Height float64
	// Words are the words on the page, in any order.
	Words []Word
	// Rulings are the drawn table lines on the page (none in a layout text).
	Rulings []Ruling
}

// Word is a run of text without a wide gap, on one baseline.
type Word struct {
	// Text is the word's text.
	Text string
	// X0 and X1 are the left and right edges.
	X0, X1 float64
	// Top and Bottom are the upper and lower edges; Baseline lies between.
	Top, Bottom, Baseline float64
	// Size is the font size (1 in a layout text).
	Size float64
}

// Ruling is a drawn horizontal or vertical line segment (a stroked line or
// a thin filled rectangle).
type Ruling struct {
	// X0, Y0, X1, Y1 are the segment's ends, X0 ≤ X1 and Y0 ≤ Y1.
	X0, Y0, X1, Y1 float64
}

// Build finds the tables and prose of the pages and returns them as a raw
// document of the given layout, every Line field an anchor into Places
// (page and position).
func Build(layout string, pages []Page) (*raw.Document, error) {
	return nil, &raw.Error{Msg: "textgrid: not built yet"}
}
