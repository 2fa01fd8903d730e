package fonts

// This file reads the sfnt table directory and rebuilds one face of a
// TrueType collection as a standalone file. golang.org/x/image/font/sfnt
// parses fonts but neither exposes the table directory nor writes fonts, and
// fpdf can read only standalone files, so this small part is done here.
// Layouts follow the OpenType spec, "Organization of an OpenType Font".

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Tags of sfnt versions and tables, as big-endian uint32s.
const (
	tagTrueType uint32 = 0x00010000 // TrueType outlines
	tagTrue     uint32 = 0x74727565 // "true": Apple TrueType
	tagOTTO     uint32 = 0x4F54544F // "OTTO": CFF outlines
	tagTTCF     uint32 = 0x74746366 // "ttcf": collection header
	tagCFF      uint32 = 0x43464620 // "CFF "
	tagCFF2     uint32 = 0x43464632 // "CFF2"
	tagGlyf     uint32 = 0x676C7966 // "glyf"
	tagLoca     uint32 = 0x6C6F6361 // "loca"
	tagHead     uint32 = 0x68656164 // "head"
	tagCmap     uint32 = 0x636D6170 // "cmap"
	tagOS2      uint32 = 0x4F532F32 // "OS/2"
)

// checksumMagic is what the whole file's checksum must come to once
// head.checksumAdjustment is set.
const checksumMagic uint32 = 0xB1B0AFBA

var be = binary.BigEndian

// hasTag reports whether data starts with tag.
func hasTag(data []byte, tag uint32) bool {
	return len(data) >= 4 && be.Uint32(data) == tag
}

// tableRecord is one entry of a table directory. offset is from the start
// of the file (in a collection, of the whole collection).
type tableRecord struct {
	tag, checksum, offset, length uint32
}

// directory is a face's table directory.
type directory struct {
	version uint32
	tables  []tableRecord
}

func (d *directory) find(tag uint32) *tableRecord {
	for i := range d.tables {
		if d.tables[i].tag == tag {
			return &d.tables[i]
		}
	}
	return nil
}

// data returns the bytes of table t, or nil if it does not lie inside file.
func (t *tableRecord) data(file []byte) []byte {
	end := uint64(t.offset) + uint64(t.length)
	if end > uint64(len(file)) {
		return nil
	}
	return file[t.offset:end]
}

// readDirectory reads the table directory starting at off and checks that
// every table lies inside data, so later slicing cannot panic.
func readDirectory(data []byte, off uint32) (*directory, error) {
	if uint64(off)+12 > uint64(len(data)) {
		return nil, errTruncated
	}
	d := &directory{version: be.Uint32(data[off:])}
	n := int(be.Uint16(data[off+4:]))
	recs := uint64(off) + 12
	if recs+16*uint64(n) > uint64(len(data)) {
		return nil, errTruncated
	}
	d.tables = make([]tableRecord, n)
	for i := range d.tables {
		p := data[recs+16*uint64(i):]
		t := tableRecord{tag: be.Uint32(p), checksum: be.Uint32(p[4:]), offset: be.Uint32(p[8:]), length: be.Uint32(p[12:])}
		if t.data(data) == nil {
			return nil, fmt.Errorf("table %q lies outside the file", tagString(t.tag))
		}
		d.tables[i] = t
	}
	return d, nil
}

func tagString(tag uint32) string {
	return string([]byte{byte(tag >> 24), byte(tag >> 16), byte(tag >> 8), byte(tag)})
}

// extractFace rebuilds face index of the TrueType collection ttc as a
// standalone font file: a new offset table and table directory, each table's
// data copied and padded to 4 bytes, offsets and checksums recomputed, and
// head.checksumAdjustment set for the new file. Tables that faces share in
// the collection are simply copied into each extracted face.
func extractFace(ttc []byte, index int) ([]byte, error) {
	if len(ttc) < 12 || !hasTag(ttc, tagTTCF) {
		return nil, errors.New("not a TrueType collection")
	}
	n := int(be.Uint32(ttc[8:]))
	if index < 0 || index >= n {
		return nil, fmt.Errorf("face %d out of range: the collection has %d face(s)", index, n)
	}
	if 12+4*uint64(n) > uint64(len(ttc)) {
		return nil, errTruncated
	}
	dir, err := readDirectory(ttc, be.Uint32(ttc[12+4*index:]))
	if err != nil {
		return nil, err
	}
	return rebuild(ttc, dir)
}

// aligned reports whether every table starts on a 4-byte boundary, as the
// spec requires and sfnt insists; some fonts (wqy-microhei.ttc's faces,
// for one) break this rule, which fpdf tolerates.
func aligned(dir *directory) bool {
	for _, t := range dir.tables {
		if t.offset%4 != 0 {
			return false
		}
	}
	return true
}

// rebuild writes the face whose table directory dir was read from src as a
// new standalone file; see extractFace.
func rebuild(src []byte, dir *directory) ([]byte, error) {
	tables := slices.Clone(dir.tables)
	// The spec wants records sorted by tag so that readers can binary
	// search them; collections normally are, but do not rely on it.
	slices.SortFunc(tables, func(a, b tableRecord) int { return cmp.Compare(a.tag, b.tag) })
	for i := 1; i < len(tables); i++ {
		if tables[i].tag == tables[i-1].tag {
			return nil, fmt.Errorf("table %q appears twice", tagString(tables[i].tag))
		}
	}
	data := make([]tableData, len(tables))
	for i, t := range tables {
		// assemble zeroes head.checksumAdjustment at offset 8
		if t.tag == tagHead && t.length < 12 {
			return nil, errors.New("head table too short")
		}
		data[i] = tableData{tag: t.tag, data: t.data(src)} // inside src: readDirectory checked
	}
	return assemble(dir.version, data), nil
}

// searchParams returns searchRange and entrySelector for a table directory
// of n records: the largest power of two not above n, times 16, and its
// base-2 logarithm.
func searchParams(n int) (searchRange, entrySelector uint16) {
	p := 1
	for p*2 <= n {
		p *= 2
		entrySelector++
	}
	return uint16(16 * p), entrySelector
}

func pad4(n uint32) uint32 { return (n + 3) &^ 3 }

// checksum is the sfnt table checksum: the sum of big-endian uint32 words,
// the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += be.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += be.Uint32(last[:])
	}
	return sum
}

// hasBMPCmap reports whether the font has the cmap subtable fpdf looks for:
// format 4 under platform 3 encoding 1 (Windows Unicode BMP) or under
// platform 0 (Unicode). sfnt would happily use other subtables, so this is
// checked separately.
func hasBMPCmap(data []byte, dir *directory) bool {
	t := dir.find(tagCmap)
	if t == nil {
		return false
	}
	cmap := t.data(data)
	if len(cmap) < 4 {
		return false
	}
	n := int(be.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return false
		}
		platform, encoding := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:])
		off := uint64(be.Uint32(cmap[rec+4:]))
		if !(platform == 3 && encoding == 1 || platform == 0) || off+2 > uint64(len(cmap)) {
			continue
		}
		if be.Uint16(cmap[off:]) == 4 {
			return true
		}
	}
	return false
}

// embeddingRestricted reports whether OS/2 fsType forbids embedding the way
// fpdf checks it (restricted licence, or bitmap-only / no-subsetting bits);
// fpdf would print a message and produce a broken font instead of failing.
func embeddingRestricted(data []byte, dir *directory) bool {
	t := dir.find(tagOS2)
	if t == nil {
		return false
	}
	os2 := t.data(data)
	if len(os2) < 10 {
		return false
	}
	fsType := be.Uint16(os2[8:])
	return fsType == 0x0002 || fsType&0x0300 != 0
}
