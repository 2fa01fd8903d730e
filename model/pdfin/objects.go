package pdfin

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The object layer: the file's cross-reference table, objects, page tree,
// decryption and stream filters. The interpreter sees it only through the
// small interface below and the plain values it returns, so the library
// behind it can be exchanged.

// A value is a PDF object: nil, bool, float64 (every number), name, string
// (the bytes of a string object), []any, dict, ref or *stream.
type (
	name string
	dict map[string]any
	ref  struct{ num, gen int }
)

// stream is a stream object: its dictionary and a handle the object layer
// uses to decode its data.
type stream struct {
	dict dict
	id   ref
	src  any
}

// objects is the object layer.
type objects interface {
	// root returns the document catalog.
	root() dict
	// resolve follows a reference to its object; other values pass as they are.
	resolve(v any) any
	// data decodes a stream's data, at most limit bytes.
	data(s *stream, limit int) ([]byte, error)
}

// Errors of the object layer the reader tells the user apart.
var (
	errPassword = errors.New("user password")
	errDamaged  = errors.New("damaged file")
)

// pdfcpuObjects is the object layer of github.com/pdfcpu/pdfcpu.
type pdfcpuObjects struct {
	ctx    *model.Context
	cache  map[ref]any
	budget int // bytes of decoded stream data still allowed
}

// openObjects opens the file with pdfcpu, decrypting it when only an owner
// password is set.
func openObjects(data []byte) (o *pdfcpuObjects, err error) {
	conf := &model.Configuration{
		Reader15:                  true,
		ValidationMode:            model.ValidationRelaxed,
		UnsupportedResourcePolicy: model.UnsupportedResourceSkip,
		Eol:                       types.EolLF,
		Limits:                    model.DefaultResourceLimits(),
	}
	conf.Limits.MaxStreamBytes = maxStreamBytes
	conf.Limits.MaxDecodeBytes = maxStreamBytes
	conf.Limits.MaxObjectCount = maxObjects
	conf.Limits.MaxXRefEntries = maxObjects
	conf.Limits.MaxObjectStreamCount = maxObjects
	conf.Limits.MaxRecursionDepth = 64
	defer func() {
		if r := recover(); r != nil {
			o, err = nil, fmt.Errorf("%w: %v", errDamaged, r)
		}
	}()
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	if err != nil {
		if errors.Is(err, pdfcpu.ErrWrongPassword) || strings.Contains(err.Error(), "password") {
			return nil, errPassword
		}
		return nil, fmt.Errorf("%w: %v", errDamaged, err)
	}
	return &pdfcpuObjects{ctx: ctx, cache: map[ref]any{}, budget: maxDecodedTotal}, nil
}

func (o *pdfcpuObjects) root() (d dict) {
	defer contain(nil)
	if o.ctx.Root == nil {
		return nil
	}
	d, _ = o.resolve(ref{int(o.ctx.Root.ObjectNumber), int(o.ctx.Root.GenerationNumber)}).(dict)
	return d
}

// contain keeps a panic of the library from leaving the object layer: the
// object asked for reads as missing (or err, if given, says the file is
// damaged).
func contain(err *error) {
	if r := recover(); r != nil && err != nil {
		*err = fmt.Errorf("%w: %v", errDamaged, r)
	}
}

func (o *pdfcpuObjects) resolve(v any) (out any) {
	defer contain(nil)
	for depth := 0; depth < 16; depth++ {
		r, ok := v.(ref)
		if !ok {
			return v
		}
		if c, ok := o.cache[r]; ok {
			v = c
			continue
		}
		obj, err := o.ctx.Dereference(types.IndirectRef{ObjectNumber: types.Integer(r.num), GenerationNumber: types.Integer(r.gen)})
		if err != nil {
			obj = nil
		}
		if sd, ok := obj.(types.StreamDict); ok {
			c := &stream{id: r, src: sd}
			c.dict, _ = o.convert(sd.Dict, 0).(dict)
			o.cache[r] = c
			return c
		}
		c := o.convert(obj, 0)
		o.cache[r] = c
		v = c
	}
	return nil
}

func (o *pdfcpuObjects) data(s *stream, limit int) ([]byte, error) {
	sd, ok := s.src.(types.StreamDict)
	if !ok {
		return nil, nil
	}
	b, err := decode(sd, min(limit, o.budget), nil)
	if err != nil {
		return nil, err
	}
	o.budget -= len(b)
	return b, nil
}

// decodeStream applies the stream's filters, keeping pdfcpu's own panics
// (there should be none) inside.
// The data of a plain /FlateDecode stream goes to the space of *dst, if
// given, which then holds the space used.
func decodeStream(sd types.StreamDict, limit int64, dst *[]byte) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, fmt.Errorf("%w: stream: %v", errDamaged, r)
		}
	}()
	if len(sd.FilterPipeline) == 0 {
		if int64(len(sd.Raw)) > limit {
			return nil, errTooBig
		}
		return sd.Raw, nil
	}
	if f := sd.FilterPipeline; len(f) == 1 && f[0].Name == "FlateDecode" && len(f[0].DecodeParms) == 0 {
		if dst == nil {
			return inflate(sd.Raw, limit, nil)
		}
		b, err = inflate(sd.Raw, limit, *dst)
		if b != nil {
			*dst = b[:0]
		}
		return b, err
	}
	b, err = sd.DecodeLengthWithLimit(-1, limit)
	if err != nil {
		if strings.Contains(err.Error(), "limit") || strings.Contains(err.Error(), "exceed") {
			return nil, errTooBig
		}
		// A damaged stream reads as far as it decodes; what it holds
		// beyond is lost, as in other readers.
		return nil, nil
	}
	return b, nil
}

// convert turns a pdfcpu object into a plain value; references stay
// references (resolved on demand), so the walk only covers the direct
// objects of one indirect object.
func (o *pdfcpuObjects) convert(v types.Object, depth int) any {
	if depth > 32 {
		return nil
	}
	switch v := v.(type) {
	case nil:
		return nil
	case types.Boolean:
		return bool(v)
	case types.Integer:
		return float64(v)
	case types.Float:
		return float64(v)
	case types.Name:
		return name(v)
	case types.StringLiteral:
		b, err := types.Unescape(string(v))
		if err != nil {
			return string(v)
		}
		return string(b)
	case types.HexLiteral:
		b, err := v.Bytes()
		if err != nil {
			return ""
		}
		return string(b)
	case types.IndirectRef:
		return ref{int(v.ObjectNumber), int(v.GenerationNumber)}
	case *types.IndirectRef:
		if v == nil {
			return nil
		}
		return ref{int(v.ObjectNumber), int(v.GenerationNumber)}
	case types.Array:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = o.convert(e, depth+1)
		}
		return out
	case types.Dict:
		out := make(dict, len(v))
		for k, e := range v {
			out[k] = o.convert(e, depth+1)
		}
		return out
	case types.StreamDict:
		c := &stream{src: v}
		c.dict, _ = o.convert(v.Dict, depth+1).(dict)
		return c
	}
	return nil
}

// zlibPool keeps zlib readers (each holds a 32 KB window) for reuse.
var zlibPool sync.Pool

// inflate decodes a /FlateDecode stream without predictor, at most limit
// bytes, in dst's space if it fits. A damaged stream gives what decodes before the damage, as in
// other readers.
func inflate(raw []byte, limit int64, dst []byte) ([]byte, error) {
	var zr io.Reader
	if z := zlibPool.Get(); z != nil {
		if z.(zlib.Resetter).Reset(bytes.NewReader(raw), nil) == nil {
			zr = z.(io.Reader)
			defer zlibPool.Put(z)
		}
	} else if z, err := zlib.NewReader(bytes.NewReader(raw)); err == nil {
		zr = z
		defer zlibPool.Put(z)
	}
	if zr == nil {
		// Some writers leave out the zlib header: try raw deflate.
		f := flate.NewReader(bytes.NewReader(raw))
		defer f.Close()
		zr = f
	}
	out := dst[:0]
	if want := min(int64(len(raw))*4+512, limit+1); int64(cap(out)) < want {
		out = make([]byte, 0, want)
	}
	for {
		if len(out) == cap(out) {
			if int64(len(out)) > limit {
				return nil, errTooBig
			}
			out = slices.Grow(out, int(min(int64(cap(out)), limit+1-int64(len(out)))))
		}
		n, err := zr.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if int64(len(out)) > limit {
			return nil, errTooBig
		}
		if err != nil {
			return out, nil
		}
	}
}
