package parse

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"budgetpack/internal/oserr"
	"budgetpack/model"
)

// DefaultMaxSize is the largest input file read when Options.MaxSize is 0:
// 64 MB, ten times the largest disclosure seen (a PDF with its fonts).
const DefaultMaxSize int64 = 64 << 20

// readInput reads a regular file of at most max bytes. Devices, pipes,
// sockets and folders are refused before they are read, and the read
// itself stops at max+1 bytes, so a file that grows while it is read is
// bounded too.
func readInput(path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	fail := func(msg string) error { return &model.InputError{File: path, Msg: msg} }
	info, err := os.Stat(path)
	if err != nil {
		return nil, fail("无法读取文件：" + oserr.Reason(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fail(fmt.Sprintf("不是普通文件（%s），不读取 (not a regular file: a folder, device or pipe is not read)", kind(info.Mode())))
	}
	if info.Size() > max {
		return nil, fail(tooBig("", info.Size(), max))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fail("无法读取文件：" + oserr.Reason(err))
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fail("不是普通文件，不读取 (not a regular file)")
	}
	var b bytes.Buffer
	b.Grow(int(min(info.Size(), max)) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, fail("无法读取文件：" + oserr.Reason(err))
	}
	if int64(b.Len()) > max {
		return nil, fail(tooBig("超过 ", int64(b.Len())-1, max))
	}
	return b.Bytes(), nil
}

func tooBig(over string, size, max int64) string {
	return fmt.Sprintf("文件太大：%s%s，上限 %s；确需读取时用 --max-size 调高 (the file is larger than the limit of %s; raise it with --max-size)",
		over, megabytes(size), megabytes(max), megabytes(max))
}

func megabytes(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d 字节 (bytes)", n)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "文件夹 folder"
	case m&os.ModeNamedPipe != 0:
		return "管道 pipe"
	case m&os.ModeSocket != 0:
		return "套接字 socket"
	case m&os.ModeDevice != 0:
		return "设备 device"
	}
	return "特殊文件 special file"
}

// SizeError is the error File gives for an input of size bytes over the
// limit of max; atLeast says that size is only what was read before the
// read stopped. Readers of uploads use it so that their message is the
// command line's.
func SizeError(name string, size, max int64, atLeast bool) error {
	over := ""
	if atLeast {
		over = "超过 "
	}
	return &model.InputError{File: name, Msg: tooBig(over, size, max)}
}
