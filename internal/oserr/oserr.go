// Package oserr says the errors of the operating system in Chinese words.
package oserr

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// Message says an error in Chinese words. An error of the operating
// system (no such file, no permission, disk full …) is named in Chinese
// with the path it concerns; any other error's own text (already Chinese
// where budgetpack made it) is kept.
func Message(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path + "：" + Reason(err)
	}
	return Reason(err)
}

// Reason is Message without the path, for a message that names the file
// already.
func Reason(err error) string {
	path := ""
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path + "文件或文件夹不存在"
	case errors.Is(err, fs.ErrPermission):
		return path + "没有权限（请检查文件夹是否可写、文件是否只读或正被其他程序打开）"
	case errors.Is(err, fs.ErrExist):
		return path + "已经存在"
	case errors.Is(err, syscall.ENOSPC):
		return path + "磁盘空间不足"
	case errors.Is(err, syscall.EISDIR):
		return path + "这是一个文件夹，不是文件"
	case errors.Is(err, syscall.ENOTDIR):
		return path + "路径中有一段不是文件夹"
	case errors.Is(err, syscall.EROFS):
		return path + "所在磁盘只读"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return path + "文件名太长"
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return fmt.Sprintf("%s系统错误（错误号 %d）", path, int(errno))
	}
	return err.Error()
}
