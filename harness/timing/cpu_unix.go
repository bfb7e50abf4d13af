//go:build unix

package timing

import (
	"syscall"
	"time"
)

// ProcessCPU is the processor time this process has used so far, user and
// system; 0 where the system does not say.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
