package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"
)

func TestStarNeighbours(t *testing.T) {
	five := []string{"n0", "n1", "n2", "n3", "n4"}
	tests := []struct {
		self    string
		nodeIDs []string
		want    []string
	}{
		{"n0", []string{"n0"}, []string{}},
		{"n0", five, []string{"n1", "n2", "n3", "n4"}},
		{"n3", five, []string{"n0"}},
		{"n4", five, []string{"n0"}},
		{"n1", []string{"n1", "n2", "n3"}, []string{"n2", "n3"}}, // Maelstrom's ids without --node-count
		{"n0", nil, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s of %d", tt.self, len(tt.nodeIDs)), func(t *testing.T) {
			if got := starNeighbours(tt.self, tt.nodeIDs); !slices.Equal(got, tt.want) {
				t.Errorf("starNeighbours(%q, %v) = %v, want %v", tt.self, tt.nodeIDs, got, tt.want)
			}
		})
	}
}

// grid returns the topology Maelstrom sends by default to n nodes: a square
// grid, each node next to the ones above, below, left and right of it.
func grid(n int) string {
	side := 1
	for side*side < n {
		side++
	}
	topology := make(map[string][]string)
	for k := range n {
		i, j := k/side, k%side
		var next []string
		for _, p := range [][2]int{{i + 1, j}, {i - 1, j}, {i, j + 1}, {i, j - 1}} {
			if idx := p[0]*side + p[1]; p[0] >= 0 && p[1] >= 0 && p[1] < side && idx < n {
				next = append(next, fmt.Sprintf("n%d", idx))
			}
		}
		topology[fmt.Sprintf("n%d", k)] = next
	}
	b, err := json.Marshal(topology)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestTopologyIsAStarWhateverMaelstromSends(t *testing.T) {
	var g map[string][]string
	if err := json.Unmarshal([]byte(grid(25)), &g); err != nil {
		t.Fatal(err)
	}
	if want := []string{"n17", "n7", "n13", "n11"}; !slices.Equal(g["n12"], want) {
		t.Fatalf("grid(25) gives n12 %v, want Maelstrom's %v", g["n12"], want)
	}

	ids := make([]string, 25)
	for i := range ids {
		ids[i] = fmt.Sprintf("n%d", i)
	}
	tests := []struct {
		node string
		want []string
	}{
		{"n12", []string{"n0"}}, // four grid neighbours: n17, n7, n13, n11
		{"n0", ids[1:]},         // two grid neighbours: n5, n1
	}
	for _, tt := range tests {
		t.Run(tt.node, func(t *testing.T) {
			s, out := newTestServer(t, tt.node, ids)
			setTopology(t, s, out, grid(25))

			if err := s.handleBroadcast(request("c1", `{"type":"broadcast","message":3,"msg_id":1}`)); err != nil {
				t.Fatal(err)
			}
			flush(s)
			got := slices.Sorted(maps.Keys(toPeers(t, withoutReply(t, out.take(t), "c1"))["gossip"]))
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Errorf("%s gossiped to %v, want %v", tt.node, got, want)
			}
		})
	}
}

// The star is known from init on: a value that reaches a node before the
// topology does is passed on all the same, by a leaf to the hub and by the
// hub to every other leaf.
func TestAValueBeforeTheTopologyIsPassedOn(t *testing.T) {
	five := []string{"n0", "n1", "n2", "n3", "n4"}
	leaf, out := newTestServer(t, "n3", five)
	if err := leaf.handleBroadcast(request("c1", `{"type":"broadcast","message":7,"msg_id":1}`)); err != nil {
		t.Fatal(err)
	}
	flush(leaf)
	if got, want := toPeers(t, withoutReply(t, out.take(t), "c1")), (peerMsgs{"gossip": {"n0": {7}}}); !reflect.DeepEqual(got, want) {
		t.Errorf("a leaf without a topology sent %v, want %v", got, want)
	}

	hub, out := newTestServer(t, "n0", five)
	if err := hub.handleGossip(request("n3", `{"type":"gossip","messages":[7]}`)); err != nil {
		t.Fatal(err)
	}
	flush(hub)
	want := peerMsgs{"gossip": {"n1": {7}, "n2": {7}, "n4": {7}}}
	if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
		t.Errorf("the hub without a topology sent %v, want %v", got, want)
	}
	if got, want := owedTo(hub, "n3"), []int{7}; !slices.Equal(got, want) {
		t.Errorf("the hub without a topology owes n3 %v, want %v", got, want)
	}
}
