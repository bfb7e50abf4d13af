// Command broadcast-3a is a single Maelstrom node that keeps every value it is
// sent and hands them all back on a read (Gossip Glomers challenge 3a).
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

	// Run reads messages from stdin until it is closed and waits for the
	// handlers still running, so nothing is cut off when it returns.
	if err := n.Run(); err != nil {
		log.Fatal(err)
	}
}
