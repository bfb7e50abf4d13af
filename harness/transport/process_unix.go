//go:build unix

package transport

import (
	"os"
	"syscall"
)

// processAttributes puts the node in its own process group, so that Stop
// also ends any children it started.
func processAttributes() *syscall.SysProcAttr {
	return withParentDeathSignal(&syscall.SysProcAttr{Setpgid: true})
}

func killGroup(p *os.Process) {
	if err := syscall.Kill(-p.Pid, syscall.SIGKILL); err != nil {
		p.Kill()
	}
}
