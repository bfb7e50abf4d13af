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

// lowerPriority makes the node yield the processor to the harness when
// both want it. On a machine with fewer cores than nodes, a burst of
// deliveries otherwise waits behind the nodes' own work, and the harness
// would add that wait to the latency it simulates. The nodes still share
// the processor fairly among themselves.
func lowerPriority(pid int) {
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, pid, nodeNice)
}

// nodeNice is the nice value nodes run at (the harness keeps its own).
const nodeNice = 10

func killGroup(p *os.Process) {
	if err := syscall.Kill(-p.Pid, syscall.SIGKILL); err != nil {
		p.Kill()
	}
}
