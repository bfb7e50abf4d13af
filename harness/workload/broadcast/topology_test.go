package broadcast

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// names returns n0 … n{count-1}, the node names of a run with --node-count.
func names(count int) []string {
	nodes := make([]string, count)
	for k := range nodes {
		nodes[k] = fmt.Sprintf("n%d", k)
	}
	return nodes
}

// parseTable turns {"n0": "n5 n1", …} into a neighbour map; "" is no
// neighbours.
func parseTable(table map[string]string) map[string][]string {
	top := make(map[string][]string, len(table))
	for node, list := range table {
		top[node] = strings.Fields(list)
		if top[node] == nil {
			top[node] = []string{}
		}
	}
	return top
}

func mustTopology(t *testing.T, name string, nodes []string) map[string][]string {
	t.Helper()
	top, err := Topology(name, nodes)
	if err != nil {
		t.Fatalf("Topology(%q, %d nodes): %v", name, len(nodes), err)
	}
	return top
}

// TestTopologyWholeTables checks complete maps, worked out by hand from
// Maelstrom's workload/broadcast.clj: the 25-node grid and tree4, and the
// grid of the default nodes n1…n5.
func TestTopologyWholeTables(t *testing.T) {
	tests := []struct {
		name  string
		nodes []string
		want  map[string]string
	}{
		{"grid", names(25), map[string]string{
			"n0": "n5 n1", "n1": "n6 n2 n0", "n2": "n7 n3 n1", "n3": "n8 n4 n2", "n4": "n9 n3",
			"n5": "n10 n0 n6", "n6": "n11 n1 n7 n5", "n7": "n12 n2 n8 n6", "n8": "n13 n3 n9 n7", "n9": "n14 n4 n8",
			"n10": "n15 n5 n11", "n11": "n16 n6 n12 n10", "n12": "n17 n7 n13 n11", "n13": "n18 n8 n14 n12", "n14": "n19 n9 n13",
			"n15": "n20 n10 n16", "n16": "n21 n11 n17 n15", "n17": "n22 n12 n18 n16", "n18": "n23 n13 n19 n17", "n19": "n24 n14 n18",
			"n20": "n15 n21", "n21": "n16 n22 n20", "n22": "n17 n23 n21", "n23": "n18 n24 n22", "n24": "n19 n23",
		}},
		{"tree4", names(25), map[string]string{
			"n0": "n1 n2 n3 n4",
			"n1": "n0 n5 n6 n7 n8", "n2": "n0 n9 n10 n11 n12", "n3": "n0 n13 n14 n15 n16", "n4": "n0 n17 n18 n19 n20",
			"n5": "n1 n21 n22 n23 n24", "n6": "n1", "n7": "n1", "n8": "n1",
			"n9": "n2", "n10": "n2", "n11": "n2", "n12": "n2",
			"n13": "n3", "n14": "n3", "n15": "n3", "n16": "n3",
			"n17": "n4", "n18": "n4", "n19": "n4", "n20": "n4",
			"n21": "n5", "n22": "n5", "n23": "n5", "n24": "n5",
		}},
		// Maelstrom's default nodes when --node-count is not given.
		{"grid", []string{"n1", "n2", "n3", "n4", "n5"}, map[string]string{
			"n1": "n4 n2", "n2": "n5 n3 n1", "n3": "n2", "n4": "n1 n5", "n5": "n2 n4",
		}},
		{"line", names(4), map[string]string{"n0": "n1", "n1": "n0 n2", "n2": "n1 n3", "n3": "n2"}},
		{"total", names(4), map[string]string{"n0": "n1 n2 n3", "n1": "n0 n2 n3", "n2": "n0 n1 n3", "n3": "n0 n1 n2"}},
		{"line", names(2), map[string]string{"n0": "n1", "n1": "n0"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.name, len(tt.nodes)), func(t *testing.T) {
			got := mustTopology(t, tt.name, tt.nodes)
			if want := parseTable(tt.want); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %v\nwant %v", got, want)
			}
		})
	}
}

// TestTopologyFurtherChecks checks single entries of other shapes and
// sizes, worked out by hand.
func TestTopologyFurtherChecks(t *testing.T) {
	tests := []struct {
		name  string
		count int
		node  string
		want  string
	}{
		{"tree2", 25, "n0", "n1 n2"},
		{"tree2", 25, "n1", "n0 n3 n4"},
		{"tree2", 25, "n11", "n5 n23 n24"},
		{"tree2", 25, "n12", "n5"},
		{"tree2", 25, "n14", "n6"},
		{"tree3", 25, "n7", "n2 n22 n23 n24"},
		{"tree3", 25, "n8", "n2"},
		{"grid", 10, "n5", "n9 n1 n6 n4"},
		{"grid", 10, "n6", "n2 n7 n5"},
		{"grid", 10, "n8", "n4 n9"},
		{"line", 25, "n0", "n1"},
		{"line", 25, "n12", "n11 n13"},
		{"line", 25, "n24", "n23"},
		{"grid", 25, "n12", "n17 n7 n13 n11"},
		{"tree4", 25, "n6", "n1"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d/%s", tt.name, tt.count, tt.node), func(t *testing.T) {
			top := mustTopology(t, tt.name, names(tt.count))
			got, ok := top[tt.node]
			if !ok {
				t.Fatalf("%s missing from the map", tt.node)
			}
			if want := strings.Fields(tt.want); !reflect.DeepEqual(got, want) {
				t.Errorf("%s → %v, want %v", tt.node, got, want)
			}
		})
	}
}

// TestTopologyOneNode checks the one-node maps (line: {}, the others
// {"n0":[]}) on the JSON the topology message
// carries, since {} versus {"n0":[]} versus null is the whole point.
func TestTopologyOneNode(t *testing.T) {
	tests := []struct{ name, want string }{
		{"line", `{}`},
		{"grid", `{"n0":[]}`},
		{"tree", `{"n0":[]}`},
		{"tree2", `{"n0":[]}`},
		{"tree3", `{"n0":[]}`},
		{"tree4", `{"n0":[]}`},
		{"total", `{"n0":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(mustTopology(t, tt.name, names(1)))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestTopologyNoNodes checks that every topology of no nodes encodes as {}.
func TestTopologyNoNodes(t *testing.T) {
	for _, name := range Topologies {
		got, err := json.Marshal(mustTopology(t, name, nil))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != `{}` {
			t.Errorf("%s with no nodes: got %s, want {}", name, got)
		}
	}
}

// tierTree builds a tree tier by tier, the way Maelstrom's
// workload/broadcast.clj does, as an
// independent reference for the heap arithmetic Topology uses.
func tierTree(nodes []string, branch int) map[string][]string {
	var tiers [][]string
	for rest, size := nodes, 1; len(rest) > 0; size *= branch {
		take := min(size, len(rest))
		tiers = append(tiers, rest[:take])
		rest = rest[take:]
	}
	parent := map[string]string{}
	children := map[string][]string{}
	for t := 0; t+1 < len(tiers); t++ {
		next := tiers[t+1]
		for _, p := range tiers[t] {
			take := min(branch, len(next))
			for _, c := range next[:take] {
				parent[c] = p
				children[p] = append(children[p], c)
			}
			next = next[take:]
		}
	}
	top := make(map[string][]string, len(nodes))
	for _, node := range nodes {
		neighbours := []string{}
		if p, ok := parent[node]; ok {
			neighbours = append(neighbours, p)
		}
		top[node] = append(neighbours, children[node]...)
	}
	return top
}

func isIn(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestTreeMatchesTiers checks that tree is tree2 and that every tree
// agrees with the tier-by-tier construction, for 1 … 40 nodes.
func TestTreeMatchesTiers(t *testing.T) {
	for count := 1; count <= 40; count++ {
		nodes := names(count)
		tree := mustTopology(t, "tree", nodes)
		if tree2 := mustTopology(t, "tree2", nodes); !reflect.DeepEqual(tree, tree2) {
			t.Errorf("%d nodes: tree %v differs from tree2 %v", count, tree, tree2)
		}
		for branch, name := range map[int]string{2: "tree2", 3: "tree3", 4: "tree4"} {
			got := mustTopology(t, name, nodes)
			if want := tierTree(nodes, branch); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %d nodes:\ngot  %v\nwant %v", name, count, got, want)
			}
		}
	}
}

// TestTopologyShapeInvariants checks, for many node counts, properties any
// correct map has: every node is a key (line needs two), no node is its own
// neighbour or listed twice, links go both ways, and the degree bounds of
// each shape hold.
func TestTopologyShapeInvariants(t *testing.T) {
	maxDegree := map[string]func(n int) int{
		"line":  func(int) int { return 2 },
		"grid":  func(int) int { return 4 },
		"tree":  func(int) int { return 3 },
		"tree2": func(int) int { return 3 },
		"tree3": func(int) int { return 4 },
		"tree4": func(int) int { return 5 },
		"total": func(n int) int { return n - 1 },
	}
	for _, name := range Topologies {
		for count := 2; count <= 40; count++ {
			nodes := names(count)
			top := mustTopology(t, name, nodes)
			if len(top) != count {
				t.Errorf("%s/%d: %d keys, want %d", name, count, len(top), count)
			}
			links := 0
			for node, neighbours := range top {
				if len(neighbours) == 0 || len(neighbours) > maxDegree[name](count) {
					t.Errorf("%s/%d: %s has %d neighbours", name, count, node, len(neighbours))
				}
				seen := map[string]bool{}
				for _, other := range neighbours {
					if other == node || seen[other] {
						t.Errorf("%s/%d: %s lists %s wrongly in %v", name, count, node, other, neighbours)
					}
					seen[other] = true
					if !isIn(node, top[other]) {
						t.Errorf("%s/%d: %s → %s but not back", name, count, node, other)
					}
				}
				links += len(neighbours)
			}
			// Lines and trees are trees: n-1 links, each counted from both ends.
			if name != "grid" && name != "total" && links != 2*(count-1) {
				t.Errorf("%s/%d: %d link ends, want %d", name, count, links, 2*(count-1))
			}
		}
	}
}

func TestTopologyUnknownName(t *testing.T) {
	for _, name := range []string{"", "ring", "Grid", "tree5"} {
		top, err := Topology(name, names(3))
		if err == nil {
			t.Errorf("Topology(%q) = %v, want an error", name, top)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, fmt.Sprintf("%q", name)) || !strings.Contains(msg, strings.Join(Topologies, ", ")) {
			t.Errorf("Topology(%q) error %q should name the topology and list the valid ones", name, msg)
		}
	}
}

func TestFarthest(t *testing.T) {
	nodes := []string{"n0", "n1", "n2", "n3", "n4"}
	line, _ := Topology("line", nodes)
	if got := Farthest(line); got["n0"] != 4 || got["n2"] != 2 || got["n4"] != 4 {
		t.Errorf("line: %v, want 4 hops from either end and 2 from the middle", got)
	}
	total, _ := Topology("total", nodes)
	for n, hops := range Farthest(total) {
		if hops != 1 {
			t.Errorf("total: %s is %d hops from its farthest node, want 1", n, hops)
		}
	}
	if got := Farthest(map[string][]string{"a": nil}); got["a"] != 0 {
		t.Errorf("a lone node: %v", got)
	}
}
