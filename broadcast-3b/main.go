// Command broadcast-3b is a Maelstrom node that keeps every value it is sent
// and passes new values on to its neighbours, so that every node of the
// cluster ends up with all of them (Gossip Glomers challenge 3b).
package main

import (
	"log"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

func main() {
	n := maelstrom.NewNode()
	s := newServer(n)

	n.Handle("broadcast", s.handleBroadcast)
	n.Handle("read", s.handleRead)
	n.Handle("topology", s.handleTopology)
	n.Handle("gossip", s.handleGossip)

	// Run reads messages from stdin until it is closed and waits for the
	// handlers still running, so nothing is cut off when it returns.
	if err := n.Run(); err != nil {
		log.Fatal(err)
	}
}
