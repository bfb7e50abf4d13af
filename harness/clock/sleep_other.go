//go:build !linux

package clock

import "time"

// sleep falls back to the runtime's own sleep where nanosleep is not
// available through package syscall.
func sleep(d time.Duration) { time.Sleep(d) }
