package check

import (
	"strings"
	"testing"

	"budgetpack/model"
)

func TestProseListCounts(t *testing.T) {
	tests := []struct {
		name  string
		prose []string
		rule  string // the rule of the one expected error, "" for none
		want  string // a piece of its message
	}{
		// guangzhou-3-2026 and shanghai-3-2026 as printed
		{"colon list as printed", []string{"广州市应急管理局共14个内设机构：办公室、政策法规处（审批管理处）、新闻宣教处、应急指挥处、综合协调处、科技和统计处、应急救援和预案管理处、综合减灾和物资保障处、火灾防治管理处、汛旱风灾害救援处、危险化学品安全监管处、安全生产基础处、执法监督和调查评估处、人事处以及机关党委（不纳入内设机构数）。三个独立核算事业单位：广州市安全生产应急救援指挥中心，广州市地震局，广州市地震监测中心。"}, "", ""},
		{"last two joined by 和", []string{"上海市信访办公室单位设12个内设机构，包括：秘书处、组织人事处、办信处、接访处、来访协调处、网上信访处、法规处、督查处、综合处、信息技术处、人民建议征集处和市民服务热线管理办公室。"}, "", ""},
		{"one item too many", []string{"内设9个处室，分别为办公室、组织人事处、权益保障处、综合指导处、接待一处、接待二处、来信投诉处、驻京信访处、督查处、法规处。"}, "prose.count", "称有 9 项，但其后列出 10 项"},
		{"Chinese numeral, one short", []string{"下属共有三所监狱，分别是甲监狱、乙监狱。"}, "prose.count", "称有 3 项，但其后列出 2 项"},
		{"二十七 as stated", []string{"二十七个机构分别是：" + strings.Repeat("某处、", 26) + "某处，纳入局本级编制预算的还有纪检监察组。"}, "", ""},
		{"comma list", []string{"三个独立核算事业单位：甲中心，乙局，丙中心，丁中心。"}, "prose.count", "称有 3 项，但其后列出 4 项"},
		{"semicolon separated groups", []string{"下属共有3所监狱，分别是甲监狱、乙监狱、丙监狱；7个强制隔离戒毒所，分别是甲所、乙所、丙所、丁所、戊所、己所、庚所；以及1个法制教育管理所等17个二级预算单位。"}, "", ""},
		{"enumerated in following paragraphs", []string{"2026年审计工作重点围绕以下3个方面展开：", "一是围绕促消费扩投资，开展财政审计。按照中央要求进行审计。", "关注政策落实情况。", "二是围绕新质生产力，开展科技审计。", "三是围绕民生，开展民生审计。", "四是围绕绿色转型，开展生态审计。"}, "prose.count", "称有 3 项，但其后列出 4 项"},
		{"enumerated in one paragraph", []string{"重点做好以下4个方面工作：（一）加强管理；（二）优化服务；（三）严格考核；（四）强化监督。"}, "", ""},
		{"numbered items", []string{"包括2个项目：1.办公设备购置；2.信息系统运维；3.档案数字化。"}, "prose.count", "称有 2 项，但其后列出 3 项"},
		{"list of lists", []string{"本部门包括19个内设机构、2个下属事业单位和2个派出机构，具体包括：", "（一）机关内设机构", "（二）下属事业单位", "（三）派出机构"}, "", ""},
		{"percentage points", []string{"比上年下降3个百分点：主要是压减了一般性支出、会议费、培训费、差旅费。"}, "", ""},
		{"count without a list", []string{"种植叶黄杨球、天目琼花等14个树种共3400株，引进麦冬等地被植物。"}, "", ""},
		{"一个 as an article", []string{"聚焦一个核心：安全、高效、便民。"}, "", ""},
		{"a rank", []string{"第1个项目包括：甲、乙、丙。"}, "", ""},
		{"new subject after the comma", []string{"涉及我市11个区、46个涉农街道，对象包括全部农村住户、城镇农业生产经营户、农业生产经营单位。"}, "", ""},
		{"list ending in 等", []string{"设5个科室，分别是办公室、财务科、人事科等。"}, "", ""},
		{"list running past the paragraph", []string{"内设9个处室，分别为办公室、组织人事处、权益保障处", "综合指导处、接待一处。"}, "", ""},
		{"numbering carried on by the next heading", []string{"重点做好以下3个方面：", "一、加强管理。", "\x00二、优化服务"}, "", ""},
		{"numbering cut by another heading", []string{"重点做好以下3个方面：", "一、加强管理。", "\x00（一）部门职责"}, "prose.count", "称有 3 项，但其后列出 1 项"},
		{"projects with amounts", []string{"共安排3个项目，金额600万元，分别是：信息化运维项目100万元、办公楼维修项目200万元、档案数字化项目300万元。"}, "", ""},
		{"projects: one more listed", []string{"3个项目共650万元：信息化运维项目100万元；办公楼维修项目200万元；档案数字化项目300万元；安保服务项目50万元。"}, "prose.count", "称有 3 项，但其后列出 4 项"},
		{"projects: sum differs", []string{"共安排3个项目，金额600万元，分别是：信息化运维项目100万元、办公楼维修项目200万元、档案数字化项目310万元。"}, "prose.parts", "合计 610"},
		{"projects without a list", []string{"2026年度，本单位编报绩效目标的项目共9个，涉及项目预算资金43,503.90万元。"}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prose, heading := tc.prose, ""
			if last := prose[len(prose)-1]; strings.HasPrefix(last, "\x00") {
				// the heading of a section after the paragraphs
				prose, heading = prose[:len(prose)-1], last[1:]
			}
			doc := nationalDoc(t, "万元", nil, nil, nil, prose...)
			if heading != "" {
				doc.Sections = append(doc.Sections, model.Section{Heading: heading, Line: 200})
			}
			fs := runNational(t, doc)
			got := append(errorsOf(fs, "prose.count"), errorsOf(fs, "prose.parts")...)
			if tc.rule == "" {
				if len(got) != 0 {
					t.Fatalf("errors on a list that holds: %v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Rule != tc.rule || got[0].Line != 100 || !strings.Contains(got[0].Message, tc.want) {
				t.Fatalf("want one %s error at line 100 with %q, got %v", tc.rule, tc.want, got)
			}
		})
	}
}

func TestChineseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"27", 27, true}, {"二十七", 27, true}, {"十四", 14, true}, {"两", 2, true}, {"十", 10, true}, {"三十", 30, true}, {"二三", 0, false}, {"", 0, false},
	}
	for _, tc := range tests {
		got, ok := chineseNumber(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("chineseNumber(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
