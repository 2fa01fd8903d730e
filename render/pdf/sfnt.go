package pdf

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strconv"
)

// A TrueType font program in a PDF is drawn through the CID font's
// CIDToGIDMap, widths come from its W array and its name from the font
// dictionary, so the font's own character map ("cmap"), PostScript glyph
// names ("post") and name records ("name") are never read by a viewer;
// the PDF spec lists only glyf, head, hhea, hmtx, loca, maxp, cvt, fpgm
// and prep as required. Dropping the unread tables takes about 4 KB off
// each compressed font.
var unreadTables = []string{"cmap", "name", "post"}

// dropTables returns the TrueType file font without the tables named in
// drop: the other tables are copied as they are, 4-byte aligned, and the
// directory rewritten. A file it cannot read is returned unchanged.
func dropTables(font []byte, drop []string) []byte {
	be := binary.BigEndian
	if len(font) < 12 {
		return font
	}
	n := int(be.Uint16(font[4:]))
	if len(font) < 12+16*n {
		return font
	}
	type table struct {
		rec  []byte // the 16-byte record
		data []byte
	}
	var keep []table
	for i := range n {
		rec := font[12+16*i : 28+16*i]
		off, ln := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(font) || off+ln < off {
			return font
		}
		if slices.Contains(drop, string(rec[:4])) {
			continue
		}
		keep = append(keep, table{rec, font[off : off+ln]})
	}
	if len(keep) == n {
		return font
	}
	m := len(keep)
	out := make([]byte, 12+16*m, len(font))
	copy(out, font[:4])
	be.PutUint16(out[4:], uint16(m))
	// searchRange, entrySelector and rangeShift for m tables.
	es := 0
	for 1<<(es+1) <= m {
		es++
	}
	be.PutUint16(out[6:], uint16(16<<es))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*m-16<<es))
	for i, t := range keep {
		r := out[12+16*i:]
		copy(r, t.rec[:8]) // tag and checksum
		be.PutUint32(r[8:], uint32(len(out)))
		be.PutUint32(r[12:], uint32(len(t.data)))
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// compactWidths drops from a CID font dictionary's /W array the ranges
// whose width is the default width /DW: a viewer gives every CID the W
// array leaves out the default, so the widths stay the same. fpdf lists
// every glyph of the subset (631 ranges for the Hebei seed, 10 KB), of
// which all but a dozen are full-width CJK characters of the default
// 1000. A dictionary it does not understand is returned unchanged.
func compactWidths(dict []byte) []byte {
	dw := bytes.Index(dict, []byte("/DW "))
	w := bytes.Index(dict, []byte("/W ["))
	if dw < 0 || w < 0 {
		return dict
	}
	f := bytes.Fields(dict[dw+len("/DW "):])
	if len(f) == 0 {
		return dict
	}
	def := f[0]
	if _, err := strconv.Atoi(string(def)); err != nil {
		return dict
	}
	start := w + len("/W [")
	end := bytes.IndexByte(dict[start:], ']')
	if end < 0 {
		return dict
	}
	end += start
	nums := bytes.Fields(dict[start:end])
	if len(nums)%3 != 0 {
		return dict
	}
	for _, n := range nums {
		if _, err := strconv.Atoi(string(n)); err != nil {
			return dict // "c [w1 w2 …]" or anything else: left as it is
		}
	}
	out := make([]byte, 0, len(dict))
	out = append(out, dict[:start]...)
	for i := 0; i < len(nums); i += 3 {
		if bytes.Equal(nums[i+2], def) {
			continue
		}
		out = append(out, ' ')
		out = append(out, bytes.Join(nums[i:i+3], []byte(" "))...)
	}
	out = append(out, ' ')
	return append(out, dict[end:]...)
}
