// Command budgetpack reads a department's budget disclosure (部门预算公开),
// checks it and writes the Excel and PDF packs; serve (or no arguments at
// all) opens the same work as a page in the browser.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"budgetpack/fix"
	"budgetpack/model/parse"
	"budgetpack/templates"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
	exitInput    = 3
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `budgetpack — 部门预算公开表的整理、核对与排版工具
budgetpack — budget disclosure tables: read, check, lay out

用法 (usage):
  budgetpack parse [选项] 文件        读入文件，输出模型 JSON (print the model as JSON)
  budgetpack render [选项] 文件...    生成 Excel 公开表和 PDF，附差异附录 (write the Excel pack and the PDF)
  budgetpack check [选项] 文件...     核对数字，列出差异 (list every discrepancy)
  budgetpack serve [选项]             在浏览器中打开核对页面，拖入文件即可 (open the page in the browser)
  budgetpack templates [选项]         列出格式模板 (list the template sets)
  budgetpack help                    显示本说明 (this help)
  budgetpack --version               显示版本 (print the version)

输入文件 (input): PDF、Word (.docx)、Excel (.xlsx)、DOCX/PDF 导出的文本，或 parse 输出的 JSON。
文字说明和表格分成两个文件时，用 + 连起来当作一个部门 (one department in two files: join them with +):
  budgetpack render 说明.pdf+附表.pdf      输出以第一个文件命名：说明-公开版.xlsx 等
文件夹中的“X-附表.pdf”“X（附件）.pdf”自动与同一文件夹中的“X.pdf”合为一个部门 (in a folder, X-附表.pdf joins X.pdf)
查看某个命令的选项：budgetpack 命令 --help (a command's options)
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// started with no arguments, as by a double-click: open the page
		fmt.Fprintln(stdout, "命令行用法见 budgetpack help (for the commands, run budgetpack help)")
		return cmdServe(nil, stdout, stderr)
	}
	switch args[0] {
	case "parse", "check", "render":
		// The built-in templates are loaded while the files are read:
		// recognizing a document needs them, reading it does not.
		go templates.Embedded()
	}
	switch args[0] {
	case "parse":
		return cmdParse(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "render":
		return cmdRender(args[1:], stdout, stderr)
	case "templates":
		return cmdTemplates(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version", "-v", "--version":
		fmt.Fprintln(stdout, versionLine())
		return exitOK
	}
	fmt.Fprintf(stderr, "未知命令 %q (unknown command)\n\n%s", args[0], usage)
	return exitUsage
}

// inputFlags are the options every command that reads documents takes.
type inputFlags struct {
	layout, family, templates string
	maxSize                   int64
}

func (f *inputFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.layout, "layout", "", "输入版式：docx-text、pdf-text、xlsx 或 json；默认自动识别 (input layout; detected by default)")
	fs.StringVar(&f.family, "family", "", "格式模板，如 hebei-2024；默认自动识别 (template family; detected by default)")
	fs.StringVar(&f.templates, "templates", "", "从此目录读取格式模板，代替内置模板 (load templates from a directory)")
	fs.Int64Var(&f.maxSize, "max-size", parse.DefaultMaxSize>>20, "输入文件大小上限，单位 MB (largest input file read, in MB)")
}

func (f *inputFlags) options() (parse.Options, error) {
	opt := parse.Options{Layout: f.layout, Family: f.family, MaxSize: f.maxSize << 20}
	if f.maxSize <= 0 || f.maxSize > 1<<20 {
		return opt, fmt.Errorf("--max-size 应为 1 到 1048576 之间的 MB 数 (--max-size is a number of MB from 1 to 1048576, not %d)", f.maxSize)
	}
	if f.layout != "" {
		ok := false
		for _, l := range parse.Layouts {
			ok = ok || l == f.layout
		}
		if !ok {
			return opt, fmt.Errorf("--layout 应为 %s 之一 (unknown layout %q)", strings.Join(parse.Layouts, "、"), f.layout)
		}
	}
	if f.templates != "" {
		lib, err := templates.Load(f.templates)
		if err != nil {
			return opt, err
		}
		opt.Templates = lib
	}
	return opt, nil
}

// registerFix adds --fix, whose bare form means --fix=derive.
func registerFix(fs *pflag.FlagSet, mode *string, usage string) {
	fs.StringVar(mode, "fix", "", usage)
	fs.Lookup("fix").NoOptDefVal = "derive"
}

// jsonEncoder writes indented JSON with Chinese and <> left as they are.
func jsonEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc
}

// parseInputs parses the flags of a command that reads documents and
// checks that it got at least one input file, and at most `most` (0: any).
// When it returns false the command ends with the code.
func parseInputs(fs *pflag.FlagSet, in *inputFlags, args []string, stdout, stderr io.Writer, most int) (parse.Options, int, bool) {
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return parse.Options{}, code, false
	}
	if fs.NArg() == 0 || most > 0 && fs.NArg() > most {
		fmt.Fprintf(stderr, "%s 需要%s输入文件 (%s takes %s input file)\n", fs.Name(),
			map[bool]string{true: "一个", false: "至少一个"}[most == 1], fs.Name(), map[bool]string{true: "one", false: "an"}[most == 1])
		fs.Usage()
		return parse.Options{}, exitUsage, false
	}
	opt, err := in.options()
	if err != nil {
		fmt.Fprintln(stderr, "budgetpack:", err)
		return opt, exitUsage, false
	}
	return opt, exitOK, true
}

// parseFlags parses a command's flags; when it returns false the command
// ends with the code (0 after --help, 2 for a usage error).
func parseFlags(fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) (int, bool) {
	if err := fs.Parse(joinFixValue(args)); err != nil {
		fmt.Fprintln(stderr, "budgetpack:", err)
		return exitUsage, false
	}
	if help, _ := fs.GetBool("help"); help {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, false
	}
	return exitOK, true
}

// joinFixValue reads "--fix balance" (a space instead of "=") as
// "--fix=balance", so that the value is taken, not read as an input file.
func joinFixValue(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if args[i] == "--" {
			return append(out, args[i:]...)
		}
		if args[i] == "--fix" && i+1 < len(args) && (args[i+1] == "balance" || args[i+1] == "derive") {
			out = append(out, "--fix="+args[i+1])
			i++
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// version is the release; a build may set it with
// -ldflags "-X main.version=…".
var version = "0.4.0"

// versionLine says the release and, when the build knows it, the commit.
func versionLine() string {
	line := "budgetpack 版本 (version) " + version
	if info, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			line += "，提交 (commit) " + rev
			if dirty {
				line += "（有未提交的修改）"
			}
		}
		line += "，" + info.GoVersion
	}
	return line
}

// joinHelp says how to name one department's files together.
const joinHelp = `
一个部门的文字说明和表格分成两个文件时，用 + 连起来（不加空格）当作一个部门；后一个文件不写文件夹时，
在第一个文件的文件夹里找；输出以第一个文件命名。文件夹里名为“X-附表”“X_附表”“X（附表）”“X附件”“X（附件2）”
的文件自动与同一文件夹中的 X 合为一个部门。两个文件都必须能读取。
One department in two files (explanation and tables): join them with + and no spaces, e.g.
  budgetpack render 说明.pdf+附表.pdf     →  out/说明-公开版.xlsx …
A later name without a folder is looked for in the first file's folder; outputs are named after the first
file. In a folder, X-附表.pdf, X（附件）.pdf … join X.pdf of the same folder. Both files are needed.
`

// newFlagSet makes a command's flag set. Its usage goes to stderr after a
// usage error and to stdout when asked for with --help.
func newFlagSet(name, synopsis string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolP("help", "h", false, "显示本说明 (this help)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "用法 (usage): budgetpack %s\n\n选项 (options):\n%s", synopsis, fs.FlagUsages())
		if name != "templates" {
			fmt.Fprint(fs.Output(), joinHelp)
		}
	}
	return fs
}

func cmdParse(args []string, stdout, stderr io.Writer) int {
	var in inputFlags
	var fixMode string
	fs := newFlagSet("parse", "parse [--fix[=balance]] [选项] 文件（或 说明.pdf+附表.pdf）", stderr)
	in.register(fs)
	registerFix(fs, &fixMode, "输出更正后的模型：--fix 由明细重算；--fix=balance 舍位平衡 (print the corrected model)")
	opt, code, ok := parseInputs(fs, &in, args, stdout, stderr, 1)
	if !ok {
		return code
	}
	mode, ok := fixModeOf(fixMode, stderr)
	if !ok {
		return exitUsage
	}
	doc, err := parse.Input(fs.Arg(0), opt)
	if err != nil {
		return reportInput(stderr, err)
	}
	if fixMode != "" {
		set, err := familySet(opt.Templates, doc)
		if err != nil {
			return reportInput(stderr, err)
		}
		if doc, _, err = fix.Apply(doc, set, mode); err != nil {
			fmt.Fprintln(stderr, "budgetpack:", err)
			return exitInput
		}
	}
	if err := jsonEncoder(stdout).Encode(doc); err != nil {
		fmt.Fprintln(stderr, "budgetpack:", err)
		return exitInput
	}
	return exitOK
}

// reportInput prints an input error; every such error means the input
// could not be read (exit 3).
func reportInput(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "budgetpack:", err)
	return exitInput
}

func cmdTemplates(args []string, stdout, stderr io.Writer) int {
	var dir string
	fs := newFlagSet("templates", "templates [--templates 目录]", stderr)
	fs.StringVar(&dir, "templates", "", "从此目录读取格式模板 (load templates from a directory)")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	lib, err := templates.Embedded()
	if dir != "" {
		lib, err = templates.Load(dir)
	}
	if err != nil {
		fmt.Fprintln(stderr, "budgetpack:", err)
		return exitUsage
	}
	for _, s := range lib.Sets {
		fmt.Fprintf(stdout, "%s  %s（%s）\n", s.Family, s.Name, s.Layout)
		for _, t := range s.Tables {
			req := ""
			if t.Required {
				req = "  必备 (required)"
			}
			fmt.Fprintf(stdout, "  %-28s %s%s\n", t.Kind, t.Name, req)
		}
	}
	return exitOK
}
