package main

import (
	"math"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// TestSim is what make sim runs, with its flags; go test skips it.
func TestSim(t *testing.T) { simulate.Command(t, run) }

// TestChallengeInSimulation runs challenge 3e against the whole node, as
// make runs it, but in virtual time: every seed must meet its targets, and
// stay valid under partitions. (make test runs hundreds of partition seeds
// through make sim.) It also holds the servers' messages per operation to
// the arithmetic on batchInterval, within a tenth either way.
func TestChallengeInSimulation(t *testing.T) {
	want := expectedMsgsPerOp(batchInterval)
	for _, o := range simulate.Pass(t, run, "broadcast-3e", 1) {
		if got := o.Sample.Servers; math.Abs(got-want) > want/10 {
			t.Errorf("seed %d: servers msgs-per-op %.2f, want about %.2f", o.Seed, got, want)
		}
	}
	simulate.Pass(t, run, "broadcast-3e-partition", 2)
}

// expectedMsgsPerOp is the arithmetic on batchInterval for challenge 3e:
// 25 nodes, 100 operations a second, half of them broadcasts. At every
// tick the hub sends each of the 24 leaves a gossip message and gets an
// acknowledgement back; a leaf, given 2 broadcasts a second, has something
// for the hub at a tick with the probability 1 - e^(-2/s × interval), and
// then sends a gossip message and gets an acknowledgement back.
func expectedMsgsPerOp(interval time.Duration) float64 {
	const leaves, opsPerSecond, perLeafPerSecond = 24, 100.0, 2.0
	ticksPerSecond := 1 / interval.Seconds()
	hub := 2 * leaves * ticksPerSecond
	fromLeaves := 2 * leaves * ticksPerSecond * (1 - math.Exp(-perLeafPerSecond*interval.Seconds()))
	return (hub + fromLeaves) / opsPerSecond
}
