package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"budgetpack/check"
	"budgetpack/fix"
	"budgetpack/internal/safeout"
	"budgetpack/model"
	"budgetpack/model/parse"
	"budgetpack/render/grid"
	"budgetpack/render/layout"
	"budgetpack/render/pdf"
	"budgetpack/render/xlsx"
	"budgetpack/templates"
)

// writers are the output formats render knows, by file extension.
var writers = map[string]func(w io.Writer, b *grid.Book, font string) error{
	"xlsx": func(w io.Writer, b *grid.Book, _ string) error { return xlsx.Write(w, b) },
	"pdf":  func(w io.Writer, b *grid.Book, font string) error { return pdf.Write(w, b, pdf.Options{Font: font}) },
}

// formatOrder is the order formats are written and listed in.
var formatOrder = []string{"xlsx", "pdf"}

func cmdRender(args []string, stdout, stderr io.Writer) int {
	var in inputFlags
	var outDir, formats, fixMode, font string
	var jobs int
	fs := newFlagSet("render", "render [-o 目录] [--format xlsx,pdf] [--fix[=balance]] [选项] 文件...", stderr)
	in.register(fs)
	fs.StringVarP(&outDir, "output", "o", "out", "输出目录 (output folder)")
	fs.StringVar(&formats, "format", strings.Join(available(), ","), "输出格式，逗号分隔：xlsx、pdf (formats to write)")
	registerFix(fs, &fixMode, "先更正再输出：--fix 由明细重算合计；--fix=balance 舍位平衡 (correct figures first: derive totals, or balance rounding)")
	registerJobs(fs, &jobs)
	fs.StringVar(&font, "font", "", "PDF 所用中文字体：.ttf 文件，或 .ttc 字体集中的一款（如 simsun.ttc#0）；默认内置宋体 (Chinese font for the PDF)")
	opt, code, ok := parseInputs(fs, &in, args, stdout, stderr, 0)
	if !ok {
		return code
	}
	mode, ok := fixModeOf(fixMode, stderr)
	if !ok {
		return exitUsage
	}
	var exts []string
	for _, f := range strings.Split(formats, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if _, ok := writers[f]; !ok {
			fmt.Fprintf(stderr, "budgetpack: 不支持的格式 %q，可用：%s (unknown format)\n", f, strings.Join(available(), "、"))
			return exitUsage
		}
		exts = append(exts, f)
	}
	if len(exts) == 0 {
		fmt.Fprintln(stderr, "budgetpack: --format 为空 (no format given)")
		return exitUsage
	}
	start := time.Now()
	paths := expandInputs(fs.Args(), outDir)
	// Every output is claimed before anything is read or written: none may
	// replace an input of the run, an earlier output of the run or a
	// read-only file.
	out := safeout.New(paths)
	for _, path := range paths {
		for _, ext := range exts {
			if err := out.Claim(outputPath(outDir, path, ext), path); err != nil {
				fmt.Fprintln(stderr, "budgetpack:", err)
				return exitUsage
			}
		}
	}
	defer out.OnSignal(os.Exit)()
	defer out.Cleanup()
	outs := runBatch(paths, jobs, stdout, stderr, func(path string, o *outcome) {
		doc, err := parse.File(path, opt)
		if err != nil {
			o.fail(exitInput, "budgetpack: %v", err)
			return
		}
		set, err := familySet(opt.Templates, doc)
		if err != nil {
			o.fail(exitInput, "budgetpack: %v", err)
			return
		}
		var corrections []fix.Correction
		if fixMode != "" {
			if doc, corrections, err = fix.Apply(doc, set, mode); err != nil {
				o.fail(exitInput, "budgetpack: %v", err)
				return
			}
		}
		findings, err := check.Run(doc, set)
		if err != nil {
			o.fail(exitInput, "budgetpack: %v", err)
			return
		}
		o.errors, o.warns, o.info = check.Count(findings)
		o.done = true
		book, err := layout.Build(doc, layout.Options{Set: set, Findings: findings, Appendix: true, Corrections: corrections})
		if err != nil {
			o.fail(exitInput, "budgetpack: %v", err)
			return
		}
		// The formats are written at once, each to its own temporary
		// file; the lines are printed in format order.
		errs := make([]error, len(exts))
		targets := make([]string, len(exts))
		var wg sync.WaitGroup
		for k, ext := range exts {
			targets[k] = outputPath(outDir, path, ext)
			write := writers[ext]
			wg.Go(func() {
				errs[k] = out.Write(targets[k], func(w io.Writer) error { return write(w, book, font) })
			})
		}
		wg.Wait()
		for k, ext := range exts {
			if errs[k] != nil {
				// nothing is left half-written; a font that cannot serve is the usual cause
				o.fail(exitInput, "budgetpack: 未写入 %s (not written): %v", targets[k], errs[k])
				continue
			}
			o.outputs[ext]++
			fmt.Fprintf(&o.out, "已写入 %s（差异：错误 %d，警告 %d，提示 %d；更正 %d 处）\n", targets[k], o.errors, o.warns, o.info, len(corrections))
		}
	})
	if len(paths) > 1 {
		summarize(stderr, outs, exts, time.Since(start))
	}
	return batchCode(outs)
}

// fixModeOf reads the value of --fix ("" means no correction), saying so
// when it is neither derive nor balance.
func fixModeOf(s string, stderr io.Writer) (fix.Mode, bool) {
	switch s {
	case "", "derive":
		return fix.Derive, true
	case "balance":
		return fix.Balance, true
	}
	fmt.Fprintf(stderr, "budgetpack: --fix 只能是 derive 或 balance (--fix is derive or balance, not %q)\n", s)
	return fix.Derive, false
}

// available lists the formats this build can write.
func available() []string {
	var out []string
	for _, f := range formatOrder {
		if _, ok := writers[f]; ok {
			out = append(out, f)
		}
	}
	return out
}

// familySet returns the template set of the document's family.
func familySet(lib *templates.Library, doc *model.Document) (*templates.Set, error) {
	if lib == nil {
		var err error
		if lib, err = templates.Embedded(); err != nil {
			return nil, err
		}
	}
	set := lib.Set(doc.Family)
	if set == nil {
		return nil, &model.InputError{File: doc.Source, Msg: fmt.Sprintf("没有格式模板 %q (no template family)", doc.Family)}
	}
	return set, nil
}

// outputPath is the file render writes for an input in a format.
func outputPath(outDir, input, ext string) string {
	stem := strings.TrimSuffix(filepath.Base(input), filepath.Ext(input))
	return filepath.Join(outDir, stem+"."+ext)
}
