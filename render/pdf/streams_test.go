package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"testing"
)

// TestDeflateChunked: the pieces join into one zlib stream that inflates
// to the input, for inputs of no piece, one piece, a piece exactly, and
// several pieces with matches across their borders, and about as small
// as one pass makes it.
func TestDeflateChunked(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int) []byte {
		words := []string{"glyf ", "loca ", "一般公共预算", "0.00 ", "收支总表", "\x00\x01\x7f"}
		var b bytes.Buffer
		for b.Len() < n {
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.Bytes()[:n]
	}
	noise := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	for _, c := range []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"one byte", []byte{7}},
		{"under a piece", text(chunkSize - 1)},
		{"a piece", text(chunkSize)},
		{"pieces of text", text(3*chunkSize + 17)},
		{"pieces of noise", noise(2*chunkSize + 5)},
	} {
		t.Run(c.name, func(t *testing.T) {
			z := deflateChunked(c.in, fontLevel)
			r, err := zlib.NewReader(bytes.NewReader(z))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("inflate: %v", err) // also checks the Adler-32
			}
			if !bytes.Equal(got, c.in) {
				t.Fatalf("inflated %d bytes, want the %d given", len(got), len(c.in))
			}
			if again := deflateChunked(c.in, fontLevel); !bytes.Equal(again, z) {
				t.Fatal("two runs differ")
			}
			var one bytes.Buffer
			deflate(&one, c.in, fontLevel)
			if pieces := (len(c.in) + chunkSize - 1) / chunkSize; len(z) > one.Len()+64*pieces+8 {
				t.Errorf("%d bytes in pieces, %d in one pass", len(z), one.Len())
			}
		})
	}
}

// TestSubstitutes: the CIDToGIDMap and font program of a CID font named in
// progs are found through its dictionaries and replaced; a font fpdf did
// not write is an error, never a PDF without outlines.
func TestSubstitutes(t *testing.T) {
	bodies := map[int][]byte{
		5:  []byte("5 0 obj\n<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /utf8main\n/CIDSystemInfo 7 0 R\n/FontDescriptor 8 0 R\n/CIDToGIDMap 9 0 R>>\nendobj\n"),
		8:  []byte("8 0 obj\n<</Type /FontDescriptor /FontName /utf8main\n /Ascent 1/FontFile2 10 0 R>>\nendobj\n"),
		9:  []byte("9 0 obj\n<</Length 3/Filter /FlateDecode>>\nstream\nabc\nendstream\nendobj\n"),
		10: []byte("10 0 obj\n<</Length 3\n/Filter /FlateDecode\n/Length1 9\n>>\nstream\nxyz\nendstream\nendobj\n"),
	}
	progs := map[string]*program{"utf8main": {font: []byte("FONT"), cidMap: []byte("MAP"), length1: 1234}}
	got, err := substitutes(bodies, progs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		9:  "9 0 obj\n<</Filter /FlateDecode /Length 3>>\nstream\nMAP\nendstream\nendobj\n",
		10: "10 0 obj\n<</Length 4\n/Filter /FlateDecode\n/Length1 1234\n>>\nstream\nFONT\nendstream\nendobj\n",
	}
	if len(got) != len(want) {
		t.Fatalf("replaced %d objects, want %d", len(got), len(want))
	}
	for n, w := range want {
		if string(got[n]) != w {
			t.Errorf("object %d:\n%q\nwant\n%q", n, got[n], w)
		}
	}
	progs["utf8other"] = &program{}
	if _, err := substitutes(bodies, progs); err == nil {
		t.Error("a font missing from the output was not reported")
	}
}
