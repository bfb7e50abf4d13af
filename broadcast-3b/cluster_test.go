package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

// peerHandlers are the handlers main registers for messages between servers.
var peerHandlers = map[string]func(*server, maelstrom.Message) error{
	"gossip": (*server).handleGossip,
}

// cluster runs servers in one process, joined by a simulated network that
// hands each message to its destination's handler after a fixed latency, in a
// goroutine of its own as the library does. Tests run it inside a synctest
// bubble, so the latency passes in virtual time and no test sleeps for real.
type cluster struct {
	t       *testing.T
	latency time.Duration
	ids     []string // the nodes, in Maelstrom's order: n0, n1, …, n9, n10, …
	servers map[string]*server

	mu       sync.Mutex
	peerMsgs int               // messages between servers: what msgs-per-op counts
	sentAt   map[int]time.Time // when each value was broadcast
	lastSeen map[int]time.Time // when each value reached a node for the last time so far
	holders  map[int]int       // how many nodes hold each value
}

func newCluster(t *testing.T, topology string, latency time.Duration) *cluster {
	var parsed map[string][]string
	if err := json.Unmarshal([]byte(topology), &parsed); err != nil {
		t.Fatalf("topology: %v", err)
	}
	ids := make([]string, 0, len(parsed))
	for id := range parsed {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b)) })

	c := &cluster{
		t:        t,
		latency:  latency,
		ids:      ids,
		servers:  make(map[string]*server),
		sentAt:   make(map[int]time.Time),
		lastSeen: make(map[int]time.Time),
		holders:  make(map[int]int),
	}
	for _, id := range ids {
		n := maelstrom.NewNode()
		n.Stdin = strings.NewReader("")
		n.Stdout = &link{c: c}
		n.Init(id, ids)
		c.servers[id] = newServer(n)
	}
	for _, id := range ids {
		body := `{"type":"topology","topology":` + topology + `,"msg_id":1}`
		if err := c.servers[id].handleTopology(maelstrom.Message{Src: "c1", Dest: id, Body: json.RawMessage(body)}); err != nil {
			t.Fatalf("topology for %s: %v", id, err)
		}
	}
	return c
}

// link is a node's stdout. It cuts what the node writes into lines and
// routes each line as one message.
type link struct {
	c *cluster

	mu  sync.Mutex
	buf []byte
}

func (l *link) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		line, rest, ok := bytes.Cut(l.buf, []byte{'\n'})
		if !ok {
			return len(p), nil
		}
		l.c.route(bytes.Clone(line))
		l.buf = rest
	}
}

// route sends a message on its way. Replies to clients are dropped: the tests
// call the client handlers directly.
func (c *cluster) route(line []byte) {
	var msg maelstrom.Message
	if err := json.Unmarshal(line, &msg); err != nil {
		c.t.Errorf("a node wrote a line that is not a message: %q", line)
		return
	}
	if strings.HasPrefix(msg.Dest, "c") {
		return
	}
	c.mu.Lock()
	c.peerMsgs++
	c.mu.Unlock()

	go func() {
		time.Sleep(c.latency)
		c.deliver(msg)
	}()
}

// deliver hands msg to its destination's handler and notes which values
// reached that node for the first time.
func (c *cluster) deliver(msg maelstrom.Message) {
	s, ok := c.servers[msg.Dest]
	if !ok {
		c.t.Errorf("message to unknown node %s: %s", msg.Dest, msg.Body)
		return
	}
	handle, ok := peerHandlers[msg.Type()]
	if !ok {
		c.t.Errorf("%s sent %s a %q message, which it has no handler for: the node would stop", msg.Src, msg.Dest, msg.Type())
		return
	}
	before := s.snapshot()
	if err := handle(s, msg); err != nil {
		c.t.Errorf("%s handling %s from %s: %v", msg.Dest, msg.Body, msg.Src, err)
	}
	c.noteArrivals(before, s.snapshot())
}

// broadcast has a client send v to node.
func (c *cluster) broadcast(node string, v int) {
	c.mu.Lock()
	c.sentAt[v] = time.Now()
	c.mu.Unlock()

	s := c.servers[node]
	before := s.snapshot()
	body := fmt.Sprintf(`{"type":"broadcast","message":%d,"msg_id":1}`, v)
	if err := s.handleBroadcast(maelstrom.Message{Src: "c0", Dest: node, Body: json.RawMessage(body)}); err != nil {
		c.t.Errorf("broadcast %d to %s: %v", v, node, err)
	}
	c.noteArrivals(before, s.snapshot())
}

// noteArrivals records the time of the values in after that were not in
// before. Virtual time stands still while any goroutine of the bubble runs,
// so a time read after a handler is the time it ran at.
func (c *cluster) noteArrivals(before, after []int) {
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, v := range after {
		if !slices.Contains(before, v) {
			c.holders[v]++
			c.lastSeen[v] = now
		}
	}
}

// check fails the test unless every node holds exactly values, and returns
// how long each value took from its broadcast to the last node.
func (c *cluster) check(values []int) map[int]time.Duration {
	c.t.Helper()
	for id, s := range c.servers {
		if got := s.snapshot(); !slices.Equal(got, values) {
			c.t.Errorf("%s holds %v, want %v", id, got, values)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	spread := make(map[int]time.Duration)
	for _, v := range values {
		if c.holders[v] == len(c.servers) {
			spread[v] = c.lastSeen[v].Sub(c.sentAt[v])
		}
	}
	return spread
}

// messages returns how many messages the servers sent each other.
func (c *cluster) messages() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.peerMsgs
}

func TestClusterSpreadsEveryValueToEveryNode(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const latency = 100 * time.Millisecond
		c := newCluster(t, grid5, latency)

		var values []int
		for v := range 20 {
			c.broadcast(fmt.Sprintf("n%d", v%5), v)
			values = append(values, v)
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(time.Second)

		// The longest shortest path of the 5-node grid is 3 links.
		for v, d := range c.check(values) {
			if d > 3*latency {
				t.Errorf("value %d took %v to reach every node, want at most %v", v, d, 3*latency)
			}
		}
		// Each node passes a value on once, when it first sees it, and never
		// back to the node it came from: of the grid's 5 links used both
		// ways, the 4 links a value first arrives over are used one way only.
		if got, want := c.messages(), (2*5-4)*len(values); got != want {
			t.Errorf("servers sent %d messages for %d values, want %d", got, len(values), want)
		}
	})
}
