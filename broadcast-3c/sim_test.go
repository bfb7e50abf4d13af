package main

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// TestSim is what make sim runs, with its flags; go test skips it.
func TestSim(t *testing.T) { simulate.Command(t, run) }

// TestChallengeInSimulation runs challenge 3c against the whole node, as
// make runs it, but in virtual time: on every seed, partitions cut the
// network into Maelstrom's shapes and drop what crosses a cut, and still
// no value is lost. (make test runs hundreds of seeds through make sim.)
func TestChallengeInSimulation(t *testing.T) {
	dropped := 0
	for _, o := range simulate.Pass(t, run, "broadcast-3c", 5) {
		srv := o.Results.Net.Servers
		dropped += srv.SendCount - srv.RecvCount
	}
	if dropped == 0 {
		t.Error("the partitions dropped no message: they tested nothing")
	}
}

// Without partitions nothing is sent twice: every gossip message is
// acknowledged well within retryInterval. On 3b's grid of five nodes each
// value costs 6 gossip messages (see 3b), and now 6 acknowledgements.
func TestEachValueCostsTwelveMessagesOnTheGrid(t *testing.T) {
	o := simulate.Run(t, run, "broadcast-3b", 1)
	values := o.Results.Stats.ByF["broadcast"].OKCount
	if got, want := o.Results.Net.Servers.MsgCount, 12*values; got != want || values == 0 {
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
