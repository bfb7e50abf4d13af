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

// A Challenge is one workload: the flags it runs with and the targets a
// node must meet. Most are Gossip Glomers challenges with Fly.io's flags;
// the piggyback ones are the tutorial's own, for the step after 3e. Which
// step is built to meet it is steps.toml's to say.
type Challenge struct {
	Name      string
	Flags     []string // the harness' flags
	NodeFlags []string // flags for the node (after --), for a setting other than its default
	Targets   []Target
}

// A Target is one pass/fail criterion read from results.edn.
type Target struct {
	Name    string
	Path    []any   // keys into results.edn, e.g. :net :servers :msgs-per-op
	Below   float64 // the value must be strictly below this; unused when Want is set
	OrEqual bool    // the value may also equal Below: "at most" (≤) instead of "below" (<)
	Want    any     // the value must equal this (e.g. true for :valid?)
	Unit    string
}

// Admits reports whether a measured number meets the target's limit.
func (t Target) Admits(got float64) bool {
	if t.OrEqual {
		return got <= t.Below
	}
	return got < t.Below
}

// Limit is the target's limit as the judge writes it, e.g. "< 400 ms" or
// "≤ 1".
func (t Target) Limit() string {
	op := "<"
	if t.OrEqual {
		op = "≤"
	}
	limit := fmt.Sprintf("%s %v", op, t.Below)
	if t.Unit != "" {
		limit += " " + t.Unit
	}
	return limit
}

// Timed reports whether a target of the challenge is a latency, which a
// busy machine can push over its limit.
func (c Challenge) Timed() bool {
	for _, t := range c.Targets {
		if t.Unit == "ms" {
			return true
		}
	}
	return false
}

// Args returns the flags that follow the challenge's own on a command
// line: extra's flags for the runner (make's ARGS), then, after a "--",
// the challenge's node flags and extra's, which come later and so win.
func (c Challenge) Args(extra []string) []string {
	runnerFlags, nodeFlags := extra, []string(nil)
	if i := slices.Index(extra, "--"); i >= 0 {
		runnerFlags, nodeFlags = extra[:i], extra[i+1:]
	}
	nodeFlags = append(slices.Clone(c.NodeFlags), nodeFlags...)
	if len(nodeFlags) == 0 {
		return runnerFlags
	}
	return append(append(slices.Clone(runnerFlags), "--"), nodeFlags...)
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

// atMost turns a "below" target into an "at most" one.
func atMost(t Target) Target {
	t.OrEqual = true
	return t
}

var (
	flags3d = []string{"--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"}
	flags3c = []string{"--node-count", "5", "--time-limit", "20", "--rate", "10", "--nemesis", "partition"}
)

var partition = []string{"--nemesis", "partition"}

// All are the workloads `make WORKLOAD=…` accepts: the five challenges with
// their own flags; 3d/3e with a partition added, which Fly.io asks to stay
// correct but judges on validity alone; and the piggyback step's own: 3e's
// flags with stricter targets, with partitions, and, with the node's batch
// interval cut to 200 ms, 3d's latency targets at a fraction of 3d's
// messages.
var All = []Challenge{
	{Name: "broadcast-3a", Flags: []string{"--node-count", "1", "--time-limit", "20", "--rate", "10"}, Targets: []Target{valid}},
	{Name: "broadcast-3b", Flags: []string{"--node-count", "5", "--time-limit", "20", "--rate", "10"}, Targets: []Target{valid}},
	{Name: "broadcast-3c", Flags: flags3c, Targets: []Target{valid, nothingLost}},
	{Name: "broadcast-3d", Flags: flags3d, Targets: []Target{valid, msgsPerOp(30), latency("median latency", 0.5, 400), latency("max latency", int64(1), 600)}},
	{Name: "broadcast-3e", Flags: flags3d, Targets: []Target{valid, msgsPerOp(20), latency("median latency", 0.5, 1000), latency("max latency", int64(1), 2000)}},
	{Name: "broadcast-3d-partition", Flags: append(slices.Clone(flags3d), partition...), Targets: []Target{valid, nothingLost}},
	{Name: "broadcast-3e-partition", Flags: append(slices.Clone(flags3d), partition...), Targets: []Target{valid, nothingLost}},
	{Name: "broadcast-piggyback", Flags: flags3d, Targets: []Target{valid, atMost(msgsPerOp(1)), atMost(latency("median latency", 0.5, 800)), atMost(latency("max latency", int64(1), 1500))}},
	{Name: "broadcast-piggyback-partition", Flags: append(slices.Clone(flags3d), partition...), Targets: []Target{valid, nothingLost}},
	{Name: "broadcast-piggyback-fast", Flags: flags3d, NodeFlags: []string{"--batch-interval", "200ms"}, Targets: []Target{valid, atMost(msgsPerOp(4)), latency("median latency", 0.5, 400), latency("max latency", int64(1), 600)}},
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
