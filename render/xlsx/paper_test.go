package xlsx

import "testing"

// TestPrintsAtSevenPoints: every sheet of both seeds prints, as
// LibreOffice sets it, with its 10 pt body at 7 pt or more; the narrative
// needs no scaling at all.
func TestPrintsAtSevenPoints(t *testing.T) {
	for _, path := range seeds {
		book := seedBookWith(t, path, true)
		for _, s := range book.Sheets {
			n := len(s.Widths)
			widths := columnWidths(s, n)
			p := choosePaper(s, widths)
			if sc := printScale(widths, p); sc*bodySize < 7-1e-9 {
				t.Errorf("%s %s prints at %.1f pt (paper %d, landscape %v, %d wide)", path, s.Name, sc*bodySize, p.size, p.landscape, p.wide)
			}
			if s.Name == "文字说明" && (printScale(widths, p) < 1 || p.landscape) {
				t.Errorf("%s: the narrative is scaled or turned: %+v", path, p)
			}
		}
	}
}
