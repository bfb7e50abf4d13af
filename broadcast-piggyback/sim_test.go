package main

import (
	"math"
	"runtime/debug"
	"slices"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// TestSim is what make sim runs, with its flags; go test skips it.
func TestSim(t *testing.T) { simulate.Command(t, run) }

// latency is the challenges' --latency: every link between two nodes takes
// 100 ms.
const latency = 100 * time.Millisecond

// recovery is how long after the last heal every node holds every value:
// a value that a partition cut off is sent again within retryInterval and
// a tick, crosses the link to the hub, waits at most batchInterval there,
// and crosses the link to every other node. The harness, as Maelstrom,
// leaves 10 s before the final reads.
const recovery = retryInterval + retryTick + batchInterval + 2*latency

// TestChallengeInSimulation runs the piggyback challenge against the whole
// node, as make runs it, but in virtual time: every seed must meet its
// targets, at most one message per operation between servers among them.
// (make test runs hundreds of partition seeds through make sim.) It also
// holds the servers' messages per operation to the arithmetic on
// batchInterval, within a tenth either way.
//
// Watching every message, virtual time also makes exact what the comments
// on the constants predict: the acknowledgements come back in time, so no
// link carries a value twice, and every value is on every node within one
// hop to the hub, batchInterval there and one more hop.
func TestChallengeInSimulation(t *testing.T) {
	want := expectedMsgsPerOp(batchInterval)
	for _, w := range watchSeeds(t, "broadcast-piggyback", 1) {
		if got := w.Sample.Servers; math.Abs(got-want) > want/10 {
			t.Errorf("seed %d: servers msgs-per-op %.2f, want about %.2f", w.Seed, got, want)
		}
		if n := w.resent(); n != 0 {
			t.Errorf("seed %d: %d values were sent again to a peer that had them, want none", w.Seed, n)
		}
		most := batchInterval + 2*latency
		var spread []time.Duration
		for v, d := range w.spread(t) {
			if d > most {
				t.Errorf("seed %d: value %d took %v to reach every node, want at most %v", w.Seed, v, d, most)
			}
			spread = append(spread, d)
		}
		slices.Sort(spread)
		if median := spread[len(spread)/2]; median > 800*time.Millisecond {
			t.Errorf("seed %d: median time to reach every node = %v, want at most our target of 800 ms", w.Seed, median)
		}
	}
}

// expectedMsgsPerOp is the arithmetic on batchInterval for our challenge:
// 25 nodes, 100 operations a second, half of them broadcasts. At every
// tick the hub sends each of the 24 leaves a gossip message; each
// broadcast that reaches a leaf, 24 of every 25, costs one message to the
// hub; the acknowledgements ride on them.
func expectedMsgsPerOp(interval time.Duration) float64 {
	const leaves, opsPerSecond, broadcastsPerSecond = 24, 100.0, 50.0
	hub := leaves / interval.Seconds()
	fromLeaves := broadcastsPerSecond * leaves / (leaves + 1)
	return (hub + fromLeaves) / opsPerSecond
}

// TestEveryValueIsEverywhereWithinRecoveryOfTheLastHeal runs the challenge
// under partitions: every seed must stay valid and lose nothing, and every
// node must hold every value within recovery of the last heal, not merely
// by the final reads 10 s later.
func TestEveryValueIsEverywhereWithinRecoveryOfTheLastHeal(t *testing.T) {
	dropped := 0
	for _, w := range watchSeeds(t, "broadcast-piggyback-partition", partitionSeeds()) {
		w.everywhereBy(t, w.lastHeal(t)+recovery)
		srv := w.Results.Net.Servers
		dropped += srv.SendCount - srv.RecvCount
	}
	if dropped == 0 {
		t.Error("the partitions dropped no message: they tested nothing")
	}
}

// TestHubCutOffLosesNothing cuts the hub off from every other node for 5 s
// of the piggyback challenge while values keep coming, as the nemesis'
// `one` partition does whenever the node it picks is the hub; here the cut
// is placed, not drawn: the watch drops every message between the hub and
// a leaf that arrives meanwhile. The run must stay valid and lose
// nothing, and every node must hold every value within recovery of the
// heal, or of its broadcast if that came later.
func TestHubCutOffLosesNothing(t *testing.T) {
	const from, until = 5 * time.Second, 10 * time.Second
	w := &watch{cut: func(src, dest string, at time.Duration) bool {
		return at >= from && at < until && isServer(src) && isServer(dest) && (src == hub) != (dest == hub)
	}}
	// The partition challenge's targets, with the harness' own nemesis off:
	// a valid run, and nothing lost.
	w.Outcome = simulate.Run(t, w.node, "broadcast-piggyback-partition", 1, "--nemesis", "")
	if !w.Pass {
		t.Errorf("the hub cut off from %v to %v: %s", from, until, w.Failure())
	}
	w.everywhereBy(t, until+recovery)
	if w.dropped == 0 {
		t.Error("no message was dropped: the cut tested nothing")
	}
}

// The harness, as Maelstrom, waits 10 s between the last heal and the
// final reads: recovery must fit in them, and so must a retry interval.
// One that leaves no room, with the same partitions, loses values that
// the default interval delivers. (Seed 2's last cut lasts to the end of
// the main phase; make results sweeps the retry interval over many seeds.)
func TestARetryIntervalPastTheBoundLosesValues(t *testing.T) {
	const finalReadsAfter = 10 * time.Second
	if recovery > finalReadsAfter {
		t.Fatalf("recovery %v does not fit in the %v before the final reads", recovery, finalReadsAfter)
	}
	if o := simulate.Run(t, run, "broadcast-piggyback-partition", 2); !o.Pass {
		t.Errorf("the default retry interval: %s", o.Failure())
	}
	tooLong := finalReadsAfter.String()
	if o := simulate.Run(t, run, "broadcast-piggyback-partition", 2, "--", "--retry-interval", tooLong); o.Pass || o.Sample.LostCount == 0 {
		t.Errorf("a retry interval of %s lost nothing on seed 2: %+v", tooLong, o.Sample)
	}
}

// hub is the star's hub, the first node (see starNeighbours).
const hub = "n0"

func isServer(id string) bool { return len(id) > 0 && id[0] == 'n' }

// partitionSeeds is how many seeds of partitions go test runs: a few, and
// two under the race detector, which makes a run several times slower.
func partitionSeeds() int {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "-race" && s.Value == "true" {
				return 2
			}
		}
	}
	return 5
}
