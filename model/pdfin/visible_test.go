package pdfin

import (
	"strings"
	"testing"
)

// TestNotShown: text a viewer does not show is not read. Each page draws
// "shown" where a viewer shows it, and other words that it may or may not
// show. Helvetica 10 at baseline y covers y-1.2 to y+8.8.
func TestNotShown(t *testing.T) {
	tests := []struct {
		name string
		page testPage
		want string // words' texts joined by |
	}{
		{
			// An HTML exporter's table cell: the cell's clip, and its style
			// sheet written as lines of text below the cell.
			name: "text below a cell's clip",
			page: testPage{content: "q 227.52 498.27 65.2 14.4 re W n BT /F1 9 Tf 1 0 0 1 227.52 502 Tm (shown) Tj ET " +
				"BT /F1 9 Tf 1 0 0 1 227.52 483.1 Tm (space:) Tj ET BT /F1 9 Tf 1 0 0 1 227.52 472.76 Tm (nowrap;text-) Tj ET Q"},
			want: "shown",
		},
		{
			name: "clip ends with Q",
			page: testPage{content: "q 0 0 100 100 re W n Q BT /F1 10 Tf 300 700 Td (shown) Tj ET"},
			want: "shown",
		},
		{
			name: "clip holds until Q",
			page: testPage{content: "q 0 0 100 100 re W n BT /F1 10 Tf 300 700 Td (hidden) Tj ET Q BT /F1 10 Tf 50 50 Td (shown) Tj ET"},
			want: "shown",
		},
		{
			name: "clips intersect",
			page: testPage{content: "q 0 0 300 300 re W n 100 0 300 300 re W n BT /F1 10 Tf 20 100 Td (left) Tj ET BT /F1 10 Tf 150 100 Td (shown) Tj ET BT /F1 10 Tf 320 100 Td (right) Tj ET Q"},
			want: "shown",
		},
		{
			name: "even-odd clip and a path of lines",
			page: testPage{content: "q 100 100 m 200 100 l 200 200 l 100 200 l h W* n BT /F1 10 Tf 120 150 Td (shown) Tj ET BT /F1 10 Tf 120 250 Td (above) Tj ET Q"},
			want: "shown",
		},
		{
			// The clip is the whole path: a curve bulges past its end
			// points, up to its control points.
			name: "curved clip",
			page: testPage{content: "q 100 100 m 100 300 200 300 200 100 c h W n BT /F1 10 Tf 120 200 Td (shown) Tj ET BT /F1 10 Tf 120 320 Td (above) Tj ET Q"},
			want: "shown",
		},
		{
			name: "clip under the CTM",
			page: testPage{content: "q 2 0 0 2 0 0 cm 50 50 50 50 re W n 1 0 0 1 0 0 cm BT /F1 5 Tf 60 60 Td (shown) Tj ET BT /F1 5 Tf 20 20 Td (outside) Tj ET Q"},
			want: "shown",
		},
		{
			// A line cut through by the cell's edge shows its upper
			// part: read; one that shows only a sliver is not.
			name: "partly clipped",
			page: testPage{content: "q 0 0 595 505 re W n BT /F1 10 Tf 72 502 Td (shown) Tj ET Q q 0 0 595 309 re W n BT /F1 10 Tf 72 309.7 Td (sliver) Tj ET Q"},
			want: "shown",
		},
		{
			name: "clip waits for the path's end",
			page: testPage{content: "q 0 0 100 100 re W BT /F1 10 Tf 300 700 Td (shown) Tj ET n BT /F1 10 Tf 300 650 Td (after) Tj ET Q"},
			want: "shown",
		},
		{
			name: "no clip without W",
			page: testPage{content: "0 0 100 100 re n BT /F1 10 Tf 300 700 Td (shown) Tj ET"},
			want: "shown",
		},
		{
			name: "off the page",
			page: testPage{content: "BT /F1 10 Tf 72 700 Td (shown) Tj 0 200 Td (above) Tj 600 -400 Td (right) Tj ET"},
			want: "shown",
		},
		{
			name: "render modes",
			page: testPage{content: "BT /F1 10 Tf 72 700 Td 0 Tr (fill) Tj 1 Tr ( stroke) Tj 2 Tr ( both) Tj 3 Tr ( invisible) Tj 4 Tr ( clip) Tj 7 Tr ( cliponly) Tj ET"},
			want: "fill|stroke|both|clip",
		},
		{
			name: "render mode lasts past ET, not past Q",
			page: testPage{content: "q BT /F1 10 Tf 3 Tr 72 700 Td (hidden) Tj ET BT /F1 10 Tf 72 680 Td (still) Tj ET Q BT /F1 10 Tf 72 660 Td (shown) Tj ET"},
			want: "shown",
		},
		{
			// A scan's recognized text is drawn invisibly over its image.
			name: "invisible text over an image",
			page: testPage{image: true, content: "q 300 0 0 300 0 400 cm /Im1 Do Q BT /F1 10 Tf 3 Tr 72 600 Td (recognized) Tj 300 0 Td (beside) Tj ET BT /F1 10 Tf 0 Tr 400 300 Td (shown) Tj ET"},
			want: "recognized|shown",
		},
		{
			name: "image in a clip",
			page: testPage{image: true, content: "q 0 400 100 100 re W n q 300 0 0 300 0 400 cm /Im1 Do Q Q BT /F1 10 Tf 3 Tr 50 450 Td (in) Tj 150 0 Td (out) Tj ET BT /F1 10 Tf 0 Tr 400 300 Td (shown) Tj ET"},
			want: "in|shown",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := Pages(buildPDF(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := wordTexts(pages[0]); got != tt.want {
				t.Errorf("words = %q, want %q (%s)", got, tt.want, pageText(pages[0]))
			}
		})
	}
}

// TestDroppedReasons: the survey hook hears every glyph not read, and why.
func TestDroppedReasons(t *testing.T) {
	got := map[string]string{}
	dropped = func(i int, reason string, g glyph) { got[reason] += g.text }
	defer func() { dropped = nil }()
	_, err := Pages(buildPDF(testPage{content: "BT /F1 10 Tf 72 700 Td (shown) Tj 0 200 Td (off) Tj ET " +
		"q 0 0 100 100 re W n BT /F1 10 Tf 300 500 Td (cut) Tj ET Q BT 3 Tr /F1 10 Tf 72 400 Td (ghost) Tj ET"}))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"off the page": "off", "clipped": "cut", "invisible": "ghost"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("reasons %v", got)
	}
}

func TestShown(t *testing.T) {
	clip := rect{0, 0, 100, 100}
	tests := []struct {
		name string
		box  rect
		want bool
	}{
		{"inside", rect{10, 10, 20, 20}, true},
		{"outside", rect{110, 10, 120, 20}, false},
		{"half in", rect{95, 10, 105, 20}, true},
		{"a sliver in", rect{99.5, 10, 109.5, 20}, false},
		{"a tenth in", rect{99, 10, 109, 20}, true},
		{"a sliver below", rect{10, 99.5, 20, 109.5}, false},
		{"narrow glyph inside", rect{50, 10, 50.2, 20}, true},
		{"empty clip", rect{10, 10, 20, 20}, false},
	}
	for _, tt := range tests {
		c := clip
		if strings.HasPrefix(tt.name, "empty") {
			c = rect{50, 50, 40, 40}
		}
		if got := shown(c, tt.box, 10); got != tt.want {
			t.Errorf("%s: shown = %v, want %v", tt.name, got, tt.want)
		}
	}
}
