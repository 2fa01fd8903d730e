package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"sort"
	"sync"

	"github.com/klauspost/compress/flate"
)

// deflaters hold compressors for the parts, reused from one part and one
// workbook to the next. klauspost's deflate at its default level makes
// parts about as small as the standard library's default level in a
// fraction of the time (compressing the parts was most of a workbook's
// writing time).
var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.DefaultCompression)
	return w
}}

// pooledDeflater returns its compressor to the pool once closed.
type pooledDeflater struct{ *flate.Writer }

func (d pooledDeflater) Close() error {
	err := d.Writer.Close()
	deflaters.Put(d.Writer)
	return err
}

func newDeflater(w io.Writer) (io.WriteCloser, error) {
	d := deflaters.Get().(*flate.Writer)
	d.Reset(w)
	return pooledDeflater{d}, nil
}

// orderedZip collects a workbook's parts and writes them in one fixed
// order on Close: excelize writes the parts of stream-written sheets in
// map order, which would make two runs differ.
type orderedZip struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
	fsys  []fs.FS
}

func newOrderedZip(w io.Writer) *orderedZip {
	return &orderedZip{w: w, parts: map[string]*bytes.Buffer{}}
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *orderedZip) AddFS(fsys fs.FS) error {
	z.fsys = append(z.fsys, fsys)
	return nil
}

// Close writes the parts in reverse name order, the order excelize gives
// the parts it keeps in memory.
func (z *orderedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	zw := zip.NewWriter(z.w)
	zw.RegisterCompressor(zip.Deflate, newDeflater)
	for _, n := range names {
		fw, err := zw.Create(n)
		if err != nil {
			return err
		}
		if _, err := fw.Write(z.parts[n].Bytes()); err != nil {
			return err
		}
	}
	for _, fsys := range z.fsys {
		if err := zw.AddFS(fsys); err != nil {
			return err
		}
	}
	return zw.Close()
}
