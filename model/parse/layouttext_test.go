package parse

import (
	"os"
	"path/filepath"
	"testing"

	"budgetpack/model/layouttext"
)

// TestDetectLayoutText checks that pdftotext -layout output is told by its
// shape, and that the seeds keep their own layouts.
func TestDetectLayoutText(t *testing.T) {
	sample := "                               预算01表 收支总表\n" +
		"                                                     金额单位：万元\n" +
		"             项   目           预算数                项   目    预算数\n" +
		"一、一般公共预算拨款收入          17,921.44 一、一般公共服务支出\n" +
		"五、事业收入                         5.00 五、教育支出\n\f"
	if got, err := Detect("x.txt", []byte(sample)); err != nil || got != layouttext.Layout {
		t.Errorf("sample: %q, %v; want %q", got, err, layouttext.Layout)
	}
	for _, seed := range []string{hebei, henan} {
		data, err := os.ReadFile(seed)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := Detect(seed, data); got == layouttext.Layout {
			t.Errorf("%s detected as %s", filepath.Base(seed), got)
		}
	}
	// The corpus texts, where present, are detected too.
	files, _ := filepath.Glob("../../../shared/corpus/*.txt")
	for _, f := range files[:min(len(files), 3)] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := Detect(f, data); err != nil || got != layouttext.Layout {
			t.Errorf("%s: %q, %v", filepath.Base(f), got, err)
		}
	}
}
