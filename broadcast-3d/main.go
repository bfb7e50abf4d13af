// Command broadcast-3d is a Maelstrom node that passes new values on to its
// neighbours and sends them again until each neighbour acknowledges them.
// The nodes gossip along a star, which keeps every value within two hops of
// every node (Gossip Glomers challenge 3d).
package main

import (
	"context"
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
	if len(args) > 0 {
		return fmt.Errorf("unexpected arguments %q: this node takes none", args)
	}
	n := maelstrom.NewNode()
	n.Stdin, n.Stdout = stdin, stdout
	s := newServer(n)

	n.Handle("init", s.handleInit)
	n.Handle("broadcast", s.handleBroadcast)
	n.Handle("read", s.handleRead)
	n.Handle("topology", s.handleTopology)
	n.Handle("gossip", s.handleGossip)
	n.Handle("gossip_ok", s.handleGossipOK)

	// The retry loop runs beside the handlers until Run returns.
	ctx, stop := context.WithCancel(context.Background())
	var loops sync.WaitGroup
	loops.Go(func() { s.retryLoop(ctx) })

	// Run reads messages until stdin is closed, then waits for the handlers
	// still running. Maelstrom never closes it: it kills the node at the end
	// of a test. The harness' simulation closes it, so there Run returns.
	err := n.Run()
	stop()
	loops.Wait()
	return err
}
