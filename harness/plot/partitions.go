package plot

import (
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// Interval is a span of the run during which a partition was in force
// (shaded #E9DCA0).
type Interval struct{ Start, End time.Duration }

// Partitions pairs each start-partition completion with the next
// stop-partition completion (or end, if none) from the nemesis ops of h.
//
// The network is cut when a start completes and healed when a stop
// completes, so completions, not invocations, bound the shading. The
// nemesis runs one op at a time: its ops alternate invocation and
// completion, whichever :type the invocation was written with. A start
// while a partition is in force only changes the cut, so it extends the
// interval rather than opening a second one.
func Partitions(h history.History, end time.Duration) []Interval {
	var out []Interval
	var start time.Duration
	inForce, pending := false, false
	for _, op := range h {
		if op.IsClient() {
			continue
		}
		if op.Type == history.Invoke || !pending {
			pending = true
			continue
		}
		pending = false
		switch {
		case op.F == history.StartPartition && !inForce:
			start, inForce = op.Time, true
		case op.F == history.StopPartition && inForce:
			out = append(out, Interval{start, op.Time})
			inForce = false
		}
	}
	if inForce {
		out = append(out, Interval{start, max(start, end)})
	}
	return out
}
