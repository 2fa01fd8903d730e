package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress is the progress bar of a batch: files done and an estimate of
// the time left, redrawn in place on stderr. It is drawn only when both
// stdout and stderr are terminals and there is more than one file; else
// every method does nothing.
type progress struct {
	mu          sync.Mutex
	w           io.Writer
	on          bool
	total, done int
	start       time.Time
	shown       int // width of the line on screen, to blank it
}

func newProgress(stdout, stderr io.Writer, total int) *progress {
	return &progress{w: stderr, on: total > 1 && isTerminal(stdout) && isTerminal(stderr), total: total, start: time.Now()}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// set records the number of files done and redraws.
func (p *progress) set(done int) {
	p.mu.Lock()
	p.done = done
	p.mu.Unlock()
	p.draw()
}

// line is the bar's text.
func (p *progress) line() string {
	const width = 30
	fill := width * p.done / p.total
	elapsed := time.Since(p.start)
	left := "—"
	if p.done > 0 && p.done < p.total {
		left = clock(time.Duration(float64(elapsed) / float64(p.done) * float64(p.total-p.done)))
	} else if p.done == p.total {
		left = clock(0)
	}
	return fmt.Sprintf("[%s%s] %d/%d 个文件  已用 %s  剩余约 %s",
		strings.Repeat("=", fill), strings.Repeat(" ", width-fill), p.done, p.total, clock(elapsed), left)
}

// clock prints a duration as m:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// draw writes the bar over the current line.
func (p *progress) draw() {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.line()
	n := 0
	for _, r := range l {
		n++
		if r >= 0x2E80 { // CJK: two cells
			n++
		}
	}
	pad := ""
	if p.shown > n {
		pad = strings.Repeat(" ", p.shown-n)
	}
	fmt.Fprint(p.w, "\r"+l+pad)
	p.shown = max(n, p.shown)
}

// clear blanks the bar's line so that other output starts at its start.
func (p *progress) clear() {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown > 0 {
		fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.shown)+"\r")
	}
}
