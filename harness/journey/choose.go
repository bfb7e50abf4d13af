package journey

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// A Choice is a value worth following, and why.
type Choice struct {
	Value int
	Why   string
}

// Choose picks up to three values whose journeys are worth a look: the
// one that took longest to reach every node, the one whose copies a
// partition dropped most often, and a typical one (the median time to
// reach every node); and, first of all, a value that never reached some
// node. It reads the journal once.
func Choose(events []journal.Event) []Choice {
	nodes, spreads := Spreads(events, false)
	return choose(spreads, len(nodes))
}

func choose(order []*Spread, nodes int) []Choice {
	var out []Choice
	add := func(v int, why string) {
		if i := slices.IndexFunc(out, func(c Choice) bool { return c.Value == v }); i >= 0 {
			out[i].Why += "; " + why
			return
		}
		out = append(out, Choice{v, why})
	}
	byTook := func(a, b *Spread) int { return cmp.Compare(a.Took(), b.Took()) }
	var everywhere []*Spread
	for _, s := range order {
		if len(s.Reached) == nodes {
			everywhere = append(everywhere, s)
		} else if len(out) == 0 {
			add(s.Value, fmt.Sprintf("it never reached %d of the %d nodes", nodes-len(s.Reached), nodes))
		}
	}
	if len(everywhere) > 0 {
		slowest := slices.MaxFunc(everywhere, byTook)
		add(slowest.Value, fmt.Sprintf("the slowest to reach every node (%d ms)", slowest.Took().Milliseconds()))
	}
	if len(order) == 0 {
		return out
	}
	if crossed := slices.MaxFunc(order, func(a, b *Spread) int { return cmp.Compare(a.Dropped, b.Dropped) }); crossed.Dropped > 0 {
		add(crossed.Value, fmt.Sprintf("a partition dropped %d of the messages carrying it", crossed.Dropped))
	}
	if len(everywhere) > 0 {
		byTime := slices.Clone(everywhere)
		slices.SortStableFunc(byTime, byTook)
		typical := byTime[(len(byTime)-1)/2]
		add(typical.Value, fmt.Sprintf("a typical value: the median time to reach every node (%d ms)", typical.Took().Milliseconds()))
	}
	return out
}
