//go:build unix && !linux

package localneo4j

import "syscall"

// sysProcAttr puts the JVM in its own process group. Without Linux's Pdeathsig, the
// JVM notices a dead parent by EOF on its stdin.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
