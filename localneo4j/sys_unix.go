//go:build unix

package localneo4j

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
)

// terminate asks the process to shut down cleanly.
func terminate(p *os.Process) error {
	return p.Signal(syscall.SIGTERM)
}

// isTermSignal reports whether the process was ended by SIGTERM itself.
func isTermSignal(ee *exec.ExitError) bool {
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGTERM
}

// lockFile takes an exclusive flock on path (created if missing), blocking until
// it is available, and returns the function releasing it.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		_ = f.Close()
	}, nil
}
