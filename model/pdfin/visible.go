package pdfin

import "math"

// What a viewer does not show is not read: text clipped away (a table
// cell's clip holding lines that overflow it, a form's bounding box),
// text drawn invisibly (render mode 3 or 7) other than a scan's recognized
// text over its image, and text outside the visible page. Producers leave
// such text in the content (an HTML exporter writes a cell's style sheet
// as text below the cell and clips it away); pdftotext prints it, a
// viewer and the reader's user never see it.
//
// The clip is followed as a bounding box (of each W path and of each
// form's /BBox, intersected): a bound of what shows, so text outside it is
// surely hidden and text inside is kept. Text drawn to clip (render modes
// 4 to 7) does not narrow it, and colour is not judged (white text shows
// on a dark cell, and the reader does not follow what lies beneath): both
// would risk losing text that shows.

// rect is an axis-aligned rectangle on the displayed page (y down).
type rect struct{ x0, y0, x1, y1 float64 }

// noRect is the empty box that growing starts from.
var noRect = rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

// grow extends r to hold the point (x, y).
func (r rect) grow(x, y float64) rect {
	return rect{math.Min(r.x0, x), math.Min(r.y0, y), math.Max(r.x1, x), math.Max(r.y1, y)}
}

// intersect is the part of r inside s; it may be empty (x0 > x1 or y0 > y1).
func (r rect) intersect(s rect) rect {
	return rect{math.Max(r.x0, s.x0), math.Max(r.y0, s.y0), math.Min(r.x1, s.x1), math.Min(r.y1, s.y1)}
}

// empty reports whether r holds no point (NaN corners count as holding
// none: the box of a path drawn with NaN coordinates clips everything,
// as a viewer draws nothing of it).
func (r rect) empty() bool { return !(r.x0 <= r.x1 && r.y0 <= r.y1) }

// contains reports whether the point (x, y) lies in r.
func (r rect) contains(x, y float64) bool {
	return x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
}

// boxOf is the bounding box of the unit-square corners (or of any
// rectangle given by its corners) under m.
func boxOf(m matrix, x0, y0, x1, y1 float64) rect {
	r := noRect
	for _, c := range [4][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} {
		r = r.grow(m.apply(c[0], c[1]))
	}
	return r
}

// minShown is how much of a glyph, as a fraction of its size along each
// axis, must lie inside the clip for the glyph to be read: a line cut
// off below a cell that shows only the tops of its letters is not read,
// a glyph the clip trims at its edge is.
const minShown = 0.1

// shown reports whether enough of the glyph box b lies inside the clip.
func shown(clip, b rect, size float64) bool {
	in := b.intersect(clip)
	need := minShown * size
	// A box thinner than the need (a narrow glyph) must lie in it as a
	// whole along that axis.
	w := math.Min(need, b.x1-b.x0)
	h := math.Min(need, b.y1-b.y0)
	return in.x1-in.x0 >= w && in.y1-in.y0 >= h && !in.empty()
}

// Text render modes that paint nothing (PDF 32000 9.3.6): 3 neither fills
// nor strokes; 7 only adds the text to the clipping path.
func invisibleMode(tr int) bool { return tr == 3 || tr == 7 }

// maxImageBoxes is how many image areas a page keeps for telling a
// scan's recognized text from hidden text.
const maxImageBoxes = 100

// dropHidden removes the invisibly drawn glyphs that lie over no image.
// Recognized text (OCR) is drawn invisibly over the scanned image it
// reads, so it stays; invisible text elsewhere on the page is not shown.
func (p *pageRun) dropHidden() {
	if p.hidden == 0 {
		return
	}
	kept := p.glyphs[:0]
	for _, g := range p.glyphs {
		if g.hidden && !p.overImage(g) {
			if p.onDrop != nil {
				p.onDrop("invisible", g)
			}
			continue
		}
		kept = append(kept, g)
	}
	p.glyphs = kept
}

// overImage reports whether the middle of g lies on an image (any image
// when the page drew more than it keeps).
func (p *pageRun) overImage(g glyph) bool {
	if p.imageCount > len(p.images) {
		return true
	}
	x, y := fromFrame(g.dir, (g.u0+g.u1)/2, (g.t0+g.t1)/2)
	for _, r := range p.images {
		if r.contains(x, y) {
			return true
		}
	}
	return false
}
