package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"budgetpack/check"
	"budgetpack/fix"
	"budgetpack/internal/oserr"
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
	fs := newFlagSet("render", "render [-o 目录] [--pack 公开版,审核版] [--format xlsx,pdf] [--fix[=balance]] [选项] 文件...", stderr)
	in.register(fs)
	fs.StringVarP(&outDir, "output", "o", "out", "输出目录 (output folder)")
	fs.StringVar(&formats, "format", strings.Join(available(), ","), "输出格式，逗号分隔：xlsx、pdf (formats to write)")
	fs.StringVar(&packs, "pack", "公开版,审核版", "输出哪几版，逗号分隔：公开版（public，只有正式表格，可直接公开）、审核版（review，标色、批注和差异附录）(which packs to write)")
	registerFix(fs, &fixMode, "先更正再输出：--fix 由明细重算合计；--fix=balance 舍位平衡 (correct figures first: derive totals, or balance rounding)")
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
	for _, path := range fs.Args() {
		doc, err := parse.File(path, opt)
		if err != nil {
			reportInput(stderr, err)
			code = exitInput
			continue
		}
		set, err := familySet(opt.Templates, doc)
		if err != nil {
			reportInput(stderr, err)
			code = exitInput
			continue
		}
		var fixed *fix.Result
		if fixMode != "" {
			if fixed, err = fix.Correct(doc, set, mode); err != nil {
				fmt.Fprintln(stderr, "budgetpack:", err)
				return exitInput
			}
			doc = fixed.Doc
		}
		findings, err := check.Run(doc, set)
		if err != nil {
			fmt.Fprintln(stderr, "budgetpack:", err)
			return exitInput
		}
		stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		e, w, i := check.Count(findings)
		// every pack is laid out, and the font checked against it, before
		// any file is written
		books := map[string]*grid.Book{}
		for _, kind := range kinds {
			opt := layout.Options{Set: set, Review: kind == layout.ReviewPack, Findings: findings}
			if fixed != nil {
				opt.Corrections, opt.Skipped = fixed.Corrections, fixed.Skipped
			}
			book, err := layout.Build(doc, opt)
			if err != nil {
				fmt.Fprintln(stderr, "budgetpack:", err)
				return exitInput
			}
			if slices.Contains(exts, "pdf") {
				if err := pdf.CheckFont(book, font); err != nil {
					fmt.Fprintf(stderr, "budgetpack: 未生成 %s：%s\n", path, oserr.Message(err))
					return exitInput
				}
			}
			books[kind] = book
		}
		for _, kind := range kinds {
			book := books[kind]
			for _, ext := range exts {
				target := filepath.Join(outDir, PackName(stem, fixMode, kind)+"."+ext)
				if same(target, path) {
					fmt.Fprintf(stderr, "budgetpack: %s 会覆盖输入文件，请用 -o 指定另一个目录 (the output would overwrite the input; choose another -o)\n", target)
					return exitUsage
				}
				write := writers[ext]
				if err := writeAtomic(target, func(w io.Writer) error { return write(w, book, font) }); err != nil {
					// nothing is left half-written; a font that cannot serve is the usual cause
					fmt.Fprintf(stderr, "budgetpack: 未写入 %s：%s\n", target, oserr.Message(err))
					return exitInput
				}
				note := ""
				if kind == layout.ReviewPack {
					note = fmt.Sprintf("（差异：错误 %d，警告 %d，提示 %d）", e, w, i)
				}
				fmt.Fprintf(stdout, "已写入 %s%s\n", target, note)
			}
		}
		if fixed != nil {
			hint := ""
			if kinds[len(kinds)-1] == layout.ReviewPack {
				hint = "（详见审核版的“更正清单”）"
			}
			fmt.Fprintf(stdout, "%s：更正 %d 处，未更正、请自行核对 %d 处%s\n", path, len(fixed.Corrections), len(fixed.Skipped), hint)
		}
	}
	return code
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

// PackName is the file name (without extension) of one pack of a source:
// 河北.txt gives 河北-公开版 and 河北-审核版; a corrected pack says how it was
// corrected, 河北-重算更正-公开版 (--fix) or 河北-舍位平衡-公开版
// (--fix=balance), so it never replaces the uncorrected one.
func PackName(stem, fixMode, kind string) string {
	switch fixMode {
	case "derive":
		return stem + "-重算更正-" + kind
	case "balance":
		return stem + "-舍位平衡-" + kind
	}
	return stem + "-" + kind
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

// same reports whether two paths name the same file.
func same(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(ia, ib)
	}
	pa, _ := filepath.Abs(a)
	pb, _ := filepath.Abs(b)
	return pa == pb
}

// writeAtomic writes a file through a temporary file in the same folder and
// renames it into place, so that an existing file is replaced only by a
// complete new one and a failure leaves nothing half-written.
func writeAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := write(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
