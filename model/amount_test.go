package model

import (
	"encoding/json"
	"testing"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		places  int32
		blank   bool
		wantErr bool
	}{
		{in: "1673.35", want: "1673.35", places: 2},
		{in: "0.30", want: "0.30", places: 2},
		{in: "141.00", want: "141.00", places: 2},
		{in: "0", want: "0", places: 0},
		{in: " 7.35 ", want: "7.35", places: 2},
		{in: "1,234.50", want: "1234.50", places: 2},
		{in: "-2.5", want: "-2.5", places: 1},
		{in: "", blank: true},
		{in: "   ", blank: true},
		{in: "\u3000", blank: true},
		{in: "一千", wantErr: true},
		{in: "12a", wantErr: true},
		{in: "1e5", wantErr: true},
		{in: "1.2.3", wantErr: true},
		{in: ".", wantErr: true},
		{in: "63%", wantErr: true},
	}
	for _, tt := range tests {
		a, err := ParseAmount(tt.in)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParseAmount(%q) = %v, want an error", tt.in, a)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseAmount(%q): %v", tt.in, err)
			continue
		}
		if a.IsBlank() != tt.blank {
			t.Errorf("ParseAmount(%q).IsBlank() = %v, want %v", tt.in, a.IsBlank(), tt.blank)
		}
		if tt.blank {
			continue
		}
		if a.String() != tt.want || a.Places() != tt.places {
			t.Errorf("ParseAmount(%q) = %q (%d places), want %q (%d places)", tt.in, a.String(), a.Places(), tt.want, tt.places)
		}
	}
}

func TestAmountJSON(t *testing.T) {
	type row struct {
		A Amount `json:"a"`
		B Amount `json:"b"`
	}
	in := row{A: MustAmount("0.30"), B: Blank}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != `{"a":"0.30","b":null}` {
		t.Fatalf("marshal = %s", data)
	}
	var out row
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if !out.A.Equal(in.A) || !out.B.IsBlank() {
		t.Fatalf("round trip = %+v, want %+v", out, in)
	}
	for _, bad := range []string{`{"a":0.3}`, `{"a":"x"}`, `{"a":""}`} {
		if err := json.Unmarshal([]byte(bad), &out); err == nil {
			t.Errorf("Unmarshal(%s) succeeded, want an error", bad)
		}
	}
}

func TestAmountEqualTellsBlankFromZero(t *testing.T) {
	if Blank.Equal(MustAmount("0")) {
		t.Fatal("a blank cell equals a zero")
	}
	if MustAmount("0.30").Equal(MustAmount("0.3")) {
		t.Fatal("0.30 equals 0.3 although the published digits differ")
	}
	if !MustAmount("7.35").Equal(MustAmount("7.35")) {
		t.Fatal("7.35 differs from itself")
	}
}

// TestAmountGrouped prints figures with thousands separators and their
// published decimals, and tells a figure printed with separators.
func TestAmountGrouped(t *testing.T) {
	tests := []struct {
		in, want  string
		separated bool
	}{
		{"17921.443777", "17,921.443777", false},
		{"1,234.50", "1,234.50", true},
		{"471452100", "471,452,100", false},
		{"471,452,100", "471,452,100", true},
		{"999.99", "999.99", false},
		{"-1234567.5", "-1,234,567.5", false},
		{"0.00", "0.00", false},
		{"100", "100", false},
	}
	for _, tt := range tests {
		a, err := ParseAmount(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Grouped(); got != tt.want {
			t.Errorf("ParseAmount(%q).Grouped() = %q, want %q", tt.in, got, tt.want)
		}
		if got := HasSeparator(tt.in); got != tt.separated {
			t.Errorf("HasSeparator(%q) = %v, want %v", tt.in, got, tt.separated)
		}
	}
	if Blank.Grouped() != "" || HasSeparator("甲,乙") || HasSeparator("") {
		t.Error("a blank or a text is no grouped figure")
	}
}
