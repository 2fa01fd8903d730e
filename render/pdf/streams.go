package pdf

// fpdf compresses every page with a zlib writer of its own (about a
// megabyte of tables each, dozens per document) and cannot name a font as a
// subset. So the document is made with page compression off, and this
// pass then compresses each plain stream with a pooled writer, renames the
// fonts and writes a new cross-reference table. It reads only what fpdf
// writes: "n 0 obj" objects, a classic xref table and a trailer.

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"io"
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/klauspost/compress/flate"
	kzlib "github.com/klauspost/compress/zlib"
)

// Compression levels, of klauspost's deflate, which at these levels makes
// smaller streams than the standard library's best level in a third of
// its time (measured on the Hebei seed's 363 KB font program: level 8
// 160,158 bytes in 8 ms, the standard library's level 9 160,469 in 23 ms;
// its 29 pages: level 7 50,637 bytes in 4.3 ms, the standard library's
// default 50,777 in 9.4 ms).
const (
	pageLevel = 7
	fontLevel = 8
)

// zlibPools hold zlib writers for reuse, by level; Reset points one at a
// new buffer without allocating its tables again.
var zlibPools = map[int]*sync.Pool{pageLevel: newZlibPool(pageLevel), fontLevel: newZlibPool(fontLevel)}

func newZlibPool(level int) *sync.Pool {
	return &sync.Pool{New: func() any {
		w, _ := kzlib.NewWriterLevel(nil, level)
		return w
	}}
}

// deflate compresses b with a pooled writer, appending to dst.
func deflate(dst *bytes.Buffer, b []byte, level int) {
	pool := zlibPools[level]
	w := pool.Get().(*kzlib.Writer)
	w.Reset(dst)
	w.Write(b) // a bytes.Buffer does not fail
	w.Close()
	pool.Put(w)
}

// chunkSize is the input each goroutine of deflateChunked compresses. It
// is fixed, not taken from the number of cores, so that the output is the
// same on every machine.
const chunkSize = 96 << 10

// deflateChunked compresses b as one zlib stream whose pieces of
// chunkSize are compressed at once, each primed with the 32 KB of input
// before it, as pigz does: every piece but the last ends in a sync flush
// (an empty stored block, not final), so the pieces join into one deflate
// stream a reader cannot tell from one made in a single pass; a priming
// window keeps the pieces within about a hundred bytes of its size. The
// font program, the largest stream, is so compressed on every core.
func deflateChunked(b []byte, level int) []byte {
	n := max((len(b)+chunkSize-1)/chunkSize, 1)
	pieces := make([]bytes.Buffer, n)
	var wg sync.WaitGroup
	// Two goroutines take every other piece, each with one writer from the
	// pool, primed anew for each piece: a writer's tables are a megabyte
	// or more, and a process renders few documents.
	for g := range min(2, n) {
		wg.Go(func() {
			pool := flatePool(level)
			w := pool.Get().(*flate.Writer)
			defer pool.Put(w)
			for i := g; i < n; i += 2 {
				from, to := i*chunkSize, min((i+1)*chunkSize, len(b))
				var dict []byte
				if i > 0 {
					dict = b[max(from-32<<10, 0):from]
				}
				w.ResetDict(&pieces[i], dict)
				w.Write(b[from:to]) // a bytes.Buffer does not fail
				if i < n-1 {
					w.Flush()
				} else {
					w.Close()
				}
			}
		})
	}
	wg.Wait()
	size := 6
	for i := range pieces {
		size += pieces[i].Len()
	}
	out := make([]byte, 0, size)
	// The zlib header: deflate with a 32 KB window, and the level.
	flg := byte(0x9C)
	if level >= 9 {
		flg = 0xDA
	}
	out = append(out, 0x78, flg)
	for i := range pieces {
		out = append(out, pieces[i].Bytes()...)
	}
	return binary.BigEndian.AppendUint32(out, adler32.Checksum(b))
}

// flatePools hold raw deflate writers for reuse, by level.
var flatePools sync.Map

// flatePool is the pool of raw deflate writers at level.
func flatePool(level int) *sync.Pool {
	if p, ok := flatePools.Load(level); ok {
		return p.(*sync.Pool)
	}
	p, _ := flatePools.LoadOrStore(level, &sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, level)
		return w
	}})
	return p.(*sync.Pool)
}

// inflaters holds zlib readers for reuse.
var inflaters sync.Pool

// inflate decompresses a zlib stream into dst.
func inflate(dst *bytes.Buffer, b []byte) error {
	var r io.ReadCloser
	if v := inflaters.Get(); v != nil {
		r = v.(io.ReadCloser)
		if err := r.(zlib.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
			return err
		}
	} else {
		var err error
		if r, err = zlib.NewReader(bytes.NewReader(b)); err != nil {
			return err
		}
	}
	_, err := dst.ReadFrom(r)
	if err == nil {
		err = r.Close()
	}
	inflaters.Put(r)
	return err
}

// finish rewrites fpdf's output: plain streams compressed, renames applied
// to the objects' dictionaries (old → new, each old ending in a
// delimiter), offsets and the cross-reference table rebuilt.
//
// progs, keyed by fpdf's font name, replace the CIDToGIDMap and font
// program fpdf wrote for that font (see fontSet.programs).
func finish(raw []byte, renames [][2]string, progs map[string]*program) ([]byte, error) {
	xrefAt := bytes.LastIndex(raw, []byte("\nxref\n"))
	if xrefAt < 0 {
		return nil, errors.New("pdf: no xref table in fpdf's output")
	}
	xrefAt++
	p := xrefAt + len("xref\n")
	nl := bytes.IndexByte(raw[p:], '\n')
	if nl < 0 {
		return nil, errors.New("pdf: bad xref table")
	}
	var first, count int
	if _, err := fmt.Sscanf(string(raw[p:p+nl]), "%d %d", &first, &count); err != nil || first != 0 {
		return nil, fmt.Errorf("pdf: bad xref header %q", raw[p:p+nl])
	}
	p += nl + 1
	if p+20*count > len(raw) {
		return nil, errors.New("pdf: xref table truncated")
	}
	type obj struct{ num, off int }
	objs := make([]obj, 0, count)
	for i := 1; i < count; i++ {
		e := raw[p+20*i : p+20*i+20]
		if e[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off >= xrefAt {
			return nil, fmt.Errorf("pdf: bad xref entry %q", e)
		}
		objs = append(objs, obj{i, off})
	}
	trailer := raw[p+20*count:]
	sx := bytes.LastIndex(trailer, []byte("startxref"))
	if sx < 0 {
		return nil, errors.New("pdf: no startxref")
	}
	trailer = trailer[:sx]
	slices.SortFunc(objs, func(a, b obj) int { return a.off - b.off })
	if len(objs) == 0 {
		return nil, errors.New("pdf: no objects")
	}

	bodies := make(map[int][]byte, len(objs))
	for i, o := range objs {
		end := xrefAt
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		bodies[o.num] = raw[o.off:end]
	}
	replaced, err := substitutes(bodies, progs)
	if err != nil {
		return nil, err
	}

	// Each object is rewritten on its own, so the pages are compressed on
	// every core: a font program fpdf embedded itself (the largest piece
	// of work) in a goroutine of its own, the other objects by two
	// goroutines taking every other one. Each part goes to its own slot,
	// so the output does not depend on the order they finish in.
	parts := make([][]byte, len(objs))
	var wg sync.WaitGroup
	var rest []int
	for i, o := range objs {
		obj := bodies[o.num]
		if r, ok := replaced[o.num]; ok {
			parts[i] = r
			continue
		}
		if isFontProgram(obj) {
			wg.Go(func() { parts[i] = rewriteObject(obj, renames) })
			continue
		}
		rest = append(rest, i)
	}
	for w := range 2 {
		wg.Go(func() {
			for k := w; k < len(rest); k += 2 {
				i := rest[k]
				parts[i] = rewriteObject(bodies[objs[i].num], renames)
			}
		})
	}
	wg.Wait()
	nums := make([]int, len(objs))
	for i, o := range objs {
		nums[i] = o.num
	}
	if !compactOutput {
		return classic(raw[:objs[0].off], nums, parts, count, trailer), nil
	}
	return assemble(raw[:objs[0].off], nums, parts, count, trailer)
}

// substitutes returns, by object number, the CIDToGIDMap and font
// program objects of each font of progs, with the program's streams in
// place of fpdf's. A font of progs it cannot find is an error: fpdf's own
// program for it has no outlines.
func substitutes(bodies map[int][]byte, progs map[string]*program) (map[int][]byte, error) {
	out := map[int][]byte{}
	if len(progs) == 0 {
		return out, nil
	}
	ref := func(body []byte, key string) int {
		i := bytes.Index(body, []byte(key))
		if i < 0 {
			return -1
		}
		rest := body[i+len(key):]
		if e := bytes.IndexByte(rest, ' '); e > 0 {
			if n, err := strconv.Atoi(string(rest[:e])); err == nil {
				return n
			}
		}
		return -1
	}
	found := map[string]bool{}
	nums := slices.Sorted(maps.Keys(bodies))
	for _, num := range nums {
		body := bodies[num]
		if s := bytes.Index(body, streamKW); s >= 0 {
			continue
		}
		if !bytes.Contains(body, []byte("/Subtype /CIDFontType2")) {
			continue
		}
		i := bytes.Index(body, []byte("/BaseFont /"))
		if i < 0 {
			continue
		}
		name := body[i+len("/BaseFont /"):]
		if e := bytes.IndexAny(name, "\n /"); e >= 0 {
			name = name[:e]
		}
		p := progs[string(name)]
		if p == nil {
			continue
		}
		cid, desc := ref(body, "/CIDToGIDMap "), ref(body, "/FontDescriptor ")
		file := -1
		if d, ok := bodies[desc]; ok {
			file = ref(d, "/FontFile2 ")
		}
		if _, ok := bodies[cid]; !ok {
			continue
		}
		if _, ok := bodies[file]; !ok {
			continue
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", cid, len(p.cidMap))
		b.Write(p.cidMap)
		b.WriteString("\nendstream\nendobj\n")
		out[cid] = b.Bytes()
		var f bytes.Buffer
		fmt.Fprintf(&f, "%d 0 obj\n<</Length %d\n/Filter /FlateDecode\n/Length1 %d\n>>\nstream\n", file, len(p.font), p.length1)
		f.Write(p.font)
		f.WriteString("\nendstream\nendobj\n")
		out[file] = f.Bytes()
		found[string(name)] = true
	}
	for name := range progs {
		if !found[name] {
			return nil, fmt.Errorf("pdf: 字体 %s 的字形无法嵌入 (the font's program was not found in fpdf's output)", name)
		}
	}
	return out, nil
}

// compactOutput selects the smaller output: the font program without its
// unread tables, the W array without default widths, the dictionaries in
// an object stream. Tests clear it to compare the pages drawn both ways.
var compactOutput = true

// classic writes the objects in order with a classic cross-reference
// table, as fpdf does.
func classic(head []byte, nums []int, parts [][]byte, count int, trailer []byte) []byte {
	var out bytes.Buffer
	out.Write(head)
	offsets := make([]int, count)
	for i, p := range parts {
		offsets[nums[i]] = out.Len()
		out.Write(p)
	}
	at := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", count)
	for i := 1; i < count; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[i])
	}
	out.Write(trailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", at)
	return out.Bytes()
}

// assemble writes the document as PDF 1.5: the stream objects as they
// are, every other object (pages, fonts, widths, outline, annotations,
// catalog) compressed together in one object stream, and a compressed
// cross-reference stream in place of the table, which saves the ~60 bytes
// of "n 0 obj … endobj" and the 20-byte xref line of each object as well
// as compressing the dictionaries (the widths array alone is 10 KB plain).
// head is fpdf's header, parts[i] the rewritten object numbered nums[i],
// count fpdf's /Size and trailer its "trailer << … >>".
func assemble(head []byte, nums []int, parts [][]byte, count int, trailer []byte) ([]byte, error) {
	stmNum, xrefNum := count, count+1
	size := count + 2
	type entry struct {
		typ    byte
		f2, f3 int
	}
	entries := make([]entry, size)
	var out bytes.Buffer
	out.Grow(len(head) + 256*1024)
	if v := bytes.Index(head, []byte("%PDF-1.")); v == 0 && len(head) > 8 && head[7] < '5' {
		out.WriteString("%PDF-1.5")
		out.Write(head[8:])
	} else {
		out.Write(head)
	}
	var idx, bodies bytes.Buffer
	inStm := 0
	for i, p := range parts {
		num := nums[i]
		body, ok := plainObject(p, num)
		if !ok {
			entries[num] = entry{1, out.Len(), 0}
			out.Write(p)
			continue
		}
		entries[num] = entry{2, stmNum, inStm}
		inStm++
		fmt.Fprintf(&idx, "%d %d ", num, bodies.Len())
		bodies.Write(body)
		bodies.WriteByte('\n')
	}
	if inStm > 0 {
		idx.Write(bodies.Bytes())
		var z bytes.Buffer
		deflate(&z, idx.Bytes(), pageLevel)
		entries[stmNum] = entry{1, out.Len(), 0}
		fmt.Fprintf(&out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n",
			stmNum, inStm, idx.Len()-bodies.Len(), z.Len())
		out.Write(z.Bytes())
		out.WriteString("\nendstream\nendobj\n")
	}
	// The trailer's entries other than /Size go into the xref stream's
	// dictionary.
	t := trailer
	if o, c := bytes.Index(t, []byte("<<")), bytes.LastIndex(t, []byte(">>")); o >= 0 && c > o {
		t = t[o+2 : c]
	} else {
		return nil, errors.New("pdf: bad trailer")
	}
	var keys bytes.Buffer
	for line := range bytes.SplitSeq(t, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || bytes.HasPrefix(line, []byte("/Size ")) {
			continue
		}
		keys.WriteByte(' ')
		keys.Write(line)
	}
	at := out.Len()
	entries[0] = entry{0, 0, 0xFFFF}
	entries[xrefNum] = entry{1, at, 0}
	for i := 1; i < size; i++ {
		if entries[i].typ == 0 {
			entries[i].f3 = 0 // a free object (fpdf leaves none)
		}
	}
	w2 := bytesFor(at)
	w3 := 1
	for _, e := range entries {
		if e.typ != 0 {
			w3 = max(w3, bytesFor(e.f3))
		}
	}
	if entries[0].f3 > 0 && w3 < 2 {
		w3 = 2
	}
	table := make([]byte, 0, size*(1+w2+w3))
	for _, e := range entries {
		table = append(table, e.typ)
		table = appendBE(table, e.f2, w2)
		table = appendBE(table, e.f3, w3)
	}
	var z bytes.Buffer
	deflate(&z, table, pageLevel)
	fmt.Fprintf(&out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 %d %d]%s /Filter /FlateDecode /Length %d>>\nstream\n",
		xrefNum, size, w2, w3, keys.Bytes(), z.Len())
	out.Write(z.Bytes())
	out.WriteString("\nendstream\nendobj\n")
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", at)
	return out.Bytes(), nil
}

// bytesFor is the number of bytes an unsigned n takes, at least 1.
func bytesFor(n int) int {
	w := 1
	for n >= 1<<(8*w) {
		w++
	}
	return w
}

// appendBE appends n as w big-endian bytes.
func appendBE(b []byte, n, w int) []byte {
	for i := w - 1; i >= 0; i-- {
		b = append(b, byte(n>>(8*i)))
	}
	return b
}

// plainObject returns the body of "num 0 obj\n… endobj\n" if the object
// has no stream and so can go into an object stream.
func plainObject(p []byte, num int) ([]byte, bool) {
	prefix := strconv.Itoa(num) + " 0 obj"
	if !bytes.HasPrefix(p, []byte(prefix)) {
		return nil, false
	}
	end := bytes.LastIndex(p, []byte("endobj"))
	if end < 0 {
		return nil, false
	}
	body := bytes.TrimSpace(p[len(prefix):end])
	if len(body) == 0 || bytes.Contains(body, []byte("stream\n")) && bytes.Contains(body, []byte("endstream")) {
		return nil, false
	}
	return body, true
}

var (
	streamKW   = []byte(">>\nstream\n")
	plainDict  = []byte("<</Length ")
	fontDict   = []byte("\n/Filter /FlateDecode\n/Length1 ")
	endstream  = []byte("\nendstream\n")
	flateDict  = []byte("<</Filter /FlateDecode /Length ")
	streamHead = []byte(">>\nstream\n")
)

// isFontProgram reports whether an object is an embedded font program.
func isFontProgram(o []byte) bool {
	s := bytes.Index(o, streamKW)
	return s >= 0 && bytes.Contains(o[:s], fontDict)
}

// rewriteObject returns one object, its stream compressed if it is plain
// (its dictionary is only a /Length) or compressed again if it is a font
// program, and the fonts renamed in its dictionary.
func rewriteObject(o []byte, renames [][2]string) []byte {
	var out bytes.Buffer
	out.Grow(len(o))
	writeObject(&out, o, renames)
	return out.Bytes()
}

// writeObject writes one object as rewriteObject returns it.
func writeObject(out *bytes.Buffer, o []byte, renames [][2]string) {
	s := bytes.Index(o, streamKW)
	dict := o
	if s >= 0 {
		dict = o[:s]
	}
	if bytes.Contains(dict, []byte("/BaseFont /")) || bytes.Contains(dict, []byte("/FontName /")) {
		for _, r := range renames {
			dict = bytes.ReplaceAll(dict, []byte(r[0]), []byte(r[1]))
		}
	}
	if s < 0 {
		if compactOutput && bytes.Contains(dict, []byte("/CIDFontType2")) {
			dict = compactWidths(dict)
		}
		out.Write(dict)
		return
	}
	d := bytes.LastIndex(dict, plainDict)
	body := o[s+len(streamKW):]
	if d >= 0 {
		n, err := strconv.Atoi(string(dict[d+len(plainDict):]))
		if err == nil && n <= len(body) && bytes.HasPrefix(body[n:], endstream) {
			out.Write(dict[:d])
			var z bytes.Buffer
			deflate(&z, body[:n], pageLevel)
			out.Write(flateDict)
			out.WriteString(strconv.Itoa(z.Len()))
			out.Write(streamHead)
			out.Write(z.Bytes())
			out.Write(body[n:])
			return
		}
	}
	// A font program: "<</Length n\n/Filter /FlateDecode\n/Length1 m\n".
	if d >= 0 && bytes.Contains(dict, fontDict) {
		rest := dict[d+len(plainDict):]
		nl := bytes.IndexByte(rest, '\n')
		n, err := strconv.Atoi(string(rest[:max(nl, 0)]))
		l1 := bytes.Index(rest, fontDict)
		var tail []byte
		if l1 >= 0 {
			tail = rest[l1+len(fontDict):]
			if e := bytes.IndexByte(tail, '\n'); e >= 0 {
				tail = tail[e:]
			} else {
				l1 = -1
			}
		}
		if nl > 0 && l1 == nl && err == nil && n <= len(body) && bytes.HasPrefix(body[n:], endstream) {
			var plain, z bytes.Buffer
			if inflate(&plain, body[:n]) == nil {
				font := plain.Bytes()
				if compactOutput {
					font = dropTables(font, unreadTables)
				}
				deflate(&z, font, fontLevel)
				if z.Len() < n {
					out.Write(dict[:d+len(plainDict)])
					out.WriteString(strconv.Itoa(z.Len()))
					out.Write(fontDict)
					out.WriteString(strconv.Itoa(len(font)))
					out.Write(tail)
					out.Write(o[s : s+len(streamKW)])
					out.Write(z.Bytes())
					out.Write(body[n:])
					return
				}
			}
		}
	}
	out.Write(dict)
	out.Write(o[s:])
}
