package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"budgetpack/internal/golden"
	"budgetpack/model"
)

const (
	hebei = "../../testdata/hebei-xushui-gongxin-2024.txt"
	henan = "../../testdata/henan-hongqi-gongxin-2023.txt"
)

func mustParse(t testing.TB, path string) *model.Document {
	t.Helper()
	doc, err := File(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func encode(t testing.TB, doc *model.Document) []byte { return golden.JSON(t, doc) }

func TestGolden(t *testing.T) {
	for _, src := range []string{hebei, henan} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			golden.Check(t, filepath.Join("../../testdata/golden", strings.TrimSuffix(filepath.Base(src), ".txt")+".json"), encode(t, mustParse(t, src)))
		})
	}
}

func TestTablesAndRowCounts(t *testing.T) {
	tests := []struct {
		src      string
		family   string
		dept     model.Department
		year     int
		tables   []string // kind:rows
		projects int
	}{
		{
			src: hebei, family: "hebei-2024", dept: model.Department{Code: "304", Name: "保定市徐水区工业和信息化局"}, year: 2024,
			tables: []string{
				"income_expense_summary:34", "income_summary:18", "expenditure_summary:18", "appropriation_summary:37",
				// the empty 政府性基金 and 国有资本经营 forms print one blank row under 栏次
				"gpb_expenditure:18", "gpb_basic:25", "fund_expenditure:1", "soe_expenditure:1", "three_public:9",
				"institutions:1", "procurement:10", "assets:6",
			},
			projects: 12,
		},
		{
			src: henan, family: "henan-2023", dept: model.Department{Code: "042", Name: "新乡市红旗区工业和信息化局"}, year: 2023,
			tables: []string{
				"income_expense_summary:33", "income_summary:3", "expenditure_summary:6", "appropriation_summary:33",
				"gpb_expenditure:5", "gpb_basic:18", "econ_summary:20", "three_public:1", "fund_expenditure:1",
				"project_expenditure:6", "overall_performance:38", "project_performance_summary:17",
			},
			projects: 4,
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.src), func(t *testing.T) {
			doc := mustParse(t, tt.src)
			if doc.Family != tt.family || doc.Department != tt.dept || doc.Year != tt.year || doc.Unit != "万元" {
				t.Errorf("document = %s %+v %d %s", doc.Family, doc.Department, doc.Year, doc.Unit)
			}
			var got []string
			for _, tab := range doc.Tables {
				got = append(got, tab.Kind+":"+strconv.Itoa(len(tab.Rows)))
			}
			if strings.Join(got, " ") != strings.Join(tt.tables, " ") {
				t.Errorf("tables:\n got %v\nwant %v", got, tt.tables)
			}
			if len(doc.Projects) != tt.projects {
				t.Errorf("got %d projects, want %d", len(doc.Projects), tt.projects)
			}
		})
	}
}

// cell finds the value of column key in the row with code (or name) of the table.
func cell(t *testing.T, doc *model.Document, kind, row, key string) string {
	t.Helper()
	tab := doc.TableByKind(kind)
	if tab == nil {
		t.Fatalf("no table %s", kind)
	}
	for _, r := range tab.Rows {
		if r.Code == row || r.Name == row || r.Key == row {
			a, ok := r.Values[key]
			if !ok {
				if s, ok := r.Texts[key]; ok {
					return s
				}
				t.Fatalf("%s row %s has no column %s", kind, row, key)
			}
			if a.IsBlank() {
				return "<blank>"
			}
			return a.String()
		}
	}
	t.Fatalf("%s has no row %s", kind, row)
	return ""
}

func TestSampleCells(t *testing.T) {
	hb, hn := mustParse(t, hebei), mustParse(t, henan)
	tests := []struct {
		doc            *model.Document
		kind, row, key string
		want           string
	}{
		{hb, "expenditure_summary", "2060199", "total", "577.87"},
		{hb, "expenditure_summary", "2060199", "basic", "530.22"},
		{hb, "expenditure_summary", "2060199", "project", "47.66"},
		{hb, "expenditure_summary", "2060101", "project", "<blank>"},
		{hb, "expenditure_summary", "合计", "total", "1673.35"},
		{hb, "income_summary", "2080502", "income.appropriation", "106.31"},
		{hb, "income_summary", "2080502", "carryover", "<blank>"},
		{hb, "gpb_basic", "30217", "public", "0.06"},
		{hb, "three_public", "vehicle.operation", "gpb", "7.29"},
		{hb, "income_expense_summary", "inc.gpb", "income", "1673.35"},
		{hb, "procurement", "空调机", "quantity", "3"},
		{hb, "procurement", "空调机", "catalog", "A02061804"},
		{hb, "assets", "total", "value", "112.69"},
		{hn, "gpb_basic", "30239", "total", "3.06"},
		{hn, "gpb_basic", "30239", "public", "3.06"},
		{hn, "gpb_basic", "30239", "gov_code", "50201"},
		{hn, "expenditure_summary", "2011301", "basic.wages", "101.54"},
		{hn, "expenditure_summary", "2011301", "basic.goods", "8.84"},
		{hn, "expenditure_summary", "2150805", "project.target", "141.00"},
		{hn, "econ_summary", "30201", "total", "7.10"},
		{hn, "three_public", "", "vehicle.operation", "0"},
		{hn, "project_expenditure", "工作经费", "type", "其他运转类"},
		{hn, "appropriation_summary", "inc.carry.gpb", "income", "141.00"},
	}
	for _, tt := range tests {
		if got := cell(t, tt.doc, tt.kind, tt.row, tt.key); got != tt.want {
			t.Errorf("%s %s / %s = %s, want %s", tt.kind, tt.row, tt.key, got, tt.want)
		}
	}
}

func TestStructure(t *testing.T) {
	hb, hn := mustParse(t, hebei), mustParse(t, henan)
	// Hebei: the project 劳务派遣人员费用 with its 8 indicators.
	var p *model.Project
	for i := range hb.Projects {
		if hb.Projects[i].Name == "劳务派遣人员费用" {
			p = &hb.Projects[i]
		}
	}
	if p == nil {
		t.Fatal("no project 劳务派遣人员费用")
	}
	if p.Code != "13062524P00001510415M" || p.Amounts["total"].String() != "32.82" || len(p.Indicators) != 8 {
		t.Errorf("project = %s %s, %d indicators", p.Code, p.Amounts["total"], len(p.Indicators))
	}
	cost := p.Indicators[5]
	if cost.Level1 != "产出指标" || cost.Level2 != "成本指标" || cost.Level3 != "劳务派遣人员费用" || cost.Value != "≤328225元" {
		t.Errorf("cost indicator = %+v", cost)
	}
	if len(p.Plan) != 4 || p.Plan[3].Period != "12月底" || p.Plan[3].Percent.String() != "100" {
		t.Errorf("plan = %+v", p.Plan)
	}
	if !strings.Contains(p.Goal, "4.聘用1名厨师") {
		t.Errorf("goal lost its later paragraphs: %q", p.Goal)
	}
	// Hebei: the 三公 其中 rows are parts, the empty tables keep their notes.
	if r := hb.TableByKind("three_public").Rows[4]; r.Role != model.RolePart || r.Key != "abroad.other" {
		t.Errorf("三公 row 5 = %+v", r.Label)
	}
	if n := hb.TableByKind("fund_expenditure").Notes; len(n) != 1 || !strings.Contains(n[0].Text, "空表列示") {
		t.Errorf("fund table notes = %+v", n)
	}
	if hb.Overall == nil || !strings.Contains(hb.Overall.Goal, "培育创新型中小企业30家") {
		t.Error("Hebei overall goal missing")
	}
	// Henan: a cell split over a page break is joined again.
	var wr *model.Project
	for i := range hn.Projects {
		if hn.Projects[i].Name == "万人助万企" {
			wr = &hn.Projects[i]
		}
	}
	if wr == nil || wr.Indicators[0].Level3 != "助力企业工作总成本" || wr.Indicators[3].Level3 != "企业满意率" {
		t.Errorf("万人助万企 indicators = %+v", wr)
	}
	if hn.Overall == nil || len(hn.Overall.Budget) != 6 || hn.Overall.Budget[0].Amount.String() != "283.98" {
		t.Errorf("Henan overall = %+v", hn.Overall)
	}
	// Henan: a two-sided row carries both labels.
	r := hn.TableByKind("income_expense_summary").Rows[0]
	if r.Key != "inc.gpb" || r.Pair == nil || r.Pair.Code != "201" || r.Values["expense"].String() != "142.98" {
		t.Errorf("收支总表 row 1 = %+v pair %+v", r.Label, r.Pair)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, src := range []string{hebei, henan} {
		first := encode(t, mustParse(t, src))
		doc, err := Bytes("model.json", first, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if second := encode(t, doc); !bytes.Equal(first, second) {
			t.Errorf("%s: parse → JSON → parse changed the model", src)
		}
	}
}

func TestBadInput(t *testing.T) {
	seed, err := os.ReadFile(hebei)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(seed), "\n")
	// cut the income summary in the middle of row 3 (line 301 is its fifth cell)
	cut := strings.Join(lines[:301], "\n") + "\n"
	textInMoney := strings.Replace(string(seed), "\t577.87\n\t577.87\n\t577.87\n", "\t577.87\n\t五百七十七\n\t577.87\n", 1)
	tests := []struct {
		name, data string
		want       []string
	}{
		{"empty", "", []string{"empty.txt", "文件为空"}},
		{"blank lines", "\n \n\t\n", []string{"文件为空"}},
		{"binary", "\x00\x01binary\xff", []string{"binary.txt", "不是 UTF-8 文本"}},
		{"damaged zip", "PK\x03\x04\x00\x00binary", []string{"ZIP 压缩包", "已损坏"}},
		{"old office file", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", []string{"旧版 Office 文件", "另存为"}},
		{"prose only", "这是一段文字。\n没有表格。\n", []string{"没有找到表格"}},
		{"no recognizable table", "\t甲\n\t乙\n\n\t丙\n\t丁\n\n\t戊\n", []string{"未找到可识别的预算表"}},
		{"cut off mid-row", cut, []string{":301", "[部门预算收入总表]", "表格在此行中断", "5 个单元格"}},
		{"text in a money column", textInMoney, []string{":329", "[部门预算收入总表]", "“小计”列应为数字", "五百七十七"}},
		{"bad json", "{\"family\": 3}", []string{"不是有效的 budgetpack 模型 JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := strings.ReplaceAll(tt.name, " ", "-") + ".txt"
			if tt.name == "empty" || tt.name == "binary" {
				name = tt.name + ".txt"
			}
			_, err := Bytes(name, []byte(tt.data), Options{})
			if err == nil {
				t.Fatal("no error")
			}
			var ie *model.InputError
			if !asInputError(err, &ie) {
				t.Fatalf("error %T is not an InputError: %v", err, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func asInputError(err error, target **model.InputError) bool {
	ie, ok := err.(*model.InputError)
	if ok {
		*target = ie
	}
	return ok
}

func FuzzBytes(f *testing.F) {
	// Small excerpts: the fuzzer mutates large inputs slowly, and the
	// whole seeds are covered by the tests above.
	for _, src := range []string{hebei, henan} {
		data, err := os.ReadFile(src)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:6000])
	}
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Bytes("fuzz.txt", data, Options{})
		if err != nil {
			if _, ok := err.(*model.InputError); !ok {
				t.Fatalf("error %T is not an InputError: %v", err, err)
			}
			return
		}
		if doc == nil {
			t.Fatal("nil document without an error")
		}
		// whatever a reader makes is a model the JSON reader accepts
		if err := validateDocument(doc); err != nil {
			t.Fatalf("the model read is not valid: %v", err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	for _, src := range []string{hebei, henan} {
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(src), func(b *testing.B) {
			for b.Loop() {
				if _, err := Bytes(src, data, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
