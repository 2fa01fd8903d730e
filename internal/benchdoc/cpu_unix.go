//go:build unix

package benchdoc

import (
	"syscall"
	"time"
)

// CPUTime is the user and system CPU time the process has used so far, so
// that a benchmark can report CPU per operation, which a machine shared
// with other work disturbs less than wall time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
