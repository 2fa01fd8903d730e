package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"budgetpack/check"
	"budgetpack/model"
	"budgetpack/model/parse"
	"budgetpack/templates"
)

// checkReport is what `check --json` prints for one input.
type checkReport struct {
	File       string          `json:"file"`
	Department string          `json:"department"`
	Year       int             `json:"year"`
	Family     string          `json:"family"`
	Summary    checkSummary    `json:"summary"`
	Findings   []check.Finding `json:"findings"`
}

type checkSummary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// loadAndCheck parses a file and runs the checks with its family's templates.
func loadAndCheck(path string, opt parse.Options) (*model.Document, []check.Finding, error) {
	doc, err := parse.Input(path, opt)
	if err != nil {
		return nil, nil, err
	}
	set, err := familySet(opt.Templates, doc)
	if err != nil {
		return nil, nil, err
	}
	fs, err := check.Run(doc, set)
	return doc, fs, err
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	var in inputFlags
	var asJSON bool
	var jobs int
	fs := newFlagSet("check", "check [--json] [选项] 文件...", stderr)
	in.register(fs)
	registerJobs(fs, &jobs)
	fs.BoolVar(&asJSON, "json", false, "以 JSON 输出，每个输入一个对象 (one JSON object per input)")
	opt, code, ok := parseInputs(fs, &in, args, stdout, stderr, 0)
	if !ok {
		return code
	}
	start := time.Now()
	paths := expandInputs(fs.Args(), "")
	outs := runBatch(paths, jobs, stdout, stderr, func(path string, o *outcome) {
		doc, findings, err := loadAndCheck(path, opt)
		if err != nil {
			o.fail(exitInput, "budgetpack: %v", err)
			return
		}
		e, w, i := check.Count(findings)
		o.errors, o.warns, o.info, o.done = e, w, i, true
		if e > 0 {
			o.code = exitFindings
		}
		if asJSON {
			rep := checkReport{File: path, Department: doc.Department.Name, Year: doc.Year, Family: doc.Family,
				Summary: checkSummary{e, w, i}, Findings: findings}
			if err := jsonEncoder(&o.out).Encode(rep); err != nil {
				o.fail(exitInput, "budgetpack: %v", err)
			}
			return
		}
		writeReport(&o.out, path, doc, findings)
	})
	if len(paths) > 1 {
		summarize(stderr, outs, nil, time.Since(start))
	}
	return batchCode(outs)
}

// writeReport prints the findings for a person to read.
func writeReport(w io.Writer, path string, doc *model.Document, findings []check.Finding) {
	e, wn, i := check.Count(findings)
	fmt.Fprintf(w, "%s\n%s %d 年（格式 %s）\n", path, doc.Department.Name, doc.Year, familyLabel(doc.Family))
	if len(findings) == 0 {
		fmt.Fprintf(w, "未发现数据差异。\n\n")
		return
	}
	fmt.Fprintf(w, "共 %d 条：错误 %d，警告 %d，提示 %d\n\n", len(findings), e, wn, i)
	for n, f := range findings {
		fmt.Fprintf(w, "%d. [%s] %s\n", n+1, check.SeverityName(f.Severity), f.Message)
		var facts []string
		switch {
		case !f.Expected.IsBlank():
			facts = append(facts, fmt.Sprintf("应为 %s，实为 %s，差额 %s", orDash(f.Expected), orDash(f.Actual), orDash(f.Difference)))
		case !f.Actual.IsBlank():
			facts = append(facts, "所涉数字 "+f.Actual.String())
		}
		facts = append(facts, "核对项目："+check.RuleName(f.Rule))
		fmt.Fprintf(w, "   %s\n", strings.Join(facts, "；"))
	}
	fmt.Fprintln(w)
}

// familyLabel names the family a document was read with; the national
// vocabulary says that no province's format matched.
func familyLabel(family string) string {
	if lib, err := templates.Embedded(); err == nil {
		if s := lib.Set(family); s != nil && s.Fallback {
			return family + "：全国通用表样，未匹配到省份格式 (national vocabulary: no family matched)"
		}
	}
	return family
}

func orDash(a model.Amount) string {
	if a.IsBlank() {
		return "—"
	}
	return a.String()
}
