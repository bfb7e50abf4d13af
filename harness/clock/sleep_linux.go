package clock

import (
	"syscall"
	"time"
)

// sleep blocks this goroutine's thread in nanosleep(2), which wakes within
// the kernel's timer slack (50 µs by default) instead of the Go runtime's
// millisecond.
func sleep(d time.Duration) {
	ts := syscall.NsecToTimespec(int64(d))
	for syscall.Nanosleep(&ts, &ts) == syscall.EINTR {
	}
}
