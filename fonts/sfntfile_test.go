package fonts

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// buildTTC packs standalone fonts into a TrueType collection, the inverse
// of extractFace, so extraction can be tested without system fonts. Each
// font is copied whole (tables are not shared) and its table offsets are
// moved to where it lands in the collection.
func buildTTC(t *testing.T, fonts ...[]byte) []byte {
	t.Helper()
	header := 12 + 4*len(fonts)
	out := make([]byte, header)
	be.PutUint32(out[0:], tagTTCF)
	be.PutUint32(out[4:], 0x00010000)
	be.PutUint32(out[8:], uint32(len(fonts)))
	for i, f := range fonts {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		base := uint32(len(out))
		be.PutUint32(out[12+4*i:], base)
		dir, err := readDirectory(f, 0)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f...)
		for j, tr := range dir.tables {
			be.PutUint32(out[base+12+16*uint32(j)+8:], tr.offset+base)
		}
	}
	return out
}

// misalign returns a copy of the standalone font data with 2 bytes inserted
// after the table directory, so that no table is 4-byte aligned any more.
func misalign(t *testing.T, data []byte) []byte {
	t.Helper()
	dir, err := readDirectory(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	head := 12 + 16*len(dir.tables)
	out := append(bytes.Clone(data[:head]), 0, 0)
	out = append(out, data[head:]...)
	for j := range dir.tables {
		rec := out[12+16*j:]
		be.PutUint32(rec[8:], be.Uint32(rec[8:])+2)
	}
	if _, err := sfnt.Parse(out); err == nil {
		t.Fatal("sfnt accepts the misaligned font; the test needs one it refuses")
	}
	return out
}

func withVersion(data []byte, version uint32) []byte {
	out := bytes.Clone(data)
	be.PutUint32(out, version)
	return out
}

// renameTable returns a copy of data with table from renamed to to.
func renameTable(data []byte, from, to uint32) []byte {
	out := bytes.Clone(data)
	n := int(be.Uint16(out[4:]))
	for i := range n {
		rec := out[12+16*i:]
		if be.Uint32(rec) == from {
			be.PutUint32(rec, to)
		}
	}
	return out
}

// checkStandalone checks what extractFace promises about a rebuilt file:
// a correct offset table, records sorted by tag, tables 4-byte aligned,
// in bounds and not overlapping, consistent table checksums, and the whole
// file summing to the checksum magic number.
func checkStandalone(t *testing.T, data []byte) {
	t.Helper()
	dir, err := readDirectory(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := len(dir.tables)
	sr, es := searchParams(n)
	if be.Uint16(data[6:]) != sr || be.Uint16(data[8:]) != es || be.Uint16(data[10:]) != uint16(16*n)-sr {
		t.Errorf("searchRange/entrySelector/rangeShift = %d/%d/%d for %d tables",
			be.Uint16(data[6:]), be.Uint16(data[8:]), be.Uint16(data[10:]), n)
	}
	end := uint32(12 + 16*n)
	for i, tr := range dir.tables {
		name := tagString(tr.tag)
		if i > 0 && dir.tables[i-1].tag >= tr.tag {
			t.Errorf("table %q not sorted after %q", name, tagString(dir.tables[i-1].tag))
		}
		if tr.offset%4 != 0 {
			t.Errorf("table %q at %d, not 4-byte aligned", name, tr.offset)
		}
		if tr.offset < end {
			t.Errorf("table %q at %d overlaps what precedes it (ends %d)", name, tr.offset, end)
		}
		end = tr.offset + pad4(tr.length)
		body := bytes.Clone(data[tr.offset : tr.offset+pad4(tr.length)])
		if tr.tag == tagHead {
			be.PutUint32(body[8:], 0)
		}
		if got := checksum(body); got != tr.checksum {
			t.Errorf("table %q checksum %#x, recorded %#x", name, got, tr.checksum)
		}
	}
	if int(end) != len(data) {
		t.Errorf("file is %d bytes, tables end at %d", len(data), end)
	}
	if got := checksum(data); got != checksumMagic {
		t.Errorf("whole-file checksum %#x, want %#x", got, checksumMagic)
	}
}

// sameTables checks that got has exactly want's tables with the same bytes,
// apart from head.checksumAdjustment, which depends on the whole file.
func sameTables(t *testing.T, got, want []byte) {
	t.Helper()
	gd, err := readDirectory(got, 0)
	if err != nil {
		t.Fatal(err)
	}
	wd, err := readDirectory(want, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(gd.tables) != len(wd.tables) || gd.version != wd.version {
		t.Fatalf("%d tables, version %#x; want %d, %#x", len(gd.tables), gd.version, len(wd.tables), wd.version)
	}
	for _, w := range wd.tables {
		g := gd.find(w.tag)
		if g == nil {
			t.Errorf("table %q missing", tagString(w.tag))
			continue
		}
		gb, wb := bytes.Clone(g.data(got)), bytes.Clone(w.data(want))
		if w.tag == tagHead && len(gb) >= 12 && len(wb) >= 12 {
			be.PutUint32(gb[8:], 0)
			be.PutUint32(wb[8:], 0)
		}
		if !bytes.Equal(gb, wb) {
			t.Errorf("table %q differs", tagString(w.tag))
		}
	}
}

func TestExtractFace(t *testing.T) {
	song, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	fallback, err := Fallback()
	if err != nil {
		t.Fatal(err)
	}
	ttc := buildTTC(t, fallback.Data, song.Data)
	for i, want := range []*Face{fallback, song} {
		got, err := extractFace(ttc, i)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		checkStandalone(t, got)
		sameTables(t, got, want.Data)
		f, err := sfnt.Parse(got)
		if err != nil {
			t.Fatalf("face %d: sfnt.Parse: %v", i, err)
		}
		var b sfnt.Buffer
		for _, r := range "预〇A" {
			g, _ := f.GlyphIndex(&b, r)
			w, _ := want.font.GlyphIndex(&b, r)
			if g != w {
				t.Errorf("face %d: GlyphIndex(%q) = %d, want %d", i, r, g, w)
			}
		}
	}
}

// TestExtractFaceSharedTables covers a collection whose faces share table
// data, as real ones do: each extracted face must get its own copy.
func TestExtractFaceSharedTables(t *testing.T) {
	song, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ttc := buildTTC(t, song.Data, song.Data)
	// Point face 1's records at face 0's table data, then drop face 1's
	// copy of the tables: the collection now shares every table.
	off0, off1 := be.Uint32(ttc[12:]), be.Uint32(ttc[16:])
	n := int(be.Uint16(ttc[off0+4:]))
	for j := range n {
		be.PutUint32(ttc[off1+12+16*uint32(j)+8:], be.Uint32(ttc[off0+12+16*uint32(j)+8:]))
	}
	ttc = ttc[:off1+12+16*uint32(n)]
	for i := range 2 {
		got, err := extractFace(ttc, i)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		checkStandalone(t, got)
		sameTables(t, got, song.Data)
	}
}

func TestExtractFaceErrors(t *testing.T) {
	song, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	good := buildTTC(t, song.Data)
	off := be.Uint32(good[12:])
	headRec := func(ttc []byte) []byte {
		for j := range int(be.Uint16(ttc[off+4:])) {
			rec := ttc[off+12+16*uint32(j):]
			if be.Uint32(rec) == tagHead {
				return rec
			}
		}
		t.Fatal("no head table")
		return nil
	}
	tooLong := bytes.Clone(good)
	be.PutUint32(headRec(tooLong)[12:], uint32(len(good)))
	shortHead := bytes.Clone(good)
	be.PutUint32(headRec(shortHead)[12:], 8)
	twice := renameTable(good[off:], tagLoca, tagHead) // directory at start of slice
	twiceTTC := append(bytes.Clone(good[:off]), twice...)
	manyFaces := bytes.Clone(good[:16])
	be.PutUint32(manyFaces[8:], 1000)

	tests := []struct {
		name  string
		data  []byte
		index int
		want  string
	}{
		{"not a collection", song.Data, 0, "not a TrueType collection"},
		{"short", good[:8], 0, "not a TrueType collection"},
		{"index too big", good, 1, "out of range: the collection has 1 face"},
		{"negative index", good, -1, "out of range"},
		{"offsets past end", manyFaces, 999, "truncated"},
		{"directory past end", good[:off+20], 0, "truncated"},
		{"table past end", tooLong, 0, `table "head" lies outside the file`},
		{"head too short", shortHead, 0, "head table too short"},
		{"duplicate table", twiceTTC, 0, `table "head" appears twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extractFace(tt.data, tt.index)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("extractFace error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestSearchParams(t *testing.T) {
	tests := []struct {
		n                int
		searchRange, sel uint16
		rangeShiftWanted uint16
	}{
		{1, 16, 0, 0},
		{2, 32, 1, 0},
		{3, 32, 1, 16},
		{17, 256, 4, 16},
		{20, 256, 4, 64},
	}
	for _, tt := range tests {
		sr, es := searchParams(tt.n)
		if sr != tt.searchRange || es != tt.sel || uint16(16*tt.n)-sr != tt.rangeShiftWanted {
			t.Errorf("searchParams(%d) = %d, %d", tt.n, sr, es)
		}
	}
}

func TestChecksum(t *testing.T) {
	tests := []struct {
		in   []byte
		want uint32
	}{
		{nil, 0},
		{[]byte{0, 0, 0, 1}, 1},
		{[]byte{0, 0, 0, 1, 0x80}, 0x80000001},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2}, 1}, // wraps around
	}
	for _, tt := range tests {
		if got := checksum(tt.in); got != tt.want {
			t.Errorf("checksum(% x) = %#x, want %#x", tt.in, got, tt.want)
		}
	}
}
