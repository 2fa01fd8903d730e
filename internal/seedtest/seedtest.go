// Package seedtest prepares the seed documents (testdata/*.txt) for the
// tests of the writers and the server as the command line does: read,
// checked, and laid out with their findings.
package seedtest

import (
	"testing"

	"budgetpack/check"
	"budgetpack/model"
	"budgetpack/model/parse"
	"budgetpack/render/grid"
	"budgetpack/render/layout"
)

// Checked reads the document at path and runs every check on it.
func Checked(tb testing.TB, path string) (*model.Document, []check.Finding) {
	tb.Helper()
	doc := read(tb, path)
	return doc, findings(tb, doc)
}

// Book lays out the document at path as the 公开版 (review false) or the
// 审核版 (shading, comments, the discrepancy appendix).
func Book(tb testing.TB, path string, review bool) *grid.Book {
	tb.Helper()
	return BookOf(tb, read(tb, path), review)
}

// BookOf lays out doc, with the findings of every check, as Book does.
func BookOf(tb testing.TB, doc *model.Document, review bool) *grid.Book {
	tb.Helper()
	book, err := layout.Build(doc, layout.Options{Findings: findings(tb, doc), Review: review})
	if err != nil {
		tb.Fatalf("layout %s: %v", doc.Source, err)
	}
	return book
}

func read(tb testing.TB, path string) *model.Document {
	tb.Helper()
	doc, err := parse.File(path, parse.Options{})
	if err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	return doc
}

func findings(tb testing.TB, doc *model.Document) []check.Finding {
	tb.Helper()
	fs, err := check.Run(doc, nil)
	if err != nil {
		tb.Fatalf("check %s: %v", doc.Source, err)
	}
	return fs
}
