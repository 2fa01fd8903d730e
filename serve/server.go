// Package serve is budgetpack's local page: a web server on the loopback
// address where a clerk drops a department's files, sees its tables (drawn
// from the same layout grid as the Excel and PDF packs) beside the list of
// findings, and downloads the packs. Nothing leaves the computer: the
// server listens on loopback only, every request must carry the random
// token of the address it printed and a loopback Host header, uploads stay
// in memory, and the page's assets are embedded.
package serve

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"

	"budgetpack/check"
	"budgetpack/fonts"
	"budgetpack/model"
	"budgetpack/model/parse"
	"budgetpack/render/grid"
	"budgetpack/render/html"
	"budgetpack/templates"
)

//go:embed assets
var assets embed.FS

// Defaults of Options.
const (
	DefaultWorkTimeout = 2 * time.Minute
	DefaultKeep        = 64
	DefaultKeepFor     = 8 * time.Hour
)

// TokenHeader carries the token on requests the page makes; a URL may
// carry it as the query parameter t instead.
const TokenHeader = "X-Budgetpack-Token"

// Options configure a Server.
type Options struct {
	// Token is the secret every request must carry; "" makes a random one.
	Token string
	// Port is the port the server listens on; the Host header must name
	// it. 0 accepts any port (tests that do not know it yet).
	Port int
	// Parse are the reader options of every upload (templates, a forced
	// layout or family), as on the command line.
	Parse parse.Options
	// Font is the PDF font, as render --font.
	Font string
	// PackName names a pack's file without its extension from the input's
	// stem, the fix mode ("", derive, balance) and the pack (公开版,
	// 审核版); nil is DefaultPackName. The command passes its own, so that
	// a download is named as render names the file.
	PackName func(stem, fixMode, kind string) string
	// MaxUpload is the largest file accepted, in bytes; 0 is Parse.MaxSize,
	// the command line's --max-size, or else parse.DefaultMaxSize.
	MaxUpload int64
	// WorkTimeout bounds the reading, checking or drawing of one request.
	WorkTimeout time.Duration
	// Workers is how many files are worked on at once; more wait their turn.
	Workers int
	// Keep is how many documents the server remembers for downloads, and
	// KeepFor how long.
	Keep    int
	KeepFor time.Duration
}

// Server serves the page and its API.
type Server struct {
	opt   Options
	mux   *http.ServeMux
	work  chan struct{}
	store *store
	page  *htmltemplate.Template
}

// New makes a server; see Options for the defaults of zero fields.
func New(opt Options) (*Server, error) {
	if opt.Token == "" {
		b := make([]byte, 24)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		opt.Token = hex.EncodeToString(b)
	}
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = opt.Parse.MaxSize
	}
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = parse.DefaultMaxSize
	}
	if opt.WorkTimeout <= 0 {
		opt.WorkTimeout = DefaultWorkTimeout
	}
	if opt.Workers <= 0 {
		opt.Workers = max(2, runtime.NumCPU())
	}
	if opt.PackName == nil {
		opt.PackName = DefaultPackName
	}
	if opt.Keep <= 0 {
		opt.Keep = DefaultKeep
	}
	if opt.KeepFor <= 0 {
		opt.KeepFor = DefaultKeepFor
	}
	if opt.Parse.Templates == nil {
		lib, err := templates.Embedded()
		if err != nil {
			return nil, err
		}
		opt.Parse.Templates = lib
	}
	page, err := htmltemplate.ParseFS(assets, "assets/index.html")
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, mux: http.NewServeMux(), work: make(chan struct{}, opt.Workers),
		store: newStore(opt.Keep, opt.KeepFor), page: page}
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("GET /assets/{file}", s.asset)
	s.mux.HandleFunc("POST /api/check", s.check)
	s.mux.HandleFunc("GET /api/doc/{id}/pack", s.download)
	return s, nil
}

// Token is the secret the page's address carries.
func (s *Server) Token() string { return s.opt.Token }

// SetPort names the port the Host header must carry.
func (s *Server) SetPort(port int) { s.opt.Port = port }

// URL is the address to open for a server listening on addr.
func (s *Server) URL(addr net.Addr) string {
	return "http://" + addr.String() + "/?t=" + s.opt.Token
}

// ServeHTTP checks the Host header and the token, then serves the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if !s.hostAllowed(r.Host) {
		s.fail(w, r, http.StatusMisdirectedRequest,
			"只接受本机地址的访问（Host 头不是 127.0.0.1、localhost 或 [::1] 的本端口）(only the loopback address is served)")
		return
	}
	if !s.tokenOK(r) {
		s.fail(w, r, http.StatusForbidden,
			"缺少或错误的访问令牌：请使用 budgetpack 启动时显示的完整地址（含 ?t=…）(missing or wrong token: open the full address budgetpack printed)")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// hostAllowed accepts a loopback host name with the server's port.
func (s *Server) hostAllowed(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return false
	}
	switch strings.ToLower(host) {
	case "127.0.0.1", "localhost", "::1":
	default:
		return false
	}
	p, err := strconv.Atoi(port)
	return err == nil && (s.opt.Port == 0 || p == s.opt.Port)
}

func (s *Server) tokenOK(r *http.Request) bool {
	got := r.Header.Get(TokenHeader)
	if got == "" {
		got = r.URL.Query().Get("t")
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.opt.Token)) == 1
}

// apiError is the body of every refused API request.
type apiError struct {
	Error string `json:"error"`
}

// fail answers with a status and a message: JSON for the API, text for the page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, status, apiError{msg})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// csp allows the page its own scripts and styles only; the tables' column
// widths are inline styles.
const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	data := struct {
		Token     string
		MaxUpload int64
		MaxMB     int64
	}{s.opt.Token, s.opt.MaxUpload, s.opt.MaxUpload >> 20}
	if err := s.page.Execute(&buf, data); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Security-Policy", csp)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

var assetTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".svg": "image/svg+xml",
}

func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if name == "song.ttf" {
		// the Song face the PDF embeds, for a computer without SimSun
		face, err := fonts.Default()
		if err != nil {
			s.fail(w, r, http.StatusNotFound, err.Error())
			return
		}
		w.Header().Set("Content-Type", "font/ttf")
		w.Write(face.Data)
		return
	}
	dot := strings.LastIndexByte(name, '.')
	ctype, ok := "", false
	if dot > 0 {
		ctype, ok = assetTypes[name[dot:]]
	}
	data, err := assets.ReadFile("assets/" + name)
	if !ok || err != nil || strings.ContainsAny(name, `/\`) {
		s.fail(w, r, http.StatusNotFound, "没有这个文件 (not found)")
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(data)
}

// run does fn on a worker within the time limit. A panic in a reader is
// turned into an error, so that one bad file never stops the server.
func (s *Server) run(ctx context.Context, fn func() (any, error)) (any, error, int) {
	ctx, cancel := context.WithTimeout(ctx, s.opt.WorkTimeout)
	defer cancel()
	select {
	case s.work <- struct{}{}:
	case <-ctx.Done():
		return nil, errBusy, http.StatusServiceUnavailable
	}
	type result struct {
		v   any
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-s.work }()
		defer func() {
			if p := recover(); p != nil {
				done <- result{nil, fmt.Errorf("%w: %v", errInternal, p)}
			}
		}()
		v, err := fn()
		done <- result{v, err}
	}()
	select {
	case res := <-done:
		switch {
		case res.err == nil:
			return res.v, nil, http.StatusOK
		case errors.Is(res.err, errInternal):
			return nil, res.err, http.StatusInternalServerError
		}
		return nil, res.err, http.StatusUnprocessableEntity
	case <-ctx.Done():
		return nil, fmt.Errorf("处理超时：超过 %s 仍未完成 (the work took too long)", s.opt.WorkTimeout), http.StatusServiceUnavailable
	}
}

var (
	errBusy     = errors.New("服务器繁忙，请稍后再试 (busy; try again)")
	errInternal = errors.New("读取时出现内部错误 (internal error)")
)

// Result is what the page gets for one uploaded file.
type Result struct {
	ID         string        `json:"id"`
	File       string        `json:"file"`
	Department string        `json:"department"`
	Year       int           `json:"year"`
	Unit       string        `json:"unit"`
	Family     string        `json:"family"`
	FamilyName string        `json:"familyName"`
	Summary    Summary       `json:"summary"`
	Findings   []FindingView `json:"findings"`
	Sheets     []SheetView   `json:"sheets"`
	Downloads  []Download    `json:"downloads"`
	// HTML is the 审核版 drawn by the HTML writer.
	HTML string `json:"html"`
}

// Summary counts the findings by severity.
type Summary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// FindingView is a finding with the element id of its cell on the page.
type FindingView struct {
	check.Finding
	SeverityName string `json:"severityName"`
	// RuleName is the rule's Chinese name, as the appendix prints it.
	RuleName string `json:"ruleName"`
	Cell     string `json:"cell,omitempty"`
	Sheet    string `json:"sheet,omitempty"`
}

// SheetView names one sheet of the drawn book.
type SheetView struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Title string `json:"title"`
}

// Download is one pack the page offers.
type Download struct {
	Edition     string `json:"edition"`
	EditionName string `json:"editionName"`
	Fix         string `json:"fix"`
	FixName     string `json:"fixName"`
	Format      string `json:"format"`
	FormatName  string `json:"formatName"`
	File        string `json:"file"`
	// URL is the download address without the token.
	URL string `json:"url"`
}

func (s *Server) check(w http.ResponseWriter, r *http.Request) {
	name := CleanName(r.URL.Query().Get("name"))
	if r.ContentLength > s.opt.MaxUpload {
		s.fail(w, r, http.StatusRequestEntityTooLarge, parse.SizeError(name, r.ContentLength, s.opt.MaxUpload, false).Error())
		return
	}
	body := http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
	data, err := io.ReadAll(body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, parse.SizeError(name, s.opt.MaxUpload+1, s.opt.MaxUpload, true).Error())
			return
		}
		s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("%s: 上传中断 (the upload broke off): %v", name, err))
		return
	}
	v, err, status := s.run(r.Context(), func() (any, error) { return s.process(name, data) })
	if err != nil {
		s.fail(w, r, status, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// process reads, checks and draws one file, and remembers it for downloads.
func (s *Server) process(name string, data []byte) (*Result, error) {
	doc, err := parse.Bytes(name, data, s.opt.Parse)
	if err != nil {
		return nil, err
	}
	set := s.opt.Parse.Templates.Set(doc.Family)
	if set == nil {
		return nil, &model.InputError{File: name, Msg: fmt.Sprintf("没有格式模板 %q (no template family)", doc.Family)}
	}
	findings, err := check.Run(doc, set)
	if err != nil {
		return nil, err
	}
	book, err := buildPack(doc, set, pack{Edition: Review, Fix: NoFix})
	if err != nil {
		return nil, err
	}
	id := s.store.add(&entry{doc: doc, set: set, stem: stem(name)})
	prefix := "d" + id[:10]
	var buf bytes.Buffer
	if err := html.Write(&buf, book, html.Options{IDPrefix: prefix}); err != nil {
		return nil, err
	}
	e, wn, i := check.Count(findings)
	res := &Result{
		ID: id, File: name, Department: doc.Department.Name, Year: doc.Year, Unit: doc.Unit,
		Family: doc.Family, FamilyName: set.Name, Summary: Summary{e, wn, i},
		Findings: make([]FindingView, len(findings)), HTML: buf.String(),
	}
	cells := locate(book, prefix)
	for k, f := range findings {
		fv := FindingView{Finding: f, SeverityName: check.SeverityName(f.Severity), RuleName: check.RuleName(f.Rule)}
		if loc, ok := cells[f.Ref]; ok && f.Ref != "" {
			fv.Cell, fv.Sheet = loc.cell, loc.sheet
		}
		res.Findings[k] = fv
	}
	for si, sh := range book.Sheets {
		res.Sheets = append(res.Sheets, SheetView{ID: html.SheetID(prefix, si), Name: sh.Name, Title: sh.Title})
	}
	for _, fx := range []string{NoFix, Derive, Balance} {
		for _, ed := range []string{Public, Review} {
			for _, f := range formats {
				p := pack{Edition: ed, Fix: fx, Format: f}
				q := url.Values{"edition": {ed}, "format": {f}}
				if fx != NoFix {
					q.Set("fix", fx)
				}
				res.Downloads = append(res.Downloads, Download{
					Edition: ed, EditionName: editionNames[ed], Fix: fx, FixName: fixNames[fx],
					Format: f, FormatName: formatNames[f], File: s.packFileName(res.stem(), p),
					URL: "/api/doc/" + id + "/pack?" + q.Encode(),
				})
			}
		}
	}
	return res, nil
}

func (r *Result) stem() string { return stem(r.File) }

type cellPlace struct{ cell, sheet string }

// locate finds the first cell of each model reference, as the appendix
// links do.
func locate(b *grid.Book, prefix string) map[string]cellPlace {
	out := map[string]cellPlace{}
	for si, sh := range b.Sheets {
		for ri, row := range sh.Rows {
			for ci, c := range row.Cells {
				if c.Ref == "" {
					continue
				}
				if _, ok := out[c.Ref]; !ok {
					out[c.Ref] = cellPlace{html.CellID(prefix, si, ri, ci), sh.Name}
				}
			}
		}
	}
	return out
}

func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	e := s.store.get(r.PathValue("id"))
	if e == nil {
		s.fail(w, r, http.StatusNotFound, "找不到这份文件，可能已过期：请重新拖入文件 (unknown or expired document; drop the file again)")
		return
	}
	q := r.URL.Query()
	p := pack{Edition: q.Get("edition"), Fix: q.Get("fix"), Format: q.Get("format")}
	if !validPack(p) {
		s.fail(w, r, http.StatusBadRequest, "未知的版本或格式 (unknown edition, correction or format)")
		return
	}
	v, err, status := s.run(r.Context(), func() (any, error) {
		book, err := buildPack(e.doc, e.set, p)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := writePack(&buf, book, p.Format, s.opt.Font); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	})
	if err != nil {
		s.fail(w, r, status, err.Error())
		return
	}
	data := v.([]byte)
	file := s.packFileName(e.stem, p)
	ctype := "application/pdf"
	if p.Format == "xlsx" {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", contentDisposition(file))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// contentDisposition names the download: an ASCII fallback and the UTF-8
// name (RFC 6266, RFC 5987).
func contentDisposition(file string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' {
			return '_'
		}
		return r
	}, file)
	return fmt.Sprintf("attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, url.PathEscape(file))
}

// CleanName makes the browser's file name fit for messages and download
// names: the last path element, no control or reserved characters, at
// most 100 characters. It is never used as a path.
func CleanName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`<>:"|?*`, r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if r := []rune(name); len(r) > 100 {
		name = string(r[len(r)-100:])
	}
	if name == "" {
		name = "未命名文件"
	}
	return name
}

// stem is a file name without its extension.
func stem(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return name
}
