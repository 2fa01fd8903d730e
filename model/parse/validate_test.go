package parse

import (
	"encoding/json"
	"strings"
	"testing"

	"budgetpack/model"
)

// mutated returns the Henan model as JSON after change edits its generic form.
func mutated(t *testing.T, change func(d map[string]any)) []byte {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal(encode(t, mustParse(t, henan)), &d); err != nil {
		t.Fatal(err)
	}
	change(d)
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func table(d map[string]any, i int) map[string]any {
	return d["tables"].([]any)[i].(map[string]any)
}

func TestJSONValidatedAsAWhole(t *testing.T) {
	remark := func(row any) func(d map[string]any) {
		return func(d map[string]any) {
			table(d, 3)["remarks"] = []any{map[string]any{"text": "x", "line": 1, "row": row}}
		}
	}
	tests := []struct {
		name   string
		change func(d map[string]any)
		want   string
	}{
		{"remark row -1", remark(-1), "tables[3].remarks[0].row: 行 -1 超出本表"},
		{"remark row past the end", remark(10_000), "tables[3].remarks[0].row: 行 10000 超出本表"},
		{"remark of no column", func(d map[string]any) {
			table(d, 3)["remarks"] = []any{map[string]any{"text": "x", "line": 1, "row": 0, "keys": []any{"nope"}}}
		}, "tables[3].remarks[0].keys[0]: \"nope\" 不是本表的列"},
		{"unit", func(d map[string]any) { table(d, 1)["unit"] = "亿元" }, "tables[1].unit: 单位应为“万元”或“元”"},
		{"document unit", func(d map[string]any) { d["unit"] = "美元" }, "unit: 单位应为"},
		{"column type", func(d map[string]any) {
			table(d, 0)["columns"].([]any)[1].(map[string]any)["type"] = "float"
		}, "tables[0].columns[1].type: 未知的列类型 \"float\""},
		{"value of no column", func(d map[string]any) {
			table(d, 2)["rows"].([]any)[4].(map[string]any)["values"].(map[string]any)["ghost"] = "1.00"
		}, "tables[2].rows[4].values.ghost: 不是本表的数字列"},
		{"negative line", func(d map[string]any) { table(d, 5)["line"] = -3 }, "tables[5].line: 行号 -3 为负"},
		{"line past the places", func(d map[string]any) { d["places"] = []any{map[string]any{"line": 1}} }, "tables[0].line: 位置"},
		{"too many tables", func(d map[string]any) {
			ts := d["tables"].([]any)
			for len(ts) <= maxTables {
				ts = append(ts, ts[0])
			}
			d["tables"] = ts
		}, "tables: 共 1001 项，最多 1000 项"},
		{"no tables and no text", func(d map[string]any) { d["tables"] = []any{}; d["sections"] = []any{} }, "没有表格，也没有文字说明"},
		{"huge amount", func(d map[string]any) {
			table(d, 2)["rows"].([]any)[4].(map[string]any)["values"].(map[string]any)["total"] = strings.Repeat("7", 1_000_000)
		}, "最多 30 位"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Bytes("m.json", mutated(t, tt.change), Options{})
			if err == nil {
				t.Fatalf("accepted (%d tables)", len(doc.Tables))
			}
			if _, ok := err.(*model.InputError); !ok || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			if len(err.Error()) > 600 {
				t.Errorf("message of %d bytes", len(err.Error()))
			}
		})
	}
}

func TestJSONWithBOM(t *testing.T) {
	data := append([]byte("\ufeff"), encode(t, mustParse(t, henan))...)
	doc, err := Bytes("bom.json", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Family != "henan-2023" {
		t.Errorf("family %q", doc.Family)
	}
	if _, err := Bytes("two.json", append(data, []byte("{}")...), Options{}); err == nil || !strings.Contains(err.Error(), "data after") {
		t.Errorf("trailing data: %v", err)
	}
}

func TestReadModelsAreValid(t *testing.T) {
	for _, src := range []string{hebei, henan} {
		if err := validateDocument(mustParse(t, src)); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
}

// TestExplanationsOnly: a model of explanations alone (the tables are in
// another file) reads back from its JSON, as parse writes it for such a
// document; with neither tables nor text the JSON is refused (above).
func TestExplanationsOnly(t *testing.T) {
	data := mutated(t, func(d map[string]any) { d["tables"] = []any{}; d["projects"] = []any{} })
	doc, err := Bytes("m.json", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables) != 0 || len(doc.Sections) == 0 {
		t.Errorf("%d tables, %d sections; want none and the explanations", len(doc.Tables), len(doc.Sections))
	}
}
