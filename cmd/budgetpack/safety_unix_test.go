//go:build unix

package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"budgetpack/internal/signaltest"
	"budgetpack/render/grid"
)

// TestRenderInterrupted runs render in a child process whose xlsx writer
// stalls after its first bytes, stops it with SIGTERM or SIGINT, and
// looks for what it left.
func TestRenderInterrupted(t *testing.T) {
	if out := os.Getenv("BUDGETPACK_INTERRUPT_OUT"); out != "" {
		writers["xlsx"] = func(w io.Writer, _ *grid.Book, _ string) error {
			io.WriteString(w, "PK partial")
			os.WriteFile(filepath.Join(filepath.Dir(out), "ready"), nil, 0o644)
			time.Sleep(time.Minute)
			return nil
		}
		os.Exit(run([]string{"render", "-o", out, "--format", "xlsx", henan}, io.Discard, io.Discard))
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		os.MkdirAll(out, 0o755)
		os.WriteFile(filepath.Join(out, "henan-hongqi-gongxin-2023.xlsx"), []byte("the previous pack"), 0o644)
		err := signaltest.Interrupt(t, "^TestRenderInterrupted$", []string{"BUDGETPACK_INTERRUPT_OUT=" + out}, filepath.Join(dir, "ready"), sig)
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 128+int(sig) {
			t.Errorf("%v: render ended with %v, want exit %d", sig, err, 128+int(sig))
		}
		if got := files(t, out); strings.Join(got, " ") != "henan-hongqi-gongxin-2023.xlsx" {
			t.Errorf("%v: out holds %v", sig, got)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "henan-hongqi-gongxin-2023.xlsx")); string(b) != "the previous pack" {
			t.Errorf("%v: the previous pack was replaced", sig)
		}
	}
}
