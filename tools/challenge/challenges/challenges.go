// Package challenges knows the Gossip Glomers broadcast challenges: the
// flags Fly.io runs each with and the targets a node must meet, and how to
// judge a run's results.edn (written by Maelstrom or by our harness)
// against them. The challenge command, `make sim` and the steps' tests
// share it, so a target is written down once.
package challenges

import (
	"fmt"
	"slices"
	"strings"
)

// A Challenge is one Gossip Glomers workload: the flags Fly.io runs it
// with and the targets a node must meet.
type Challenge struct {
	Name    string
	Flags   []string
	Targets []Target
}

// A Target is one pass/fail criterion read from results.edn.
type Target struct {
	Name  string
	Path  []any   // keys into results.edn, e.g. :net :servers :msgs-per-op
	Below float64 // the value must be strictly below this; unused when Want is set
	Want  any     // the value must equal this (e.g. true for :valid?)
	Unit  string
}

var (
	valid       = Target{Name: "valid", Path: Keys("valid?"), Want: true}
	nothingLost = Target{Name: "nothing lost", Path: Keys("workload", "lost-count"), Want: int64(0)}
)

func msgsPerOp(below float64) Target {
	return Target{Name: "servers msgs-per-op", Path: Keys("net", "servers", "msgs-per-op"), Below: below}
}

func latency(name string, quantile any, belowMS float64) Target {
	return Target{Name: name, Path: append(Keys("workload", "stable-latencies"), quantile), Below: belowMS, Unit: "ms"}
}

var (
	flags3d = []string{"--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"}
	flags3c = []string{"--node-count", "5", "--time-limit", "20", "--rate", "10", "--nemesis", "partition"}
)

// All are the workloads `make WORKLOAD=…` accepts: the five
// challenges with their own flags, and 3d/3e with a partition added, which
// Fly.io asks to stay correct but judges on validity alone.
var All = []Challenge{
	{"broadcast-3a", []string{"--node-count", "1", "--time-limit", "20", "--rate", "10"}, []Target{valid}},
	{"broadcast-3b", []string{"--node-count", "5", "--time-limit", "20", "--rate", "10"}, []Target{valid}},
	{"broadcast-3c", flags3c, []Target{valid, nothingLost}},
	{"broadcast-3d", flags3d, []Target{valid, msgsPerOp(30), latency("median latency", 0.5, 400), latency("max latency", int64(1), 600)}},
	{"broadcast-3e", flags3d, []Target{valid, msgsPerOp(20), latency("median latency", 0.5, 1000), latency("max latency", int64(1), 2000)}},
	{"broadcast-3d-partition", append(slices.Clone(flags3d), "--nemesis", "partition"), []Target{valid, nothingLost}},
	{"broadcast-3e-partition", append(slices.Clone(flags3d), "--nemesis", "partition"), []Target{valid, nothingLost}},
}

// Find returns the challenge of that name, or an error that lists the
// names there are.
func Find(name string) (Challenge, error) {
	for _, c := range All {
		if c.Name == name {
			return c, nil
		}
	}
	names := make([]string, len(All))
	for i, c := range All {
		names[i] = c.Name
	}
	return Challenge{}, fmt.Errorf("unknown WORKLOAD %q; the workloads are: %s", name, strings.Join(names, ", "))
}
