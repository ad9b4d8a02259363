//go:build !unix

package localneo4j

import (
	"os"
	"os/exec"
	"syscall"
)

// sysProcAttr returns nil: the JVM notices a dead parent by EOF on its stdin.
func sysProcAttr() *syscall.SysProcAttr { return nil }

// terminate has no clean variant without Unix signals: it kills the process.
func terminate(p *os.Process) error { return p.Kill() }

// isTermSignal reports true: terminate kills, so any exit after it is expected.
func isTermSignal(*exec.ExitError) bool { return true }

// lockFile does not lock: concurrent builds of the launcher are not serialised.
func lockFile(string) (func(), error) { return func() {}, nil }
