package transport

import "syscall"

// withParentDeathSignal asks Linux to kill the node if the harness itself
// dies without a chance to stop it (kill -9, a crash): no node outlives it.
func withParentDeathSignal(a *syscall.SysProcAttr) *syscall.SysProcAttr {
	a.Pdeathsig = syscall.SIGKILL
	return a
}
