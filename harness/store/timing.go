package store

import (
	"math"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
)

// timingTree is ours: how far the harness fell behind its own schedule,
// in milliseconds, with the limits it is held to and the nodes that did
// not read their input. Maelstrom has no such entry.
func timingTree(t timing.Report) omap {
	readers := make(vector, len(t.SlowReaders))
	for i, s := range t.SlowReaders {
		readers[i] = omap{}.
			add("node", s.Node).
			add("blocked-ms", millis(s.Blocked)).
			add("blocked-writes", s.BlockedWrites).
			add("late-count", s.Late).
			add("delivered-count", s.Delivered)
	}
	m := omap{}.
		add("behind-schedule?", t.Behind).
		add("delivery-lag", lagTree(t.Delivery)).
		add("dispatch-lag", lagTree(t.Dispatch)).
		add("limits", omap{}.add("p99-ms", millis(t.Limits.P99)).add("max-ms", millis(t.Limits.Max))).
		add("late-count", t.Late).
		add("slow-readers", readers)
	if t.CPU > 0 {
		m = m.add("harness-cpu", float32(t.CPU))
	}
	if t.Cores > 0 {
		m = m.add("load-average", float32(t.Load)).add("cores", t.Cores)
	}
	return m
}

func lagTree(l timing.Lag) omap {
	return omap{}.
		add("count", l.Count).
		add("mean-ms", millis(l.Mean)).
		add("p50-ms", millis(l.P50)).
		add("p99-ms", millis(l.P99)).
		add("max-ms", millis(l.Max))
}

// millis is a duration in milliseconds, to the microsecond.
func millis(d time.Duration) float32 {
	return float32(math.Round(float64(d)/float64(time.Microsecond)) / 1000)
}
