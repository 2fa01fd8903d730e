package fonts

import (
	_ "embed"
	"sync"
)

// symbolsTTF is DejaVu Sans cut to the symbol and punctuation blocks
// (scripts/symbolfont); license in LICENSE-dejavu.txt.
//
//go:embed DejaVuSans-symbols.ttf
var symbolsTTF []byte

var symbolsFace = sync.OnceValues(func() (*Face, error) {
	return newFace("embedded:DejaVuSans-symbols.ttf", "DejaVuSans-symbols.ttf", symbolsTTF)
})

// Symbols returns the embedded symbol face, DejaVu Sans cut to General
// Punctuation, Letterlike Symbols, Number Forms, Arrows, Mathematical
// Operators, Miscellaneous Technical, Enclosed Alphanumerics, Geometric
// Shapes and the like (≧ ≦ ① → ※ ℃ …), which Chinese faces often lack. It
// is meant for the characters neither Default nor Fallback has. Every call
// returns the same Face.
func Symbols() (*Face, error) { return symbolsFace() }
