// Package safeout writes a run's output files without ever losing a file:
// every target is claimed before the first byte of the run is written, so
// that no output replaces an input of the run or an earlier output of the
// same run, and no read-only file is replaced; each file is written to a
// temporary file in its folder and renamed into place; temporary files are
// removed on every path, including an interrupt (SIGINT, SIGTERM).
package safeout

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// Run is the set of inputs and outputs of one command run.
type Run struct {
	inputs  []input
	claimed map[string]string // folded absolute target → the input it is made from
	mu      sync.Mutex
	temps   map[string]bool // live temporary files
	closed  bool
}

type input struct {
	path string
	info os.FileInfo // nil when the input cannot be stat'ed
}

// New starts a run that reads the given input files.
func New(inputs []string) *Run {
	r := &Run{claimed: map[string]string{}, temps: map[string]bool{}}
	for _, p := range inputs {
		info, _ := os.Stat(p)
		r.inputs = append(r.inputs, input{path: p, info: info})
	}
	return r
}

// Error is a target the run must not write; it is found before anything
// is written.
type Error struct {
	Target string
	Msg    string
}

func (e *Error) Error() string { return e.Target + ": " + e.Msg }

// key is the name two targets collide by: the absolute path with case
// folded, as on the case-insensitive disks of Windows and macOS.
func key(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return strings.ToLower(filepath.Clean(abs))
}

// Claim reserves target as the output made from input from. It refuses,
// with an *Error, a target that is one of the run's inputs, that an
// earlier output of the run already claimed (names that differ only in
// case collide), or that exists and is read-only or not a regular file.
func (r *Run) Claim(target, from string) error {
	k := key(target)
	if prev, ok := r.claimed[k]; ok {
		if prev == from {
			return &Error{target, "同一输出文件出现两次 (the same output twice)"}
		}
		return &Error{target, fmt.Sprintf("%s 和 %s 会写到同一个输出文件；请分两次运行并用 -o 指定不同目录，或先改名 (both inputs would write this file; render them with different -o folders or rename one)", prev, from)}
	}
	for _, in := range r.inputs {
		if key(in.path) == k {
			return &Error{target, "输出会覆盖输入文件（本次运行的输入），请用 -o 指定另一个目录 (the output would overwrite an input of this run; choose another -o)"}
		}
	}
	if err := r.checkTarget(target); err != nil {
		return err
	}
	r.claimed[k] = from
	return nil
}

// checkTarget refuses an existing target that is an input (by identity,
// so links count), read-only, or not a regular file.
func (r *Run) checkTarget(target string) error {
	info, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &Error{target, fmt.Sprintf("无法检查输出文件 (cannot inspect the output): %v", err)}
	}
	if info.Mode()&os.ModeSymlink != 0 {
		if t, err := os.Stat(target); err == nil {
			info = t
		}
	}
	for _, in := range r.inputs {
		if in.info != nil && os.SameFile(in.info, info) {
			return &Error{target, "输出会覆盖输入文件（本次运行的输入），请用 -o 指定另一个目录 (the output would overwrite an input of this run; choose another -o)"}
		}
	}
	if !info.Mode().IsRegular() {
		return &Error{target, "已存在且不是普通文件，不会替换 (exists and is not a regular file; not replaced)"}
	}
	if info.Mode().Perm()&0o200 == 0 {
		return &Error{target, "已存在且为只读文件，不会替换 (exists and is read-only; not replaced)"}
	}
	return nil
}

// TempPrefix and TempSuffix frame the name of every temporary file; the
// name is short (24 bytes) so that it fits wherever the final name fits.
const (
	TempPrefix = ".budgetpack-"
	TempSuffix = ".tmp"
)

// Write writes a claimed target: write fills a temporary file in the
// target's folder, which is renamed over the target once complete and
// not empty. A new file gets the mode 0666 less the umask; a replaced
// file keeps its mode. On any failure nothing is left behind and an
// existing target is unchanged.
func (r *Run) Write(target string, write func(io.Writer) error) error {
	if _, ok := r.claimed[key(target)]; !ok {
		return fmt.Errorf("%s: 未登记的输出 (output not claimed)", target)
	}
	// checked again: the folder may have changed since the run began
	if err := r.checkTarget(target); err != nil {
		return err
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	f, name, err := r.create(dir)
	if err != nil {
		return err
	}
	fail := func(err error) error {
		f.Close()
		r.remove(name)
		return err
	}
	if err := write(f); err != nil {
		return fail(err)
	}
	if info, err := f.Stat(); err != nil {
		return fail(err)
	} else if info.Size() == 0 {
		return fail(errors.New("输出为空 (the output is empty)"))
	}
	if old, err := os.Stat(target); err == nil {
		if err := f.Chmod(old.Mode().Perm()); err != nil {
			return fail(err)
		}
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		r.remove(name)
		return err
	}
	return r.rename(name, target)
}

// create makes a new temporary file in dir, registered so that an
// interrupt removes it. The lock is held while the file is created, so a
// signal handler either runs first (and nothing is created) or sees it.
func (r *Run) create(dir string) (*os.File, string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, "", errors.New("已中断 (interrupted)")
	}
	for range 100 {
		var b [6]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, "", err
		}
		name := filepath.Join(dir, TempPrefix+hex.EncodeToString(b[:])+TempSuffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		r.temps[name] = true
		return f, name, nil
	}
	return nil, "", errors.New("无法创建临时文件 (cannot create a temporary file)")
}

func (r *Run) remove(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	os.Remove(name)
	delete(r.temps, name)
}

func (r *Run) rename(name, target string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		os.Remove(name)
		delete(r.temps, name)
		return errors.New("已中断 (interrupted)")
	}
	err := os.Rename(name, target)
	if err != nil {
		os.Remove(name)
	}
	delete(r.temps, name)
	return err
}

// Cleanup removes every temporary file still there and refuses further
// writes. It is safe to call from a signal handler's goroutine.
func (r *Run) Cleanup() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	for name := range r.temps {
		os.Remove(name)
		delete(r.temps, name)
	}
}

// OnSignal removes the temporary files and calls exit(128+signal) when the
// process gets SIGINT, SIGTERM or SIGHUP, until stop is called. exit is os.Exit in
// the command.
func (r *Run) OnSignal(exit func(code int)) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			r.Cleanup()
			code := 130
			if n, ok := s.(syscall.Signal); ok {
				code = 128 + int(n)
			}
			exit(code)
		case <-done:
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
		})
	}
}
