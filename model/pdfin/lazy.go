package pdfin

import (
	"bytes"
	"errors"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The fast object layer: it reads the cross-reference sections (tables,
// streams and hybrid files) and parses an object only when it is asked
// for, where pdfcpu parses every object when it opens the file. What it
// does not handle (encryption, a cross-reference that does not read, an
// object not where its entry says) is left to pdfcpu: the whole file when
// it cannot be opened, or, once opened, the one object asked for.

// Limits of the fast layer.
const (
	maxXRefSections = 256
	maxObjStmCache  = 64 << 20 // decoded object streams kept
	maxObjectDepth  = 32       // objects needed to parse one (a /Length, an object stream)
	maxSparse       = 1 << 16  // entries numbered far beyond the file's size
)

// xent is a cross-reference entry: an object at offset off in the file
// (stm 0), or number idx in object stream stm.
type xent struct {
	off      int64
	stm, idx int32
}

// xrefTable holds the entries: in a slice by number, numbers beyond
// limit (more than the file could hold densely) in a map.
type xrefTable struct {
	dense  []xent
	has    []bool
	sparse map[int]xent
	limit  int
	n      int
}

// set adds the entry of object num unless a newer section gave it.
func (t *xrefTable) set(num int, e xent) {
	if num < 0 {
		return
	}
	if num < t.limit {
		if num >= len(t.dense) {
			n := max(num+1, 2*len(t.dense))
			t.dense = append(t.dense, make([]xent, n-len(t.dense))...)
			t.has = append(t.has, make([]bool, n-len(t.has))...)
		}
		if !t.has[num] {
			t.dense[num], t.has[num] = e, true
			t.n++
		}
		return
	}
	if t.sparse == nil {
		t.sparse = map[int]xent{}
	}
	if _, ok := t.sparse[num]; !ok {
		t.sparse[num] = e
		t.n++
	}
}

// reserve makes room for the entries of a file of size objects.
func (t *xrefTable) reserve(size float64) {
	if size > float64(len(t.dense)) && size <= float64(t.limit) {
		n := int(size)
		t.dense = append(t.dense, make([]xent, n-len(t.dense))...)
		t.has = append(t.has, make([]bool, n-len(t.has))...)
	}
}

func (t *xrefTable) get(num int) (xent, bool) {
	if num >= 0 && num < len(t.dense) {
		return t.dense[num], t.has[num]
	}
	e, ok := t.sparse[num]
	return e, ok
}

// lazyObjects is the fast object layer.
type lazyObjects struct {
	b       []byte
	xref    xrefTable
	trailer dict

	mu       sync.Mutex
	cache    map[ref]any
	busy     map[ref]bool // objects being parsed: a reference loop reads as null
	depth    int          // objects being parsed, one needing the next
	objstms  map[int]*objStm
	stmBytes int
	budget   int

	fb     *pdfcpuObjects // pdfcpu, opened when an object needs it
	fbDone bool
}

// objStm is a decoded object stream: its data and the offsets of its
// objects.
type objStm struct {
	data []byte
	nums []int
	offs []int
}

// rawStream is the source of a stream of the fast layer: its bytes as in
// the file.
type rawStream struct{ raw []byte }

var errNoFast = errors.New("not for the fast object layer")

// openFast opens the file with the fast layer; errNoFast (or another
// error) says to use pdfcpu instead.
func openFast(data []byte) (o *lazyObjects, err error) {
	defer func() {
		if r := recover(); r != nil {
			o, err = nil, errNoFast
		}
	}()
	o = &lazyObjects{b: data, xref: xrefTable{limit: len(data)/4 + 1024}, cache: map[ref]any{}, busy: map[ref]bool{}, objstms: map[int]*objStm{}, budget: maxDecodedTotal}
	o.mu.Lock()
	defer o.mu.Unlock()
	start, ok := o.startXRef()
	if !ok {
		return nil, errNoFast
	}
	seen := map[int64]bool{}
	for off := start; off >= 0; {
		if seen[off] || len(seen) >= maxXRefSections || off >= int64(len(data)) {
			return nil, errNoFast
		}
		seen[off] = true
		tr, err := o.section(off, seen)
		if err != nil {
			return nil, err
		}
		if o.trailer == nil {
			o.trailer = tr
		}
		prev, ok := tr["Prev"].(float64)
		if !ok {
			break
		}
		off = int64(prev)
		if float64(off) != prev || off < 0 {
			return nil, errNoFast
		}
	}
	if o.trailer == nil || o.trailer["Encrypt"] != nil {
		return nil, errNoFast
	}
	// Objects asked for while the sections were read (a stream's
	// /Length) are read again with all the entries known.
	clear(o.cache)
	if cat, _ := o.direct(o.trailer["Root"]).(dict); cat == nil || cat["Pages"] == nil {
		return nil, errNoFast
	}
	return o, nil
}

// startXRef finds the offset after the last startxref.
func (o *lazyObjects) startXRef() (int64, bool) {
	tail := o.b[max(0, len(o.b)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return 0, false
	}
	p := &parser{lexer: lexer{b: tail, pos: i + len("startxref")}}
	v, ok := p.value(0).(float64)
	if !ok || v < 0 || v != float64(int64(v)) || v >= float64(len(o.b)) {
		return 0, false
	}
	return int64(v), true
}

// section reads the cross-reference section at off and returns its
// trailer. Entries already known (from a newer section) stay.
func (o *lazyObjects) section(off int64, seen map[int64]bool) (dict, error) {
	p := &parser{lexer: lexer{b: o.b, pos: int(off)}}
	p.skipSpace()
	if bytes.HasPrefix(o.b[p.pos:], []byte("xref")) {
		p.pos += 4
		return o.table(p, seen)
	}
	// A cross-reference stream.
	_, v := o.parseIndirect(int(off))
	s, ok := v.(*stream)
	if !ok {
		return nil, errNoFast
	}
	if t, _ := s.dict["Type"].(name); t != "XRef" {
		return nil, errNoFast
	}
	if err := o.xrefStream(s); err != nil {
		return nil, err
	}
	return s.dict, nil
}

// table reads a classic cross-reference table (after "xref") and its
// trailer.
func (o *lazyObjects) table(p *parser, seen map[int64]bool) (dict, error) {
	for {
		p.skipSpace()
		if bytes.HasPrefix(o.b[p.pos:], []byte("trailer")) {
			p.pos += len("trailer")
			break
		}
		first, ok1 := p.int()
		count, ok2 := p.int()
		if !ok1 || !ok2 || first < 0 || count < 0 || first+count > maxObjects {
			return nil, errNoFast
		}
		for i := 0; i < count; i++ {
			f, ok1 := p.int()
			_, ok2 := p.int()
			p.skipSpace()
			if !ok1 || !ok2 || p.pos >= len(o.b) {
				return nil, errNoFast
			}
			typ := o.b[p.pos]
			p.pos++
			if typ != 'n' && typ != 'f' {
				return nil, errNoFast
			}
			num := first + i
			if typ == 'n' && f > 0 {
				o.xref.set(num, xent{off: int64(f)})
			} else {
				o.xref.set(num, xent{off: -1})
			}
			if o.xref.n > maxObjects || len(o.xref.sparse) > maxSparse {
				return nil, errNoFast
			}
		}
	}
	tr, ok := p.value(0).(dict)
	if !ok {
		return nil, errNoFast
	}
	// A hybrid file: the stream holds the objects the table leaves out.
	if x, ok := tr["XRefStm"].(float64); ok && x >= 0 && x < float64(len(o.b)) && !seen[int64(x)] {
		seen[int64(x)] = true
		if _, err := o.section(int64(x), seen); err != nil {
			return nil, err
		}
	}
	return tr, nil
}

// xrefStream reads the entries of a cross-reference stream.
func (o *lazyObjects) xrefStream(s *stream) error {
	var w [3]int
	wa, _ := s.dict["W"].([]any)
	if len(wa) != 3 {
		return errNoFast
	}
	rowLen := 0
	for i, v := range wa {
		f, ok := v.(float64)
		if !ok || f < 0 || f > 8 || f != float64(int(f)) {
			return errNoFast
		}
		w[i] = int(f)
		rowLen += w[i]
	}
	size, _ := s.dict["Size"].(float64)
	o.xref.reserve(size)
	index := []any{0.0, size}
	if ix, ok := s.dict["Index"].([]any); ok {
		index = ix
	}
	data, err := o.dataLocked(s, maxStreamBytes)
	if err != nil || rowLen == 0 {
		return errNoFast
	}
	pos := 0
	field := func(n, def int) int {
		if n == 0 {
			return def
		}
		v := 0
		for k := 0; k < n; k++ {
			v = v<<8 | int(data[pos])
			pos++
		}
		return v
	}
	for i := 0; i+1 < len(index); i += 2 {
		first, ok1 := index[i].(float64)
		count, ok2 := index[i+1].(float64)
		if !ok1 || !ok2 || first < 0 || count < 0 || first+count > maxObjects {
			return errNoFast
		}
		for k := 0; k < int(count); k++ {
			if pos+rowLen > len(data) {
				return errNoFast
			}
			typ := field(w[0], 1)
			a := field(w[1], 0)
			c := field(w[2], 0)
			num := int(first) + k
			switch typ {
			case 1:
				o.xref.set(num, xent{off: int64(a)})
			case 2:
				if a <= 0 || a >= maxObjects || c >= maxObjects {
					return errNoFast
				}
				o.xref.set(num, xent{stm: int32(a), idx: int32(c)})
			default:
				o.xref.set(num, xent{off: -1})
			}
			if o.xref.n > maxObjects || len(o.xref.sparse) > maxSparse {
				return errNoFast
			}
		}
	}
	return nil
}

func (o *lazyObjects) root() dict {
	o.mu.Lock()
	defer o.mu.Unlock()
	d, _ := o.direct(o.trailer["Root"]).(dict)
	return d
}

func (o *lazyObjects) resolve(v any) any {
	r, ok := v.(ref)
	if !ok {
		return v
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.direct(r)
}

// object returns object r, parsing it when first asked for (o.mu held).
func (o *lazyObjects) object(r ref) (out any) {
	if c, ok := o.cache[r]; ok {
		return c
	}
	if o.busy[r] || o.depth >= maxObjectDepth {
		return nil
	}
	o.busy[r] = true
	o.depth++
	defer func() { delete(o.busy, r); o.depth-- }()
	defer func() {
		if p := recover(); p != nil {
			out = nil
		}
		o.cache[r] = out
	}()
	e, ok := o.xref.get(r.num)
	switch {
	case !ok:
		return nil
	case e.stm > 0:
		if v, ok := o.inObjStm(int(e.stm), int(e.idx), r.num); ok {
			return v
		}
	case e.off < 0:
		return nil
	default:
		if num, v := o.parseIndirect(int(e.off)); num == r.num {
			if s, ok := v.(*stream); ok {
				s.id = r
				return s
			}
			return v
		}
	}
	// Not where the entry says: pdfcpu, which reconstructs the
	// cross-reference, may find it.
	if fb := o.fallback(); fb != nil {
		return fb.resolve(r)
	}
	return nil
}

// fallback opens the file with pdfcpu, once (o.mu held).
func (o *lazyObjects) fallback() *pdfcpuObjects {
	if !o.fbDone {
		o.fbDone = true
		o.fb, _ = openObjects(o.b)
	}
	return o.fb
}

// parseIndirect parses "num gen obj value [stream]" at off and returns
// the object's number and value (a *stream for a stream).
func (o *lazyObjects) parseIndirect(off int) (int, any) {
	if off < 0 || off >= len(o.b) {
		return -1, nil
	}
	p := &parser{lexer: lexer{b: o.b, pos: off}}
	num, ok1 := p.int()
	_, ok2 := p.int()
	p.skipSpace()
	if !ok1 || !ok2 || !bytes.HasPrefix(o.b[p.pos:], []byte("obj")) {
		return -1, nil
	}
	p.pos += 3
	v := p.value(0)
	d, ok := v.(dict)
	if !ok {
		return num, v
	}
	p.skipSpace()
	if !bytes.HasPrefix(o.b[p.pos:], []byte("stream")) {
		return num, v
	}
	p.pos += len("stream")
	if p.pos < len(o.b) && o.b[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(o.b) && o.b[p.pos] == '\n' {
		p.pos++
	}
	start := p.pos
	end := -1
	var length any = d["Length"]
	if r, ok := length.(ref); ok {
		length = o.object(r)
	}
	if n, ok := length.(float64); ok && n >= 0 && n <= float64(len(o.b)-start) {
		e := start + int(n)
		q := e
		for q < len(o.b) && isSpace(o.b[q]) {
			q++
		}
		if bytes.HasPrefix(o.b[q:], []byte("endstream")) {
			end = e
		}
	}
	if end < 0 {
		// A wrong /Length: the data runs to endstream.
		i := bytes.Index(o.b[start:], []byte("endstream"))
		if i < 0 {
			return num, nil
		}
		end = start + i
		if end > start && o.b[end-1] == '\n' {
			end--
		}
		if end > start && o.b[end-1] == '\r' {
			end--
		}
	}
	return num, &stream{dict: d, src: rawStream{raw: o.b[start:end:end]}}
}

// inObjStm returns object num, number idx of object stream stm.
func (o *lazyObjects) inObjStm(stm, idx, num int) (any, bool) {
	os := o.objstms[stm]
	if os == nil {
		s, ok := o.object(ref{stm, 0}).(*stream)
		if !ok {
			return nil, false
		}
		n, _ := s.dict["N"].(float64)
		first, _ := s.dict["First"].(float64)
		if n < 0 || n > maxObjects || first < 0 {
			return nil, false
		}
		data, err := o.dataLocked(s, maxStreamBytes)
		if err != nil || int(first) > len(data) || o.stmBytes+len(data) > maxObjStmCache {
			return nil, false
		}
		o.stmBytes += len(data)
		os = &objStm{data: data}
		p := &parser{lexer: lexer{b: data[:int(first)]}}
		for i := 0; i < int(n); i++ {
			k, ok1 := p.int()
			off, ok2 := p.int()
			if !ok1 || !ok2 || off < 0 || int(first)+off > len(data) {
				break
			}
			os.nums = append(os.nums, k)
			os.offs = append(os.offs, int(first)+off)
		}
		o.objstms[stm] = os
	}
	i := idx
	if i < 0 || i >= len(os.nums) || os.nums[i] != num {
		i = -1
		for k, n := range os.nums {
			if n == num {
				i = k
				break
			}
		}
		if i < 0 {
			return nil, false
		}
	}
	p := &parser{lexer: lexer{b: os.data, pos: os.offs[i]}}
	return p.value(0), true
}

func (o *lazyObjects) data(s *stream, limit int) (b []byte, err error) {
	return o.dataInto(s, limit, nil)
}

// dataInto is data, the decoded bytes in the space of *dst when they are
// inflated (*dst then holds the space used): for data the caller is done
// with before it asks again.
func (o *lazyObjects) dataInto(s *stream, limit int, dst *[]byte) (b []byte, err error) {
	if _, ok := s.src.(types.StreamDict); ok {
		o.mu.Lock()
		defer o.mu.Unlock()
		if o.fb == nil {
			return nil, nil
		}
		return o.fb.data(s, limit)
	}
	rs, ok := s.src.(rawStream)
	if !ok {
		return nil, nil
	}
	o.mu.Lock()
	sd, ok := o.pipeline(s.dict, rs.raw)
	limit = min(limit, o.budget)
	o.mu.Unlock()
	if !ok {
		return nil, nil
	}
	b, err = decode(sd, limit, dst)
	if err != nil {
		return nil, err
	}
	o.mu.Lock()
	o.budget -= len(b)
	o.mu.Unlock()
	return b, nil
}

// dataLocked is data for the layer itself (o.mu held).
func (o *lazyObjects) dataLocked(s *stream, limit int) ([]byte, error) {
	rs, ok := s.src.(rawStream)
	if !ok {
		return nil, errNoFast
	}
	sd, ok := o.pipeline(s.dict, rs.raw)
	if !ok {
		return nil, errNoFast
	}
	b, err := decode(sd, min(limit, o.budget), nil)
	o.budget -= len(b)
	return b, err
}

// decode applies the filters, at most limit bytes, into *dst where dst
// is not nil; a panic in a filter is an error.
func decode(sd types.StreamDict, limit int, dst *[]byte) (b []byte, err error) {
	defer contain(&err)
	if limit <= 0 {
		return nil, errTooBig
	}
	b, err = decodeStream(sd, int64(limit), dst)
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, errTooBig
	}
	return b, nil
}

// pipeline reads a stream's filters for pdfcpu's decoder (o.mu held);
// false for filters that do not read.
func (o *lazyObjects) pipeline(d dict, raw []byte) (types.StreamDict, bool) {
	sd := types.StreamDict{Raw: raw}
	var filters []any
	switch f := o.direct(d["Filter"]).(type) {
	case name:
		filters = []any{f}
	case []any:
		filters = f
	}
	var parms []any
	switch p := o.direct(d["DecodeParms"]).(type) {
	case dict:
		parms = []any{p}
	case []any:
		parms = p
	}
	if len(filters) > 16 {
		return sd, false
	}
	for i, f := range filters {
		n, ok := o.direct(f).(name)
		if !ok {
			return sd, false
		}
		pf := types.PDFFilter{Name: string(n)}
		if i < len(parms) {
			if pd, ok := o.direct(parms[i]).(dict); ok && len(pd) > 0 {
				pf.DecodeParms = o.toPdfcpu(pd)
			}
		}
		sd.FilterPipeline = append(sd.FilterPipeline, pf)
	}
	return sd, true
}

// direct resolves a reference inside the layer (o.mu held).
func (o *lazyObjects) direct(v any) any {
	for depth := 0; depth < 16; depth++ {
		r, ok := v.(ref)
		if !ok {
			return v
		}
		v = o.object(r)
	}
	return nil
}

// toPdfcpu converts a DecodeParms dictionary for pdfcpu's filters.
func (o *lazyObjects) toPdfcpu(d dict) types.Dict {
	out := types.Dict{}
	for k, v := range d {
		switch v := o.direct(v).(type) {
		case float64:
			if v == float64(int(v)) {
				out[k] = types.Integer(int(v))
			} else {
				out[k] = types.Float(v)
			}
		case bool:
			out[k] = types.Boolean(v)
		case name:
			out[k] = types.Name(v)
		}
	}
	return out
}

// parser reads the objects of the file (and of object streams).
type parser struct {
	lexer
}

// int reads a non-negative integer.
func (p *parser) int() (int, bool) {
	p.skipSpace()
	start := p.pos
	n := 0
	for p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '9' && p.pos-start < 12 {
		n = n*10 + int(p.b[p.pos]-'0')
		p.pos++
	}
	return n, p.pos > start
}

// value reads one object; a reference "num gen R" reads as a ref.
func (p *parser) value(depth int) any {
	p.skipSpace()
	if p.pos >= len(p.b) {
		return nil
	}
	if depth > maxNesting {
		p.pos++ // too deep: read as null, moving on
		return nil
	}
	c := p.b[p.pos]
	switch {
	case c == '/':
		p.pos++
		start := p.pos
		for p.pos < len(p.b) && !isSpace(p.b[p.pos]) && !isDelim(p.b[p.pos]) {
			p.pos++
		}
		p.reset()
		return name(p.name(p.b[start:p.pos]))
	case c == '(':
		p.reset()
		return string(p.literal())
	case c == '<':
		if p.pos+1 < len(p.b) && p.b[p.pos+1] == '<' {
			p.pos += 2
			return p.dict(depth)
		}
		p.reset()
		return string(p.hex())
	case c == '[':
		p.pos++
		var a []any
		for {
			p.skipSpace()
			if p.pos >= len(p.b) {
				return a
			}
			if p.b[p.pos] == ']' {
				p.pos++
				if a == nil {
					a = []any{}
				}
				return a
			}
			before := p.pos
			v := p.value(depth + 1)
			if p.pos == before {
				p.pos++ // a stray delimiter
				continue
			}
			if len(a) < maxArrayLen {
				a = append(a, v)
			}
		}
	case c >= '0' && c <= '9':
		start := p.pos
		num, _ := p.int()
		if p.pos < len(p.b) && (p.b[p.pos] == '.' || p.b[p.pos] >= '0' && p.b[p.pos] <= '9') {
			p.pos = start
			return p.number()
		}
		// A reference?
		save := p.pos
		if gen, ok := p.int(); ok {
			p.skipSpace()
			if p.pos < len(p.b) && p.b[p.pos] == 'R' && (p.pos+1 == len(p.b) || isSpace(p.b[p.pos+1]) || isDelim(p.b[p.pos+1])) {
				p.pos++
				return ref{num, gen}
			}
		}
		p.pos = save
		if p.pos-start >= 12 {
			p.pos = start
			return p.number()
		}
		return float64(num)
	case c == '+' || c == '-' || c == '.':
		return p.number()
	}
	start := p.pos
	for p.pos < len(p.b) && !isSpace(p.b[p.pos]) && !isDelim(p.b[p.pos]) {
		p.pos++
	}
	switch string(p.b[start:p.pos]) {
	case "true":
		return true
	case "false":
		return false
	}
	return nil
}

// dict reads a dictionary's entries (after <<).
func (p *parser) dict(depth int) dict {
	d := dict{}
	for {
		p.skipSpace()
		if p.pos >= len(p.b) {
			return d
		}
		if p.b[p.pos] == '>' {
			p.pos++
			if p.pos < len(p.b) && p.b[p.pos] == '>' {
				p.pos++
			}
			return d
		}
		if p.b[p.pos] != '/' {
			// Not a key: skip the value.
			before := p.pos
			p.value(depth + 1)
			if p.pos == before {
				p.pos++
			}
			continue
		}
		k, _ := p.value(depth + 1).(name)
		p.skipSpace()
		if p.pos < len(p.b) && p.b[p.pos] == '>' {
			continue
		}
		v := p.value(depth + 1)
		if v != nil && len(d) < maxArrayLen {
			d[string(k)] = v
		}
	}
}
