package pdfin

import "testing"

// TestBoldName tells bold faces by the names the corpus's fonts carry: a
// 黑体 (方正's FZHTK, SimHei, 黑体 in GBK), a Bold weight and 方正's 黑正
// figures are bold; 宋体, 仿宋, 楷体, 小标宋, 白正 figures and 微软雅黑 are not.
func TestBoldName(t *testing.T) {
	tests := []struct {
		name string
		bold bool
	}{
		{"DBCDEE+FZHTK--GBK1-0", true},
		{"LKLDYY+FZHTK--GBK1-0", true},
		{"IBCDEE+E-HZ", true},
		{"ESHXQI+TimesNewRomanPS-BoldMT", true},
		{"SimHei", true},
		{"ABCDEE+\xba\xda\xcc\xe5", true}, // 黑体 in GBK
		{"黑体", true},
		{"GBCDEE+FZXBSK--GBK1-0", false},
		{"HBCDEE+FZFSK--GBK1-0", false},
		{"BBCDEE+FZKTK--GBK1-0", false},
		{"CBCDEE+E-BZ", false},
		{"EBCDEE+E-BX", false},
		{"AUWCNV+TimesNewRomanPSMT", false},
		{"LNUHNF+SimSun", false},
		{"MicrosoftYaHei", false},
		{"ABCDEE+\xcb\xce\xcc\xe5", false}, // 宋体 in GBK
	}
	for _, tt := range tests {
		if got := boldName(tt.name); got != tt.bold {
			t.Errorf("boldName(%q) = %v, want %v", tt.name, got, tt.bold)
		}
	}
}
