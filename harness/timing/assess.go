// Package timing judges the harness itself: how far it fell behind the
// schedule it simulates (messages delivered after they were due, client
// ops dispatched late), whether that is enough to distort the latencies a
// run reports, and the likely reason. The summary puts it in words and
// results.edn keeps the figures, so a distorted run never passes silently.
package timing

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/network"
)

// Limits are the delivery lags a run tolerates before its summary warns.
//
// P99 is 5% of --latency, and at least 5 ms. A latency is made of a few
// deliveries (3d's median of about 180 ms is two links of 100 ms), so a
// delivery late by 5% of a link overstates it by about 5%: the most a
// reader comparing runs or checking a target should have to allow for. The
// floor of 5 ms is above the p99 a busy 2-core machine gives the tutorial's
// steps under their challenges (1–3.5 ms in make bench-harness), so that
// an ordinary run stays quiet, and still small beside any target.
//
// Max is ten times that: 50% of --latency, and at least 50 ms. One
// delivery that late can move a single value's latency, and so the max
// latency a challenge is judged on, by half a link.
type Limits struct {
	P99, Max time.Duration
}

// LimitsFor returns the limits for a run with the given --latency.
func LimitsFor(latency time.Duration) Limits {
	p99 := max(5*time.Millisecond, latency/20)
	return Limits{P99: p99, Max: 10 * p99}
}

// Input is what a run measured about its own timing.
type Input struct {
	Deliveries map[string]network.Deliveries // by node
	Dispatch   []time.Duration               // the generator's lag per client op
	Latency    time.Duration                 // --latency
	// CPU is the share of one core the harness used in the main phase;
	// Load the machine's one-minute load average at its end and Cores its
	// processors (0 when unknown).
	CPU   float64
	Load  float64
	Cores int
}

// Report is how far a run fell behind its own schedule, and why.
type Report struct {
	Delivery, Dispatch Lag
	Limits             Limits
	Latency            time.Duration // --latency, which the limits follow
	// Behind is set when the delivery lag is over a limit: the latencies
	// the run measured may be overstated.
	Behind bool
	// Late counts the deliveries later than Limits.P99.
	Late int
	// SlowReaders are the nodes that held their own deliveries back by
	// not reading their input, most blocked first: writes to them blocked
	// for Limits.Max or more in all, and four times as long as the median
	// node's, so that they stand out from a machine on which every node
	// is slow.
	SlowReaders []SlowReader
	// Blocked is how long writes to all nodes waited, their pipes full.
	Blocked   time.Duration
	CPU, Load float64
	Cores     int
}

// SlowReader is a node whose full input pipe made the harness wait.
type SlowReader struct {
	Node          string
	Blocked       time.Duration // writes to it waited this long in all
	BlockedWrites int
	Late          int // of its deliveries, later than Limits.P99
	Delivered     int
}

// Assess summarises a run's lags against its limits and names the nodes
// that did not read their input.
func Assess(in Input) Report {
	r := Report{
		Dispatch: NewLag(in.Dispatch),
		Limits:   LimitsFor(in.Latency),
		Latency:  in.Latency,
		CPU:      in.CPU, Load: in.Load, Cores: in.Cores,
	}
	var all, blocked []time.Duration
	for _, d := range in.Deliveries {
		blocked = append(blocked, d.Blocked)
		r.Blocked += d.Blocked
	}
	standsOut := r.Limits.Max
	if len(blocked) > 0 {
		slices.Sort(blocked)
		standsOut = max(standsOut, 4*blocked[len(blocked)/2])
	}
	for _, node := range slices.Sorted(maps.Keys(in.Deliveries)) {
		d := in.Deliveries[node]
		all = append(all, d.Lags...)
		late := 0
		for _, l := range d.Lags {
			if l > r.Limits.P99 {
				late++
			}
		}
		r.Late += late
		if d.Blocked >= standsOut {
			r.SlowReaders = append(r.SlowReaders, SlowReader{
				Node: node, Blocked: d.Blocked, BlockedWrites: d.BlockedWrites,
				Late: late, Delivered: len(d.Lags),
			})
		}
	}
	slices.SortStableFunc(r.SlowReaders, func(a, b SlowReader) int { return cmp.Compare(b.Blocked, a.Blocked) })
	r.Delivery = NewLag(all)
	r.Behind = r.Delivery.P99 > r.Limits.P99 || r.Delivery.Max > r.Limits.Max
	return r
}

// SlowReadersExplain reports whether the slow readers account for at
// least half of the late deliveries: then they, not a busy machine, are
// the likely cause.
func (r Report) SlowReadersExplain() bool {
	late := 0
	for _, s := range r.SlowReaders {
		late += s.Late
	}
	return len(r.SlowReaders) > 0 && 2*late >= r.Late
}
