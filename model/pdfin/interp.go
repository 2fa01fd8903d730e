package pdfin

import (
	"errors"
	"math"
)

// matrix is a PDF transformation [a b c d e f]: a point (x, y) goes to
// (a·x + c·y + e, b·x + d·y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m then n (m × n in the PDF's row-vector convention).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// glyph is one drawn character in the frame of its writing direction: u
// runs along the text, v across it (the baseline, or the column's middle
// in vertical writing); [t0, t1] is its extent across.
type glyph struct {
	text      string
	dir       int
	u0, u1, v float64
	t0, t1    float64
	size      float64
	seq       int
	// hidden: drawn in a render mode that paints nothing.
	hidden bool
	// bold: drawn in a bold face, or filled and stroked (a face made
	// bold by its outline), or struck over itself.
	bold bool
}

// Writing directions in the page's displayed orientation.
const (
	dirRight = iota // left to right, upright
	dirDown         // top to bottom (turned clockwise, or vertical writing)
	dirLeft         // right to left (upside down)
	dirUp           // bottom to top (turned counter-clockwise)
)

// toFrame and fromFrame convert between page coordinates (x right, y
// down) and a direction's frame.
func toFrame(dir int, x, y float64) (u, v float64) {
	switch dir {
	case dirDown:
		return y, -x
	case dirLeft:
		return -x, -y
	case dirUp:
		return -y, x
	}
	return x, y
}

func fromFrame(dir int, u, v float64) (x, y float64) {
	switch dir {
	case dirDown:
		return -v, u
	case dirLeft:
		return -u, -v
	case dirUp:
		return v, -u
	}
	return u, v
}

// gstate is the graphics state the reader follows.
type gstate struct {
	ctm      matrix
	font     *font
	fontSize float64
	tc, tw   float64 // character and word spacing
	th       float64 // horizontal scaling (Tz / 100)
	tl       float64 // leading
	rise     float64
	tr       int // text render mode
	// clip bounds the clipping path on the displayed page, when clipped:
	// the box of the paths given to W and of the forms' bounding boxes.
	clip    rect
	clipped bool
}

// clipTo narrows the clip to r.
func (g *gstate) clipTo(r rect) {
	if g.clipped {
		r = g.clip.intersect(r)
	}
	g.clip, g.clipped = r, true
}

// pageRun interprets the content of one page.
type pageRun struct {
	o       objects
	fonts   map[any]*font // by font object (reference or dictionary)
	forms   *formCache
	pageM   matrix  // user space to displayed page (y down)
	width   float64 // displayed size
	height  float64
	glyphs  []glyph
	rulings []segment
	// imageArea is the largest area covered by one image, in square points.
	imageArea float64
	// undecodable counts glyphs whose text could not be told.
	undecodable int
	ops         int
	err         error
	// textStart is the first glyph of the current text object.
	textStart int
	// images are the areas images cover (the first maxImageBoxes of
	// imageCount), hidden the number of invisibly drawn glyphs: see
	// dropHidden.
	images     []rect
	imageCount int
	hidden     int
	// onDrop, when set, is told of every glyph not read because a viewer
	// does not show it, and why (the survey test lists them).
	onDrop func(reason string, g glyph)
}

// formCache keeps the decoded content of Form XObjects that pages share.
type formCache struct {
	data map[*stream][]byte
	size int
}

func newFormCache() *formCache { return &formCache{data: map[*stream][]byte{}} }

// segment is a ruling in page coordinates.
type segment struct{ x0, y0, x1, y1 float64 }

var (
	errTooBig     = errors.New("limit exceeded")
	errTooComplex = errors.New("too many operators")
)

// point is a path point with how the segment to it was drawn.
type point struct {
	x, y  float64
	curve bool
}

// run interprets content with resources at form depth depth.
func (p *pageRun) run(content []byte, res dict, g gstate, depth int) {
	l := &lexer{b: content}
	var stack []gstate
	var args []tok
	var tm, tlm matrix = identity, identity
	var path [][]point
	var cur []point
	var startX, startY float64
	// box bounds the path being built, control points included (a curve
	// lies within them); clip says a W is waiting for the path's end.
	box := noRect
	clip := false
	codes := make([]glyphCode, 0, 64)

	// The points of the path being built share one slice, reused once
	// the path is painted: each subpath is built at its end, then kept.
	var arena []point
	keep := func(s []point) {
		n := len(arena)
		if n < cap(arena) && len(s) > 0 && &arena[:n+1][n] == &s[0] {
			arena = arena[:n+len(s)]
		} else {
			arena = s
		}
	}
	begin := func(q point) []point { return append(arena[len(arena):], q) }
	flushSub := func() {
		if len(cur) > 0 {
			path = append(path, cur)
			keep(cur)
			cur = nil
		}
	}
	show := func(s []byte) {
		f := g.font
		if f == nil {
			f = fallbackFont
		}
		codes = f.codes(s, codes)
		// The glyphs of one string share the text matrix up to the pen's
		// advance along the line.
		base := tm.mul(g.ctm.mul(p.pageM))
		adv := 0.0
		for _, c := range codes {
			adv += p.glyph(&g, base, adv, f, c)
		}
		if f.vertical {
			tm = matrix{1, 0, 0, 1, 0, adv}.mul(tm)
		} else {
			tm = matrix{1, 0, 0, 1, adv, 0}.mul(tm)
		}
	}
	for p.err == nil {
		t := l.next()
		if t.kind == kEnd {
			break
		}
		if t.kind != kOp {
			if len(args) < maxArgs {
				args = append(args, t)
			}
			continue
		}
		p.ops++
		if p.ops > maxOps {
			p.err = errTooComplex
			return
		}
		n := func(i int) float64 {
			if i < len(args) && args[i].kind == kNum {
				return args[i].num
			}
			return 0
		}
		mat := func() matrix { return matrix{n(0), n(1), n(2), n(3), n(4), n(5)} }
		switch string(t.b) {
		case "q":
			if len(stack) < maxStack {
				stack = append(stack, g)
			}
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if len(args) >= 6 {
				g.ctm = mat().mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
			p.textStart = len(p.glyphs)
		case "Tf":
			if len(args) >= 2 {
				if args[0].kind == kName {
					g.font = p.font(res, string(args[0].b))
				}
				g.fontSize = n(1)
			}
		case "Tc":
			g.tc = n(0)
		case "Tw":
			g.tw = n(0)
		case "Tz":
			g.th = n(0) / 100
		case "TL":
			g.tl = n(0)
		case "Ts":
			g.rise = n(0)
		case "Tr":
			g.tr = int(n(0))
		case "Td":
			tlm = matrix{1, 0, 0, 1, n(0), n(1)}.mul(tlm)
			tm = tlm
		case "TD":
			g.tl = -n(1)
			tlm = matrix{1, 0, 0, 1, n(0), n(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) >= 6 {
				tlm = mat()
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) >= 1 && args[len(args)-1].kind == kStr {
				show(args[len(args)-1].b)
			}
		case "'", "\"":
			if t.b[0] == '"' && len(args) >= 3 {
				g.tw, g.tc = n(0), n(1)
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if len(args) >= 1 && args[len(args)-1].kind == kStr {
				show(args[len(args)-1].b)
			}
		case "TJ":
			if len(args) >= 1 {
				for _, e := range args[len(args)-1].arr {
					switch e.kind {
					case kStr:
						show(e.b)
					case kNum:
						adv := -e.num / 1000 * g.fontSize
						if g.font != nil && g.font.vertical {
							tm = matrix{1, 0, 0, 1, 0, adv}.mul(tm)
						} else {
							tm = matrix{1, 0, 0, 1, adv * g.th, 0}.mul(tm)
						}
					}
				}
			}
		case "m":
			flushSub()
			x, y := p.toPage(g.ctm, n(0), n(1))
			cur = begin(point{x: x, y: y})
			startX, startY = x, y
			box = box.grow(x, y)
		case "l":
			if cur == nil {
				cur = begin(point{x: startX, y: startY})
			}
			x, y := p.toPage(g.ctm, n(0), n(1))
			box = box.grow(x, y)
			if len(cur) < maxPathPoints {
				cur = append(cur, point{x: x, y: y})
			}
		case "c", "v", "y":
			if cur == nil {
				cur = begin(point{x: startX, y: startY})
			}
			k := 4
			if t.b[0] != 'c' {
				k = 2
			}
			for i := 0; i <= k; i += 2 {
				box = box.grow(p.toPage(g.ctm, n(i), n(i+1)))
			}
			x, y := p.toPage(g.ctm, n(k), n(k+1))
			if len(cur) < maxPathPoints {
				cur = append(cur, point{x: x, y: y, curve: true})
			}
		case "h":
			if len(cur) > 1 {
				cur = append(cur, point{x: cur[0].x, y: cur[0].y})
			}
		case "re":
			flushSub()
			x, y, w, h := n(0), n(1), n(2), n(3)
			pts := arena[len(arena):]
			for _, c := range [][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}} {
				px, py := p.toPage(g.ctm, c[0], c[1])
				pts = append(pts, point{x: px, y: py})
				box = box.grow(px, py)
			}
			if len(path) < maxPathPoints {
				path = append(path, pts)
				keep(pts)
			}
			startX, startY = pts[0].x, pts[0].y
		case "W", "W*":
			clip = true
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n":
			o := string(t.b)
			// The clip takes effect after the path is painted. Its box
			// is a bound: a viewer shows nothing outside it.
			if clip && !(box.x0 > box.x1) {
				g.clipTo(box)
			}
			clip, box = false, noRect
			if o == "s" || o == "b" || o == "b*" {
				if len(cur) > 1 {
					cur = append(cur, point{x: cur[0].x, y: cur[0].y})
				}
			}
			flushSub()
			switch o {
			case "S", "s":
				p.stroke(path)
			case "f", "F", "f*":
				p.fill(path)
			case "B", "B*", "b", "b*":
				p.stroke(path)
				p.fill(path)
			}
			path, cur, arena = path[:0], nil, arena[:0]
		case "Do":
			if len(args) >= 1 && args[0].kind == kName {
				p.xobject(res, string(args[0].b), g, depth)
			}
		case "BI":
			l.skipInlineDict()
		case "ID":
			l.skipInlineImage()
			p.image(g)
		}
		args = args[:0]
		l.reset()
	}
}

// fallbackFont stands in when text is shown before any font is set.
var fallbackFont = &font{widths: map[uint32]float64{}, defaultWidth: 500, scale: 0.001, encoding: winAnsi, cache: map[uint64]string{}}

// toPage maps a user-space point to the displayed page.
func (p *pageRun) toPage(ctm matrix, x, y float64) (float64, float64) {
	return ctm.mul(p.pageM).apply(x, y)
}

// glyph records one shown code and advances the text matrix.
//
// base is the text matrix of the string times the CTM and the page's
// matrix, adv how far the pen has moved along the string (in text space);
// glyph returns the pen's advance for this glyph.
func (p *pageRun) glyph(g *gstate, base matrix, adv float64, f *font, c glyphCode) (advance float64) {
	fs := g.fontSize
	spacing := g.tc
	if c.n == 1 && c.code == 32 {
		spacing += g.tw
	}
	var trm matrix
	if f.vertical {
		trm = matrix{fs * g.th, 0, 0, fs, 0, g.rise + adv}.mul(base)
		advance = -fs + spacing
	} else {
		trm = matrix{fs * g.th, 0, 0, fs, adv, g.rise}.mul(base)
		advance = (c.width*fs + spacing) * g.th
	}
	if c.text == "" || c.text == " " || c.text == "\u00a0" || c.text == "\u3000" {
		return advance
	}
	if len(p.glyphs) >= maxGlyphsPage {
		p.err = errTooBig
		return advance
	}
	ox, oy := trm.apply(0, 0)
	ax, ay := trm[0], trm[1] // the text's direction on the page
	ux, uy := trm[2], trm[3] // its up
	size := math.Hypot(ux, uy)
	if f.vertical {
		ax, ay = -trm[2], -trm[3]
		size = math.Hypot(trm[0], trm[1]) / g.th
	}
	if size == 0 || math.IsNaN(size) || math.IsInf(size, 0) || math.IsNaN(ox) || math.IsNaN(oy) {
		return advance
	}
	dir := dirRight
	switch {
	case math.Abs(ax) >= math.Abs(ay) && ax < 0:
		dir = dirLeft
	case math.Abs(ay) > math.Abs(ax) && ay > 0:
		dir = dirDown
	case math.Abs(ay) > math.Abs(ax):
		dir = dirUp
	}
	gl := glyph{text: c.text, dir: dir, size: size, seq: len(p.glyphs)}
	u0, v := toFrame(dir, ox, oy)
	if f.vertical {
		ex, ey := trm.apply(0, -1)
		u1, _ := toFrame(dir, ex, ey)
		gl.u0, gl.u1, gl.v = u0, u1, v
		gl.t0, gl.t1 = v-size/2, v+size/2
	} else {
		ex, ey := trm.apply(c.width, 0)
		u1, _ := toFrame(dir, ex, ey)
		gl.u0, gl.u1, gl.v = u0, math.Max(u1, u0), v
		gl.t0, gl.t1 = v-0.88*size, v+0.12*size
	}
	// A glyph outside the visible page (text a frame lets run over the
	// edge, repeated on the next page) or clipped away is not shown, so
	// not read.
	x0, y0 := fromFrame(dir, gl.u0, gl.t0)
	x1, y1 := fromFrame(dir, gl.u1, gl.t1)
	box := rect{min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)}
	area := rect{0, 0, p.width, p.height}
	if !shown(area, box, size) || g.clipped && !shown(area.intersect(g.clip), box, size) {
		if p.onDrop != nil {
			reason := "clipped"
			if !shown(area, box, size) {
				reason = "off the page"
			}
			p.onDrop(reason, gl)
		}
		return advance
	}
	gl.bold = f.bold || g.tr == 2 || g.tr == 6
	if invisibleMode(g.tr) {
		gl.hidden = true
		p.hidden++
	}
	if c.text == "\uFFFD" {
		p.undecodable++
	}
	// A glyph the pen moved onto before the previous one ended (a font
	// whose widths are wider than the advances the text uses) ends the
	// previous one's box.
	if k := len(p.glyphs) - 1; k >= 0 && p.glyphs[k].seq >= p.textStart {
		if q := &p.glyphs[k]; q.dir == dir && q.hidden == gl.hidden && math.Abs(q.v-gl.v) < 0.1*size && gl.u0 > q.u0 && gl.u0 < q.u1 {
			q.u1 = gl.u0
		}
	}
	p.glyphs = append(p.glyphs, gl)
	return advance
}

// font returns the font named fn in the resources, loading it once.
func (p *pageRun) font(res dict, fn string) *font {
	fonts, _ := p.o.resolve(res["Font"]).(dict)
	if fonts == nil {
		return nil
	}
	key := fonts[fn]
	if r, ok := key.(ref); ok {
		if f, ok := p.fonts[r]; ok {
			return f
		}
		d, _ := p.o.resolve(r).(dict)
		if d == nil {
			return nil
		}
		f := loadFont(p.o, d)
		p.fonts[r] = f
		return f
	}
	d, _ := key.(dict)
	if d == nil {
		return nil
	}
	return loadFont(p.o, d)
}

// xobject draws the XObject named xn: a form's content, or an image's area.
func (p *pageRun) xobject(res dict, xn string, g gstate, depth int) {
	xs, _ := p.o.resolve(res["XObject"]).(dict)
	if xs == nil {
		return
	}
	s, _ := p.o.resolve(xs[xn]).(*stream)
	if s == nil {
		return
	}
	switch st, _ := p.o.resolve(s.dict["Subtype"]).(name); st {
	case "Image":
		p.image(g)
	case "Form":
		if depth >= maxFormDepth {
			return
		}
		b, ok := p.forms.data[s]
		if !ok {
			var err error
			b, err = p.o.data(s, maxStreamBytes)
			if err != nil {
				if errors.Is(err, errTooBig) {
					p.err = err
				}
				return
			}
			if p.forms.size+len(b) <= maxFormCache {
				p.forms.size += len(b)
				p.forms.data[s] = b
			}
		}
		if m, ok := p.o.resolve(s.dict["Matrix"]).([]any); ok && len(m) == 6 {
			var fm matrix
			for i := range m {
				fm[i], _ = num(p.o.resolve(m[i]))
			}
			g.ctm = fm.mul(g.ctm)
		}
		// A form shows only what lies within its bounding box.
		bbox, _ := p.o.resolve(s.dict["BBox"]).([]any)
		if bb, ok := rectangle(p.o, bbox); ok {
			g.clipTo(boxOf(g.ctm.mul(p.pageM), bb[0], bb[1], bb[2], bb[3]))
		}
		fres, _ := p.o.resolve(s.dict["Resources"]).(dict)
		if fres == nil {
			fres = res
		}
		p.run(b, fres, g, depth+1)
	}
}

// image records the area an image covers (the unit square under the CTM).
func (p *pageRun) image(g gstate) {
	ctm := g.ctm
	if p.imageCount++; len(p.images) < maxImageBoxes {
		r := boxOf(ctm.mul(p.pageM), 0, 0, 1, 1)
		if g.clipped {
			r = r.intersect(g.clip)
		}
		p.images = append(p.images, r)
	}
	m := ctm.mul(p.pageM)
	x0, y0 := m.apply(0, 0)
	x1, y1 := m.apply(1, 1)
	x2, y2 := m.apply(1, 0)
	x3, y3 := m.apply(0, 1)
	w := math.Max(math.Max(x0, x1), math.Max(x2, x3)) - math.Min(math.Min(x0, x1), math.Min(x2, x3))
	h := math.Max(math.Max(y0, y1), math.Max(y2, y3)) - math.Min(math.Min(y0, y1), math.Min(y2, y3))
	w = math.Min(w, p.width)
	h = math.Min(h, p.height)
	if a := w * h; a > p.imageArea {
		p.imageArea = a
	}
}

// stroke takes the straight horizontal and vertical pieces of a stroked
// path as rulings.
func (p *pageRun) stroke(path [][]point) {
	for _, sub := range path {
		for i := 1; i < len(sub); i++ {
			if sub[i].curve {
				continue
			}
			p.addRuling(sub[i-1].x, sub[i-1].y, sub[i].x, sub[i].y)
		}
	}
}

// fill takes thin filled rectangles (at most maxRulingThickness across) as
// rulings along their middle; thicker fills are shading. A border piece
// with mitred ends (a thin trapezoid, as some report writers draw each
// cell's edge) is a ruling too: a slanted step no longer than the
// thickness is a corner cut, while a long slanted step is a drawing.
func (p *pageRun) fill(path [][]point) {
	for _, sub := range path {
		if len(sub) < 4 || len(sub) > 5 {
			continue
		}
		x0, y0, x1, y1 := sub[0].x, sub[0].y, sub[0].x, sub[0].y
		axis := true
		for i, q := range sub {
			if q.curve {
				axis = false
			}
			if i > 0 {
				dx, dy := math.Abs(q.x-sub[i-1].x), math.Abs(q.y-sub[i-1].y)
				if dx > 0.01 && dy > 0.01 && (dx > maxRulingThickness || dy > maxRulingThickness) {
					axis = false
				}
			}
			x0, y0 = math.Min(x0, q.x), math.Min(y0, q.y)
			x1, y1 = math.Max(x1, q.x), math.Max(y1, q.y)
		}
		if !axis {
			continue
		}
		w, h := x1-x0, y1-y0
		switch {
		case h <= maxRulingThickness && w >= h:
			p.addRuling(x0, (y0+y1)/2, x1, (y0+y1)/2)
		case w <= maxRulingThickness && h > w:
			p.addRuling((x0+x1)/2, y0, (x0+x1)/2, y1)
		}
	}
}

// addRuling keeps a segment that is horizontal or vertical and lies on
// the page.
func (p *pageRun) addRuling(x0, y0, x1, y1 float64) {
	if len(p.rulings) >= maxRulingsPage {
		return
	}
	dx, dy := math.Abs(x1-x0), math.Abs(y1-y0)
	switch {
	case dy <= 0.5 && dx >= 0.5:
		y := (y0 + y1) / 2
		y0, y1 = y, y
	case dx <= 0.5 && dy >= 0.5:
		x := (x0 + x1) / 2
		x0, x1 = x, x
	default:
		return
	}
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	// Clip to the page.
	x0, x1 = math.Max(x0, 0), math.Min(x1, p.width)
	y0, y1 = math.Max(y0, 0), math.Min(y1, p.height)
	if x1 < x0 || y1 < y0 || (x1-x0 < 0.5 && y1-y0 < 0.5) {
		return
	}
	p.rulings = append(p.rulings, segment{x0, y0, x1, y1})
}

// skipInlineDict moves past an inline image's dictionary up to ID.
func (l *lexer) skipInlineDict() {
	for n := 0; n < 4096; n++ {
		t := l.next()
		if t.kind == kEnd {
			return
		}
		if t.is(kOp, "ID") {
			l.pos -= 2
			return
		}
	}
}
