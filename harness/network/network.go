// Package network is the harness' simulated network. Every message between
// nodes and clients passes through it: it numbers the message, journals it,
// delays it by the configured latency, drops it if a partition separates
// sender and receiver when it reaches the head of its queue, and hands it to
// the receiver.
//
// Each node has one delivery loop that takes the earliest-deadline message
// and sleeps until its deadline before looking again, so a message with an
// earlier deadline that arrives during that sleep waits behind it: the same
// head-of-line behaviour as Maelstrom's network.
package network

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/clock"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
)

// Config sets a network up.
type Config struct {
	Journal *journal.Journal
	Latency *Latency
	// Start is the reference point of journal times.
	Start time.Time
	// Trace, if set, is called for every send and every delivery
	// (--log-net-send, --log-net-recv).
	Trace func(kind journal.Kind, m *journal.Message)
	// Clock waits for deadlines: clock.Precise in real runs, the zero
	// Clock or clock.Virtual under testing/synctest.
	Clock clock.Clock
}

// Network routes messages. It is safe for concurrent use.
type Network struct {
	cfg Config

	mu         sync.Mutex
	nextID     int
	nextClient int
	endpoints  map[string]*queue
	drops      map[string]map[string]bool    // dest -> sources it does not hear
	deliveries map[string]*timing.Deliveries // node -> how its deliveries kept to time
	wg         sync.WaitGroup
	closed     bool
}

// New returns an empty network.
func New(cfg Config) *Network {
	if cfg.Journal == nil {
		cfg.Journal = new(journal.Journal)
	}
	return &Network{
		cfg:        cfg,
		endpoints:  make(map[string]*queue),
		drops:      make(map[string]map[string]bool),
		deliveries: make(map[string]*timing.Deliveries),
	}
}

// ErrUnknownEndpoint is wrapped by Send's error when the source or the
// destination is not (or no longer) registered.
var ErrUnknownEndpoint = errors.New("unknown endpoint")

// AddNode registers a node and starts its delivery loop, which calls
// deliver with each message's JSON line (no newline) once its latency has
// passed. A deliver error (the node has exited) is ignored, as Maelstrom
// does: the message counts as received and is lost.
func (n *Network) AddNode(id string, deliver func(line []byte) error) {
	q := newQueue()
	stats := new(timing.Deliveries)
	n.mu.Lock()
	n.endpoints[id] = q
	n.deliveries[id] = stats
	n.mu.Unlock()
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		n.deliverLoop(q, deliver, stats)
	}()
}

// deliverLoop hands one node its messages, each at its deadline.
//
// It also measures how far it keeps to the schedule the simulated network
// sets: each message is due at its deadline, or when the message before it
// was due if that was later (it waited behind it, as in Maelstrom's
// network, which is part of the simulation). How much later its write
// begins is the harness' lag: a late wake-up, a busy machine, or a write
// before it that blocked because the node did not read its input.
func (n *Network) deliverLoop(q *queue, deliver func([]byte) error, stats *timing.Deliveries) {
	var prevDue time.Time
	for {
		e, ok := q.pop(nil, nil)
		if !ok {
			return
		}
		if n.isDropped(e.msg) {
			n.record(journal.Drop, e.msg)
			continue
		}
		due := e.deadline
		if prevDue.After(due) {
			due = prevDue
		}
		prevDue = due
		// Everything but the write is done before the wait or after it,
		// so that once the deadline comes, the message goes out at once.
		line := Encode(e.msg)
		if time.Until(e.deadline) > 0 {
			t := n.cfg.Clock.Timer(e.deadline)
			select {
			case <-t.C:
			case <-q.closed:
				t.Stop()
				return
			}
			n.cfg.Clock.Finish(e.deadline)
		}
		start := time.Now()
		_ = deliver(line)
		wrote := time.Since(start)
		n.mu.Lock()
		stats.Add(start.Sub(due), wrote)
		n.mu.Unlock()
		n.record(journal.Recv, e.msg)
	}
}

// Encode renders a message as the JSON line a node reads, with the id
// the network gave it. The body was checked and compacted when the message
// was sent, so it is copied as it is rather than parsed again.
func Encode(m *journal.Message) []byte {
	line := make([]byte, 0, len(m.Body)+len(m.Src)+len(m.Dest)+48)
	line = append(line, `{"id":`...)
	line = strconv.AppendInt(line, int64(m.ID), 10)
	line = append(line, `,"src":`...)
	line = appendJSONString(line, m.Src)
	line = append(line, `,"dest":`...)
	line = appendJSONString(line, m.Dest)
	line = append(line, `,"body":`...)
	line = append(line, m.Body...)
	return append(line, '}')
}

// appendJSONString appends s as json.Marshal writes it. A node id is
// nearly always plain letters and digits, which need no escaping.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || strings.IndexByte(`"\<>&`, c) >= 0 {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// Send accepts a message from src for dest: it numbers it, journals it and
// queues it with its latency. The number is taken before the endpoints are
// checked, so a rejected message leaves a gap, as in Maelstrom.
func (n *Network) Send(src, dest string, body json.RawMessage) (*journal.Message, error) {
	n.mu.Lock()
	m := &journal.Message{ID: n.nextID, Src: src, Dest: dest, Body: body}
	n.nextID++
	_, srcOK := n.endpoints[src]
	q, destOK := n.endpoints[dest]
	n.mu.Unlock()
	switch {
	case !srcOK:
		return nil, fmt.Errorf("%w: source %q is not a node or an open client", ErrUnknownEndpoint, src)
	case !destOK:
		return nil, fmt.Errorf("%w: destination %q is not a node or an open client", ErrUnknownEndpoint, dest)
	}
	var delay time.Duration
	if !m.InvolvesClient() && n.cfg.Latency != nil {
		delay = n.cfg.Latency.Draw()
	}
	n.record(journal.Send, m)
	q.push(envelope{msg: m, deadline: time.Now().Add(delay)})
	return m, nil
}

func (n *Network) record(kind journal.Kind, m *journal.Message) {
	n.cfg.Journal.Add(journal.Event{Kind: kind, Time: time.Since(n.cfg.Start), Message: m})
	if n.cfg.Trace != nil {
		n.cfg.Trace(kind, m)
	}
}

// Partition cuts the network as the grudge says: each node stops hearing
// from the listed sources. It adds to any cut already in force.
func (n *Network) Partition(g history.Grudge) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for dest, srcs := range g {
		if n.drops[dest] == nil {
			n.drops[dest] = make(map[string]bool)
		}
		for _, src := range srcs {
			n.drops[dest][src] = true
		}
	}
}

// Heal removes every cut.
func (n *Network) Heal() {
	n.mu.Lock()
	clear(n.drops)
	n.mu.Unlock()
}

// Partitioned reports whether any cut is in force.
func (n *Network) Partitioned() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, srcs := range n.drops {
		if len(srcs) > 0 {
			return true
		}
	}
	return false
}

func (n *Network) isDropped(m *journal.Message) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.drops[m.Dest][m.Src]
}

// DeliveryLags returns, for every message delivered to a node so far, how
// late its write began against when it was due (see deliverLoop).
func (n *Network) DeliveryLags() []time.Duration {
	n.mu.Lock()
	defer n.mu.Unlock()
	var lags []time.Duration
	for _, d := range n.deliveries {
		lags = append(lags, d.Lags...)
	}
	return lags
}

// DeliveriesByNode returns a copy of how each node's deliveries kept to
// time so far.
func (n *Network) DeliveriesByNode() map[string]timing.Deliveries {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make(map[string]timing.Deliveries, len(n.deliveries))
	for id, d := range n.deliveries {
		c := *d
		c.Lags = slices.Clone(d.Lags)
		out[id] = c
	}
	return out
}

// Close stops every delivery loop and waits for them. Messages still queued
// are never delivered.
func (n *Network) Close() {
	n.mu.Lock()
	if n.closed {
		n.mu.Unlock()
		return
	}
	n.closed = true
	for _, q := range n.endpoints {
		q.close()
	}
	n.mu.Unlock()
	n.wg.Wait()
}
