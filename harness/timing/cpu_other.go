//go:build !unix

package timing

import "time"

// ProcessCPU is 0 outside Unix (in a browser, say): the system does not
// say how much processor time the process has used.
func ProcessCPU() time.Duration { return 0 }
