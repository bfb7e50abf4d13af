package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// journeyFile is a journey make results drew for a post: the value, why
// it was chosen, and the file under static/.
type journeyFile struct {
	Value int    `json:"value"`
	Shows string `json:"shows"` // what the rule looks for
	Why   string `json:"why"`   // what this value's journey shows, from the run
	File  string `json:"file"`
}

// A journeyRule picks, from a run's data, the value whose journey shows one
// idea of a post. It reports false when no value of the run shows it.
type journeyRule struct {
	shows  string
	choose func(rs *runSpread, lost []int) (v *valueSpread, why string, ok bool)
}

// journeyRules are the journeys each workload's run in make results
// draws: a rule over the run's data, so that a new run picks its own.
var journeyRules = map[string][]journeyRule{
	"broadcast-3b":           {gridGossip},
	"broadcast-3c":           {resentAfterHeal},
	"broadcast-3d":           {starTwoHops},
	"broadcast-3e-partition": {batchResentAfterHeal},
	"broadcast-piggyback":    {ackOnGossip},
}

// The rules. Each prefers a value whose journey is small enough to read:
// among the values that show the idea, the one carried by the fewest
// messages, or the typical one.
var (
	gridGossip = journeyRule{
		shows: "gossip along the grid: of the values a client gave to " + firstNode + " (where the post's diagram starts) that reached every node, the typical one (the median time to reach every node)",
		choose: func(rs *runSpread, _ []int) (*valueSpread, string, bool) {
			var atFirst []*valueSpread
			for _, v := range everywhere(rs) {
				if v.origin == firstNode {
					atFirst = append(atFirst, v)
				}
			}
			v, ok := typical(rs, atFirst)
			if !ok {
				return nil, "", false
			}
			end, _ := v.end(len(rs.nodes))
			return v, fmt.Sprintf("broadcast to %s, it reached the last of the %d nodes %s later, %s away from %s on the way it took, in %s",
				v.origin, len(rs.nodes), ms(end-v.start), plural(v.depth(), "link", "links"), v.origin,
				plural(count(v, func(c *carrier) bool { return c.carries }), "message", "messages")), true
		},
	}

	resentAfterHeal = journeyRule{
		shows: "a value cut off by a partition and resent after the heal: of the values that reached every node, one that reached some node only by a message sent after a heal, a copy to that node having been dropped before it; the one carried by the fewest messages",
		choose: func(rs *runSpread, _ []int) (*valueSpread, string, bool) {
			return healed(rs, 1)
		},
	}

	batchResentAfterHeal = journeyRule{
		shows: "a batch and a resend: as for 3c, a value that reached some node only after a heal, by a resend that carried other values too; the one carried by the fewest messages",
		choose: func(rs *runSpread, _ []int) (*valueSpread, string, bool) {
			return healed(rs, 2)
		},
	}

	starTwoHops = journeyRule{
		shows: "the star's two hops: of the values a client gave to a leaf that reached every node in two links with no copy dropped, the typical one (the median time to reach every node)",
		choose: func(rs *runSpread, _ []int) (*valueSpread, string, bool) {
			var two []*valueSpread
			for _, v := range everywhere(rs) {
				if hub := hubOf(v); hub != v.origin && v.depth() == 2 && v.dropped() == 0 {
					two = append(two, v)
				}
			}
			v, ok := typical(rs, two)
			if !ok {
				return nil, "", false
			}
			end, _ := v.end(len(rs.nodes))
			acks := count(v, func(c *carrier) bool { return c.typ == "gossip_ok" })
			early := count(v, func(c *carrier) bool { return c.typ == "gossip_ok" && c.sent <= end })
			return v, fmt.Sprintf("broadcast to the leaf %s, which passed it to the hub %s; the hub passed it to the other %d leaves, and every node had it %s after the broadcast; %s carried it back, %d of them before the last node had it, where the diagram ends",
				v.origin, hubOf(v), len(rs.nodes)-2, ms(end-v.start), plural(acks, "acknowledgement (gossip_ok)", "acknowledgements (gossip_ok)"), early), true
		},
	}

	ackOnGossip = journeyRule{
		shows: "an acknowledgement riding on gossip: of the values a client gave to a leaf that reached every node, and whose acknowledgement went back to that leaf in the acks of a gossip (before the last node had it), the typical one",
		choose: func(rs *runSpread, _ []int) (*valueSpread, string, bool) {
			var rode []*valueSpread
			for _, v := range everywhere(rs) {
				if ackRide(rs, v) != nil && hubOf(v) != v.origin {
					rode = append(rode, v)
				}
			}
			v, ok := typical(rs, rode)
			if !ok {
				return nil, "", false
			}
			c := ackRide(rs, v)
			return v, fmt.Sprintf("broadcast to the leaf %s, which sent it to the hub %s at once; %s acknowledged it in the acks of a gossip that carried %s to %s, %s after the broadcast",
				v.origin, c.src, c.src, plural(c.batch, "other value", "other values"), v.origin, ms(c.sent-v.start)), true
		},
	}

	// lostValue is for runs that lost values: the journey of one of the
	// values the checker found lost (a journal alone cannot tell a lost
	// value from one nobody read).
	lostValue = journeyRule{
		shows: "a lost value: of the values the checker found lost, the one with the most copies dropped (the lowest of them)",
		choose: func(rs *runSpread, lost []int) (*valueSpread, string, bool) {
			var best *valueSpread
			for _, v := range rs.values {
				if slices.Contains(lost, v.value) && (best == nil || v.dropped() > best.dropped()) {
					best = v
				}
			}
			if best == nil {
				return nil, "", false
			}
			var had []string
			for _, n := range rs.nodes {
				if _, ok := best.reached[n]; ok {
					had = append(had, n)
				}
			}
			why := fmt.Sprintf("broadcast to %s and lost: it reached %d of the %d nodes (%s)", best.origin, len(had), len(rs.nodes), strings.Join(had, " "))
			switch d, n := best.dropped(), count(best, func(c *carrier) bool { return c.carries }); {
			case d > 0:
				why += fmt.Sprintf("; a partition dropped %d of the %s that carried it", d, plural(n, "message", "messages"))
			case n == 0:
				why += "; no message between servers carried it"
			default:
				why += fmt.Sprintf("; %d messages carried it", n)
			}
			return best, why, true
		},
	}
)

// everywhere are the values that reached every node, in broadcast order.
func everywhere(rs *runSpread) []*valueSpread {
	var out []*valueSpread
	for _, v := range rs.values {
		if _, all := v.end(len(rs.nodes)); all {
			out = append(out, v)
		}
	}
	return out
}

// healed finds the values that reached some node only by a message sent
// after a heal, a copy to that node having been dropped before the heal,
// and whose bringing message carried at least batch values; it returns
// the one carried by the fewest messages before it was everywhere.
func healed(rs *runSpread, batch int) (*valueSpread, string, bool) {
	type find struct {
		v        *valueSpread
		node     string
		drop     *carrier
		heal     time.Duration
		messages int
	}
	var best *find
	for _, v := range everywhere(rs) {
		end, _ := v.end(len(rs.nodes))
		for _, node := range rs.nodes {
			c := v.via[node]
			if c == nil || c.batch < batch {
				continue
			}
			for _, d := range v.carriers {
				if !d.dropped || !d.carries || d.dest != node || d.sent >= c.sent {
					continue
				}
				heal, ok := healBetween(rs.marks, d.sent, c.sent)
				if !ok {
					continue
				}
				n := count(v, func(x *carrier) bool { return x.sent <= end })
				if best == nil || n < best.messages {
					best = &find{v, node, d, heal, n}
				}
				break
			}
		}
	}
	if best == nil {
		return nil, "", false
	}
	v, c := best.v, best.v.via[best.node]
	why := fmt.Sprintf("broadcast to %s; a partition dropped %s of it; the network healed %s after the broadcast, and %s later a resend from %s brought it to %s",
		v.origin, plural(v.dropped(), "copy", "copies"), ms(best.heal-v.start), ms(c.sent-best.heal), c.src, best.node)
	if batch > 1 {
		why += " in one message with " + plural(c.batch-1, "other value", "other values")
	}
	return v, why, true
}

// healBetween returns the first heal after from and before to.
func healBetween(marks []journal.Mark, from, to time.Duration) (time.Duration, bool) {
	for _, m := range marks {
		if m.Kind == journal.Heal && m.Time > from && m.Time < to {
			return m.Time, true
		}
	}
	return 0, false
}

// hubOf is the node that first brought v to the most nodes.
func hubOf(v *valueSpread) string {
	brought := map[string]int{}
	hub := ""
	for _, c := range v.via {
		brought[c.src]++
		if hub == "" || brought[c.src] > brought[hub] || brought[c.src] == brought[hub] && c.src < hub {
			hub = c.src
		}
	}
	return hub
}

// ackRide is the first gossip that acknowledged v to its origin, without
// carrying v, before every node had it.
func ackRide(rs *runSpread, v *valueSpread) *carrier {
	end, _ := v.end(len(rs.nodes))
	for _, c := range v.carriers {
		if c.acks && !c.carries && c.typ == "gossip" && c.dest == v.origin && c.sent <= end {
			return c
		}
	}
	return nil
}

// typical is the value with the median time to reach every node (the
// lower median), or false when there is none.
func typical(rs *runSpread, vs []*valueSpread) (*valueSpread, bool) {
	if len(vs) == 0 {
		return nil, false
	}
	took := func(v *valueSpread) time.Duration { end, _ := v.end(len(rs.nodes)); return end - v.start }
	sorted := slices.Clone(vs)
	slices.SortStableFunc(sorted, func(a, b *valueSpread) int { return cmp.Compare(took(a), took(b)) })
	return sorted[(len(sorted)-1)/2], true
}

func count(v *valueSpread, f func(*carrier) bool) int {
	n := 0
	for _, c := range v.carriers {
		if f(c) {
			n++
		}
	}
	return n
}

// plural writes a count with the noun that goes with it.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ms writes a duration in whole milliseconds, as the posts do.
func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

// drawJourneys applies the rules to the run in runDir, whose spread is rs, and draws each
// chosen value's journey with `harness journey` into outDir, removing the
// journeys an earlier make results drew there. lost are the values the
// checker found lost. A rule that finds no value is said so on the
// console and the run goes on without that journey: the post that shows
// it then fails to build, saying the journey is missing.
func drawJourneys(harness string, rs *runSpread, runDir, outDir, urlDir string, rules []journeyRule, lost []int) ([]journeyFile, error) {
	old, _ := filepath.Glob(filepath.Join(outDir, "journey-*.svg"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return nil, err
		}
	}
	if len(rules) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, err
	}
	var out []journeyFile
	for _, rule := range rules {
		v, why, ok := rule.choose(rs, lost)
		if !ok {
			fmt.Printf("results: NOTE: no value of the run in %s shows %s; it gets no journey\n", runDir, rule.shows)
			continue
		}
		cmd := exec.Command(harness, "journey", runDir, "--values", fmt.Sprint(v.value), "--out", outDir)
		if b, err := cmd.CombinedOutput(); err != nil {
			return nil, errors.Join(fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), err), errors.New(strings.TrimSpace(string(b))))
		}
		name := fmt.Sprintf("journey-%d.svg", v.value)
		out = append(out, journeyFile{Value: v.value, Shows: rule.shows, Why: why, File: urlDir + name})
	}
	return out, nil
}
