package main

// starNeighbours returns the peers of node self when the cluster nodeIDs
// gossips along a star: the first node is the hub and talks to every other
// node, and every other node talks to the hub only.
//
// A value then takes at most two hops, leaf to hub to leaf. How many
// messages it costs is the batcher's and the acknowledgements' business
// (batcher.go, retry.go).
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
