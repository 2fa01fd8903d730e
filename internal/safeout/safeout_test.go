package safeout

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// leftovers lists the files of dir that are not in want.
func leftovers(t *testing.T, dir string, want ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	keep := map[string]bool{}
	for _, w := range want {
		keep[w] = true
	}
	var out []string
	for _, e := range entries {
		if !keep[e.Name()] {
			out = append(out, e.Name())
		}
	}
	return out
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestClaimRefusesInputsAndCollisions(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "r.xlsx")
	txt := filepath.Join(dir, "r.txt")
	os.WriteFile(in, []byte("edited"), 0o644)
	os.WriteFile(txt, []byte("text"), 0o644)
	os.Mkdir(filepath.Join(dir, "a"), 0o755)
	os.Mkdir(filepath.Join(dir, "b"), 0o755)
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(in, link); err != nil {
		// Windows without the right to make links: the link case is left out
		os.WriteFile(link, []byte("edited"), 0o644)
		link = in
	}
	ro := filepath.Join(dir, "ro.pdf")
	os.WriteFile(ro, []byte("old"), 0o444)

	r := New([]string{txt, in, filepath.Join(dir, "a", "x.txt"), filepath.Join(dir, "b", "X.txt")})
	tests := []struct{ target, from, want string }{
		{in, txt, "overwrite an input"},
		{link, txt, "overwrite an input"},
		{ro, txt, "read-only"},
		{filepath.Join(dir, "a"), txt, "not a regular file"},
	}
	for _, tt := range tests {
		err := r.Claim(tt.target, tt.from)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Claim(%s) = %v, want %q", tt.target, err, tt.want)
		}
	}
	out := filepath.Join(dir, "out", "x.xlsx")
	if err := r.Claim(out, filepath.Join(dir, "a", "x.txt")); err != nil {
		t.Fatal(err)
	}
	err := r.Claim(filepath.Join(dir, "out", "X.xlsx"), filepath.Join(dir, "b", "X.txt"))
	if err == nil || !strings.Contains(err.Error(), "both inputs would write this file") {
		t.Errorf("second claim of x.xlsx = %v", err)
	}
	if got := leftovers(t, dir, "r.xlsx", "r.txt", "a", "b", "link.xlsx", "ro.pdf"); len(got) != 0 {
		t.Errorf("claiming wrote %v", got)
	}
	if b, _ := os.ReadFile(in); string(b) != "edited" {
		t.Error("the input changed")
	}
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "r.xlsx")
	os.WriteFile(target, []byte("previous"), 0o644)
	r := New(nil)
	if err := r.Claim(target, "in"); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := r.Write(target, func(w io.Writer) error { io.WriteString(w, "half"); return boom }); err != boom {
		t.Errorf("Write = %v", err)
	}
	if err := r.Write(target, writeString("")); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("an empty output was written: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "previous" {
		t.Errorf("target now %q", b)
	}
	fresh := filepath.Join(dir, "fresh.pdf")
	r.Claim(fresh, "in")
	r.Write(fresh, writeString(""))
	if got := leftovers(t, dir, "r.xlsx"); len(got) != 0 {
		t.Errorf("left behind %v", got)
	}
	if err := r.Write(filepath.Join(dir, "other.pdf"), writeString("x")); err == nil {
		t.Error("wrote a target that was not claimed")
	}
}

func TestLongNames(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, strings.Repeat("预", 80)+".xlsx") // 245 bytes
	r := New(nil)
	if err := r.Claim(target, "in"); err != nil {
		t.Fatal(err)
	}
	if err := r.Write(target, writeString("x")); err != nil {
		t.Fatalf("a 245-byte name: %v", err)
	}
	if got := leftovers(t, dir, filepath.Base(target)); len(got) != 0 {
		t.Errorf("left behind %v", got)
	}
}
