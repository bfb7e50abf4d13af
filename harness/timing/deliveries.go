package timing

import "time"

// BlockedAfter is how long a write to a node must take to count as
// blocked: a write to a pipe with room copies the line and returns within
// microseconds, so one that takes a millisecond or more waited for the
// node to read (or, on a busy machine, for a processor).
const BlockedAfter = time.Millisecond

// Deliveries is how the messages to one node kept to time.
type Deliveries struct {
	// Lags holds, for every message delivered, how late its write began
	// against when it was due (network.Network delivers and records them).
	Lags []time.Duration
	// Blocked is the time writes to the node spent waiting for it to
	// read, summed over the BlockedWrites writes that took BlockedAfter
	// or longer.
	Blocked       time.Duration
	BlockedWrites int
}

// Add records one delivery: how late its write began, and how long the
// write took.
func (d *Deliveries) Add(lag, wrote time.Duration) {
	d.Lags = append(d.Lags, lag)
	if wrote >= BlockedAfter {
		d.Blocked += wrote
		d.BlockedWrites++
	}
}
