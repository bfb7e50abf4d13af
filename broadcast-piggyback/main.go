// Command broadcast-piggyback is a Maelstrom node that passes new values on
// to its neighbours and sends them again until each neighbour acknowledges
// them. The nodes gossip along a star; the hub gathers the values it passes
// on into one message per peer and interval, and the acknowledgements ride on
// the gossip that flows anyway (beyond Gossip Glomers challenge 3e).
package main

import (
	"context"
	"flag"
	"log"
	"sync"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

func main() {
	// The batch interval trades messages for latency; the flag lets a run
	// measure other points of that trade (see make results).
	interval := flag.Duration("batch-interval", batchInterval, "how often the batcher flushes")
	flag.Parse()

	n := maelstrom.NewNode()
	b := NewBatcher(*interval)
	s := newServer(n, b)

	n.Handle("broadcast", s.handleBroadcast)
	n.Handle("read", s.handleRead)
	n.Handle("topology", s.handleTopology)
	n.Handle("gossip", s.handleGossip)
	n.Handle("gossip_ok", s.handleGossipOK)

	// The retry loop and the flush loop run beside the handlers until Run
	// returns.
	ctx, stop := context.WithCancel(context.Background())
	var loops sync.WaitGroup
	loops.Go(func() { s.retryLoop(ctx) })
	loops.Go(s.flushLoop)

	// Run reads messages from stdin until it is closed and waits for the
	// handlers still running, so nothing is cut off when it returns.
	err := n.Run()
	stop()
	// Closing the batcher ends the flush loop. The batches it had not handed
	// over yet are sent now rather than dropped.
	for _, ev := range b.Close() {
		s.handleFlush(ev)
	}
	loops.Wait()
	if err != nil {
		log.Fatal(err)
	}
}
