package templates

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"budgetpack/internal/golden"
)

// TestDecodedCache: decoded.json is the embedded YAML files as they decode
// now; after changing a template, go test ./templates -update rewrites it.
func TestDecodedCache(t *testing.T) {
	got, err := decodeEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if *golden.Update {
		if err := os.WriteFile("decoded.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, decodedJSON) {
		t.Fatal("decoded.json does not match the YAML templates: run go test ./templates -update")
	}
}

// TestEmbeddedAsYAML: the library built from decoded.json is the one the
// YAML files give when loaded and validated as Load does, field for field.
func TestEmbeddedAsYAML(t *testing.T) {
	fromYAML, err := load(embedded, "embedded")
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a, err := json.Marshal(fromYAML)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(fromJSON)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the library from decoded.json differs from the one the YAML files give")
	}
	if len(fromJSON.Sets) < 5 || fromJSON.Set("national") == nil || fromJSON.Set("hebei-2024") == nil {
		t.Errorf("sets %d: national or hebei-2024 missing", len(fromJSON.Sets))
	}
}

// BenchmarkLoad loads the built-in templates as a run does (from
// decoded.json) and as Load does (decoding and validating the YAML).
func BenchmarkLoad(b *testing.B) {
	b.Run("decoded", func(b *testing.B) {
		for b.Loop() {
			if _, err := loadDecoded(decodedJSON); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("yaml", func(b *testing.B) {
		for b.Loop() {
			if _, err := load(embedded, "embedded"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
