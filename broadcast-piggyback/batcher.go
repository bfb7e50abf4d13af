package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// batchInterval is how often the hub flushes. Only the hub gathers values:
// a leaf sends each value to the hub at once (see forward). A value then
// crosses a link to the hub, waits there for its tick (up to an interval,
// half of one on average) and crosses a link to every other node: it
// reaches them all within an interval and two links. At every tick the
// hub sends each leaf one message, and each broadcast to a leaf costs one
// message to the hub, the acknowledgements riding on them
// (expectedMsgsPerOp in sim_test.go). The piggyback post measures both
// against our targets.
const batchInterval = 800 * time.Millisecond

// ErrBatcherClosed is what Add returns once Close has been called.
var ErrBatcherClosed = errors.New("batcher is closed")

// FlushEvent is one peer's batch: the values added for it since the previous
// flush, in the order they were added.
type FlushEvent struct {
	PeerID   string
	Messages []int
}

// Batcher groups the values a node passes on, per peer, and hands each group
// over as one FlushEvent per interval: a peer then gets one message an
// interval instead of one per value, for at most an interval of delay.
//
// A goroutine started by NewBatcher and ended by Close ticks and hands the
// events over on the channel Flushes returns. It takes the batches out from
// under the lock before it hands them over, so Add never waits for the
// receiver, and the receiver can never block a tick holding the lock. The
// channel is unbuffered, so an event is either taken by the receiver or
// still held by the batcher, and Close returns what is still held: the
// batcher itself never drops a value. Close is for tests and for a graceful
// stop: Maelstrom ends a test by killing its nodes, and no code of theirs
// runs after that. What keeps a value from being lost on the way is the
// acknowledgements and the resending (retry.go).
type Batcher struct {
	flushes chan FlushEvent
	stop    chan struct{} // closed by Close to end the goroutine
	done    chan struct{} // closed by the goroutine as it ends

	mu      sync.Mutex
	batches map[string][]int
	closed  bool
}

// NewBatcher returns a Batcher that flushes every interval. Close must be
// called to stop it.
func NewBatcher(interval time.Duration) *Batcher {
	if interval <= 0 {
		panic(fmt.Sprintf("NewBatcher: interval must be positive, got %v", interval))
	}
	b := &Batcher{
		flushes: make(chan FlushEvent),
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
		batches: make(map[string][]int),
	}
	go b.run(interval)
	return b
}

// Add appends values to peerID's batch. After Close it adds nothing and
// returns ErrBatcherClosed, so the caller knows to send the values itself.
// Adding no values starts no batch: every FlushEvent carries values.
func (b *Batcher) Add(peerID string, values ...int) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return ErrBatcherClosed
	}
	if len(values) == 0 {
		return nil
	}
	b.batches[peerID] = append(b.batches[peerID], values...)
	return nil
}

// Flushes returns the channel the batches come out of, one FlushEvent per
// peer with values. Close closes it.
func (b *Batcher) Flushes() <-chan FlushEvent {
	return b.flushes
}

// Close stops the batcher, closes the Flushes channel and returns the batches
// that were not handed over, in the order of their peers. It waits for the
// goroutine to end, but never for the receiver. Only the first call returns
// anything; later calls return nil at once.
func (b *Batcher) Close() []FlushEvent {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil
	}
	b.closed = true
	b.mu.Unlock()

	close(b.stop)
	<-b.done // from here on nothing sends on flushes
	close(b.flushes)
	return b.take()
}

// run flushes every interval until Close.
func (b *Batcher) run(interval time.Duration) {
	defer close(b.done)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-ticker.C:
		}

		events := b.take()
		for i, ev := range events {
			select {
			case b.flushes <- ev:
			case <-b.stop:
				b.putBack(events[i:])
				return
			}
		}
	}
}

// take empties every batch and returns them as events, ordered by peer.
func (b *Batcher) take() []FlushEvent {
	b.mu.Lock()
	defer b.mu.Unlock()
	events := make([]FlushEvent, 0, len(b.batches))
	for _, peer := range slices.Sorted(maps.Keys(b.batches)) {
		events = append(events, FlushEvent{PeerID: peer, Messages: b.batches[peer]})
	}
	clear(b.batches)
	return events
}

// putBack returns events that could not be handed over to their batches,
// ahead of the values added since, for Close to return.
func (b *Batcher) putBack(events []FlushEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ev := range events {
		b.batches[ev.PeerID] = append(ev.Messages, b.batches[ev.PeerID]...)
	}
}
