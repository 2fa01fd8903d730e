//go:build unix

package templates

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestLoadRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	common, _ := embedded.ReadFile("common.yaml")
	os.WriteFile(filepath.Join(dir, "common.yaml"), common, 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "x.yaml"), 0o644); err != nil {
		t.Skip("no FIFO:", err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "x.yaml 不是普通文件") {
		t.Errorf("Load with a FIFO = %v", err)
	}
}
