package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"budgetpack/check"
	"budgetpack/internal/seedtest"
	"budgetpack/model/parse"
	"budgetpack/render/xlsx"
)

const token = "test-token-0123456789"

// newTest starts a server on a loopback port and returns it with its base URL.
func newTest(t *testing.T, opt Options) (*Server, string) {
	t.Helper()
	opt.Token = token
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	u, _ := url.Parse(ts.URL)
	var port int
	fmt.Sscanf(u.Port(), "%d", &port)
	s.SetPort(port)
	return s, ts.URL
}

func seeds(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	return files
}

// do sends req and reads the whole answer.
func do(t testing.TB, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, body
}

// fetch gets url, without the token header, and reads the whole answer.
func fetch(t testing.TB, url string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, req)
}

// upload posts a file the way the page does and decodes the answer.
func upload(t testing.TB, base, name string, data []byte) (int, Result, apiError) {
	t.Helper()
	req, err := http.NewRequest("POST", base+"/api/check?name="+url.QueryEscape(name), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(TokenHeader, token)
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, body := do(t, req)
	var res Result
	var ae apiError
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatalf("%s: %v: %s", name, err, body)
		}
	} else if err := json.Unmarshal(body, &ae); err != nil {
		t.Fatalf("%s: status %d, no JSON error: %s", name, resp.StatusCode, body)
	}
	return resp.StatusCode, res, ae
}

// want is what the command line finds in a seed.
func want(t testing.TB, path string) []check.Finding {
	t.Helper()
	_, fs := seedtest.Checked(t, path)
	return fs
}

func TestUploadSeeds(t *testing.T) {
	_, base := newTest(t, Options{})
	for _, path := range seeds(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		code, res, ae := upload(t, base, name, data)
		if code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", name, code, ae.Error)
		}
		wantFs := want(t, path)
		if len(res.Findings) != len(wantFs) || len(wantFs) == 0 {
			t.Fatalf("%s: %d findings, want %d", name, len(res.Findings), len(wantFs))
		}
		located := 0
		for i, f := range res.Findings {
			if f.Message != wantFs[i].Message || f.Severity != wantFs[i].Severity || f.Rule != wantFs[i].Rule {
				t.Errorf("%s finding %d:\n got %s\nwant %s", name, i+1, f.Message, wantFs[i].Message)
			}
			if f.RuleName != check.RuleName(f.Rule) || f.RuleName == f.Rule {
				t.Errorf("%s finding %d: rule name %q for %s, want the Chinese name", name, i+1, f.RuleName, f.Rule)
			}
			if f.Cell != "" {
				located++
				if !strings.Contains(res.HTML, `id="`+f.Cell+`"`) {
					t.Errorf("%s finding %d: cell %s is not in the tables", name, i+1, f.Cell)
				}
			}
		}
		if located == 0 {
			t.Errorf("%s: no finding points at a cell", name)
		}
		e, w, i := check.Count(wantFs)
		if res.Summary != (Summary{e, w, i}) {
			t.Errorf("%s: summary %+v", name, res.Summary)
		}
		if res.Department == "" || res.Year == 0 || res.Unit == "" || res.Family == "" || res.FamilyName == "" {
			t.Errorf("%s: department %q, year %d, unit %q, family %q (%q)", name, res.Department, res.Year, res.Unit, res.Family, res.FamilyName)
		}
		if len(res.Sheets) < 12 || !strings.Contains(res.HTML, "m-error") {
			t.Errorf("%s: %d sheets; shading in the tables: %v", name, len(res.Sheets), strings.Contains(res.HTML, "m-error"))
		}
		if len(res.Downloads) != 12 {
			t.Errorf("%s: %d downloads, want 12 (原表/两种更正 × 公开版/审核版 × Excel/PDF)", name, len(res.Downloads))
		}
	}
}

func TestBadFile(t *testing.T) {
	_, base := newTest(t, Options{})
	cases := map[string][]byte{
		"说明.txt":   []byte("这不是预算公开文件。\n只有一行文字。\n"),
		"空.txt":    {},
		"图片.png":   {0x89, 'P', 'N', 'G', 0, 0, 0, 0},
		"损坏.xlsx":  []byte("PK\x03\x04 not really a zip"),
		"半份表格.txt": halfSeed(t),
	}
	for name, data := range cases {
		code, _, ae := upload(t, base, name, data)
		_, cliErr := parse.Bytes(name, data, parse.Options{})
		if cliErr == nil {
			t.Fatalf("%s: the command line reads it", name)
		}
		if code != http.StatusUnprocessableEntity || ae.Error != cliErr.Error() {
			t.Errorf("%s: status %d, message %q; want 422 and %q", name, code, ae.Error, cliErr.Error())
		}
	}
	// the server still serves
	data, _ := os.ReadFile(seeds(t)[0])
	if code, _, ae := upload(t, base, "again.txt", data); code != http.StatusOK {
		t.Errorf("after bad files: %d %s", code, ae.Error)
	}
}

// halfSeed is the first tenth of a seed: a table cut off.
func halfSeed(t *testing.T) []byte {
	data, err := os.ReadFile(seeds(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	return data[:len(data)/10]
}

func TestTooLarge(t *testing.T) {
	_, base := newTest(t, Options{MaxUpload: 4 << 10})
	big := bytes.Repeat([]byte("一二三四五六七八九十\n"), 1000)
	code, _, ae := upload(t, base, "大文件.txt", big)
	if want := parse.SizeError("大文件.txt", int64(len(big)), 4<<10, false).Error(); code != http.StatusRequestEntityTooLarge || ae.Error != want {
		t.Errorf("declared length: status %d, %q; want 413, %q", code, ae.Error, want)
	}
	// without a declared length the body is cut at the limit all the same
	req, _ := http.NewRequest("POST", base+"/api/check?name=x.txt", io.MultiReader(bytes.NewReader(big)))
	req.ContentLength = -1
	req.Header.Set(TokenHeader, token)
	resp, body := do(t, req)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "文件太大") {
		t.Errorf("streamed: status %d, %s", resp.StatusCode, body)
	}
}

func TestToken(t *testing.T) {
	_, base := newTest(t, Options{})
	for _, c := range []struct {
		method, path, header string
	}{
		{"GET", "/", ""},
		{"GET", "/?t=wrong", ""},
		{"GET", "/assets/app.js", ""},
		{"POST", "/api/check?name=a.txt", ""},
		{"POST", "/api/check?name=a.txt", "wrong"},
		{"GET", "/api/doc/0123/pack?edition=public&format=xlsx", ""},
	} {
		req, _ := http.NewRequest(c.method, base+c.path, strings.NewReader("x"))
		if c.header != "" {
			req.Header.Set(TokenHeader, c.header)
		}
		resp, body := do(t, req)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "访问令牌") {
			t.Errorf("%s %s: status %d, %s", c.method, c.path, resp.StatusCode, body)
		}
	}
	// with the token the page and its assets are served, the token in their addresses
	resp, page := fetch(t, base+"/?t="+token)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "/assets/app.js?t="+token) ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("page: status %d, CSP %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	for _, a := range []string{"app.js", "app.css", "song.ttf"} {
		resp, _ := fetch(t, base+"/assets/"+a+"?t="+token)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", a, resp.StatusCode)
		}
	}
	for _, a := range []string{"index.html", "..%2fserver.go", "nothing.js"} {
		resp, _ := fetch(t, base+"/assets/"+a+"?t="+token)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", a, resp.StatusCode)
		}
	}
}

func TestForeignHost(t *testing.T) {
	s, base := newTest(t, Options{})
	port := s.opt.Port
	for _, host := range []string{
		fmt.Sprintf("evil.example:%d", port),
		fmt.Sprintf("localhost.evil.example:%d", port),
		fmt.Sprintf("127.0.0.1.nip.io:%d", port),
		fmt.Sprintf("127.0.0.1:%d", port+1),
		"127.0.0.1",
	} {
		req, _ := http.NewRequest("GET", base+"/?t="+token, nil)
		req.Host = host
		resp, body := do(t, req)
		if resp.StatusCode != http.StatusMisdirectedRequest || !strings.Contains(string(body), "只接受本机地址") {
			t.Errorf("Host %q: status %d, %s", host, resp.StatusCode, body)
		}
	}
	for _, host := range []string{fmt.Sprintf("localhost:%d", port), fmt.Sprintf("[::1]:%d", port), fmt.Sprintf("127.0.0.1:%d", port)} {
		req, _ := http.NewRequest("GET", base+"/?t="+token, nil)
		req.Host = host
		resp, _ := do(t, req)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("Host %q: status %d", host, resp.StatusCode)
		}
	}
}

func TestConcurrentUploads(t *testing.T) {
	_, base := newTest(t, Options{})
	files := seeds(t)
	type seed struct {
		data []byte
		dept string
		n    int
	}
	var ss []seed
	for _, f := range files {
		data, _ := os.ReadFile(f)
		doc, err := parse.File(f, parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ss = append(ss, seed{data, doc.Department.Name, len(want(t, f))})
	}
	const n = 50
	var wg sync.WaitGroup
	results := make([]Result, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sd := ss[i%len(ss)]
			code, res, ae := upload(t, base, fmt.Sprintf("文件%02d.txt", i), sd.data)
			if code != http.StatusOK {
				errs[i] = fmt.Errorf("status %d: %s", code, ae.Error)
				return
			}
			results[i] = res
		}(i)
	}
	wg.Wait()
	ids := map[string]bool{}
	for i, res := range results {
		if errs[i] != nil {
			t.Errorf("upload %d: %v", i, errs[i])
			continue
		}
		sd := ss[i%len(ss)]
		if res.File != fmt.Sprintf("文件%02d.txt", i) || res.Department != sd.dept || len(res.Findings) != sd.n {
			t.Errorf("upload %d: file %q, department %q, %d findings; want %q, %d", i, res.File, res.Department, len(res.Findings), sd.dept, sd.n)
		}
		if ids[res.ID] {
			t.Errorf("upload %d: id %s given twice", i, res.ID)
		}
		ids[res.ID] = true
	}
	// every document's packs are its own
	for _, i := range []int{0, 1, 48, 49} {
		resp, err := get(base + results[i].Downloads[0].URL)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), url.PathEscape(fmt.Sprintf("文件%02d-公开版.xlsx", i))) {
			t.Errorf("download %d: status %d, %q", i, resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
		resp.Body.Close()
	}
}

func get(u string) (*http.Response, error) {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set(TokenHeader, token)
	return http.DefaultClient.Do(req)
}

func TestDownload(t *testing.T) {
	s, base := newTest(t, Options{})
	path := seeds(t)[0]
	data, _ := os.ReadFile(path)
	_, res, _ := upload(t, base, "../../etc/部门预算.txt", data)
	if res.File != "部门预算.txt" {
		t.Errorf("file name %q", res.File)
	}
	e := s.store.get(res.ID)
	seen := map[string]bool{}
	for _, d := range res.Downloads {
		if seen[d.File] {
			t.Errorf("two packs named %s", d.File)
		}
		seen[d.File] = true
		if d.Format != "xlsx" {
			continue // the PDFs take longer; the writer has its own tests
		}
		resp, err := get(base + d.URL)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		book, err := buildPack(e.doc, e.set, pack{d.Edition, d.Fix, d.Format})
		if err != nil {
			t.Fatal(err)
		}
		var wantBuf bytes.Buffer
		if err := xlsx.Write(&wantBuf, book); err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK || !bytes.Equal(got, wantBuf.Bytes()) {
			t.Errorf("%s: status %d, %d bytes, want %d", d.File, resp.StatusCode, len(got), wantBuf.Len())
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape(d.File)) {
			t.Errorf("%s: Content-Disposition %q", d.File, cd)
		}
	}
	for _, c := range []struct {
		url    string
		status int
	}{
		{"/api/doc/" + res.ID + "/pack?edition=draft&format=xlsx", http.StatusBadRequest},
		{"/api/doc/" + res.ID + "/pack?edition=public&format=docx", http.StatusBadRequest},
		{"/api/doc/" + res.ID + "/pack?edition=public&format=xlsx&fix=guess", http.StatusBadRequest},
		{"/api/doc/ffff/pack?edition=public&format=xlsx", http.StatusNotFound},
	} {
		resp, err := get(base + c.url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.url, resp.StatusCode, c.status)
		}
	}
}

func TestPanicKeepsServing(t *testing.T) {
	s, _ := newTest(t, Options{})
	_, err, status := s.run(t.Context(), func() (any, error) { panic("a reader bug") })
	if status != http.StatusInternalServerError || !errors.Is(err, errInternal) {
		t.Errorf("status %d, %v", status, err)
	}
	v, err, status := s.run(t.Context(), func() (any, error) { return 1, nil })
	if status != http.StatusOK || err != nil || v != 1 {
		t.Errorf("after a panic: %v %v %d", v, err, status)
	}
}

func TestWorkTimeout(t *testing.T) {
	s, _ := newTest(t, Options{WorkTimeout: 50 * time.Millisecond})
	_, err, status := s.run(t.Context(), func() (any, error) { time.Sleep(500 * time.Millisecond); return nil, nil })
	if status != http.StatusServiceUnavailable || !strings.Contains(err.Error(), "超时") {
		t.Errorf("status %d, %v", status, err)
	}
}

func TestStoreForgets(t *testing.T) {
	st := newStore(2, time.Hour)
	a := st.add(&entry{stem: "a"})
	st.add(&entry{stem: "b"})
	st.add(&entry{stem: "c"})
	if st.get(a) != nil || len(st.byID) != 2 {
		t.Errorf("the oldest is kept: %d entries", len(st.byID))
	}
	old := newStore(2, time.Nanosecond)
	id := old.add(&entry{})
	time.Sleep(time.Millisecond)
	if old.get(id) != nil {
		t.Error("an expired document is served")
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"../../etc/passwd":       "passwd",
		`C:\Users\a\预算.xlsx`:     "预算.xlsx",
		"a\x00b\nc.txt":          "abc.txt",
		"":                       "未命名文件",
		"..":                     "未命名文件",
		`re"port<1>.pdf`:         "report1.pdf",
		strings.Repeat("长", 150): strings.Repeat("长", 100),
	} {
		if got := CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEditedWorkbook: a downloaded workbook, changed in a spreadsheet
// program and dropped again, is read and checked like the original.
func TestEditedWorkbook(t *testing.T) {
	_, base := newTest(t, Options{})
	path := seeds(t)[0]
	data, _ := os.ReadFile(path)
	_, first, _ := upload(t, base, filepath.Base(path), data)
	for _, d := range first.Downloads {
		if d.Format != "xlsx" || d.Fix != NoFix {
			continue
		}
		resp, err := get(base + d.URL)
		if err != nil {
			t.Fatal(err)
		}
		book, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		code, again, ae := upload(t, base, d.File, book)
		if code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", d.File, code, ae.Error)
		}
		if again.Department != first.Department || again.Year != first.Year || again.Family != first.Family ||
			again.Summary != first.Summary {
			t.Errorf("%s: %s %d %s %+v; the original %s %d %s %+v", d.File, again.Department, again.Year, again.Family, again.Summary,
				first.Department, first.Year, first.Family, first.Summary)
		}
	}
}
