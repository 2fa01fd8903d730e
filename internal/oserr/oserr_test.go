package oserr

import (
	"os"
	"strings"
	"testing"
)

func TestChineseWords(t *testing.T) {
	_, err := os.Open("/no/such/file.txt")
	if got := Message(err); got != "/no/such/file.txt：文件或文件夹不存在" {
		t.Errorf("Message = %q", got)
	}
	_, err = os.ReadFile(t.TempDir())
	if got := Reason(err); !strings.Contains(got, "文件夹") {
		t.Errorf("Reason of a folder = %q", got)
	}
	for _, err := range []error{os.ErrPermission, os.ErrExist} {
		if got := Message(err); strings.ContainsAny(got, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("Message(%v) = %q has English", err, got)
		}
	}
}
