package check

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestAlteredCorpus changes one figure or sentence of a real disclosure
// (copies of corpus documents: Shanghai in 元, Beijing in 万元 with six
// decimals, Jiangsu in 万元) and expects a new error at the page of the
// change, and nothing new elsewhere.
func TestAlteredCorpus(t *testing.T) {
	tests := []struct {
		name, file string
		// line is a piece of the line to change, old and new the change in it
		line, old, new string
		// insert is a line put after the line instead of a change
		insert string
		rule   string // the rule of the expected error (a prefix)
	}{
		{"shanghai: a changed amount in 支出预算总表", "shanghai-3-2026.txt",
			"201   40   01   行政运行                      39,590,540", "39,590,540    39,590,540", "39,590,640    39,590,540", "", "sum."},
		{"shanghai: ×10 amount next to a 科目 in the prose", "shanghai-3-2026.txt",
			"“社会保障和就业支出”科目886万元", "科目886万元", "科目8,860万元", "", "prose.subject"},
		{"beijing: a changed amount in 支出总表 (six decimals)", "beijing-2-2026.txt",
			"2130201-行政运行         50101-工资奖金津补贴       30101-基本工资", "142.488000   142.488000", "142.498000   142.488000", "", "sum.columns"},
		{"beijing: a note calling a filled table empty", "beijing-1-2026.txt",
			"合   计       10,139.534579          10,139.534579", "", "", "注：本单位无政府性基金预算，此表为空表。", "complete.empty_note_filled"},
		{"jiangsu: a wrong percentage in the prose", "jiangsu-3-2017.txt",
			"增加 150 万元，增长 19.74%", "19.74%", "29.74%", "", "prose.growth"},
		{"jiangsu: ×10 amount in the prose", "jiangsu-3-2017.txt",
			"其他法院支出（项）支出 910 万元", "910 万元", "9100 万元", "", "prose.subject"},
		{"jiangsu: a changed amount in 一般公共预算支出预算表", "jiangsu-3-2017.txt",
			"2040503            机关服务                         1,600.00", "1,600.00", "1,700.00", "", "sum."},
		{"jiangsu: a note calling a filled table empty", "jiangsu-3-2017.txt",
			"2210202            提租补贴                         1,959.99", "", "", "注：本部门无一般公共预算支出，此表为空表。", "complete.empty_note_filled"},
		{"jiangsu: a changed 收入总计 in the 收入预算总表 listed down the page", "jiangsu-3-2017.txt",
			"                                收入总计                       28,849.38", "28,849.38", "28,894.38", "", "cross."},
		{"shanghai: a wrong percentage in the prose", "shanghai-3-2026.txt",
			"  2026年“三公”经费预算数为84.00万元，比2025年预算增加21.00万元。", "增加21.00万元。", "增加21.00万元，增长12.5%。", "", "prose.growth"},
		{"shanghai: a changed count of the 内设机构 listed", "shanghai-3-2026.txt",
			"上海市信访办公室单位设12个内设机构，包括：", "设12个内设机构", "设14个内设机构", "", "prose.count"},
		{"shanghai: one more 内设机构 listed than stated", "shanghai-3-2026.txt",
			"人民建议征集处和市民服务热线管理办公室。", "人民建议征集处和市民服务热线管理办公室。", "人民建议征集处、市民服务热线管理办公室、研究室。", "", "prose.count"},
		{"shanghai: a note calling a filled table empty", "shanghai-3-2026.txt",
			"                  合计                288,280,739         60,046,940    228,233,799", "", "", "注：本单位无一般公共预算支出，此表为空表。", "complete.empty_note_filled"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := os.ReadFile("../testdata/corpus/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			at := strings.Index(text, tc.line)
			if at < 0 || strings.Count(text, tc.line) != 1 {
				t.Fatalf("%q is not one line of %s", tc.line, tc.file)
			}
			page := 1 + strings.Count(text[:at], "\f")
			var altered string
			if tc.insert != "" {
				end := at + strings.IndexByte(text[at:], '\n')
				altered = text[:end+1] + tc.insert + "\n" + text[end+1:]
			} else {
				lineEnd := at + strings.IndexByte(text[at:], '\n')
				lineStart := strings.LastIndexByte(text[:at], '\n') + 1
				line := text[lineStart:lineEnd]
				if !strings.Contains(line, tc.old) {
					t.Fatalf("%q not in the line %q", tc.old, line)
				}
				altered = text[:lineStart] + strings.Replace(line, tc.old, tc.new, 1) + text[lineEnd:]
			}
			before := errorKeys(findings(t, tc.file, data))
			after := findings(t, tc.file, []byte(altered))
			var fresh []Finding
			for _, f := range after {
				if f.Severity == Error && !before[errorKey(f)] {
					fresh = append(fresh, f)
				}
			}
			if len(fresh) == 0 {
				t.Fatalf("no new error after the change")
			}
			want := fmt.Sprintf("第 %d 页", page)
			found := false
			for _, f := range fresh {
				if strings.HasPrefix(f.Rule, tc.rule) && strings.Contains(f.Place, want) {
					found = true
				}
				if !strings.Contains(f.Place, want) && !strings.HasPrefix(f.Rule, "cross.") {
					t.Errorf("a new error away from the change (%s): %s %s", want, f.Place, f.Message)
				}
			}
			if !found {
				for _, f := range fresh {
					t.Logf("%s %s %s", f.Rule, f.Place, f.Message)
				}
				t.Errorf("no %s error on %s", tc.rule, want)
			}
		})
	}
}

// errorKey identifies a finding across two readings of almost the same text.
func errorKey(f Finding) string { return f.Rule + "|" + f.Place + "|" + f.Row + "|" + f.Column }

func errorKeys(fs []Finding) map[string]bool {
	m := map[string]bool{}
	for _, f := range fs {
		if f.Severity == Error {
			m[errorKey(f)] = true
		}
	}
	return m
}
