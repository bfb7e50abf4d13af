package numbers

import (
	"bufio"
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/harness/generator"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
	"github.com/deamondev/gossip-glomers-tutorial/harness/workload/broadcast"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// A Fact is a number a post may type in: one that no run and no step's
// code can change.
type Fact struct {
	Value    float64 // milliseconds for a duration
	Duration bool
	Why      string
}

func (f Fact) String() string {
	if f.Duration {
		return fmt.Sprintf("%v ms: %s", f.Value, f.Why)
	}
	return fmt.Sprintf("%v: %s", f.Value, f.Why)
}

// Facts are the numbers of the challenges and of Maelstrom's test: every
// workload's flags and targets (package challenges, as the judge reads
// them), what follows from those alone, and the constants of Maelstrom's
// test that the harness reproduces. A number a step's code or a run can
// change is not among them: that comes from a shortcode.
func Facts() []Fact {
	var fs []Fact
	add := func(v float64, duration bool, format string, args ...any) {
		fs = append(fs, Fact{v, duration, fmt.Sprintf(format, args...)})
	}
	for _, c := range challenges.All {
		flags := flagValues(c.Flags)
		nodes, rate, latency := flags["--node-count"], flags["--rate"], flags["--latency"]
		if nodes > 0 {
			add(nodes, false, "%s: --node-count", c.Name)
			add(nodes-1, false, "%s: the other nodes, the peers of a hub", c.Name)
			add(2*(nodes-1), false, "%s: a message and an acknowledgement to each other node", c.Name)
			addGrid(add, c.Name, int(nodes), latency)
		}
		if rate > 0 {
			add(rate, false, "%s: --rate, operations a second", c.Name)
			add(rate/2, false, "%s: broadcasts a second, half of --rate", c.Name)
			if nodes > 0 {
				add(rate/2/nodes, false, "%s: broadcasts a second to each node", c.Name)
			}
		}
		add(latency, true, "%s: --latency (0 when not given)", c.Name)
		add(latency, false, "%s: --latency (0 when not given)", c.Name)
		if t, ok := flags["--time-limit"]; ok {
			add(t, false, "%s: --time-limit, seconds", c.Name)
			add(t*1000, true, "%s: --time-limit", c.Name)
		}
		for i := 0; i+1 < len(c.NodeFlags); i++ {
			if d, err := time.ParseDuration(c.NodeFlags[i+1]); err == nil {
				add(ms(d), true, "%s: node flag %s", c.Name, c.NodeFlags[i])
			}
		}
		for _, t := range c.Targets {
			switch {
			case t.Want != nil:
			case t.Unit == "ms":
				add(t.Below, true, "%s: target %s", c.Name, t.Name)
			default:
				add(t.Below, false, "%s: target %s", c.Name, t.Name)
				add(2*t.Below, false, "%s: target %s per broadcast (half the operations are reads)", c.Name, t.Name)
			}
		}
	}
	add(ms(generator.Recovery), true, "Maelstrom: the wait before the final reads")
	add(ms(broadcast.RPCTimeout), true, "Maelstrom: a client's timeout")
	add(ms(broadcast.InitTimeout), true, "Maelstrom: the init timeout")
	add(ms(cli.DefaultNemesisInterval), true, "Maelstrom: the mean time between partition changes")
	add(2*ms(cli.DefaultNemesisInterval), true, "Maelstrom: the longest time between partition changes")
	// The Maelstrom Go library reads a node's input with a bufio.Scanner of
	// the default size, so a line longer than this (in KiB) stops the node.
	add(bufio.MaxScanTokenSize/1024, false, "the Maelstrom Go library: the longest line it reads, in KiB (bufio.MaxScanTokenSize)")
	return merge(fs)
}

// merge makes one fact of the facts with the same value and the same
// reason for several workloads ("broadcast-3d, broadcast-3e: --node-count"),
// ordered by value.
func merge(fs []Fact) []Fact {
	type key struct {
		value    float64
		duration bool
		reason   string
	}
	var order []key
	workloads := make(map[key][]string)
	for _, f := range fs {
		who, reason, ok := strings.Cut(f.Why, ": ")
		if !ok {
			who, reason = "", f.Why
		}
		k := key{f.Value, f.Duration, reason}
		if _, seen := workloads[k]; !seen {
			order = append(order, k)
		}
		if who != "" && !slices.Contains(workloads[k], who) {
			workloads[k] = append(workloads[k], who)
		}
	}
	merged := make([]Fact, len(order))
	for i, k := range order {
		why := k.reason
		if ws := workloads[k]; len(ws) > 0 {
			why = strings.Join(ws, ", ") + ": " + why
		}
		merged[i] = Fact{k.value, k.duration, why}
	}
	slices.SortStableFunc(merged, func(a, b Fact) int { return cmp.Compare(a.Value, b.Value) })
	return merged
}

// addGrid adds the numbers of the grid Maelstrom sends a cluster of n
// nodes (as the harness builds it): its links, their two ends, the gossip
// messages a value costs when each node passes it on once to every
// neighbour but its sender, twice that with acknowledgements, the hops
// across it; and with a latency, the time of two hops (a star's leaf to
// hub to leaf) and of the hops across the grid.
func addGrid(add func(float64, bool, string, ...any), name string, n int, latency float64) {
	grid, _ := broadcast.Topology("grid", nodeid.Numbered(n))
	ends := 0
	for _, peers := range grid {
		ends += len(peers)
	}
	gossip := ends - (n - 1)
	diameter := slices.Max(slices.Collect(maps.Values(broadcast.Farthest(grid))))
	add(float64(ends/2), false, "%s: links of Maelstrom's grid", name)
	add(float64(ends), false, "%s: link ends of Maelstrom's grid", name)
	add(float64(gossip), false, "%s: gossip messages per value on the grid", name)
	add(float64(2*gossip), false, "%s: gossip and acknowledgements per value on the grid", name)
	add(float64(diameter), false, "%s: hops across the grid", name)
	if latency > 0 {
		add(2*latency, true, "%s: two hops of --latency, leaf to hub to leaf", name)
		add(float64(diameter)*latency, true, "%s: the hops across the grid, of --latency each", name)
	}
}

// flagValues returns the numeric values of a workload's harness flags.
func flagValues(flags []string) map[string]float64 {
	values := make(map[string]float64)
	for i := 0; i+1 < len(flags); i++ {
		if v, err := strconv.ParseFloat(flags[i+1], 64); err == nil {
			values[flags[i]] = v
		}
	}
	return values
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
