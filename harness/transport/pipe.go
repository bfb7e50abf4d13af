package transport

import (
	"io"
	"sync"
	"sync/atomic"
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
		err := p.Run(id, inR, severable{outW, &n.killed}, severable{errW, &n.killed})
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
	killed atomic.Bool // set by Stop: from then on the node's output goes nowhere

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

// Stop ends the node as a kill ends a process: whatever it writes from now
// on is dropped, so the shutdown code a killed process would never run
// sends nothing. Its stdin is then closed, which a well-behaved node takes
// as the end, and Stop waits for its function to return.
func (n *pipeNode) Stop() {
	select {
	case <-n.done:
		return
	default:
	}
	n.mu.Lock()
	n.exit.Stopped = true
	n.mu.Unlock()
	n.killed.Store(true)
	n.stdin.Close()
	<-n.done
}

// severable is a node's stdout or stderr: it passes writes on until the
// node is stopped, then swallows them, as a killed process writes nothing.
type severable struct {
	w      io.Writer
	killed *atomic.Bool
}

func (s severable) Write(p []byte) (int, error) {
	if s.killed.Load() {
		return len(p), nil
	}
	return s.w.Write(p)
}
