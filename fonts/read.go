package fonts

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// MaxFileSize bounds a font file: the largest CJK collections (Noto Serif
// CJK, all weights) are about 120 MB.
const MaxFileSize = 256 << 20

// readFile reads a font file: a regular file of at most MaxFileSize
// bytes, so that a device or a pipe named with --font cannot run away.
func readFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("不是普通文件 (not a regular file)")
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("文件超过 %d MB (larger than %d MB)", MaxFileSize>>20, MaxFileSize>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	b.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, err
	}
	if b.Len() > MaxFileSize {
		return nil, fmt.Errorf("文件超过 %d MB (larger than %d MB)", MaxFileSize>>20, MaxFileSize>>20)
	}
	return b.Bytes(), nil
}
