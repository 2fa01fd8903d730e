package parse

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"budgetpack/model"
)

func TestReadInputSizeLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// 200 MB, sparse: the limit is checked before anything is read
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err = File(big, Options{})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "上限 64.0 MB") || !strings.Contains(err.Error(), "--max-size") {
		t.Errorf("File(200 MB) = %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing a 200 MB file allocated %d bytes", alloc)
	}
	if elapsed > time.Second {
		t.Errorf("refusing a 200 MB file took %v", elapsed)
	}
	// a smaller limit, and the bound of the read itself
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte(strings.Repeat("x", 5000)), 0o644)
	if _, err := readInput(small, 4096); err == nil || !strings.Contains(err.Error(), "上限 4096 字节") {
		t.Errorf("readInput over the limit = %v", err)
	}
	if data, err := readInput(small, 5000); err != nil || len(data) != 5000 {
		t.Errorf("readInput at the limit = %d bytes, %v", len(data), err)
	}
}

func TestHugeAmountShortMessage(t *testing.T) {
	data, err := os.ReadFile(henan)
	if err != nil {
		t.Fatal(err)
	}
	// the first figure of the text becomes a million digits
	s := string(data)
	i := strings.Index(s, "\t2")
	j := i + 1
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
		j++
	}
	huge := s[:i+1] + strings.Repeat("9", 1_000_000) + ".5" + s[j:]
	_, err = Bytes("huge.txt", []byte(huge), Options{})
	if err == nil {
		t.Fatal("a million-digit amount was read")
	}
	if len(err.Error()) > 600 {
		t.Errorf("message of %d bytes: %.300s", len(err.Error()), err)
	}
	if _, err := model.ParseAmount(strings.Repeat("1", 31)); err == nil || !strings.Contains(err.Error(), "最多 30 位") {
		t.Errorf("31 digits: %v", err)
	}
}
