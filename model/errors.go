package model

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// InputError is a problem with the input document: where it is (file,
// line, table) and what was expected. Its message is for the user, in
// Chinese with English beside it.
type InputError struct {
	// File is the input file's name.
	File string
	// Line is the source line (1-based), or 0 when the whole file is meant.
	Line int
	// Table is the title of the table concerned, or "".
	Table string
	// Msg says what is wrong and what was expected.
	Msg string
}

// maxMsg bounds the message of an InputError, whatever the input quoted.
const maxMsg = 2000

// Error formats the error as FILE:LINE [TABLE]: MESSAGE.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Table != "" {
		fmt.Fprintf(&b, " [%s]", e.Table)
	}
	b.WriteString(": ")
	msg := e.Msg
	if len(msg) > maxMsg {
		cut := maxMsg
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = fmt.Sprintf("%s…（消息过长，共 %d 字节 message cut, %d bytes）", msg[:cut], len(e.Msg), len(e.Msg))
	}
	b.WriteString(msg)
	return b.String()
}
