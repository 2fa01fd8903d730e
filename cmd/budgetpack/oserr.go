package main

import (
	"errors"
	"io/fs"
	"syscall"
)

// osMessage says an error in Chinese words. An error of the operating
// system (no such file, no permission, disk full …) is named in Chinese
// with the path it concerns; any other error's own text (already Chinese
// where budgetpack made it) is kept.
func osMessage(err error) string {
	var pe *fs.PathError
	path := ""
	if errors.As(err, &pe) {
		path = pe.Path + "："
	}
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
	if pe != nil {
		return path + "无法读写（" + pe.Err.Error() + "）"
	}
	return err.Error()
}
