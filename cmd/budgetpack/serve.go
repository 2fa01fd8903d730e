package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"budgetpack/render/layout"
	"budgetpack/serve"
)

// serveHooks let the tests stop the server and see the address it opens.
var serveHooks struct {
	// ready is told the listening address once the server accepts requests.
	ready func(url string)
	// stop, when set, ends the server when it is closed.
	stop <-chan struct{}
}

func cmdServe(args []string, stdout, stderr io.Writer) int {
	var in inputFlags
	var addr, font string
	var noBrowser bool
	fs := newFlagSet("serve", "serve [--addr 127.0.0.1:端口] [--no-browser] [选项]", stderr)
	in.register(fs)
	fs.StringVar(&addr, "addr", "127.0.0.1:0", "监听地址，只能是本机地址；端口 0 表示任选一个空闲端口 (loopback address to listen on; port 0 picks a free one)")
	fs.BoolVar(&noBrowser, "no-browser", false, "不自动打开浏览器 (do not open the browser)")
	fs.StringVar(&font, "font", "", "PDF 所用中文字体，同 render --font (Chinese font for the PDF)")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "budgetpack: serve 不接受文件参数，请在页面中拖入文件 (serve takes no files; drop them on the page)\n")
		return exitUsage
	}
	opt, err := in.options()
	if err != nil {
		fmt.Fprintln(stderr, "budgetpack:", err)
		return exitUsage
	}
	if err := loopback(addr); err != nil {
		fmt.Fprintln(stderr, "budgetpack:", err)
		return exitUsage
	}
	srv, err := serve.New(serve.Options{Parse: opt, Font: font, PackName: layout.PackName})
	if err != nil {
		fmt.Fprintln(stderr, "budgetpack:", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "budgetpack: 无法监听 %s (cannot listen): %v\n", addr, err)
		return exitUsage
	}
	srv.SetPort(ln.Addr().(*net.TCPAddr).Port)
	url := srv.URL(ln.Addr())
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "budgetpack 已启动，请在浏览器中打开 (open in the browser):\n\n    %s\n\n", url)
	fmt.Fprintln(stdout, "文件只在本机处理。关闭此窗口或按 Ctrl+C 停止。Files stay on this computer; Ctrl+C stops.")
	if !noBrowser {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(stdout, "未能自动打开浏览器，请复制上面的地址 (could not open the browser): %v\n", err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	if serveHooks.ready != nil {
		serveHooks.ready(url)
	}
	var quit <-chan struct{} = serveHooks.stop
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(stderr, "budgetpack:", err)
			return exitInput
		}
	case <-ctx.Done():
	case <-quit:
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	hs.Shutdown(shut)
	fmt.Fprintln(stdout, "budgetpack 已停止 (stopped)")
	return exitOK
}

// loopback accepts only an address on this computer: 127.x.x.x, ::1 or localhost.
func loopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err == nil {
		_, err = strconv.ParseUint(port, 10, 16)
	}
	if err != nil {
		return fmt.Errorf("--addr 应为 主机:端口，如 127.0.0.1:8080 (--addr is host:port): %q", addr)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--addr 只能是本机地址 127.0.0.1、::1 或 localhost，文件不会对外提供 (only a loopback address is served): %q", addr)
}

// openBrowser opens the address in the system's browser (a variable so
// that the tests do not).
var openBrowser = defaultOpenBrowser

func defaultOpenBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
