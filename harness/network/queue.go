package network

import (
	"container/heap"
	"sync"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// envelope is a message waiting in a destination's queue.
type envelope struct {
	msg      *journal.Message
	deadline time.Time
}

// queue holds the messages addressed to one endpoint, earliest deadline
// first (ties by message id, so equal deadlines keep send order). It is
// unbounded on purpose: a sender must never block because a receiver is slow.
type queue struct {
	mu     sync.Mutex
	items  envelopes
	notify chan struct{} // has a token while items may be non-empty
	closed chan struct{}
	once   sync.Once
}

func newQueue() *queue {
	return &queue{notify: make(chan struct{}, 1), closed: make(chan struct{})}
}

func (q *queue) push(e envelope) {
	q.mu.Lock()
	heap.Push(&q.items, e)
	q.mu.Unlock()
	select {
	case q.notify <- struct{}{}:
	default:
	}
}

// pop waits until a message is queued and removes the earliest one. It
// returns false once the queue is closed, or wait fires first, or stop is
// closed and nothing is queued: a message queued before stop closed is
// still returned.
func (q *queue) pop(wait <-chan time.Time, stop <-chan struct{}) (envelope, bool) {
	stopped := false
	for {
		q.mu.Lock()
		if len(q.items) > 0 {
			e := heap.Pop(&q.items).(envelope)
			more := len(q.items) > 0
			q.mu.Unlock()
			if more {
				select {
				case q.notify <- struct{}{}:
				default:
				}
			}
			return e, true
		}
		q.mu.Unlock()
		if stopped {
			return envelope{}, false
		}
		select {
		case <-q.notify:
		case <-q.closed:
			return envelope{}, false
		case <-wait:
			return envelope{}, false
		case <-stop:
			stopped = true // look once more
		}
	}
}

func (q *queue) close() { q.once.Do(func() { close(q.closed) }) }

type envelopes []envelope

func (h envelopes) Len() int { return len(h) }
func (h envelopes) Less(i, j int) bool {
	if h[i].deadline.Equal(h[j].deadline) {
		return h[i].msg.ID < h[j].msg.ID
	}
	return h[i].deadline.Before(h[j].deadline)
}
func (h envelopes) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *envelopes) Push(x any)   { *h = append(*h, x.(envelope)) }
func (h *envelopes) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}
