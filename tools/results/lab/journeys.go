package lab

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
	"github.com/deamondev/gossip-glomers-tutorial/harness/plot"
)

// JourneyFile is a journey make results drew for a post: the value, why
// it was chosen, and the file under static/.
type JourneyFile struct {
	Value int    `json:"value"`
	Shows string `json:"shows"` // what the rule looks for
	Why   string `json:"why"`   // what this value's journey shows, from the run
	File  string `json:"file"`
}

// A JourneyRule picks, from a run's data, the value whose journey shows one
// idea of a post. It reports false when no value of the run shows it.
type JourneyRule struct {
	shows  string
	choose func(rs *runSpread, lost []int) (v *journey.Spread, why string, ok bool)
}

// The rules. Each prefers a value whose journey is small enough to read:
// among the values that show the idea, the one carried by the fewest
// messages, or the typical one.
var (
	GridGossip = JourneyRule{
		shows: "gossip along the grid: of the values a client gave to " + Hub + " (where the post's diagram starts) that reached every node, the typical one (the median time to reach every node)",
		choose: func(rs *runSpread, _ []int) (*journey.Spread, string, bool) {
			var atFirst []*journey.Spread
			for _, v := range everywhere(rs) {
				if v.Origin == Hub {
					atFirst = append(atFirst, v)
				}
			}
			v, ok := typical(atFirst)
			if !ok {
				return nil, "", false
			}
			return v, fmt.Sprintf("broadcast to %s, it reached the last of the %d nodes %s later, %s away from %s on the way it took, in %s",
				v.Origin, len(rs.nodes), ms(v.Took()), plural(v.Depth(), "link", "links"), v.Origin,
				plural(count(v, carries), "message", "messages")), true
		},
	}

	ResentAfterHeal = JourneyRule{
		shows: "a value cut off by a partition and resent after the heal: of the values that reached every node, one that reached some node only by a message sent after a heal, a copy to that node having been dropped before it; the one carried by the fewest messages",
		choose: func(rs *runSpread, _ []int) (*journey.Spread, string, bool) {
			return healed(rs, 1)
		},
	}

	BatchResentAfterHeal = JourneyRule{
		shows: "a batch and a resend: as for 3c, a value that reached some node only after a heal, by a resend that carried other values too; the one carried by the fewest messages",
		choose: func(rs *runSpread, _ []int) (*journey.Spread, string, bool) {
			return healed(rs, 2)
		},
	}

	StarTwoHops = JourneyRule{
		shows: "the star's two hops: of the values a client gave to a leaf that reached every node in two links with no copy dropped, the typical one (the median time to reach every node)",
		choose: func(rs *runSpread, _ []int) (*journey.Spread, string, bool) {
			var two []*journey.Spread
			for _, v := range everywhere(rs) {
				if hubOf(v) != v.Origin && v.Depth() == 2 && dropped(v) == 0 {
					two = append(two, v)
				}
			}
			v, ok := typical(two)
			if !ok {
				return nil, "", false
			}
			end := v.Start + v.Took()
			acks := count(v, func(c *journey.Carrier) bool { return c.Type == "gossip_ok" })
			early := count(v, func(c *journey.Carrier) bool { return c.Type == "gossip_ok" && c.Sent <= end })
			return v, fmt.Sprintf("broadcast to the leaf %s, which passed it to the hub %s; the hub passed it to the other %d leaves, and every node had it %s after the broadcast; %s carried it back, %d of them before the last node had it, where the diagram ends",
				v.Origin, hubOf(v), len(rs.nodes)-2, ms(v.Took()), plural(acks, "acknowledgement (gossip_ok)", "acknowledgements (gossip_ok)"), early), true
		},
	}

	AckOnGossip = JourneyRule{
		shows: "an acknowledgement riding on gossip: of the values a client gave to a leaf that reached every node, and whose acknowledgement went back to that leaf in the acks of a gossip (before the last node had it), the typical one",
		choose: func(rs *runSpread, _ []int) (*journey.Spread, string, bool) {
			var rode []*journey.Spread
			for _, v := range everywhere(rs) {
				if ackRide(v) != nil && hubOf(v) != v.Origin {
					rode = append(rode, v)
				}
			}
			v, ok := typical(rode)
			if !ok {
				return nil, "", false
			}
			c := ackRide(v)
			return v, fmt.Sprintf("broadcast to the leaf %s, which sent it to the hub %s at once; %s acknowledged it in the acks of a gossip that carried %s to %s, %s after the broadcast",
				v.Origin, c.Src, c.Src, plural(c.Fields["messages"], "other value", "other values"), v.Origin, ms(c.Sent-v.Start)), true
		},
	}

	// LostValue is for runs that lost values: the journey of one of the
	// values the checker found lost (a journal alone cannot tell a lost
	// value from one nobody read).
	LostValue = JourneyRule{
		shows: "a lost value: of the values the checker found lost, the one with the most copies dropped (the lowest of them)",
		choose: func(rs *runSpread, lost []int) (*journey.Spread, string, bool) {
			var best *journey.Spread
			for _, v := range rs.values {
				if slices.Contains(lost, v.Value) && (best == nil || dropped(v) > dropped(best)) {
					best = v
				}
			}
			if best == nil {
				return nil, "", false
			}
			var had []string
			for _, n := range rs.nodes {
				if _, ok := best.Reached[n]; ok {
					had = append(had, n)
				}
			}
			why := fmt.Sprintf("broadcast to %s and lost: it reached %d of the %d nodes (%s)", best.Origin, len(had), len(rs.nodes), strings.Join(had, " "))
			switch d, n := dropped(best), count(best, carries); {
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

// A runSpread is how every value of one run spread: its server nodes in
// order, every value with the messages that held it (package journey),
// and the run's partitions and heals. The rules read the steps' messages:
// between servers, a gossip or its acknowledgement lists values in
// "messages", and in the piggyback step a gossip also acknowledges values
// in "acks".
type runSpread struct {
	nodes  []string
	values []*journey.Spread // in the order they were broadcast
	events []journal.Event
	marks  []journal.Mark
}

// readSpread follows every value through the journal of the run in dir.
func readSpread(dir string) (*runSpread, error) {
	events, marks, err := journal.ReadFile(filepath.Join(dir, journal.FileName))
	if err != nil {
		return nil, err
	}
	return spreadOf(events, marks), nil
}

func spreadOf(events []journal.Event, marks []journal.Mark) *runSpread {
	nodes, values := journey.Spreads(events, true)
	slices.SortFunc(nodes, nodeid.Compare)
	return &runSpread{nodes: nodes, values: values, events: events, marks: marks}
}

// carries reports whether a message passes its value on, in "messages";
// acks reports whether it acknowledges it, in "acks".
func carries(c *journey.Carrier) bool { return slices.Contains(c.In, "messages") }
func acks(c *journey.Carrier) bool    { return slices.Contains(c.In, "acks") }

// dropped counts the copies of v a partition dropped.
func dropped(v *journey.Spread) int {
	return count(v, func(c *journey.Carrier) bool { return c.Dropped && carries(c) })
}

// everywhere are the values that reached every node, in broadcast order.
func everywhere(rs *runSpread) []*journey.Spread {
	var out []*journey.Spread
	for _, v := range rs.values {
		if v.Everywhere(len(rs.nodes)) {
			out = append(out, v)
		}
	}
	return out
}

// healed finds the values that reached some node only by a message sent
// after a heal, a copy to that node having been dropped before the heal,
// and whose bringing message carried at least batch values; it returns
// the one carried by the fewest messages before it was everywhere.
func healed(rs *runSpread, batch int) (*journey.Spread, string, bool) {
	type find struct {
		v        *journey.Spread
		node     string
		heal     time.Duration
		messages int
	}
	var best *find
	for _, v := range everywhere(rs) {
		end := v.Start + v.Took()
		for _, node := range rs.nodes {
			c := v.Via[node]
			if c == nil || c.Fields["messages"] < batch {
				continue
			}
			for _, d := range v.Carriers {
				if !d.Dropped || !carries(d) || d.Dest != node || d.Sent >= c.Sent {
					continue
				}
				heal, ok := healBetween(rs.marks, d.Sent, c.Sent)
				if !ok {
					continue
				}
				n := count(v, func(x *journey.Carrier) bool { return x.Sent <= end })
				if best == nil || n < best.messages {
					best = &find{v, node, heal, n}
				}
				break
			}
		}
	}
	if best == nil {
		return nil, "", false
	}
	v, c := best.v, best.v.Via[best.node]
	why := fmt.Sprintf("broadcast to %s; a partition dropped %s of it; the network healed %s after the broadcast, and %s later a resend from %s brought it to %s",
		v.Origin, plural(dropped(v), "copy", "copies"), ms(best.heal-v.Start), ms(c.Sent-best.heal), c.Src, best.node)
	if batch > 1 {
		why += " in one message with " + plural(c.Fields["messages"]-1, "other value", "other values")
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
func hubOf(v *journey.Spread) string {
	brought := map[string]int{}
	hub := ""
	for _, c := range v.Via {
		brought[c.Src]++
		if hub == "" || brought[c.Src] > brought[hub] || brought[c.Src] == brought[hub] && c.Src < hub {
			hub = c.Src
		}
	}
	return hub
}

// ackRide is the first gossip that acknowledged v to its origin, without
// carrying v, before every node had it.
func ackRide(v *journey.Spread) *journey.Carrier {
	end := v.Start + v.Took()
	for _, c := range v.Carriers {
		if acks(c) && !carries(c) && c.Type == "gossip" && c.Dest == v.Origin && c.Sent <= end {
			return c
		}
	}
	return nil
}

// typical is the value with the median time to reach every node (the
// lower median), or false when there is none.
func typical(vs []*journey.Spread) (*journey.Spread, bool) {
	if len(vs) == 0 {
		return nil, false
	}
	sorted := slices.Clone(vs)
	slices.SortStableFunc(sorted, func(a, b *journey.Spread) int { return cmp.Compare(a.Took(), b.Took()) })
	return sorted[(len(sorted)-1)/2], true
}

func count(v *journey.Spread, f func(*journey.Carrier) bool) int {
	n := 0
	for _, c := range v.Carriers {
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

// drawJourneys applies the rules to the run whose spread is rs and draws
// each chosen value's journey (packages journey and plot, as harness
// journey does) into outDir, removing the journeys an earlier make
// results drew there. lost are the values the checker found lost. A rule
// that finds no value is said so, and the run goes on without that
// journey: the post that shows it then fails to build, saying the journey
// is missing.
func (l *Lab) drawJourneys(rs *runSpread, outDir, urlDir string, rules []JourneyRule, lost []int) ([]JourneyFile, error) {
	old, _ := filepath.Glob(filepath.Join(outDir, "journey-*.svg"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return nil, err
		}
	}
	var out []JourneyFile
	for _, rule := range rules {
		v, why, ok := rule.choose(rs, lost)
		if !ok {
			fmt.Fprintf(l.Say, "results: NOTE: no value of the run in %s shows %s; it gets no journey\n", outDir, rule.shows)
			continue
		}
		j, _ := journey.Follow(rs.events, rs.marks, v.Value)
		name := fmt.Sprintf("journey-%d.svg", v.Value)
		var svg bytes.Buffer
		if err := plot.Journey(&svg, j); err != nil {
			return nil, fmt.Errorf("journey of %d: %w", v.Value, err)
		}
		if err := os.WriteFile(filepath.Join(outDir, name), svg.Bytes(), 0o644); err != nil {
			return nil, err
		}
		out = append(out, JourneyFile{Value: v.Value, Shows: rule.shows, Why: why, File: urlDir + name})
	}
	return out, nil
}
