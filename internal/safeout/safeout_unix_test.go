//go:build unix

package safeout

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"budgetpack/internal/signaltest"
)

func TestWriteHonorsUmaskAndKeepsMode(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	r := New(nil)
	fresh := filepath.Join(dir, "fresh.pdf")
	kept := filepath.Join(dir, "kept.pdf")
	os.WriteFile(kept, []byte("old"), 0o600)
	os.Chmod(kept, 0o600)
	for _, p := range []string{fresh, kept} {
		if err := r.Claim(p, "in"); err != nil {
			t.Fatal(err)
		}
		if err := r.Write(p, writeString("new")); err != nil {
			t.Fatal(err)
		}
	}
	for p, want := range map[string]os.FileMode{fresh: 0o640, kept: 0o600} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s mode %o, want %o", filepath.Base(p), info.Mode().Perm(), want)
		}
	}
	if got := leftovers(t, dir, "fresh.pdf", "kept.pdf"); len(got) != 0 {
		t.Errorf("left behind %v", got)
	}
}

// TestSignalRemovesTemp runs a write that blocks in a child process,
// sends it SIGTERM and SIGINT, and looks for what it left.
func TestSignalRemovesTemp(t *testing.T) {
	if dir := os.Getenv("SAFEOUT_CHILD_DIR"); dir != "" {
		r := New(nil)
		target := filepath.Join(dir, "r.pdf")
		r.Claim(target, "in")
		r.OnSignal(os.Exit)
		r.Write(target, func(w io.Writer) error {
			io.WriteString(w, "partial")
			os.WriteFile(filepath.Join(dir, "ready"), nil, 0o644)
			time.Sleep(time.Minute)
			return nil
		})
		os.Exit(0)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		dir := t.TempDir()
		err := signaltest.Interrupt(t, "^TestSignalRemovesTemp$", []string{"SAFEOUT_CHILD_DIR=" + dir}, filepath.Join(dir, "ready"), sig)
		var ee *exec.ExitError
		want := 128 + int(sig)
		if !errors.As(err, &ee) || ee.ExitCode() != want {
			t.Errorf("%v: child ended with %v, want exit %d", sig, err, want)
		}
		if got := leftovers(t, dir, "ready"); len(got) != 0 {
			t.Errorf("%v left behind %v", sig, got)
		}
	}
}
