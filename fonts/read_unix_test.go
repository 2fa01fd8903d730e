//go:build unix

package fonts

import (
	"strings"
	"testing"
	"time"
)

func TestLoadRefusesDevices(t *testing.T) {
	start := time.Now()
	_, err := Load("/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Load(/dev/zero) = %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
}
