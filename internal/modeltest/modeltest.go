// Package modeltest compares budget models in the tests of the readers:
// a document read from one format against the same document read from
// another, where only what depends on the file may differ.
package modeltest

import (
	"encoding/json"
	"strings"
	"testing"

	"budgetpack/model"
)

// comparable encodes doc as indented JSON without the object keys named
// in drop, at any depth.
func comparable(t testing.TB, doc *model.Document, drop ...string) string {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var strip func(any) any
	strip = func(o any) any {
		switch x := o.(type) {
		case map[string]any:
			for _, k := range drop {
				delete(x, k)
			}
			for k, e := range x {
				x[k] = strip(e)
			}
		case []any:
			for i, e := range x {
				x[i] = strip(e)
			}
		}
		return o
	}
	out, err := json.MarshalIndent(strip(v), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// Same fails t where the two models differ in anything but the object
// keys named in drop, at any depth (what depends on the file rather than
// on the budget: source name, layout, source lines, places), showing the
// first line of their JSON that differs under each model's name: a whole
// diff of two models is too long to read in a test log.
func Same(t testing.TB, wantName string, want *model.Document, gotName string, got *model.Document, drop ...string) {
	t.Helper()
	a, b := comparable(t, want, drop...), comparable(t, got, drop...)
	if a == b {
		return
	}
	wl, gl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range wl {
		if i >= len(gl) || wl[i] != gl[i] {
			t.Fatalf("models differ at line %d:\n %s %s\n %s %s", i+1, wantName, wl[i], gotName, gl[min(i, len(gl)-1)])
		}
	}
	t.Fatal("models differ in length")
}
