package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"budgetpack/model"
	"budgetpack/model/raw"
)

// Joiner joins the files of one document in an input argument: a
// department that publishes its explanation (文字说明) and its tables
// (附表) as two files is named "说明.pdf+附表.pdf".
const Joiner = "+"

// Split returns the files an input argument names. An argument that is an
// existing file (or folder) names itself, even with a "+" in its name;
// otherwise an argument holding "+" between non-empty names names each of
// them, in order. Where a name itself holds "+", the argument is cut
// where every part is an existing file. A later name without a folder
// stands in the first file's folder: "2024/说明.pdf+附表.pdf" is
// 2024/说明.pdf and 2024/附表.pdf (unless only ./附表.pdf exists).
func Split(arg string) []string {
	if exists(arg) || !strings.Contains(arg, Joiner) {
		return []string{arg}
	}
	var cuts []int // byte offsets of the joiners
	for i := 0; i < len(arg); i++ {
		if strings.HasPrefix(arg[i:], Joiner) {
			cuts = append(cuts, i)
		}
	}
	if parts := existing(arg, cuts); parts != nil {
		return parts
	}
	parts := strings.Split(arg, Joiner)
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			return []string{arg}
		}
	}
	return inFirstFolder(parts)
}

// existing cuts arg at some of the cuts so that every part, in the first
// file's folder, exists; nil when no such cutting is found.
func existing(arg string, cuts []int) []string {
	ends := append(append([]int{}, cuts...), len(arg))
	failed := map[int]bool{} // start offsets known not to lead to a cutting
	var walk func(start int, dir string) []string
	walk = func(start int, dir string) []string {
		if failed[start] {
			return nil
		}
		for _, end := range ends {
			if end <= start || end == len(arg) && start == 0 {
				continue
			}
			p := arg[start:end]
			if start > 0 {
				p = resolve(p, dir)
			}
			if !exists(p) {
				continue
			}
			if end == len(arg) {
				return []string{p}
			}
			d := dir
			if start == 0 {
				d = filepath.Dir(p)
			}
			if rest := walk(end+len(Joiner), d); rest != nil {
				return append([]string{p}, rest...)
			}
		}
		failed[start] = true
		return nil
	}
	return walk(0, "")
}

func inFirstFolder(parts []string) []string {
	dir := filepath.Dir(parts[0])
	for i := 1; i < len(parts); i++ {
		parts[i] = resolve(parts[i], dir)
	}
	return parts
}

// resolve finds a later name of a joined argument: one without a folder
// in the first file's folder dir, unless it is only found as given.
func resolve(name, dir string) string {
	if strings.ContainsAny(name, `/\`) {
		return name
	}
	if in := filepath.Join(dir, name); exists(in) || !exists(name) {
		return in
	}
	return name
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// Input reads and recognizes the document an input argument names: one
// file, or the files joined with "+" (see Split).
func Input(arg string, opt Options) (*model.Document, error) {
	return Files(Split(arg), opt)
}

// Files reads the files of one document, in order, and recognizes them as
// one: the prose of one and the tables of another make one model. Each
// file is read by its own reader; places then name the file ("附表.pdf
// 第 3 页"). Every file is needed: one that cannot be read fails the
// document, with its name.
func Files(paths []string, opt Options) (*model.Document, error) {
	switch len(paths) {
	case 0:
		return nil, &model.InputError{Msg: "没有输入文件 (no input file)"}
	case 1:
		return File(paths[0], opt)
	}
	name := strings.Join(paths, Joiner)
	seen := map[string]string{}
	for _, p := range paths {
		k := filepath.Clean(p)
		if abs, err := filepath.Abs(p); err == nil {
			k = abs
		}
		if seen[k] != "" {
			return nil, &model.InputError{File: name, Msg: fmt.Sprintf("%s 出现了两次；以 + 连接的应是同一部门的不同文件 (the same file twice)", p)}
		}
		seen[k] = p
	}
	lib, err := library(opt)
	if err != nil {
		return nil, err
	}
	docs := make([]*raw.Document, len(paths))
	for i, p := range paths {
		data, err := readInput(p, opt.MaxSize)
		if err != nil {
			return nil, err
		}
		layout, err := layoutOf(p, data, opt)
		if err != nil {
			return nil, err
		}
		if layout == "json" {
			return nil, &model.InputError{File: p, Msg: "模型 JSON 已是完整的一个部门，不能与其他文件以 + 连接 (a model JSON cannot be joined with other files)"}
		}
		if docs[i], err = read(p, data, layout); err != nil {
			return nil, err
		}
	}
	bases := make([]string, len(paths))
	for i, p := range paths {
		bases[i] = filepath.Base(p)
	}
	return recognized(name, strings.Join(bases, Joiner), Concat(docs, bases), lib, opt)
}

// Concat joins raw documents read from the named files into one, in
// order. Every Line field of the result is an anchor into its Places,
// which name the file: a document's own places gain the file's name, and
// a document of text lines gets one place per line, so that lines keep
// their distances. The layout is that of the document with the most grid
// rows (the tables), or of the first, and so whether cells say where
// their text starts.
func Concat(docs []*raw.Document, names []string) *raw.Document {
	out := &raw.Document{Places: []raw.Place{}}
	most := -1
	for i, d := range docs {
		if n := gridRows(d); n > most {
			most = n
			out.Layout, out.Ragged, out.Indents = d.Layout, d.Ragged, d.Indents
		}
		off := len(out.Places)
		if d.Places != nil {
			for _, p := range d.Places {
				p.File = names[i]
				out.Places = append(out.Places, p)
			}
		} else {
			for l := 1; l <= lastLine(d); l++ {
				out.Places = append(out.Places, raw.Place{File: names[i], Line: l})
			}
		}
		for _, b := range d.Blocks {
			b.Line = shift(b.Line, off)
			if b.Rows != nil {
				rows := make([]raw.Row, len(b.Rows))
				for j, r := range b.Rows {
					r.Line = shift(r.Line, off)
					cells := make([]raw.Cell, len(r.Cells))
					for k, c := range r.Cells {
						c.Line = shift(c.Line, off)
						cells[k] = c
					}
					r.Cells = cells
					rows[j] = r
				}
				b.Rows = rows
			}
			out.Blocks = append(out.Blocks, b)
		}
	}
	return out
}

func shift(line, off int) int {
	if line <= 0 {
		return line
	}
	return line + off
}

func gridRows(d *raw.Document) int {
	n := 0
	for _, b := range d.Blocks {
		n += len(b.Rows)
	}
	return n
}

// lastLine is the largest line a document of text lines refers to.
func lastLine(d *raw.Document) int {
	n := 0
	for _, b := range d.Blocks {
		n = max(n, b.Line)
		for _, r := range b.Rows {
			n = max(n, r.Line)
			for _, c := range r.Cells {
				n = max(n, c.Line)
			}
		}
	}
	return n
}
