package main

import "github.com/deamondev/gossip-glomers-tutorial/tools/drawio"

// diagrams are the blog's generated diagrams, by file name (without
// .drawio.svg). Coordinates are in pixels, from the top left. A new one
// looks like:
//
//	"topology-3b": {
//		Name: "Gossip along the topology",
//		Nodes: []drawio.Node{
//			{ID: "n0", Label: "n0", X: 0, Y: 0},
//			{ID: "n1", Label: "n1", X: 200, Y: 0},
//		},
//		Edges: []drawio.Edge{{From: "n0", To: "n1", Label: "gossip"}},
//	},
var diagrams = map[string]drawio.Diagram{}
