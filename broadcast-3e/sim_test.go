package main

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// TestSim is what make sim runs, with its flags; go test skips it.
func TestSim(t *testing.T) { simulate.Command(t, run) }

// TestChallengeInSimulation runs challenge 3e against the whole node, as
// make runs it, but in virtual time: every seed must meet its targets, and
// stay valid under partitions. (make test runs hundreds of partition seeds
// through make sim.)
//
// The arithmetic of batchInterval expects under 3 messages per operation
// between servers, against a target of 20.
func TestChallengeInSimulation(t *testing.T) {
	for _, o := range simulate.Pass(t, run, "broadcast-3e", 1) {
		if got := o.Sample.Servers; got >= 3 {
			t.Errorf("seed %d: servers msgs-per-op %.2f, want below 3", o.Seed, got)
		}
	}
	simulate.Pass(t, run, "broadcast-3e-partition", 2)
}
