package main

import (
	"fmt"
	"slices"
	"strings"
)

// A challenge is one Gossip Glomers workload: the flags Fly.io runs it
// with and the targets a node must meet.
type challenge struct {
	Name    string
	Flags   []string
	Targets []target
}

// A target is one pass/fail criterion read from results.edn.
type target struct {
	Name  string
	Path  []any   // keys into results.edn, e.g. :net :servers :msgs-per-op
	Below float64 // the value must be strictly below this; unused when Want is set
	Want  any     // the value must equal this (e.g. true for :valid?)
	Unit  string
}

var (
	valid       = target{Name: "valid", Path: []any{kw("valid?")}, Want: true}
	nothingLost = target{Name: "nothing lost", Path: []any{kw("workload"), kw("lost-count")}, Want: int64(0)}
)

func msgsPerOp(below float64) target {
	return target{Name: "servers msgs-per-op", Path: []any{kw("net"), kw("servers"), kw("msgs-per-op")}, Below: below}
}

func latency(name string, quantile any, belowMS float64) target {
	return target{Name: name, Path: []any{kw("workload"), kw("stable-latencies"), quantile}, Below: belowMS, Unit: "ms"}
}

var (
	flags3d = []string{"--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"}
	flags3c = []string{"--node-count", "5", "--time-limit", "20", "--rate", "10", "--nemesis", "partition"}
)

// challenges are the workloads `make WORKLOAD=…` accepts: the five
// challenges with their own flags, and 3d/3e with a partition added, which
// Fly.io asks to stay correct but judges on validity alone.
var challenges = []challenge{
	{"broadcast-3a", []string{"--node-count", "1", "--time-limit", "20", "--rate", "10"}, []target{valid}},
	{"broadcast-3b", []string{"--node-count", "5", "--time-limit", "20", "--rate", "10"}, []target{valid}},
	{"broadcast-3c", flags3c, []target{valid, nothingLost}},
	{"broadcast-3d", flags3d, []target{valid, msgsPerOp(30), latency("median latency", 0.5, 400), latency("max latency", int64(1), 600)}},
	{"broadcast-3e", flags3d, []target{valid, msgsPerOp(20), latency("median latency", 0.5, 1000), latency("max latency", int64(1), 2000)}},
	{"broadcast-3d-partition", append(slices.Clone(flags3d), "--nemesis", "partition"), []target{valid, nothingLost}},
	{"broadcast-3e-partition", append(slices.Clone(flags3d), "--nemesis", "partition"), []target{valid, nothingLost}},
}

func findChallenge(name string) (challenge, error) {
	for _, c := range challenges {
		if c.Name == name {
			return c, nil
		}
	}
	names := make([]string, len(challenges))
	for i, c := range challenges {
		names[i] = c.Name
	}
	return challenge{}, fmt.Errorf("unknown WORKLOAD %q; the workloads are: %s", name, strings.Join(names, ", "))
}
