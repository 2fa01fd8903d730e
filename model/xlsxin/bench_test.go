package xlsxin_test

import (
	"os"
	"testing"

	"budgetpack/model/xlsxin"
)

func BenchmarkPutuo(b *testing.B) {
	data, err := os.ReadFile(putuo[0])
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := xlsxin.Read(data); err != nil {
			b.Fatal(err)
		}
	}
}
