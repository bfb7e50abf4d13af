// Command broadcast-3a is a single Maelstrom node that keeps every value it is
// sent and hands them all back on a read (Gossip Glomers challenge 3a).
package main

import (
	"fmt"
	"io"
	"log"
	"os"

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

	n.Handle("broadcast", s.handleBroadcast)
	n.Handle("read", s.handleRead)
	n.Handle("topology", s.handleTopology)

	// Run reads messages until stdin is closed, then waits for the handlers
	// still running. Maelstrom never closes it: it kills the node at the end
	// of a test. The harness' simulation closes it, so there Run returns.
	return n.Run()
}
