package pdfin

import (
	"errors"
	"fmt"
)

// pageInfo is what the interpreter needs of one page.
type pageInfo struct {
	// box is the visible area (CropBox within MediaBox): llx, lly, urx, ury.
	box [4]float64
	// rotate is the page's /Rotate, a multiple of 90 in 0..270.
	rotate int
	// resources is the page's (inherited) resource dictionary.
	resources dict
	// contents are the page's content streams.
	contents []*stream
}

// inherited are the page attributes a page takes from its ancestors.
type inherited struct {
	resources dict
	media     []any
	crop      []any
	rotate    any
}

// pageTree lists the pages of the document in order, following the page
// tree from the catalog with the inherited attributes, at most maxPages
// (more is an error), each node once.
func pageTree(o objects) ([]pageInfo, error) {
	cat := o.root()
	if cat == nil {
		return nil, errors.New("no document catalog")
	}
	var pages []pageInfo
	seen := map[ref]bool{}
	var walk func(node any, inh inherited, depth int) error
	walk = func(node any, inh inherited, depth int) error {
		if r, ok := node.(ref); ok {
			if seen[r] {
				return nil
			}
			seen[r] = true
		}
		d, _ := o.resolve(node).(dict)
		if d == nil || depth > maxTreeDepth {
			return nil
		}
		if res, ok := o.resolve(d["Resources"]).(dict); ok {
			inh.resources = res
		}
		if m, ok := o.resolve(d["MediaBox"]).([]any); ok {
			inh.media = m
		}
		if c, ok := o.resolve(d["CropBox"]).([]any); ok {
			inh.crop = c
		}
		if r := o.resolve(d["Rotate"]); r != nil {
			inh.rotate = r
		}
		kids, isTree := o.resolve(d["Kids"]).([]any)
		if t, _ := o.resolve(d["Type"]).(name); t == "Pages" || (t != "Page" && isTree) {
			for _, k := range kids {
				if err := walk(k, inh, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if len(pages) >= maxPages {
			return errTooManyPages
		}
		pages = append(pages, makePage(o, d, inh))
		return nil
	}
	if err := walk(cat["Pages"], inherited{}, 0); err != nil {
		return nil, err
	}
	return pages, nil
}

var errTooManyPages = fmt.Errorf("more than %d pages", maxPages)

// makePage reads a page's box, rotation, resources and contents.
func makePage(o objects, d dict, inh inherited) pageInfo {
	p := pageInfo{resources: inh.resources, box: [4]float64{0, 0, 595, 842}}
	if b, ok := rectangle(o, inh.media); ok {
		p.box = b
	}
	if c, ok := rectangle(o, inh.crop); ok {
		// The visible area is the crop box clipped to the media box.
		b := [4]float64{max(p.box[0], c[0]), max(p.box[1], c[1]), min(p.box[2], c[2]), min(p.box[3], c[3])}
		if b[2] > b[0] && b[3] > b[1] {
			p.box = b
		}
	}
	if r, ok := num(o.resolve(inh.rotate)); ok && r == float64(int(r)) && r > -1e6 && r < 1e6 {
		p.rotate = ((int(r)%360 + 360) % 360) / 90 * 90
	}
	switch c := o.resolve(d["Contents"]).(type) {
	case *stream:
		p.contents = []*stream{c}
	case []any:
		for _, e := range c {
			if s, ok := o.resolve(e).(*stream); ok && len(p.contents) < maxContentParts {
				p.contents = append(p.contents, s)
			}
		}
	}
	return p
}

// rectangle reads [llx lly urx ury] in any corner order.
func rectangle(o objects, a []any) ([4]float64, bool) {
	var r [4]float64
	if len(a) != 4 {
		return r, false
	}
	for i, v := range a {
		f, ok := num(o.resolve(v))
		if !ok || f != f || f > 1e7 || f < -1e7 {
			return r, false
		}
		r[i] = f
	}
	r = [4]float64{min(r[0], r[2]), min(r[1], r[3]), max(r[0], r[2]), max(r[1], r[3])}
	return r, r[2] > r[0] && r[3] > r[1]
}

// scratchData is an object layer that can decode into the caller's
// space.
type scratchData interface {
	dataInto(s *stream, limit int, dst *[]byte) ([]byte, error)
}

// content decodes and joins a page's content streams, a single inflated
// stream in the space of *scratch (if not nil) when the object layer can:
// that content lives until the next page's.
func content(o objects, p pageInfo, scratch *[]byte) ([]byte, error) {
	if len(p.contents) == 1 {
		if sd, ok := o.(scratchData); ok && scratch != nil {
			return sd.dataInto(p.contents[0], maxStreamBytes, scratch)
		}
		return o.data(p.contents[0], maxStreamBytes)
	}
	var buf []byte
	for _, s := range p.contents {
		b, err := o.data(s, maxStreamBytes-len(buf))
		if err != nil {
			return nil, err
		}
		buf = append(buf, b...)
		buf = append(buf, '\n')
	}
	return buf, nil
}
