package main

import (
	"maps"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
	"github.com/deamondev/gossip-glomers-tutorial/harness/workload/broadcast"
)

// shape is the graph a design gossips along, and what it costs a value
// to cross it: the figures the design-space post does its arithmetic
// with.
type shape struct {
	Links int `json:"links"` // undirected node-to-node links
	// Hops is the diameter: the most links a value crosses from the node
	// a client gave it to the farthest node, over every such node.
	// MedianHops is the median over those nodes of that farthest
	// distance: a value takes that many hops to reach every node.
	Hops       int `json:"hops"`
	MedianHops int `json:"medianHops"`
	// MaxDegree is the most neighbours one node has: the node every value
	// passes through, in a star.
	MaxDegree int `json:"maxDegree"`
	// GossipPerValue is how many gossip messages one value costs when
	// every node passes a new value on to each neighbour but the one it
	// came from (3b–3d): the node a client gave it to sends one per link,
	// every other node one per link but the one the value arrived on, so
	// 2 × links − (nodes − 1). Each is acknowledged, which doubles it.
	GossipPerValue int `json:"gossipPerValue"`
}

// starTopology is the star of the steps from 3d on: the first node is the
// Hub, linked to every other node, and the others to the hub only.
func starTopology(nodes []string) map[string][]string {
	top := map[string][]string{nodes[0]: slices.Clone(nodes[1:])}
	for _, n := range nodes[1:] {
		top[n] = []string{nodes[0]}
	}
	return top
}

// designTopology is the graph a design's values travel: Maelstrom's
// topology of that name, or the star when name is "".
func designTopology(name string, count int) (map[string][]string, error) {
	nodes := nodeid.Numbered(count)
	if name == "" {
		return starTopology(nodes), nil
	}
	return broadcast.Topology(name, nodes)
}

// measureShape counts a topology's links and measures its distances.
func measureShape(top map[string][]string) shape {
	var s shape
	degreeSum := 0
	for _, peers := range top {
		degreeSum += len(peers)
		s.MaxDegree = max(s.MaxDegree, len(peers))
	}
	s.Links = degreeSum / 2
	s.GossipPerValue = 2*s.Links - (len(top) - 1)
	farthest := slices.Sorted(maps.Values(broadcast.Farthest(top)))
	if len(farthest) > 0 {
		s.Hops = farthest[len(farthest)-1]
		s.MedianHops = farthest[(len(farthest)-1)/2]
	}
	return s
}
