package broadcast

import (
	"fmt"
	"strings"
)

// Topologies lists the names --topology accepts, in the order the help text
// shows them. The default, grid, is chosen by the command line, not here.
var Topologies = []string{"line", "grid", "tree", "tree2", "tree3", "tree4", "total"}

// Topology returns the neighbour map that every node receives in its
// topology message: all nodes, each with its neighbours in the order
// Maelstrom lists them, so a solution that walks its list sees the same
// sequence it would see under Maelstrom.
//
// The map is never nil and its lists are never nil, so they encode as {}
// and [] rather than null. The one exception Maelstrom makes is kept: a line
// of fewer than two nodes is the empty map, without even the lone node as a
// key.
func Topology(name string, nodes []string) (map[string][]string, error) {
	switch name {
	case "line":
		return line(nodes), nil
	case "grid":
		return grid(nodes), nil
	case "tree", "tree2":
		return tree(nodes, 2), nil
	case "tree3":
		return tree(nodes, 3), nil
	case "tree4":
		return tree(nodes, 4), nil
	case "total":
		return total(nodes), nil
	}
	return nil, fmt.Errorf("unknown topology %q: want one of %s", name, strings.Join(Topologies, ", "))
}

// line links each node to the one before and the one after it.
func line(nodes []string) map[string][]string {
	top := make(map[string][]string, len(nodes))
	if len(nodes) < 2 {
		return top
	}
	for k, node := range nodes {
		var neighbours []string
		if k > 0 {
			neighbours = append(neighbours, nodes[k-1])
		}
		if k < len(nodes)-1 {
			neighbours = append(neighbours, nodes[k+1])
		}
		top[node] = neighbours
	}
	return top
}

// grid lays the nodes out row by row on a square just big enough to hold
// them and links each to the nodes below, above, right and left of it, in
// that order. A node count that is not a square leaves the last row short.
func grid(nodes []string) map[string][]string {
	side := ceilSqrt(len(nodes))
	at := func(row, col int) (string, bool) {
		k := row*side + col
		if row < 0 || col < 0 || col >= side || k >= len(nodes) {
			return "", false
		}
		return nodes[k], true
	}
	top := make(map[string][]string, len(nodes))
	for k, node := range nodes {
		row, col := k/side, k%side
		neighbours := []string{}
		for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
			if other, ok := at(row+d[0], col+d[1]); ok {
				neighbours = append(neighbours, other)
			}
		}
		top[node] = neighbours
	}
	return top
}

// ceilSqrt returns the smallest side whose square holds n, in integers so
// that no float rounding can pick the wrong side for a perfect square.
func ceilSqrt(n int) int {
	side := 0
	for side*side < n {
		side++
	}
	return side
}

// tree links each node to its parent first and then to its children, with
// the root on top and every level full except perhaps the last.
//
// Maelstrom describes this as tiers of 1, b, b², … nodes whose next tier is
// handed out to them b at a time, in order. Because every tier but the last
// is full, that is the same as the usual array layout of a b-ary heap:
// node k has parent (k-1)/b and children k·b+1 … k·b+b.
func tree(nodes []string, branch int) map[string][]string {
	top := make(map[string][]string, len(nodes))
	for k, node := range nodes {
		neighbours := []string{}
		if k > 0 {
			neighbours = append(neighbours, nodes[(k-1)/branch])
		}
		for c := k*branch + 1; c <= k*branch+branch && c < len(nodes); c++ {
			neighbours = append(neighbours, nodes[c])
		}
		top[node] = neighbours
	}
	return top
}

// total links every node to every other node.
func total(nodes []string) map[string][]string {
	top := make(map[string][]string, len(nodes))
	for k, node := range nodes {
		neighbours := make([]string, 0, len(nodes)-1)
		neighbours = append(neighbours, nodes[:k]...)
		neighbours = append(neighbours, nodes[k+1:]...)
		top[node] = neighbours
	}
	return top
}

// Farthest returns, for every node of a topology, how many links away its
// farthest node is along shortest paths: a value given to that node needs
// that many hops to reach every node. Nodes it cannot reach are left out.
func Farthest(top map[string][]string) map[string]int {
	far := make(map[string]int, len(top))
	for from := range top {
		dist := map[string]int{from: 0}
		queue := []string{from}
		for len(queue) > 0 {
			at := queue[0]
			queue = queue[1:]
			for _, next := range top[at] {
				if _, seen := dist[next]; !seen {
					dist[next] = dist[at] + 1
					far[from] = max(far[from], dist[next])
					queue = append(queue, next)
				}
			}
		}
		if _, ok := far[from]; !ok {
			far[from] = 0
		}
	}
	return far
}
