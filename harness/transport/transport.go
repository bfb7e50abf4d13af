// Package transport starts nodes and connects the harness to them. The
// harness only ever sees a node as three streams and a way to stop it, so
// the same run can drive real processes (Process) or functions in this
// process wired through pipes (Pipe), for tests under testing/synctest.
package transport

import "io"

// Node is one running node.
type Node interface {
	// Stdin takes the lines the network delivers to the node.
	Stdin() io.Writer
	// Stdout yields the lines the node sends; EOF once it has exited.
	Stdout() io.Reader
	// Stderr yields the node's log lines; EOF once it has exited.
	Stderr() io.Reader
	// Done is closed when the node has stopped, on its own or by Stop.
	Done() <-chan struct{}
	// Exit says how the node stopped. Valid once Done is closed.
	Exit() Exit
	// Stop ends the node if it still runs and waits until it has. It is
	// safe to call more than once.
	Stop()
}

// Exit is how a node stopped.
type Exit struct {
	// Status is the exit status, or -1 when a signal ended the node.
	Status int
	// Signal names the signal that ended it, if one did.
	Signal string
	// Stopped is true when the harness stopped the node itself.
	Stopped bool
}

// Transport starts nodes.
type Transport interface {
	Start(id string) (Node, error)
}
