package model

import (
	"fmt"
	"strings"
)

// InputError is a problem with the input document: where it is (file,
// line, table) and what was expected. Its message is for the user, in
// Chinese with English beside it.
type InputError struct {
	File  string
	Line  int
	Table string
	Msg   string
}

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
	b.WriteString(e.Msg)
	return b.String()
}
