//go:build !linux

package runner

// loadAverage is unknown outside Linux. In a browser, where the harness'
// simulation runs for the blog's panels, even asking would end the run: the
// page's file system stub answers at once through a callback, and Go cannot
// run a callback from JavaScript inside the run's synctest bubble ("panic:
// goroutine is already bubbled").
func loadAverage() (float64, bool) { return 0, false }
