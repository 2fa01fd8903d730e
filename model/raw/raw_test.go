package raw

import "testing"

func TestPlaceString(t *testing.T) {
	for _, tc := range []struct {
		p    Place
		want string
	}{
		{Place{Page: 5}, "第 5 页"},
		{Place{File: "附表.pdf", Page: 3, Line: 2}, "附表.pdf 第 3 页 第 2 行"},
		{Place{File: "附表.xlsx", Sheet: "收支总表", Ref: "E9"}, "附表.xlsx 工作表“收支总表” E9"},
		{Place{File: "说明.txt", Line: 12}, "说明.txt 第 12 行"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.p, got, tc.want)
		}
	}
}
