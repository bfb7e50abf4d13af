package main

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// TestSim is what make sim runs, with its flags; go test skips it.
func TestSim(t *testing.T) { simulate.Command(t, run) }

// TestChallengeInSimulation runs challenge 3d against the whole node, as
// make runs it, but in virtual time: every seed must meet its targets, and
// stay valid under partitions. (make test runs hundreds of partition seeds
// through make sim.)
//
// Virtual time also makes exact what the arithmetic of starNeighbours
// predicts: every value costs 24 gossip messages and 24 acknowledgements,
// none is sent twice, and every value is on every node within two 100 ms
// hops.
func TestChallengeInSimulation(t *testing.T) {
	for _, o := range simulate.Pass(t, run, "broadcast-3d", 1) {
		values := o.Results.Stats.ByF["broadcast"].OKCount
		if got, want := o.Results.Net.Servers.MsgCount, 48*values; got != want || values == 0 {
			t.Errorf("seed %d: servers sent %d messages for %d values, want %d", o.Seed, got, values, want)
		}
		if q := o.Results.Workload.StableLatencies; q == nil || q[4] > 200 {
			t.Errorf("seed %d: stable latencies %v ms, want none above 200", o.Seed, q)
		}
	}
	simulate.Pass(t, run, "broadcast-3d-partition", 2)
}
