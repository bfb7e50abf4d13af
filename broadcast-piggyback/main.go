// Command broadcast-piggyback is a Maelstrom node that passes new values on
// to its neighbours and sends them again until each neighbour acknowledges
// them. The nodes gossip along a star; the hub gathers the values it passes
// on into one message per peer and interval, and the acknowledgements ride on
// the gossip that flows anyway (beyond Gossip Glomers challenge 3e).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sync"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		log.Fatal(err)
	}
}

// run wires a node to the streams it is given and runs it until stdin ends:
// main gives it the process's own, the tests and the harness' simulation
// give it theirs. (The library logs through the standard logger, not to
// stderr.)
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	// The batch interval trades messages for latency, and the retry
	// interval decides how soon a value cut off by a partition is sent
	// again; the flags let a run measure other values of both (see make
	// results).
	flags := flag.NewFlagSet("broadcast-piggyback", flag.ContinueOnError)
	flags.SetOutput(stderr)
	interval := flags.Duration("batch-interval", batchInterval, "how often the batcher flushes (above 0)")
	retry := flags.Duration("retry-interval", retryInterval, "how long a value may go unacknowledged before it is sent again (above 0)")
	if err := flags.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil // -h: flag has printed the usage
	} else if err != nil {
		return err
	}
	if *interval <= 0 {
		return fmt.Errorf("--batch-interval %v: must be above 0", *interval)
	}
	if *retry <= 0 {
		return fmt.Errorf("--retry-interval %v: must be above 0", *retry)
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: the flags are --batch-interval and --retry-interval", flags.Args())
	}
	n := maelstrom.NewNode()
	n.Stdin, n.Stdout = stdin, stdout
	b := NewBatcher(*interval)
	s := newServer(n, b)
	s.retryAfter = *retry

	n.Handle("init", s.handleInit)
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

	// Run reads messages until stdin is closed, then waits for the handlers
	// still running. Maelstrom never closes it: it kills the node at the end
	// of a test, and none of what follows runs. The harness' simulation
	// closes it, but drops what the node sends from then on, as a kill
	// would. So this is only a graceful stop: the batches not yet flushed
	// go out once (closing the batcher ends the flush loop), and then the
	// resends stop, as no acknowledgement can arrive any more.
	err := n.Run()
	for _, ev := range b.Close() {
		s.handleFlush(ev)
	}
	stop()
	loops.Wait()
	return err
}
