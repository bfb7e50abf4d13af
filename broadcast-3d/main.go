// Command broadcast-3d is a Maelstrom node that passes new values on to its
// neighbours and sends them again until each neighbour acknowledges them.
// The nodes gossip along a star, which keeps every value within two hops of
// every node (Gossip Glomers challenge 3d).
package main

import (
	"context"
	"log"
	"sync"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

func main() {
	n := maelstrom.NewNode()
	s := newServer(n)

	n.Handle("broadcast", s.handleBroadcast)
	n.Handle("read", s.handleRead)
	n.Handle("topology", s.handleTopology)
	n.Handle("gossip", s.handleGossip)
	n.Handle("gossip_ok", s.handleGossipOK)

	// The retry loop runs beside the handlers until Run returns.
	ctx, stop := context.WithCancel(context.Background())
	var loops sync.WaitGroup
	loops.Go(func() { s.retryLoop(ctx) })

	// Run reads messages from stdin until it is closed and waits for the
	// handlers still running, so nothing is cut off when it returns.
	err := n.Run()
	stop()
	loops.Wait()
	if err != nil {
		log.Fatal(err)
	}
}
