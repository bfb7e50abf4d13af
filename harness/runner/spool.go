package runner

import (
	"io"
	"sync"
)

// spool writes to a file from a goroutine of its own, so that a slow disk
// never holds up the node whose log it is. The chain it breaks: a write to
// the log file stalls, the harness stops reading the node's stderr, the
// node blocks writing its stderr and stops reading its stdin, its stdin
// pipe fills, and every message to it is delivered late. What waits for
// the disk waits in memory instead.
type spool struct {
	w io.WriteCloser

	mu     sync.Mutex
	chunks [][]byte
	closed bool
	wake   chan struct{} // has a token when there may be work
	done   chan struct{} // closed when everything is written and w closed
	err    error
}

func newSpool(w io.WriteCloser) *spool {
	s := &spool{w: w, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go s.run()
	return s
}

// Write queues a copy of p and returns at once.
func (s *spool) Write(p []byte) (int, error) {
	s.mu.Lock()
	s.chunks = append(s.chunks, append([]byte(nil), p...))
	s.mu.Unlock()
	s.signal()
	return len(p), nil
}

// Close writes what is queued, closes the file and returns the first
// error either met.
func (s *spool) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.signal()
	<-s.done
	return s.err
}

func (s *spool) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *spool) run() {
	defer close(s.done)
	for {
		<-s.wake
		s.mu.Lock()
		chunks, closed := s.chunks, s.closed
		s.chunks = nil
		s.mu.Unlock()
		for _, c := range chunks {
			if _, err := s.w.Write(c); err != nil && s.err == nil {
				s.err = err
			}
		}
		if closed {
			if err := s.w.Close(); err != nil && s.err == nil {
				s.err = err
			}
			return
		}
	}
}
