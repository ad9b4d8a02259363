package localneo4j

import "syscall"

// sysProcAttr puts the JVM in its own process group (so a terminal's Ctrl-C reaches
// only the parent, which then stops it) and has the kernel send it SIGTERM when the
// parent dies.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
