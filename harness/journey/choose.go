package journey

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// A Choice is a value worth following, and why.
type Choice struct {
	Value int
	Why   string
}

// spread is what one pass over the journal learns about a value.
type spread struct {
	start   time.Duration
	reached []time.Duration // by node index; -1 until the node has it
	count   int             // nodes that have it
	dropped int             // copies a partition dropped
}

// Choose picks up to three values whose journeys are worth a look: the
// one that took longest to reach every node, the one whose copies a
// partition dropped most often, and a typical one (the median time to
// reach every node); and, first of all, a value that never reached some
// node. It reads the journal once.
func Choose(events []journal.Event) []Choice {
	nodes := map[string]int{}
	values := map[int]*spread{}
	var order []int // values in the order they were broadcast
	for _, e := range events {
		m := e.Message
		for _, id := range []string{m.Src, m.Dest} {
			if _, ok := nodes[id]; !ok && !journal.IsClient(id) {
				nodes[id] = len(nodes)
			}
		}
		switch {
		case e.Kind == journal.Send && journal.IsClient(m.Src):
			carried(m, func(v int) {
				if _, ok := values[v]; !ok {
					values[v] = &spread{start: e.Time}
					order = append(order, v)
				}
			})
		case e.Kind == journal.Recv && !journal.IsClient(m.Dest):
			node := nodes[m.Dest]
			carried(m, func(v int) {
				s := values[v]
				if s == nil {
					return
				}
				for len(s.reached) <= node {
					s.reached = append(s.reached, -1)
				}
				if s.reached[node] < 0 {
					s.reached[node] = e.Time
					s.count++
				}
			})
		case e.Kind == journal.Drop:
			carried(m, func(v int) {
				if s := values[v]; s != nil {
					s.dropped++
				}
			})
		}
	}
	return choose(order, values, len(nodes))
}

func choose(order []int, values map[int]*spread, nodes int) []Choice {
	var out []Choice
	add := func(v int, why string) {
		if i := slices.IndexFunc(out, func(c Choice) bool { return c.Value == v }); i >= 0 {
			out[i].Why += "; " + why
			return
		}
		out = append(out, Choice{v, why})
	}
	took := func(v int) time.Duration {
		s := values[v]
		return slices.Max(s.reached) - s.start
	}
	var everywhere []int
	for _, v := range order {
		if values[v].count == nodes {
			everywhere = append(everywhere, v)
		} else if len(out) == 0 {
			add(v, fmt.Sprintf("it never reached %d of the %d nodes", nodes-values[v].count, nodes))
		}
	}
	if len(everywhere) > 0 {
		slowest := slices.MaxFunc(everywhere, func(a, b int) int { return cmp.Compare(took(a), took(b)) })
		add(slowest, fmt.Sprintf("the slowest to reach every node (%d ms)", took(slowest).Milliseconds()))
	}
	if len(order) == 0 {
		return out
	}
	if crossed := slices.MaxFunc(order, func(a, b int) int { return cmp.Compare(values[a].dropped, values[b].dropped) }); values[crossed].dropped > 0 {
		add(crossed, fmt.Sprintf("a partition dropped %d of the messages carrying it", values[crossed].dropped))
	}
	if len(everywhere) > 0 {
		byTime := slices.Clone(everywhere)
		slices.SortStableFunc(byTime, func(a, b int) int { return cmp.Compare(took(a), took(b)) })
		typical := byTime[(len(byTime)-1)/2]
		add(typical, fmt.Sprintf("a typical value: the median time to reach every node (%d ms)", took(typical).Milliseconds()))
	}
	return out
}
