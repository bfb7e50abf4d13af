//go:build !unix

package transport

import (
	"os"
	"syscall"
)

// Outside Unix (the harness' simulation built for a browser, say) a node
// is a plain child process: no process group to end with it, no priority
// to lower. Nothing there starts a node as a process anyway.
func processAttributes() *syscall.SysProcAttr { return nil }

func lowerPriority(int) {}

func killGroup(p *os.Process) { p.Kill() }
