// Command symbolfont cuts DejaVu Sans down to the symbol and punctuation
// blocks Chinese faces often lack (≧ ≦ ① → ※ ℃ …) and writes
// fonts/DejaVuSans-symbols.ttf, the PDF writer's face of last resort.
//
//	go run ./scripts/symbolfont [/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf]
//
// (Debian package fonts-dejavu-core.)
package main

import (
	"fmt"
	"os"

	"budgetpack/fonts"
)

// blocks are the Unicode blocks kept.
var blocks = [][2]rune{
	{0x00A0, 0x00FF}, // Latin-1 Supplement
	{0x2000, 0x206F}, // General Punctuation
	{0x2070, 0x209F}, // Superscripts and Subscripts
	{0x20A0, 0x20CF}, // Currency Symbols
	{0x2100, 0x214F}, // Letterlike Symbols
	{0x2150, 0x218F}, // Number Forms
	{0x2190, 0x21FF}, // Arrows
	{0x2200, 0x22FF}, // Mathematical Operators
	{0x2300, 0x23FF}, // Miscellaneous Technical
	{0x2460, 0x24FF}, // Enclosed Alphanumerics
	{0x2500, 0x257F}, // Box Drawing
	{0x2580, 0x259F}, // Block Elements
	{0x25A0, 0x25FF}, // Geometric Shapes
	{0x2600, 0x26FF}, // Miscellaneous Symbols
	{0x2700, 0x27BF}, // Dingbats
	{0x27C0, 0x27EF}, // Miscellaneous Mathematical Symbols-A
	{0x2A00, 0x2AFF}, // Supplemental Mathematical Operators (⩽ ⩾)
}

func main() {
	src := "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if len(os.Args) > 1 {
		src = os.Args[1]
	}
	face, err := fonts.Load(src)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var runes []rune
	for _, b := range blocks {
		for r := b[0]; r <= b[1]; r++ {
			if face.Has(r) {
				runes = append(runes, r)
			}
		}
	}
	sub, err := face.Subset(runes)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile("fonts/DejaVuSans-symbols.ttf", sub.Data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("fonts/DejaVuSans-symbols.ttf: %d characters, %d glyphs, %d bytes\n", len(runes), sub.Glyphs, len(sub.Data))
}
