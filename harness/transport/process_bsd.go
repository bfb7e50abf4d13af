//go:build unix && !linux

package transport

import "syscall"

func withParentDeathSignal(a *syscall.SysProcAttr) *syscall.SysProcAttr { return a }
