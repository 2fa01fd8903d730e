package pdf

import (
	"errors"
	"fmt"
	"strings"

	"budgetpack/fonts"
	"budgetpack/render/grid"
)

// CheckFont makes sure that the user's font (a --font spec; "" is the
// embedded face, which the fallback face completes, and passes) has every
// character the book draws. A font chosen by the user is the face the
// reader sees: a character it lacks would be set in another typeface, so
// the missing characters are an error that names the font and them.
func CheckFont(b *grid.Book, spec string) error {
	if spec == "" || b == nil {
		return nil
	}
	face, err := fonts.Load(spec)
	if err != nil {
		return err
	}
	var text strings.Builder
	text.WriteString(fmt.Sprintf(footerFormat, 1, 1))
	for _, s := range b.Sheets {
		text.WriteString(s.Title)
		for _, row := range s.Rows {
			for _, c := range row.Cells {
				if !c.Covered {
					text.WriteString(display(c))
				}
			}
		}
	}
	err = face.Check(text.String())
	var miss *fonts.MissingError
	if !errors.As(err, &miss) {
		return err
	}
	shown := miss.Runes
	more := ""
	if len(shown) > 30 {
		shown, more = shown[:30], fmt.Sprintf(" 等共 %d 个", len(miss.Runes))
	}
	return fmt.Errorf("字体 %s（%s）缺少本文件要用的字符：%s%s。请改用含有这些字符的中文 TrueType 字体（如宋体 simsun.ttc#0、仿宋、黑体），或不加 --font 使用内置宋体",
		face.Name, face.Source, string(shown), more)
}
