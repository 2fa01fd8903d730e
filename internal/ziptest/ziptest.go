// Package ziptest builds ZIP archives for the tests of the readers of
// ZIP-based formats (DOCX, XLSX): small hand-made documents, fuzzing
// seeds, and archives that unpack to far more than they weigh.
package ziptest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"sort"
	"testing"
)

// Part is one file of an archive: its name inside the archive and its
// contents.
type Part struct{ Name, Body string }

// Ordered lists the parts of a map, the ones named in first (where the
// map has them) in that order, then the rest sorted by name, so that an
// archive built from a map is the same on every run.
func Ordered(parts map[string]string, first ...string) []Part {
	var out []Part
	done := map[string]bool{}
	add := func(name string) {
		if !done[name] {
			done[name] = true
			out = append(out, Part{name, parts[name]})
		}
	}
	for _, name := range first {
		if _, ok := parts[name]; ok {
			add(name)
		}
	}
	rest := make([]string, 0, len(parts))
	for name := range parts {
		rest = append(rest, name)
	}
	sort.Strings(rest)
	for _, name := range rest {
		add(name)
	}
	return out
}

// Zip writes parts, in order, compressed with method: zip.Deflate as a
// writer would, or zip.Store for fuzzing seeds, so that a mutation
// changes the XML itself rather than its compressed form.
func Zip(t testing.TB, method uint16, parts ...Part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		write(t, zw, method, p.Name, []byte(p.Body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// write adds a file of chunks to zw.
func write(t testing.TB, zw *zip.Writer, method uint16, name string, chunks ...[]byte) {
	t.Helper()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chunks {
		if _, err := w.Write(c); err != nil {
			t.Fatal(err)
		}
	}
}

// Big is a part that unpacks to at least Size bytes: Head, then Fill
// repeated, then Tail.
type Big struct {
	Name, Head, Fill, Tail string
	Size                   int
}

// Bomb writes the small parts, then big, deflated at the fastest level
// so that building a large bomb stays quick; what it unpacks to is what
// a reader's limits are tested against.
func Bomb(t testing.TB, big Big, small ...Part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, p := range small {
		write(t, zw, zip.Deflate, p.Name, []byte(p.Body))
	}
	// the fill goes a megabyte at a time rather than one copy at a time
	chunk := bytes.Repeat([]byte(big.Fill), max(1, (1<<20)/len(big.Fill)))
	chunks := [][]byte{[]byte(big.Head)}
	for n := 0; n < big.Size; n += len(chunk) {
		chunks = append(chunks, chunk) // the same slice each time: no copies
	}
	write(t, zw, zip.Deflate, big.Name, append(chunks, []byte(big.Tail))...)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
