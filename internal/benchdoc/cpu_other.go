//go:build !unix

package benchdoc

import "time"

// CPUTime is not measured on this system; it is always 0.
func CPUTime() time.Duration { return 0 }
