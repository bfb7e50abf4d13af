package runner

import (
	"os"
	"strconv"
	"strings"
)

// loadAverage reads the machine's one-minute load average, where the
// system shows it (Linux).
func loadAverage() (float64, bool) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, false
	}
	fields := strings.Fields(string(b))
	if len(fields) == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(fields[0], 64)
	return f, err == nil
}
