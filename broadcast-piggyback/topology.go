package main

// starNeighbours returns the peers of node self when the cluster nodeIDs
// gossips along a star: the first node is the hub and talks to every other
// node, and every other node talks to the hub only.
//
// A value then takes at most two hops, leaf to hub to leaf: 200 ms with the
// 100 ms latency of challenge 3d, within its 400 ms median and 600 ms
// maximum. It costs one gossip message to every node but the one it starts
// at, N-1 = 24 for 25 nodes, and as many acknowledgements: 48 messages per
// broadcast. Half the operations are broadcasts and the other half reads,
// which send nothing, so that is about 24 messages per operation, below the
// target of 30. Resends add nothing while the network is whole: an
// acknowledgement comes back in 200 ms, well within retryInterval.
func starNeighbours(self string, nodeIDs []string) []string {
	if len(nodeIDs) == 0 {
		return nil
	}
	hub := nodeIDs[0]
	if self != hub {
		return []string{hub}
	}
	return nodeIDs[1:]
}
