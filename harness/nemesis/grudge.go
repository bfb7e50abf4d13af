package nemesis

import (
	"fmt"
	"math/rand/v2"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// Spec names the shape of one network partition, as a start-partition op
// carries it in its :value.
type Spec string

// The partition shapes Maelstrom's nemesis chooses from (Jepsen's
// nemesis/combined.clj, partition-specs, without :primaries).
const (
	One            Spec = "one"
	MinorityThird  Spec = "minority-third"
	Majority       Spec = "majority"
	MajoritiesRing Spec = "majorities-ring"
)

// Specs is the list a start-partition draws from uniformly, in this order.
var Specs = []Spec{One, MinorityThird, Majority, MajoritiesRing}

// Grudge builds the cut of one start-partition: for each node, the nodes it
// stops hearing from. Sources are listed in node-list order and nodes that
// drop nothing are left out, so a grudge with no cut at all is the empty,
// non-nil map.
//
// Every random choice is drawn from rng, so the same seed gives the same
// cut. Grudge panics on a spec that is not in Specs: the nemesis only ever
// passes one of those, so anything else is a bug in the caller.
func Grudge(spec Spec, nodes []string, rng *rand.Rand) history.Grudge {
	n := len(nodes)
	switch spec {
	case One:
		if n == 0 {
			return history.Grudge{}
		}
		return split(nodes, []string{nodes[rng.IntN(n)]})
	case MinorityThird:
		return split(nodes, shuffled(nodes, rng)[:max(0, (n-1)/3)])
	case Majority:
		return split(nodes, shuffled(nodes, rng)[:n/2])
	case MajoritiesRing:
		if n <= 5 {
			return perfectRing(nodes, rng)
		}
		return stochasticRing(nodes, rng)
	}
	panic(fmt.Sprintf("nemesis: unknown partition spec %q (want one of %v)", spec, Specs))
}

// split cuts the nodes into two components, side and everyone else, that
// hear nothing from each other in either direction. An empty side is no cut.
func split(nodes, side []string) history.Grudge {
	inSide := make(map[string]bool, len(side))
	for _, node := range side {
		inSide[node] = true
	}
	return collect(nodes, func(dest, src string) bool { return inSide[dest] != inSide[src] })
}

// perfectRing places the nodes on a ring and gives each node the majority
// window centred on it: the node in the middle of a window of m consecutive
// ring places hears only from that window. With five nodes this leaves each
// node its two ring neighbours; with four, each loses the node opposite; with
// three the windows are two wide, so each link is cut one way only.
func perfectRing(nodes []string, rng *rand.Rand) history.Grudge {
	ring := shuffled(nodes, rng)
	n := len(ring)
	m := n/2 + 1
	hears := make(map[string]map[string]bool, n)
	for start := range ring {
		window := make(map[string]bool, m)
		for k := range m {
			window[ring[(start+k)%n]] = true
		}
		hears[ring[(start+m/2)%n]] = window
	}
	return collect(nodes, func(dest, src string) bool { return !hears[dest][src] })
}

// stochasticRing builds a random graph in which every node is linked to a
// majority (counting itself), growing it one link at a time: the least-linked
// node, chosen at random among equals, links both ways to the least-linked
// node it is not yet linked to, the first in a random order among equals.
// Each node then hears only from the nodes it is linked to, so the cut is
// symmetric. The loop ends: a node short of a majority always has someone
// left to link to.
func stochasticRing(nodes []string, rng *rand.Rand) history.Grudge {
	order := shuffled(nodes, rng)
	m := len(nodes)/2 + 1
	linked := make(map[string]map[string]bool, len(nodes))
	for _, node := range nodes {
		linked[node] = map[string]bool{node: true}
	}
	for {
		fewest := len(nodes) + 1
		for _, node := range order {
			fewest = min(fewest, len(linked[node]))
		}
		if fewest >= m {
			break
		}
		var lonely []string
		for _, node := range order {
			if len(linked[node]) == fewest {
				lonely = append(lonely, node)
			}
		}
		a := lonely[rng.IntN(len(lonely))]
		b := ""
		for _, node := range order {
			if !linked[a][node] && (b == "" || len(linked[node]) < len(linked[b])) {
				b = node
			}
		}
		linked[a][b] = true
		linked[b][a] = true
	}
	return collect(nodes, func(dest, src string) bool { return !linked[dest][src] })
}

// collect turns a drop rule into a grudge, walking the nodes in order so
// that every source list comes out in node-list order.
func collect(nodes []string, drops func(dest, src string) bool) history.Grudge {
	grudge := history.Grudge{}
	for _, dest := range nodes {
		for _, src := range nodes {
			if src != dest && drops(dest, src) {
				grudge[dest] = append(grudge[dest], src)
			}
		}
	}
	return grudge
}

// shuffled returns a shuffled copy, leaving the caller's node list alone.
func shuffled(nodes []string, rng *rand.Rand) []string {
	out := append([]string(nil), nodes...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
