//go:build unix

package parse

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"budgetpack/model"
)

func TestReadInputRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFO:", err)
	}
	for path, want := range map[string]string{
		"/dev/zero": "设备 device",
		fifo:        "管道 pipe",
		dir:         "文件夹 folder",
	} {
		start := time.Now()
		_, err := File(path, Options{})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("File(%s) = %v, want %q", path, err, want)
		}
		if _, ok := err.(*model.InputError); !ok {
			t.Errorf("File(%s): %T is not an InputError", path, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("File(%s) took %v", path, d)
		}
	}
}
