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
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// zlibPool holds zlib writers for reuse; Reset points one at a new buffer
// without allocating its tables again.
var zlibPool = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestCompression)
	return w
}}

// deflate compresses b with a pooled writer, appending to dst.
func deflate(dst *bytes.Buffer, b []byte) {
	w := zlibPool.Get().(*zlib.Writer)
	w.Reset(dst)
	w.Write(b) // a bytes.Buffer does not fail
	w.Close()
	zlibPool.Put(w)
}

// finish rewrites fpdf's output: plain streams compressed, renames applied
// to the objects' dictionaries (old → new, each old ending in a
// delimiter), offsets and the cross-reference table rebuilt.
func finish(raw []byte, renames [][2]string) ([]byte, error) {
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

	var out bytes.Buffer
	out.Grow(len(raw) / 2)
	out.Write(raw[:objs[0].off])
	offsets := make([]int, count)
	for i, o := range objs {
		end := xrefAt
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		offsets[o.num] = out.Len()
		writeObject(&out, raw[o.off:end], renames)
	}
	at := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", count)
	for i := 1; i < count; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[i])
	}
	out.Write(trailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", at)
	return out.Bytes(), nil
}

var (
	streamKW   = []byte(">>\nstream\n")
	plainDict  = []byte("<</Length ")
	endstream  = []byte("\nendstream\n")
	flateDict  = []byte("<</Filter /FlateDecode /Length ")
	streamHead = []byte(">>\nstream\n")
)

// writeObject copies one object, compressing its stream if it is plain
// (its dictionary is only a /Length) and renaming in its dictionary.
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
			deflate(&z, body[:n])
			out.Write(flateDict)
			out.WriteString(strconv.Itoa(z.Len()))
			out.Write(streamHead)
			out.Write(z.Bytes())
			out.Write(body[n:])
			return
		}
	}
	out.Write(dict)
	out.Write(o[s:])
}
