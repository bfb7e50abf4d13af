package timing

import (
	"slices"
	"time"
)

// Lag summarises how late things happened against when they were due: the
// network's deliveries against their latency deadlines, or client ops
// against the generator's schedule. Small lags mean the harness kept up, so
// the latencies it measured belong to the nodes, not to the harness.
type Lag struct {
	Count               int
	Mean, P50, P99, Max time.Duration
}

// NewLag summarises lag samples, taking quantiles the way the checker does
// (the element at index min(n-1, floor(n·q)) of the sorted samples).
func NewLag(samples []time.Duration) Lag {
	n := len(samples)
	if n == 0 {
		return Lag{}
	}
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	at := func(q float64) time.Duration { return sorted[min(n-1, int(float64(n)*q))] }
	var sum time.Duration
	for _, d := range sorted {
		sum += d
	}
	return Lag{Count: n, Mean: sum / time.Duration(n), P50: at(0.5), P99: at(0.99), Max: sorted[n-1]}
}
