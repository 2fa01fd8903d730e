// Package signaltest stops a child process with a signal in the middle
// of its work, for the tests of what an interrupted write leaves behind.
package signaltest

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// Interrupt starts the test binary again as a child that runs only the
// tests matching run, with env added to its environment; once the child
// has created the file ready (the sign that it is in the middle of its
// write) it sends sig, and returns what waiting for the child returned.
// A child that does not create ready within 30 seconds is killed and
// fails t.
func Interrupt(t testing.TB, run string, env []string, ready string, sig os.Signal) error {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run="+run)
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child never started writing")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(sig)
	return cmd.Wait()
}
