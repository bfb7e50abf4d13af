package main

import (
	"slices"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// TestSim is what make sim runs, with its flags; go test skips it.
func TestSim(t *testing.T) { simulate.Command(t, run) }

// TestChallengeInSimulation runs challenge 3b against the whole node, as
// make runs it, but in virtual time: every seed must meet its target.
func TestChallengeInSimulation(t *testing.T) {
	simulate.Pass(t, run, "broadcast-3b", 3)
}

// Each node passes a value on once, when it first sees it, and never back
// to the node it came from: the node it starts at sends it to all of its
// neighbours, every other node to all of them but one. Maelstrom's grid of
// five nodes has 5 links, so 10 link ends: 10 - 4 = 6 messages per value,
// wherever it starts.
func TestEachValueCostsSixMessagesOnTheGrid(t *testing.T) {
	o := simulate.Run(t, run, "broadcast-3b", 1)
	values := o.Results.Stats.ByF["broadcast"].OKCount
	if got, want := o.Results.Net.Servers.MsgCount, 6*values; got != want || values == 0 {
		t.Errorf("servers sent %d messages for %d values, want %d", got, values, want)
	}
}

// The grid of five nodes is at most 3 links across, so with 100 ms links a
// read that starts 300 ms after a broadcast finds its value on any node:
// no value takes longer than that to become stable.
func TestEveryValueIsEverywhereWithinThreeLinks(t *testing.T) {
	o := simulate.Run(t, run, "broadcast-3b", 1, "--latency", "100")
	q := o.Results.Workload.StableLatencies
	if q == nil || q[4] > 300 {
		t.Errorf("stable latencies %v ms, want none above 300", q)
	}
}

// 3b sends each value once. Under challenge 3c's partitions a value sent
// across a cut is gone, so some seeds lose values: what 3c is for. A seed
// that lost values, replayed as make sim replays it, loses the same ones.
func TestPartitionsLoseValues(t *testing.T) {
	outcomes := simulate.Seeds(t, run, "broadcast-3c", 10)
	i := slices.IndexFunc(outcomes, func(o simulate.Outcome) bool { return len(o.Results.Workload.Lost) > 0 })
	if i < 0 {
		t.Fatal("no value was lost on 10 seeds of partitions")
	}
	lost := outcomes[i]
	if lost.Pass {
		t.Errorf("seed %d lost %v and still passed 3c's targets", lost.Seed, lost.Results.Workload.Lost)
	}
	again := simulate.Run(t, run, "broadcast-3c", lost.Seed, "--store", t.TempDir())
	if !slices.Equal(again.Results.Workload.Lost, lost.Results.Workload.Lost) {
		t.Errorf("seed %d lost %v, and replayed %v", lost.Seed, lost.Results.Workload.Lost, again.Results.Workload.Lost)
	}
}
