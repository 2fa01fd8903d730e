package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"budgetpack/internal/golden"
	"budgetpack/render/layout"
)

// chromium finds a Chromium or Chrome binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startServe runs the serve command as a user would and returns the
// address it prints; the server stops when the test ends.
func startServe(t *testing.T) string {
	t.Helper()
	ready := make(chan string, 1)
	stop := make(chan struct{})
	serveHooks.ready = func(url string) { ready <- url }
	serveHooks.stop = stop
	done := make(chan int, 1)
	go func() { done <- run([]string{"serve", "--no-browser"}, io.Discard, io.Discard) }()
	var url string
	select {
	case url = <-ready:
	case code := <-done:
		t.Fatalf("serve ended with %d before it served", code)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() {
		close(stop)
		<-done
		serveHooks.ready, serveHooks.stop = nil, nil
	})
	return url
}

// TestServePageInChromium drives the page in headless Chromium: drop the
// Hebei seed, see its findings, click one and see its cell highlighted,
// download the 公开版 workbook and compare it with what render writes.
// go test -update also rewrites the screenshot docs/serve-page.png.
func TestServePageInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no chromium binary found (apt-get install chromium)")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	url := startServe(t)
	seed, err := filepath.Abs(hebei)
	if err != nil {
		t.Fatal(err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.WindowSize(1600, 1000),
		chromedp.Flag("lang", "zh-CN"),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()

	// open the page
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1600, 1000), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.ID("drop"))); err != nil {
		t.Fatalf("open the page: %v", err)
	}

	// drop the seed on the drop zone, as a file dragged from the desktop
	box, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.getElementById("drop").getBoundingClientRect();
		return [r.x + r.width / 2, r.y + r.height / 2]; })()`))
	if err != nil {
		t.Fatal(err)
	}
	data := &input.DragData{Files: []string{seed}, Items: []*input.DragDataItem{}, DragOperationsMask: 1}
	for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
		if _, err := chromedp.Call(ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: box[0], Y: box[1], Data: data}); err != nil {
			t.Fatalf("drop the file (%s): %v", typ, err)
		}
	}

	// its findings appear beside its tables
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".doc .list li.finding"))); err != nil {
		t.Fatalf("findings: %v", err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".doc .list li.finding").length`))
	if err != nil {
		t.Fatal(err)
	}
	dept, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".doc .dept")))
	if err != nil {
		t.Fatal(err)
	}
	uploads, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#queue li").length`))
	if err != nil || uploads != 1 {
		t.Errorf("one file dropped, %d uploads (%v)", uploads, err)
	}
	_, out, _ := runCmd("check", "--json", hebei)
	want := strings.Count(out, `"rule":`)
	if n != want || n == 0 {
		t.Errorf("the page lists %d findings, check --json %d", n, want)
	}
	if dept != "保定市徐水区工业和信息化局" {
		t.Errorf("department %q", dept)
	}

	// click the first error on a table cell: its cell is shown and highlighted
	type cellState struct {
		Cell        string `json:"cell"`
		Highlighted bool   `json:"highlighted"`
		SheetShown  bool   `json:"sheetShown"`
		InView      bool   `json:"inView"`
		Active      bool   `json:"active"`
		Marked      bool   `json:"marked"`
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.doc .list li.finding.error[data-cell*="-s"]`))); err != nil {
		t.Fatalf("click a finding: %v", err)
	}
	time.Sleep(300 * time.Millisecond) // the smooth part of the scroll
	state, err := chromedp.Run(ctx, chromedp.Evaluate[cellState](`(() => {
		const li = document.querySelector(".doc .list li.active");
		const c = li && document.getElementById(li.dataset.cell);
		if (!c) return {};
		const r = c.getBoundingClientRect(), box = c.closest(".sheets").getBoundingClientRect();
		return {cell: c.id, highlighted: c.classList.contains("hl"), sheetShown: c.closest(".sheet").classList.contains("on"),
			inView: r.top >= box.top && r.bottom <= box.bottom && r.width > 0, active: true, marked: c.classList.contains("m-error")};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !state.Active || !state.Highlighted || !state.SheetShown || !state.InView || !state.Marked {
		t.Errorf("after the click: %+v", state)
	}

	if *golden.Update {
		// the README's picture: a rounding slip in 支出总表, the page at its top
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.doc .list li.finding.warning[data-cell]`)),
			chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../docs/serve-page.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// download the 公开版 workbook
	dir := t.TempDir()
	on := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &on}); err != nil {
		t.Fatal(err)
	}
	begin := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.doc .downloads button[data-edition="public"][data-fix=""][data-format="xlsx"]`))); err != nil {
		t.Fatalf("download: %v", err)
	}
	for ev, err := range begin {
		if err != nil {
			t.Fatal(err)
		}
		if want := layout.PackName("hebei-xushui-gongxin-2024", "", layout.PublicPack) + ".xlsx"; ev.SuggestedFilename != want {
			t.Errorf("downloaded as %q, render writes %q", ev.SuggestedFilename, want)
		}
		break
	}
	var guid string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("the download did not finish: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			guid = ev.GUID
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the download was canceled")
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, guid))
	if err != nil {
		t.Fatal(err)
	}
	wantBytes := renderedPublic(t, hebei)
	if !bytes.Equal(got, wantBytes) {
		t.Errorf("the 公开版 workbook downloaded (%d bytes) differs from render's (%d bytes)", len(got), len(wantBytes))
	}
}

// renderedPublic is the 公开版 workbook of a seed as render writes it.
func renderedPublic(t *testing.T, src string) []byte {
	t.Helper()
	dir := t.TempDir()
	if code, _, errs := runCmd("render", "--pack", layout.PublicPack, "--format", "xlsx", "-o", dir, src); code != exitOK {
		t.Fatalf("render: exit %d: %s", code, errs)
	}
	stem := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
	data, err := os.ReadFile(filepath.Join(dir, layout.PackName(stem, "", layout.PublicPack)+".xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
