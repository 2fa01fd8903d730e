package narrative

import (
	"strings"
	"testing"

	"budgetpack/model"
)

func paras(texts ...string) []model.Paragraph {
	var out []model.Paragraph
	for i, t := range texts {
		out = append(out, model.Paragraph{Text: t, Line: i + 1})
	}
	return out
}

func TestCoverAndContentsDropped(t *testing.T) {
	secs := []model.Section{
		{Paragraphs: paras("某某局", "2023 年度部门预算", "二〇二三年四月", "目 录")},
		{Heading: "第一部分 某某局概况", Paragraphs: paras("- 一、主要职责")},
		{Heading: "第二部分 某某局 2023 年部门预算情况说明"},
		{Heading: "第一部分", Paragraphs: paras("某某局概况")},
		{Heading: "一、主要职责", Paragraphs: paras("（一）贯彻执行国家有关法律。")},
	}
	got := Clean(secs, true)
	if len(got) != 2 || got[0].Heading != "第一部分" {
		t.Fatalf("sections = %+v", got)
	}
}

func TestPageBreakJoinedOnlyInPagedText(t *testing.T) {
	text := []string{
		"与 2022 年相比，一般公共预算收支预算增加 116.14 万元，增长 69.2%，主要原因：增",
		"加中小企业发展专项资金；政府性基金收支预算增加 0 万元。",
		"局机关本级预算包括：新乡市红旗区工业和信息化局",
		"局属单位包括新乡市红旗区工业信息技术服务中心",
		"（一）行政（事业）单位机构运转经费",
		"新乡市红旗区工业和信息化局 2023 年机构运转经费支出预算 8.84 万元。",
		"1.加强创新主体培育，推进创新链与产业链深度融合",
		"绩效目标：坚持梯度培育。",
	}
	got := Clean([]model.Section{{Heading: "四、说明", Paragraphs: paras(text...)}}, true)[0].Paragraphs
	if len(got) != 7 || !strings.HasSuffix(got[0].Text, "主要原因：增加中小企业发展专项资金；政府性基金收支预算增加 0 万元。") || got[0].Line != 1 {
		t.Errorf("paragraphs = %q", got)
	}
	docx := Clean([]model.Section{{Heading: "四、说明", Paragraphs: paras(text...)}}, false)[0].Paragraphs
	if len(docx) != len(text) {
		t.Errorf("a Word document's paragraphs were joined: %d of %d", len(docx), len(text))
	}
}

func TestAttachmentAndEnglishDropped(t *testing.T) {
	got := Clean([]model.Section{{Heading: "第三部分 名词解释", Paragraphs: paras(
		"一、基本支出：是指组织实施行业技术规范 and 标准的支出。",
		"附件：", "新乡市红旗区工业和信息化局 2023 年部门预算", "表")}}, true)
	ps := got[0].Paragraphs
	if len(ps) != 1 || !strings.Contains(ps[0].Text, "技术规范和标准") {
		t.Errorf("paragraphs = %q", ps)
	}
}
