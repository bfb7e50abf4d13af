package nemesis

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// names returns n0 … n{count-1}. Past ten nodes their node-list order is not
// their string order (n2 before n10), which the ordering test relies on.
func names(count int) []string {
	nodes := make([]string, count)
	for k := range nodes {
		nodes[k] = fmt.Sprintf("n%d", k)
	}
	return nodes
}

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

// drops reports whether dest no longer hears from src.
func drops(g history.Grudge, dest, src string) bool { return slices.Contains(g[dest], src) }

// hears returns the nodes other than dest that dest still hears from.
func hears(g history.Grudge, nodes []string, dest string) []string {
	var out []string
	for _, src := range nodes {
		if src != dest && !drops(g, dest, src) {
			out = append(out, src)
		}
	}
	return out
}

// components checks that g cuts the nodes into groups that hear everyone
// inside their group and no one outside it, both ways, and returns the group
// sizes, smallest first.
func components(t *testing.T, g history.Grudge, nodes []string) []int {
	t.Helper()
	group := map[string]int{} // node -> group number
	var sizes []int
	for _, node := range nodes {
		if _, ok := group[node]; ok {
			continue
		}
		members := append([]string{node}, hears(g, nodes, node)...)
		for _, m := range members {
			if k, ok := group[m]; ok {
				t.Fatalf("%s hears %s, which is already in group %d: not a clean cut: %v", node, m, k, g)
			}
			group[m] = len(sizes)
		}
		sizes = append(sizes, len(members))
	}
	for _, dest := range nodes {
		for _, src := range nodes {
			if src != dest && drops(g, dest, src) == (group[dest] == group[src]) {
				t.Fatalf("%s→%s: drop=%v but same group=%v: %v", src, dest, drops(g, dest, src), group[dest] == group[src], g)
			}
		}
	}
	slices.Sort(sizes)
	return sizes
}

// checkWellFormed checks what every grudge promises: only known nodes, no
// node drops itself, no empty lists, sources in node-list order, no repeats.
func checkWellFormed(t *testing.T, g history.Grudge, nodes []string) {
	t.Helper()
	if g == nil {
		t.Fatal("grudge is nil, want an empty map")
	}
	index := map[string]int{}
	for k, node := range nodes {
		index[node] = k
	}
	for dest, sources := range g {
		if _, ok := index[dest]; !ok {
			t.Errorf("unknown dest %q", dest)
		}
		if len(sources) == 0 {
			t.Errorf("%s has an empty list; it should be left out", dest)
		}
		for k, src := range sources {
			if _, ok := index[src]; !ok || src == dest {
				t.Errorf("%s drops %q", dest, src)
			}
			if k > 0 && index[sources[k-1]] >= index[src] {
				t.Errorf("%s's sources %v are not in node-list order", dest, sources)
			}
		}
	}
}

func checkSymmetric(t *testing.T, g history.Grudge, nodes []string) {
	t.Helper()
	for _, a := range nodes {
		for _, b := range nodes {
			if drops(g, a, b) != drops(g, b, a) {
				t.Fatalf("%s drops %s is %v but the reverse is %v: %v", a, b, drops(g, a, b), drops(g, b, a), g)
			}
		}
	}
}

// TestGrudgeComponents checks the sizes of the two sides for the shapes
// that cut the nodes in two (Jepsen's util.clj, majority and
// minority-third; nemesis.clj, split-one and bisect).
func TestGrudgeComponents(t *testing.T) {
	tests := []struct {
		spec  Spec
		count int
		sizes []int
	}{
		{One, 5, []int{1, 4}},
		{One, 25, []int{1, 24}},
		{MinorityThird, 5, []int{1, 4}},
		{MinorityThird, 25, []int{8, 17}},
		{Majority, 5, []int{2, 3}},
		{Majority, 25, []int{12, 13}},
		{One, 2, []int{1, 1}},
		{Majority, 2, []int{1, 1}},
		{MinorityThird, 4, []int{1, 3}},
		{MinorityThird, 7, []int{2, 5}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.spec, tt.count), func(t *testing.T) {
			nodes := names(tt.count)
			for seed := range uint64(50) {
				g := Grudge(tt.spec, nodes, seeded(seed))
				checkWellFormed(t, g, nodes)
				if got := components(t, g, nodes); !reflect.DeepEqual(got, tt.sizes) {
					t.Fatalf("seed %d: component sizes %v, want %v: %v", seed, got, tt.sizes, g)
				}
			}
		})
	}
}

// TestGrudgeIsolatesEveryNode checks that the choices really are random:
// over many seeds every node ends up alone under :one and in the minority
// under :minority-third.
func TestGrudgeIsolatesEveryNode(t *testing.T) {
	nodes := names(5)
	for _, spec := range []Spec{One, MinorityThird} {
		alone := map[string]bool{}
		for seed := range uint64(200) {
			g := Grudge(spec, nodes, seeded(seed))
			for _, node := range nodes {
				if len(hears(g, nodes, node)) == 0 {
					alone[node] = true
				}
			}
		}
		if len(alone) != len(nodes) {
			t.Errorf("%s: only %v were ever isolated", spec, alone)
		}
	}
}

// TestMajoritiesRingThree checks Jepsen's majorities-ring (nemesis.clj)
// for three nodes: every node
// drops exactly one other, no link is cut both ways, and following "drops"
// from any node walks the whole ring (a→b→c→a).
func TestMajoritiesRingThree(t *testing.T) {
	nodes := names(3)
	for seed := range uint64(50) {
		g := Grudge(MajoritiesRing, nodes, seeded(seed))
		checkWellFormed(t, g, nodes)
		for _, node := range nodes {
			if len(g[node]) != 1 {
				t.Fatalf("seed %d: %s drops %v, want exactly one node", seed, node, g[node])
			}
			if other := g[node][0]; drops(g, other, node) {
				t.Fatalf("seed %d: %s and %s cut each other both ways: %v", seed, node, other, g)
			}
		}
		visited := map[string]bool{}
		for node := nodes[0]; !visited[node]; node = g[node][0] {
			visited[node] = true
		}
		if len(visited) != 3 {
			t.Fatalf("seed %d: drops do not form one ring: %v", seed, g)
		}
	}
}

// TestMajoritiesRingFour checks majorities-ring for four nodes: the two
// diagonals are cut both ways and nothing else.
func TestMajoritiesRingFour(t *testing.T) {
	nodes := names(4)
	for seed := range uint64(50) {
		g := Grudge(MajoritiesRing, nodes, seeded(seed))
		checkWellFormed(t, g, nodes)
		checkSymmetric(t, g, nodes)
		for _, node := range nodes {
			if len(g[node]) != 1 {
				t.Fatalf("seed %d: %s drops %v, want exactly its opposite", seed, node, g[node])
			}
		}
	}
}

// TestMajoritiesRingFive checks majorities-ring for five nodes: each node hears
// exactly two others, both ways. A 2-regular graph on five nodes has no room
// for two cycles, so this is exactly "a ring where each node hears its two
// neighbours".
func TestMajoritiesRingFive(t *testing.T) {
	nodes := names(5)
	for seed := range uint64(50) {
		g := Grudge(MajoritiesRing, nodes, seeded(seed))
		checkWellFormed(t, g, nodes)
		checkSymmetric(t, g, nodes)
		for _, node := range nodes {
			if got := hears(g, nodes, node); len(got) != 2 {
				t.Fatalf("seed %d: %s hears %v, want its two ring neighbours", seed, node, got)
			}
		}
	}
}

// TestMajoritiesRingStochastic checks what holds for six nodes or more:
// the cut is symmetric and every node still hears at least floor(n/2)
// others, so that with itself it sees a majority (12 others for n = 25).
// The graph is random, so nothing tighter is promised; the test also checks
// that for these seeds the greedy linking never ends with every node linked
// to every other, which would make the partition a no-op.
func TestMajoritiesRingStochastic(t *testing.T) {
	for count := 6; count <= 30; count++ {
		nodes := names(count)
		for seed := range uint64(20) {
			g := Grudge(MajoritiesRing, nodes, seeded(seed))
			checkWellFormed(t, g, nodes)
			checkSymmetric(t, g, nodes)
			for _, node := range nodes {
				if got := len(hears(g, nodes, node)); got < count/2 {
					t.Fatalf("n=%d seed %d: %s hears %d others, want ≥ %d", count, seed, node, got, count/2)
				}
			}
			if len(g) == 0 {
				t.Fatalf("n=%d seed %d: no cut at all", count, seed)
			}
		}
	}
}

// TestGrudgeEmpty checks the degenerate cases (Jepsen's nemesis.clj): no nodes to cut
// off gives an empty, non-nil grudge.
func TestGrudgeEmpty(t *testing.T) {
	tests := []struct {
		spec  Spec
		count int
	}{
		{One, 0}, {One, 1},
		{MinorityThird, 0}, {MinorityThird, 1}, {MinorityThird, 2}, {MinorityThird, 3},
		{Majority, 0}, {Majority, 1},
		{MajoritiesRing, 0}, {MajoritiesRing, 1}, {MajoritiesRing, 2},
	}
	for _, tt := range tests {
		g := Grudge(tt.spec, names(tt.count), seeded(1))
		if g == nil || len(g) != 0 {
			t.Errorf("%s with %d nodes: got %#v, want an empty map", tt.spec, tt.count, g)
		}
	}
}

// TestGrudgeSourceOrder checks that sources follow the node list, not string
// order: with twelve nodes n2 must come before n10.
func TestGrudgeSourceOrder(t *testing.T) {
	nodes := names(12)
	for _, spec := range Specs {
		for seed := range uint64(20) {
			checkWellFormed(t, Grudge(spec, nodes, seeded(seed)), nodes)
		}
	}
}

// TestGrudgeSeed checks that a seed repeats the cut, that different seeds
// do pick different cuts, and that the caller's node list is left alone.
func TestGrudgeSeed(t *testing.T) {
	for _, spec := range Specs {
		for _, count := range []int{3, 5, 9, 25} {
			nodes := names(count)
			distinct := map[string]bool{}
			for seed := range uint64(20) {
				a := Grudge(spec, nodes, seeded(seed))
				b := Grudge(spec, nodes, seeded(seed))
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("%s/%d seed %d: %v then %v", spec, count, seed, a, b)
				}
				distinct[fmt.Sprint(a)] = true
			}
			// minority-third never cuts three nodes, so it has no choice to vary.
			if len(distinct) < 2 && (spec != MinorityThird || count > 3) {
				t.Errorf("%s/%d: 20 seeds gave a single cut", spec, count)
			}
			if !reflect.DeepEqual(nodes, names(count)) {
				t.Errorf("%s/%d: node list changed to %v", spec, count, nodes)
			}
		}
	}
}

func TestGrudgeUnknownSpec(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		if !strings.Contains(msg, `"primaries"`) {
			t.Errorf("panic %q should name the bad spec", msg)
		}
	}()
	Grudge("primaries", names(5), seeded(1))
}
