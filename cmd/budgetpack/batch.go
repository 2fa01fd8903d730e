package main

// Batch work for render and check: the inputs may be files and folders,
// the files are worked on by -j workers at once, and everything a file
// prints is printed in the order the inputs were given, so that the output
// is the same as one file after another. One file that fails never stops
// the others; it is listed in the summary and the exit code says so.

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"budgetpack/model/parse"
)

// inputExts are the file types taken from a folder given as input.
var inputExts = map[string]bool{".txt": true, ".json": true, ".xlsx": true, ".pdf": true, ".docx": true}

// registerJobs adds -j/--jobs.
func registerJobs(fs *pflag.FlagSet, jobs *int) {
	fs.IntVarP(jobs, "jobs", "j", runtime.NumCPU(), "同时处理的文件数，默认为处理器核数 (files worked on at once; default the number of CPUs)")
}

// expandInputs turns the arguments into the list of input files: a file
// stays as given (a missing one too, so that it is reported as unreadable),
// a folder becomes the input files under it in name order, leaving out
// hidden files and folders and the output folder skip.
func expandInputs(args []string, skip string) []string {
	skipAbs := ""
	if skip != "" {
		skipAbs, _ = filepath.Abs(skip)
	}
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil || !fi.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				found = append(found, p) // reported as unreadable
				return nil
			}
			name := d.Name()
			if p != a && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if abs, _ := filepath.Abs(p); skipAbs != "" && abs == skipAbs && p != a {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && inputExts[strings.ToLower(filepath.Ext(name))] {
				found = append(found, p)
			}
			return nil
		})
		if len(found) == 0 {
			out = append(out, a) // an empty folder is an input error too
			continue
		}
		out = append(out, joinAttachments(found)...)
	}
	return out
}

// attachment matches the end of a file name (without its extension) that
// marks the file as the tables of another: "X-附表", "X（附表）", "X_附件2".
var attachment = regexp.MustCompile(`\s*[-_—－]?\s*[（(]?\s*(附表|附件)\s*[0-9０-９一二三四五六七八九十]*\s*[）)]?$`)

// joinAttachments joins, in a folder's list of files, each file named as
// an attachment (X-附表.pdf, X（附件）.pdf) to the one file of the same
// folder named X (X.pdf, X.docx…), after it: "X.pdf+X-附表.pdf". Several
// attachments of one file follow it in name order; an attachment without
// exactly one such file stays on its own.
func joinAttachments(files []string) []string {
	stem := func(p string) string { return strings.TrimSuffix(p, filepath.Ext(p)) }
	mains := map[string][]int{} // by path without extension
	for i, f := range files {
		mains[stem(f)] = append(mains[stem(f)], i)
	}
	parts := make([][]string, len(files))
	for i, f := range files {
		parts[i] = []string{f}
	}
	for i, f := range files {
		s := stem(f)
		loc := attachment.FindStringIndex(filepath.Base(s))
		if loc == nil || loc[0] == 0 {
			continue
		}
		m := mains[filepath.Join(filepath.Dir(s), filepath.Base(s)[:loc[0]])]
		if len(m) != 1 || m[0] == i || parts[m[0]] == nil {
			continue
		}
		parts[m[0]] = append(parts[m[0]], f)
		parts[i] = nil
	}
	var out []string
	for _, p := range parts {
		if p != nil {
			out = append(out, strings.Join(p, parse.Joiner))
		}
	}
	return out
}

// inputFiles lists the files the inputs read: each file of an input
// joined with "+" (说明.pdf+附表.pdf) on its own.
func inputFiles(inputs []string) []string {
	var out []string
	for _, in := range inputs {
		out = append(out, parse.Split(in)...)
	}
	return out
}

// outcome is what the work on one input file produced.
type outcome struct {
	path   string
	out    bytes.Buffer // printed to stdout, in input order
	errs   bytes.Buffer // printed to stderr, in input order
	code   int          // the file's exit code
	reason string       // why the file failed, for the summary
	// For the summary.
	outputs             map[string]int // files written, by format
	errors, warns, info int
	done                bool // the file was read and checked
}

// fail records that the file failed, with the message for stderr and
// the exit code.
func (o *outcome) fail(code int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintln(&o.errs, msg)
	if o.reason == "" {
		o.reason = strings.TrimPrefix(msg, "budgetpack: ")
	}
	if o.code == exitOK || code == exitUsage {
		o.code = code
	}
}

// runBatch works on every path with up to jobs workers and prints each
// file's output in input order as soon as the files before it are done,
// with a progress bar between the lines when both outputs are terminals.
func runBatch(paths []string, jobs int, stdout, stderr io.Writer, work func(path string, o *outcome)) []*outcome {
	jobs = max(1, min(jobs, len(paths)))
	if os.Getenv("GOGC") == "" {
		// A pack allocates much short-lived memory; collecting less often
		// saves a tenth of the CPU time. One file may use a little more
		// memory for it; a batch, with a worker per core, keeps its peak
		// well under 100 MB.
		gc := 400
		if len(paths) > 1 {
			gc = 200
		}
		debug.SetGCPercent(gc)
	}
	outs := make([]*outcome, len(paths))
	next := make(chan int)
	done := make(chan int, len(paths))
	for range jobs {
		go func() {
			for i := range next {
				o := &outcome{path: paths[i], outputs: map[string]int{}}
				safely(paths[i], o, work)
				outs[i] = o
				done <- i
			}
		}()
	}
	go func() {
		for i := range paths {
			next <- i
		}
		close(next)
	}()
	bar := newProgress(stdout, stderr, len(paths))
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	finished := make([]bool, len(paths))
	printed, count := 0, 0
	for count < len(paths) {
		select {
		case i := <-done:
			finished[i] = true
			count++
			for printed < len(paths) && finished[printed] {
				o := outs[printed]
				bar.clear()
				stdout.Write(o.out.Bytes())
				stderr.Write(o.errs.Bytes())
				o.out, o.errs = bytes.Buffer{}, bytes.Buffer{} // free them early
				printed++
			}
			bar.set(count)
		case <-tick.C:
			bar.draw()
		}
	}
	bar.clear()
	return outs
}

// safely runs work on one file; a panic, which would be a bug met on this
// file, fails only this file, so that the others are still done.
func safely(path string, o *outcome, work func(string, *outcome)) {
	defer func() {
		if p := recover(); p != nil {
			o.fail(exitInput, "budgetpack: %s：内部错误，请报告此文件 (internal error; please report this file): %v", path, p)
		}
	}()
	work(path, o)
}

// batchCode is the exit code of a batch: a usage error (an output that
// would overwrite an input) first, then an unreadable input, then the
// files' own codes.
func batchCode(outs []*outcome) int {
	code := exitOK
	for _, o := range outs {
		switch {
		case o.code == exitUsage:
			return exitUsage
		case o.code == exitInput:
			code = exitInput
		case o.code == exitFindings && code == exitOK:
			code = exitFindings
		}
	}
	return code
}

// summarize prints the summary of a batch of more than one file to w:
// files, packs written, findings by severity, and each failure with its
// reason.
func summarize(w io.Writer, outs []*outcome, formats []string, elapsed time.Duration) {
	var failed []*outcome
	checked, e, wn, in := 0, 0, 0, 0
	written := map[string]int{}
	packs := 0
	for _, o := range outs {
		if o.reason != "" {
			failed = append(failed, o)
		}
		if o.done {
			checked++
			e, wn, in = e+o.errors, wn+o.warns, in+o.info
		}
		full := len(formats) > 0
		for _, f := range formats {
			written[f] += o.outputs[f]
			full = full && o.outputs[f] > 0
		}
		if full {
			packs++
		}
	}
	fmt.Fprintf(w, "\n共 %d 个文件，用时 %s\n", len(outs), elapsed.Round(10*time.Millisecond))
	if len(formats) > 0 {
		var parts []string
		for _, f := range formats {
			parts = append(parts, fmt.Sprintf("%s %d", f, written[f]))
		}
		fmt.Fprintf(w, "生成 %d 套（%s）\n", packs, strings.Join(parts, "，"))
	}
	fmt.Fprintf(w, "核对 %d 个文件，差异：错误 %d，警告 %d，提示 %d\n", checked, e, wn, in)
	if len(failed) == 0 {
		fmt.Fprintln(w, "全部成功")
		return
	}
	fmt.Fprintf(w, "失败 %d 个文件：\n", len(failed))
	for _, o := range failed {
		fmt.Fprintf(w, "  %s：%s\n", o.path, strings.TrimSpace(o.reason))
	}
}
