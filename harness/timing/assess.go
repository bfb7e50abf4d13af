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
)

// Limits are the delivery lags a run tolerates before its summary warns.
// Each is the largest of a floor, a share of --latency and a share of the
// latency quantile that lag can distort.
//
// P99 is the largest of 5 ms, 5 % of --latency and 5 % of the p99 stable
// latency. One delivery in a hundred is that late, so about one value in a
// hundred (the p99 value) has one such delivery on its path, and is
// overstated by that much: 5 % is the most we let pass unsaid. Against
// --latency: a latency is a few links long, so a delivery late by 5 % of
// a link overstates it by about 5 %. The floor of 5 ms keeps runs whose
// latencies are near 0 (3a, 3b) from warning about noise.
//
// Max is the largest of 50 ms, 50 % of --latency and 10 % of the max
// stable latency: the latest delivery can land on the path of the slowest
// value, whose latency the challenges' max targets judge.
type Limits struct {
	P99, Max time.Duration
}

// LimitsFor returns the limits for a run with the given --latency whose
// stable latencies had the given p99 and max (0 when none was measured).
func LimitsFor(latency, stableP99, stableMax time.Duration) Limits {
	return Limits{
		P99: max(5*time.Millisecond, latency/20, stableP99/20),
		Max: max(50*time.Millisecond, latency/2, stableMax/10),
	}
}

// Input is what a run measured about its own timing.
type Input struct {
	Deliveries map[string]Deliveries // by node
	Dispatch   []time.Duration       // the generator's lag per client op
	Latency    time.Duration         // --latency
	// StableP99 and StableMax are the run's p99 and max stable latency;
	// 0 when no value became stable.
	StableP99, StableMax time.Duration
	// CPU is the share of one core the harness used in the main phase;
	// Load the machine's one-minute load average at its end and Cores its
	// processors (0 when unknown).
	CPU   float64
	Load  float64
	Cores int
	// Virtual is set for a simulated run: in virtual time nothing the
	// harness does takes time, so there is no lag to measure.
	Virtual bool
}

// Report is how far a run fell behind its own schedule, and why.
type Report struct {
	Delivery, Dispatch Lag
	Limits             Limits
	Latency            time.Duration // --latency, which the limits follow
	// StableP99 and StableMax are the latencies the limits also follow.
	StableP99, StableMax time.Duration
	// Virtual is set for a simulated run (Input.Virtual).
	Virtual bool
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
		Limits:   LimitsFor(in.Latency, in.StableP99, in.StableMax),
		Latency:  in.Latency, StableP99: in.StableP99, StableMax: in.StableMax,
		CPU: in.CPU, Load: in.Load, Cores: in.Cores, Virtual: in.Virtual,
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

// OtherWork reports whether the machine was busy with more than the run:
// its load average at least its cores. Below that, lateness that no slow
// reader explains comes from the run's own bursts, the deliveries due at
// once and the nodes they wake queueing for the same processors. Unknown
// (no load figure) counts as busy, the cause a reader can check.
func (r Report) OtherWork() bool {
	return r.Cores == 0 || r.Load >= float64(r.Cores)
}
