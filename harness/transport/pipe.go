package transport

import (
	"io"
	"sync"
)

// Pipe runs each node as a function in this process, connected through
// io.Pipe. Run gets the node's id and its three streams and returns when
// the node stops (normally when stdin reaches EOF).
type Pipe struct {
	Run func(id string, stdin io.Reader, stdout, stderr io.Writer) error
}

// Start runs one node in a goroutine.
func (p Pipe) Start(id string) (Node, error) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	errR, errW := io.Pipe()
	n := &pipeNode{stdin: inW, stdout: outR, stderr: errR, done: make(chan struct{})}
	go func() {
		err := p.Run(id, inR, outW, errW)
		outW.Close()
		errW.Close()
		inR.Close()
		n.mu.Lock()
		if err != nil {
			n.exit.Status = 1
		}
		n.mu.Unlock()
		close(n.done)
	}()
	return n, nil
}

type pipeNode struct {
	stdin  *io.PipeWriter
	stdout *io.PipeReader
	stderr *io.PipeReader
	done   chan struct{}

	mu   sync.Mutex
	exit Exit
}

func (n *pipeNode) Stdin() io.Writer      { return n.stdin }
func (n *pipeNode) Stdout() io.Reader     { return n.stdout }
func (n *pipeNode) Stderr() io.Reader     { return n.stderr }
func (n *pipeNode) Done() <-chan struct{} { return n.done }

func (n *pipeNode) Exit() Exit {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.exit
}

// Stop closes the node's stdin, which a well-behaved node takes as the end,
// and waits for its function to return.
func (n *pipeNode) Stop() {
	select {
	case <-n.done:
		return
	default:
	}
	n.mu.Lock()
	n.exit.Stopped = true
	n.mu.Unlock()
	n.stdin.Close()
	<-n.done
}
