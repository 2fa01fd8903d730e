package fonts

// This file cuts a face down to the glyphs of a set of characters, so that
// the PDF writer parses and embeds a font of a few hundred glyphs instead
// of a file of several megabytes. Layouts follow the OpenType spec
// ("glyf", "loca", "cmap" format 4, "hmtx", "name").

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// More table tags.
const (
	tagHhea uint32 = 0x68686561 // "hhea"
	tagHmtx uint32 = 0x686D7478 // "hmtx"
	tagMaxp uint32 = 0x6D617870 // "maxp"
	tagName uint32 = 0x6E616D65 // "name"
	tagPost uint32 = 0x706F7374 // "post"
)

// Composite glyph flags.
const (
	compArgWords     = 0x0001
	compHaveScale    = 0x0008
	compMore         = 0x0020
	compXYScale      = 0x0040
	compTwoByTwo     = 0x0080
	compInstructions = 0x0100
)

// Subset is a face cut down to the glyphs of some characters.
type Subset struct {
	// Data is a standalone TrueType file with the glyphs of the
	// characters (and the components of composite glyphs), .notdef, a
	// format-4 cmap for exactly those characters, and the face's metrics.
	// Outlines and advance widths are those of the face; hinting
	// (instructions, fpgm, prep, cvt, gasp, hdmx…) and name records other
	// than the copyright, family, style, unique and full names and the
	// PostScript name are left out.
	Data []byte
	// Tag is the six capital letters a PDF puts before a subset font's
	// name ("ABCDEF+Name"). It is derived from the face and the glyph set,
	// so the same characters always give the same tag.
	Tag string
	// Glyphs is the number of glyphs, .notdef included.
	Glyphs int
	// Program is Data with only the tables a PDF viewer reads from an
	// embedded TrueType program drawn through a CIDToGIDMap (glyf, head,
	// hhea, hmtx, loca, maxp, OS/2): it maps no characters and names
	// nothing, since the PDF's own dictionaries do both.
	Program []byte
	// Metrics is Data without outlines (every glyph empty): the same
	// character map and advance widths, for a writer that lays out text
	// while the outlines are embedded from Program by other means.
	Metrics []byte
	// Chars maps each character of the subset to its glyph in it, in
	// character order: {rune, glyph ID}.
	Chars [][2]uint16
}

// Subset returns the face cut down to the glyphs of runes. Runes the face
// has no glyph for are left out (Has tells them). The result depends only
// on the face and the set of runes, not on their order or repetitions.
func (f *Face) Subset(runes []rune) (*Subset, error) {
	src := f.Data
	dir, err := readDirectory(src, 0)
	if err != nil {
		return nil, err
	}
	// the tables a subset is made of, each at least as long as the fields
	// read from it
	var head, hhea, maxp, hmtx, loca, glyf, cmap, post []byte
	for _, n := range []struct {
		tag uint32
		min int
		dst *[]byte
	}{
		{tagHead, 54, &head}, {tagHhea, 36, &hhea}, {tagMaxp, 6, &maxp}, {tagHmtx, 4, &hmtx},
		{tagLoca, 2, &loca}, {tagGlyf, 0, &glyf}, {tagCmap, 4, &cmap}, {tagPost, 32, &post},
	} {
		t := dir.find(n.tag)
		if t == nil {
			return nil, fmt.Errorf("subset: no %q table", tagString(n.tag))
		}
		*n.dst = t.data(src)
		if len(*n.dst) < n.min {
			return nil, fmt.Errorf("subset: %q table too short", tagString(n.tag))
		}
	}
	numGlyphs := int(be.Uint16(maxp[4:]))
	numHMetrics := int(be.Uint16(hhea[34:]))
	longLoca := be.Uint16(head[50:]) == 1
	if numHMetrics == 0 || len(hmtx) < 4*numHMetrics+2*(numGlyphs-numHMetrics) {
		return nil, errors.New("subset: hmtx table too short")
	}
	if longLoca && len(loca) < 4*(numGlyphs+1) || !longLoca && len(loca) < 2*(numGlyphs+1) {
		return nil, errors.New("subset: loca table too short")
	}
	glyphAt := func(g int) []byte {
		var a, b int
		if longLoca {
			a, b = int(be.Uint32(loca[4*g:])), int(be.Uint32(loca[4*g+4:]))
		} else {
			a, b = 2*int(be.Uint16(loca[2*g:])), 2*int(be.Uint16(loca[2*g+2:]))
		}
		if a >= b || b > len(glyf) {
			return nil
		}
		return glyf[a:b]
	}
	lookup, err := cmap4(cmap)
	if err != nil {
		return nil, err
	}

	// The characters and their glyphs, then the closure over composite
	// glyphs' components.
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	type mapping struct {
		r rune
		g int
	}
	var maps []mapping
	keep := map[int]bool{0: true}
	for _, r := range rs {
		if r < 0 || r > 0xFFFF {
			continue
		}
		g := lookup(uint16(r))
		if g == 0 || g >= numGlyphs {
			continue
		}
		maps = append(maps, mapping{r, g})
		keep[g] = true
	}
	queue := make([]int, 0, len(keep))
	for g := range keep {
		queue = append(queue, g)
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		comps, err := components(glyphAt(g))
		if err != nil {
			return nil, fmt.Errorf("subset: glyph %d: %w", g, err)
		}
		for _, c := range comps {
			if c >= numGlyphs {
				return nil, fmt.Errorf("subset: glyph %d refers to glyph %d of %d", g, c, numGlyphs)
			}
			if !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		}
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	slices.Sort(old) // .notdef stays glyph 0
	newID := make(map[int]int, len(old))
	for i, g := range old {
		newID[g] = i
	}

	// glyf, loca (long offsets) and hmtx (one full metric per glyph).
	glyfOut := make([]byte, 0, 640*len(old))
	locaOut := make([]byte, 4*(len(old)+1))
	hmtxOut := make([]byte, 4*len(old))
	for i, g := range old {
		be.PutUint32(locaOut[4*i:], uint32(len(glyfOut)))
		gd, err := stripGlyph(glyphAt(g), newID)
		if err != nil {
			return nil, fmt.Errorf("subset: glyph %d: %w", g, err)
		}
		glyfOut = append(glyfOut, gd...)
		for len(glyfOut)%4 != 0 {
			glyfOut = append(glyfOut, 0)
		}
		var adv, lsb uint16
		if g < numHMetrics {
			adv, lsb = be.Uint16(hmtx[4*g:]), be.Uint16(hmtx[4*g+2:])
		} else {
			adv = be.Uint16(hmtx[4*(numHMetrics-1):])
			lsb = be.Uint16(hmtx[4*numHMetrics+2*(g-numHMetrics):])
		}
		be.PutUint16(hmtxOut[4*i:], adv)
		be.PutUint16(hmtxOut[4*i+2:], lsb)
	}
	be.PutUint32(locaOut[4*len(old):], uint32(len(glyfOut)))

	headOut := slices.Clone(head)
	be.PutUint16(headOut[50:], 1) // long loca
	hheaOut := slices.Clone(hhea)
	be.PutUint16(hheaOut[34:], uint16(len(old)))
	maxpOut := slices.Clone(maxp)
	be.PutUint16(maxpOut[4:], uint16(len(old)))
	if len(maxpOut) >= 32 && be.Uint32(maxpOut) == 0x00010000 {
		// no instructions are left
		be.PutUint16(maxpOut[26:], 0) // maxSizeOfInstructions
	}
	postOut := slices.Clone(post[:32])
	be.PutUint32(postOut, 0x00030000) // no glyph names

	cmapMap := make([][2]uint16, len(maps))
	for i, m := range maps {
		cmapMap[i] = [2]uint16{uint16(m.r), uint16(newID[m.g])}
	}
	tables := []tableData{
		{tagCmap, buildCmap4(cmapMap)},
		{tagGlyf, glyfOut},
		{tagHead, headOut},
		{tagHhea, hheaOut},
		{tagHmtx, hmtxOut},
		{tagLoca, locaOut},
		{tagMaxp, maxpOut},
		{tagPost, postOut},
	}
	if t := dir.find(tagOS2); t != nil {
		tables = append(tables, tableData{tagOS2, t.data(src)})
	}
	name := []byte(nil)
	if t := dir.find(tagName); t != nil {
		name = trimName(t.data(src))
	}
	if name == nil {
		name = emptyName()
	}
	tables = append(tables, tableData{tagName, name})
	version := be.Uint32(src)
	data := assemble(version, slices.Clone(tables))

	// The program keeps what a PDF viewer reads; the metrics file keeps
	// everything but the outlines.
	var program, metrics []tableData
	for _, t := range tables {
		switch t.tag {
		case tagCmap, tagName, tagPost:
		default:
			program = append(program, t)
		}
		switch t.tag {
		case tagGlyf:
			t.data = nil
		case tagLoca:
			t.data = make([]byte, len(locaOut))
		}
		metrics = append(metrics, t)
	}

	sum := sha256.New()
	sum.Write([]byte(f.Name))
	var b4 [4]byte
	for _, g := range old {
		binary.BigEndian.PutUint32(b4[:], uint32(g))
		sum.Write(b4[:])
	}
	h := sum.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + h[i]%26
	}
	return &Subset{
		Data: data, Tag: string(tag), Glyphs: len(old),
		Program: assemble(version, program), Metrics: assemble(version, metrics), Chars: cmapMap,
	}, nil
}

// cmap4 returns the lookup of the format-4 subtable the PDF writer reads
// (the first under platform 3 encoding 1 or platform 0), so that the
// subset maps each character to exactly the glyph fpdf would use.
func cmap4(cmap []byte) (func(uint16) int, error) {
	n := int(be.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:])
		off := int(be.Uint32(cmap[rec+4:]))
		if !(platform == 3 && encoding == 1 || platform == 0) || off+14 > len(cmap) || be.Uint16(cmap[off:]) != 4 {
			continue
		}
		sub := cmap[off:]
		segX2 := int(be.Uint16(sub[6:]))
		if 16+4*segX2 > len(sub) {
			return nil, errors.New("subset: cmap format 4 truncated")
		}
		ends := sub[14:]
		starts := sub[16+segX2:]
		deltas := sub[16+2*segX2:]
		ranges := sub[16+3*segX2:]
		segs := segX2 / 2
		return func(c uint16) int {
			// the first segment whose end is at or above c (ends are sorted)
			s := sort.Search(segs, func(i int) bool { return be.Uint16(ends[2*i:]) >= c })
			if s == segs {
				return 0
			}
			start := be.Uint16(starts[2*s:])
			if c < start {
				return 0
			}
			delta := be.Uint16(deltas[2*s:])
			ro := int(be.Uint16(ranges[2*s:]))
			if ro == 0 {
				return int(c + delta)
			}
			at := 16 + 3*segX2 + 2*s + ro + 2*int(c-start)
			if at+2 > len(sub) {
				return 0
			}
			g := be.Uint16(sub[at:])
			if g == 0 {
				return 0
			}
			return int(g + delta)
		}, nil
	}
	return nil, errors.New("subset: no format-4 Unicode cmap")
}

// components lists the glyphs a composite glyph is made of (none for a
// simple or empty glyph).
func components(g []byte) ([]int, error) {
	if len(g) < 10 || int16(be.Uint16(g)) >= 0 {
		return nil, nil
	}
	var out []int
	p := 10
	for {
		if p+4 > len(g) {
			return nil, errTruncated
		}
		flags := be.Uint16(g[p:])
		out = append(out, int(be.Uint16(g[p+2:])))
		p += 4 + componentArgs(flags)
		if flags&compMore == 0 {
			return out, nil
		}
	}
}

// componentArgs is the size of a component's arguments and transform.
func componentArgs(flags uint16) int {
	n := 2
	if flags&compArgWords != 0 {
		n = 4
	}
	switch {
	case flags&compHaveScale != 0:
		n += 2
	case flags&compXYScale != 0:
		n += 4
	case flags&compTwoByTwo != 0:
		n += 8
	}
	return n
}

// stripGlyph returns a glyph without its instructions and, if it is a
// composite, with its components renumbered. The outline bytes are kept
// as they are.
func stripGlyph(g []byte, newID map[int]int) ([]byte, error) {
	if len(g) < 10 {
		return nil, nil
	}
	nc := int(int16(be.Uint16(g)))
	if nc >= 0 {
		p := 10 + 2*nc
		if nc == 0 && p+2 > len(g) {
			return g[:10], nil
		}
		if p+2 > len(g) {
			return nil, errTruncated
		}
		il := int(be.Uint16(g[p:]))
		if p+2+il > len(g) {
			return nil, errTruncated
		}
		out := make([]byte, 0, len(g)-il)
		out = append(out, g[:p]...)
		out = append(out, 0, 0)
		return append(out, g[p+2+il:]...), nil
	}
	out := slices.Clone(g)
	p := 10
	for {
		if p+4 > len(out) {
			return nil, errTruncated
		}
		flags := be.Uint16(out[p:])
		id, ok := newID[int(be.Uint16(out[p+2:]))]
		if !ok {
			return nil, errors.New("component not in the subset")
		}
		be.PutUint16(out[p+2:], uint16(id))
		if flags&compMore == 0 {
			be.PutUint16(out[p:], flags&^compInstructions)
			p += 4 + componentArgs(flags)
			if p > len(out) {
				return nil, errTruncated
			}
			return out[:p], nil
		}
		p += 4 + componentArgs(flags)
	}
}

// buildCmap4 writes a cmap with one format-4 subtable (platform 3,
// encoding 1) for the (character, glyph) pairs, sorted by character.
func buildCmap4(pairs [][2]uint16) []byte {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, p := range pairs {
		if n := len(segs); n > 0 && p[0] == segs[n-1].end+1 && p[1] == p[0]+segs[n-1].delta {
			segs[n-1].end = p[0]
			continue
		}
		segs = append(segs, seg{p[0], p[0], p[1] - p[0]})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	length := 16 + 8*n
	out := make([]byte, 12+length)
	be.PutUint16(out[2:], 1)  // one subtable
	be.PutUint16(out[4:], 3)  // Windows
	be.PutUint16(out[6:], 1)  // Unicode BMP
	be.PutUint32(out[8:], 12) // offset
	sub := out[12:]
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(length))
	be.PutUint16(sub[6:], uint16(2*n))
	sr, es := searchParams(n)
	sr /= 8 // 2 × the largest power of two ≤ n
	be.PutUint16(sub[8:], sr)
	be.PutUint16(sub[10:], es)
	be.PutUint16(sub[12:], uint16(2*n)-sr)
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], s.end)
		be.PutUint16(sub[16+2*n+2*i:], s.start)
		be.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0
	}
	return out
}

// keptNames are the name IDs a subset keeps: copyright, family,
// subfamily, unique ID, full name and PostScript name.
var keptNames = map[uint16]bool{0: true, 1: true, 2: true, 3: true, 4: true, 6: true}

// trimName rebuilds a format-0 name table with only the kept records, or
// returns nil if it cannot read it.
func trimName(name []byte) []byte {
	if len(name) < 6 || be.Uint16(name) != 0 {
		return nil
	}
	count := int(be.Uint16(name[2:]))
	strOff := int(be.Uint16(name[4:]))
	if 6+12*count > len(name) {
		return nil
	}
	type rec struct {
		r    []byte
		text []byte
	}
	var recs []rec
	for i := range count {
		r := name[6+12*i : 18+12*i]
		if !keptNames[be.Uint16(r[6:])] {
			continue
		}
		l, o := int(be.Uint16(r[8:])), int(be.Uint16(r[10:]))
		if strOff+o+l > len(name) {
			return nil
		}
		recs = append(recs, rec{r, name[strOff+o : strOff+o+l]})
	}
	out := make([]byte, 6+12*len(recs))
	be.PutUint16(out[2:], uint16(len(recs)))
	be.PutUint16(out[4:], uint16(len(out)))
	var strs []byte
	for i, r := range recs {
		w := out[6+12*i:]
		copy(w, r.r[:8])
		be.PutUint16(w[8:], uint16(len(r.text)))
		be.PutUint16(w[10:], uint16(len(strs)))
		strs = append(strs, r.text...)
	}
	return append(out, strs...)
}

// emptyName is a name table with no records.
func emptyName() []byte {
	out := make([]byte, 6)
	be.PutUint16(out[4:], 6)
	return out
}

// tableData is a table to write.
type tableData struct {
	tag  uint32
	data []byte
}

// assemble writes a standalone font file of the tables: sorted records,
// 4-byte aligned bodies, checksums and head.checksumAdjustment.
func assemble(version uint32, tables []tableData) []byte {
	slices.SortFunc(tables, func(a, b tableData) int {
		switch {
		case a.tag < b.tag:
			return -1
		case a.tag > b.tag:
			return 1
		}
		return 0
	})
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += int(pad4(uint32(len(t.data))))
	}
	out := make([]byte, size)
	be.PutUint32(out[0:], version)
	be.PutUint16(out[4:], uint16(n))
	sr, es := searchParams(n)
	be.PutUint16(out[6:], sr)
	be.PutUint16(out[8:], es)
	be.PutUint16(out[10:], uint16(16*n)-sr)
	headAt := -1
	pos := uint32(12 + 16*n)
	for i, t := range tables {
		l := uint32(len(t.data))
		copy(out[pos:], t.data)
		if t.tag == tagHead {
			be.PutUint32(out[pos+8:], 0)
			headAt = int(pos)
		}
		rec := out[12+16*i:]
		be.PutUint32(rec[0:], t.tag)
		be.PutUint32(rec[4:], checksum(out[pos:pos+pad4(l)]))
		be.PutUint32(rec[8:], pos)
		be.PutUint32(rec[12:], l)
		pos += pad4(l)
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], checksumMagic-checksum(out))
	}
	return out
}
