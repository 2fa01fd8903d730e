package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"budgetpack/check"
	"budgetpack/fix"
	"budgetpack/fonts"
	"budgetpack/internal/oserr"
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
	var outDir, formats, fixMode, font, packs string
	var jobs int
	fs := newFlagSet("render", "render [-o 目录] [--pack 公开版,审核版] [--format xlsx,pdf] [--fix[=balance]] [选项] 文件或文件夹...", stderr)
	in.register(fs)
	fs.StringVarP(&outDir, "output", "o", "out", "输出目录 (output folder)")
	fs.StringVar(&formats, "format", strings.Join(available(), ","), "输出格式，逗号分隔：xlsx、pdf (formats to write)")
	fs.StringVar(&packs, "pack", "公开版,审核版", "输出哪几版，逗号分隔：公开版（public，只有正式表格，可直接公开）、审核版（review，标色、批注和差异附录）(which packs to write)")
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
	kinds, ok := packsOf(packs, stderr)
	if !ok {
		return exitUsage
	}
	start := time.Now()
	paths := expandInputs(fs.Args(), outDir)
	// Every output is claimed before anything is read or written: none may
	// replace an input of the run, an earlier output of the run or a
	// read-only file.
	out := safeout.New(inputFiles(paths))
	for _, path := range paths {
		for _, kind := range kinds {
			for _, ext := range exts {
				if err := out.Claim(outputPath(outDir, path, fixMode, kind, ext), path); err != nil {
					fmt.Fprintln(stderr, "budgetpack:", err)
					return exitUsage
				}
			}
		}
	}
	// A font that cannot serve is found before the first file is written.
	if font != "" && slices.Contains(exts, "pdf") {
		if _, err := fonts.Load(font); err != nil {
			fmt.Fprintln(stderr, "budgetpack: --font:", err)
			return exitInput
		}
	}
	defer out.OnSignal(os.Exit)()
	defer out.Cleanup()
	outs := runBatch(paths, jobs, stdout, stderr, func(path string, o *outcome) {
		doc, err := parse.Input(path, opt)
		if err != nil {
			o.fail(exitInput, "budgetpack: %v", err)
			return
		}
		set, err := familySet(opt.Templates, doc)
		if err != nil {
			o.fail(exitInput, "budgetpack: %v", err)
			return
		}
		var fixed *fix.Result
		if fixMode != "" {
			if fixed, err = fix.Correct(doc, set, mode); err != nil {
				o.fail(exitInput, "budgetpack: %v", err)
				return
			}
			doc = fixed.Doc
		}
		findings, err := check.Run(doc, set)
		if err != nil {
			o.fail(exitInput, "budgetpack: %v", err)
			return
		}
		o.errors, o.warns, o.info = check.Count(findings)
		o.done = true
		// every pack is laid out, and the font checked against it, before
		// any file is written
		books := map[string]*grid.Book{}
		for _, kind := range kinds {
			lo := layout.Options{Set: set, Review: kind == layout.ReviewPack, Findings: findings}
			if fixed != nil {
				lo.Corrections, lo.Skipped = fixed.Corrections, fixed.Skipped
			}
			book, err := layout.Build(doc, lo)
			if err != nil {
				o.fail(exitInput, "budgetpack: %v", err)
				return
			}
			if slices.Contains(exts, "pdf") {
				if err := pdf.CheckFont(book, font); err != nil {
					o.fail(exitInput, "budgetpack: 未生成 %s：%s", path, oserr.Message(err))
					return
				}
			}
			books[kind] = book
		}
		// The files are written at once, each to its own temporary file;
		// the lines are printed in pack and format order.
		type job struct{ kind, ext, target string }
		var files []job
		for _, kind := range kinds {
			for _, ext := range exts {
				files = append(files, job{kind, ext, outputPath(outDir, path, fixMode, kind, ext)})
			}
		}
		errs := make([]error, len(files))
		var wg sync.WaitGroup
		for k, jb := range files {
			write, book := writers[jb.ext], books[jb.kind]
			wg.Go(func() {
				errs[k] = out.Write(jb.target, func(w io.Writer) error { return write(w, book, font) })
			})
		}
		wg.Wait()
		for k, jb := range files {
			if errs[k] != nil {
				// nothing is left half-written
				o.fail(exitInput, "budgetpack: 未写入 %s：%s", jb.target, oserr.Message(errs[k]))
				continue
			}
			o.outputs[jb.ext]++
			note := ""
			if jb.kind == layout.ReviewPack {
				note = fmt.Sprintf("（差异：错误 %d，警告 %d，提示 %d）", o.errors, o.warns, o.info)
			}
			fmt.Fprintf(&o.out, "已写入 %s%s\n", jb.target, note)
		}
		if fixed != nil {
			hint := ""
			if kinds[len(kinds)-1] == layout.ReviewPack {
				hint = "（详见审核版的“更正清单”）"
			}
			fmt.Fprintf(&o.out, "%s：更正 %d 处，未更正、请自行核对 %d 处%s\n", path, len(fixed.Corrections), len(fixed.Skipped), hint)
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

// outputPath is the file render writes for an input, a correction mode,
// a pack (公开版 or 审核版) and a format.
// An input of files joined with "+" is named after its first file.
func outputPath(outDir, input, fixMode, kind, ext string) string {
	input = parse.Split(input)[0]
	stem := strings.TrimSuffix(filepath.Base(input), filepath.Ext(input))
	return filepath.Join(outDir, layout.PackName(stem, fixMode, kind)+"."+ext)
}

// packsOf reads --pack: 公开版 (public) and/or 审核版 (review), in that order.
func packsOf(s string, stderr io.Writer) ([]string, bool) {
	want := map[string]bool{}
	for _, p := range strings.Split(s, ",") {
		switch strings.ToLower(strings.TrimSpace(p)) {
		case "":
		case "公开版", "公开", "public":
			want[layout.PublicPack] = true
		case "审核版", "审核", "review":
			want[layout.ReviewPack] = true
		default:
			fmt.Fprintf(stderr, "budgetpack: --pack 只能是 公开版（public）或 审核版（review），不是 %q\n", p)
			return nil, false
		}
	}
	var out []string
	for _, k := range []string{layout.PublicPack, layout.ReviewPack} {
		if want[k] {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		fmt.Fprintln(stderr, "budgetpack: --pack 为空 (no pack given)")
		return nil, false
	}
	return out, true
}
