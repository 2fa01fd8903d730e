package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"sort"
)

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
