package check

// ruleNames are the Chinese names of the rules, as a reader sees them.
var ruleNames = map[string]string{
	"sum.columns":              "表内列关系",
	"sum.hierarchy":            "类款项合计",
	"sum.total_row":            "合计行",
	"sum.rows":                 "表内行关系",
	"sum.outline":              "分级编号合计",
	"sum.unknown_column":       "表样外的金额列",
	"cross.equal":              "跨表一致",
	"cross.at_least":           "跨表不少于",
	"cross.at_most":            "跨表不多于",
	"cross.projects":           "项目合计",
	"complete.table":           "缺少的表",
	"complete.empty_note":      "空表说明",
	"complete.empty_note_name": "空表说明写法",
	"complete.fixed_row":       "表样固定行",
	"complete.sequence":        "序号",
	"perf.cost_over_budget":    "成本指标超预算",
	"perf.indicator_missing":   "绩效指标缺项",
	"perf.plan_decreasing":     "支出计划下降",
	"perf.plan_incomplete":     "支出计划未达100%",
	"perf.plan_over":           "支出计划超100%",
	"prose.table":              "文字与表格",
	"prose.parts":              "文字“其中”之和",
	"prose.percent":            "文字百分比",
	"prose.growth":             "文字增减",
	"prose.count":              "文字所称个数",
	"recognize.realigned":      "错列读取",
	"balance":                  "舍位平衡",
}

// RuleName is the Chinese name of a rule identifier (sum.columns → 表内列关系);
// an unknown identifier is returned as it is.
func RuleName(rule string) string {
	if n, ok := ruleNames[rule]; ok {
		return n
	}
	return rule
}
