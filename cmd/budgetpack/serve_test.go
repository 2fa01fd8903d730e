package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetpack/serve"
)

func TestServeLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.168.1.10:8080", "example.com:80", "127.0.0.1"} {
		code, _, errs := runCmd("serve", "--no-browser", "--addr", addr)
		if code != exitUsage || !strings.Contains(errs, "--addr") {
			t.Errorf("--addr %s: exit %d, %s", addr, code, errs)
		}
	}
	if code, _, errs := runCmd("serve", "--no-browser", hebei); code != exitUsage || !strings.Contains(errs, "拖入") {
		t.Errorf("serve with a file: exit %d, %s", code, errs)
	}
}

// TestNoArgumentsServes: a double-click starts the page and opens the browser.
func TestNoArgumentsServes(t *testing.T) {
	opened := make(chan string, 1)
	openBrowser = func(u string) error { opened <- u; return nil }
	defer func() { openBrowser = defaultOpenBrowser }()
	ready := make(chan string, 1)
	stop := make(chan struct{})
	serveHooks.ready, serveHooks.stop = func(u string) { ready <- u }, stop
	defer func() { serveHooks.ready, serveHooks.stop = nil, nil }()
	var out bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(nil, &out, io.Discard) }()
	u := <-ready
	if got := <-opened; got != u {
		t.Errorf("opened %q, serving %q", got, u)
	}
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the page: status %d", resp.StatusCode)
	}
	// the same address without its token is refused
	pu, _ := url.Parse(u)
	pu.RawQuery = ""
	resp, err = http.Get(pu.String())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("without the token: status %d", resp.StatusCode)
	}
	close(stop)
	if code := <-done; code != exitOK {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(out.String(), u) || !strings.HasPrefix(pu.Host, "127.0.0.1:") {
		t.Errorf("printed %q, address %q", out.String(), pu.Host)
	}
}

// TestServeBadFileSameMessage: a file the command line cannot read gives
// the same message on the page.
func TestServeBadFileSameMessage(t *testing.T) {
	u := startServe(t)
	pu, _ := url.Parse(u)
	token := pu.Query().Get("t")
	dir := t.TempDir()
	seed, _ := os.ReadFile(hebei)
	for name, data := range map[string][]byte{
		"说明.txt":  []byte("这不是预算公开文件。\n"),
		"截断.txt":  seed[:len(seed)/10],
		"图片.jpg":  {0xff, 0xd8, 0xff, 0xe0, 0},
		"空白.docx": []byte("PK\x03\x04"),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errs := runCmd("check", path)
		if code != exitInput {
			t.Fatalf("%s: check exit %d", name, code)
		}
		cli := strings.TrimSpace(strings.ReplaceAll(errs, path, name))

		req, _ := http.NewRequest("POST", pu.Scheme+"://"+pu.Host+"/api/check?name="+url.QueryEscape(name), bytes.NewReader(data))
		req.Header.Set(serve.TokenHeader, token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Error string `json:"error"`
		}
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity || "budgetpack: "+body.Error != cli {
			t.Errorf("%s: status %d\n page: %s\n  cli: %s", name, resp.StatusCode, body.Error, cli)
		}
	}
}
