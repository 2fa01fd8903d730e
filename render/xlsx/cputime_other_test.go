//go:build !unix

package xlsx

import "time"

var started = time.Now()

// cpuTime falls back on the wall time where there is no getrusage.
func cpuTime() time.Duration { return time.Since(started) }
