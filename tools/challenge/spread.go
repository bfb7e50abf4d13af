package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// A runSpread is how every value of one run spread, read from the run's
// journal (net-journal.jsonl.gz) with knowledge of the steps' messages:
// a client's broadcast holds its value in "message"; between servers, a
// gossip or its acknowledgement lists values in "messages", and in the
// piggyback step a gossip also acknowledges values in "acks". The harness'
// own journeys know no protocol; the rules that pick which journey a post
// shows (journeys.go) need to tell a batch from an acknowledgement.
type runSpread struct {
	nodes  []string       // the servers, n0 n1 … n10 …
	values []*valueSpread // in the order they were broadcast
	marks  []journal.Mark
}

// valueSpread is one value's way through the cluster.
type valueSpread struct {
	value   int
	start   time.Duration // the client's broadcast was sent
	origin  string        // the node the client gave it to
	reached map[string]time.Duration
	hops    map[string]int // links between servers on the way to each node
	// via is the message that first brought the value to each node
	// other than the origin.
	via      map[string]*carrier
	carriers []*carrier // every message between servers that held it, in order
}

// A carrier is one message between servers that held a value.
type carrier struct {
	id        int
	sent      time.Duration
	src, dest string
	typ       string
	batch     int  // values in the message's "messages"
	carries   bool // the value is in "messages"
	acks      bool // the value is in "acks"
	dropped   bool // a partition dropped it
}

// end is when the last node had v, and whether every node did.
func (v *valueSpread) end(nodes int) (time.Duration, bool) {
	var last time.Duration
	for _, t := range v.reached {
		last = max(last, t)
	}
	return last, len(v.reached) == nodes
}

// dropped counts the copies of v a partition dropped.
func (v *valueSpread) dropped() int {
	n := 0
	for _, c := range v.carriers {
		if c.dropped && c.carries {
			n++
		}
	}
	return n
}

// depth is the most links between servers on v's way to any node.
func (v *valueSpread) depth() int {
	d := 0
	for _, h := range v.hops {
		d = max(d, h)
	}
	return d
}

// readSpread follows every value through the journal of the run in dir.
func readSpread(dir string) (*runSpread, error) {
	path := dir + "/" + journal.FileName
	events, marks, err := journal.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rs, err := spreadOf(events, marks)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, nil
}

// body is what the rules read of a message: the fields of the steps'
// broadcast, gossip and acknowledgement messages.
type body struct {
	Type     string `json:"type"`
	Message  *int   `json:"message"`
	Messages []int  `json:"messages"`
	Acks     []int  `json:"acks"`
}

// spreadOf reads the events once, in order.
func spreadOf(events []journal.Event, marks []journal.Mark) (*runSpread, error) {
	rs := &runSpread{marks: marks}
	seen := map[string]bool{}
	byValue := map[int]*valueSpread{}
	broadcasts := map[int]*valueSpread{} // client broadcasts by message id
	held := map[int][]*carrier{}         // messages between servers by id
	heldBy := map[*carrier]*valueSpread{}
	for _, e := range events {
		m := e.Message
		for _, id := range []string{m.Src, m.Dest} {
			if !journal.IsClient(id) && !seen[id] {
				seen[id] = true
				rs.nodes = append(rs.nodes, id)
			}
		}
		switch e.Kind {
		case journal.Send:
			if journal.IsClient(m.Dest) {
				continue // replies to clients spread nothing
			}
			var b body
			if err := json.Unmarshal(m.Body, &b); err != nil {
				return nil, fmt.Errorf("message %d: a body that is not JSON: %v", m.ID, err)
			}
			if journal.IsClient(m.Src) {
				if b.Type == "broadcast" && b.Message != nil && byValue[*b.Message] == nil {
					v := &valueSpread{value: *b.Message, start: e.Time, origin: m.Dest,
						reached: map[string]time.Duration{}, hops: map[string]int{}, via: map[string]*carrier{}}
					byValue[v.value] = v
					rs.values = append(rs.values, v)
					broadcasts[m.ID] = v
				}
				continue
			}
			add := func(x int, carries, acks bool) {
				v := byValue[x]
				if v == nil {
					return
				}
				if n := len(v.carriers); n > 0 && v.carriers[n-1].id == m.ID {
					c := v.carriers[n-1] // listed in both fields
					c.carries, c.acks = c.carries || carries, c.acks || acks
					return
				}
				c := &carrier{id: m.ID, sent: e.Time, src: m.Src, dest: m.Dest, typ: b.Type, batch: len(b.Messages), carries: carries, acks: acks}
				v.carriers = append(v.carriers, c)
				held[m.ID] = append(held[m.ID], c)
				heldBy[c] = v
			}
			for _, x := range b.Messages {
				add(x, true, false)
			}
			for _, x := range b.Acks {
				add(x, false, true)
			}
		case journal.Recv:
			if v := broadcasts[m.ID]; v != nil {
				if _, had := v.reached[m.Dest]; !had {
					v.reached[m.Dest], v.hops[m.Dest] = e.Time, 0
				}
				continue
			}
			for _, c := range held[m.ID] {
				v := heldBy[c]
				if _, had := v.reached[m.Dest]; !had && c.carries {
					v.reached[m.Dest], v.hops[m.Dest], v.via[m.Dest] = e.Time, v.hops[m.Src]+1, c
				}
			}
		case journal.Drop:
			for _, c := range held[m.ID] {
				c.dropped = true
			}
		}
	}
	slices.SortFunc(rs.nodes, compareNodes)
	return rs, nil
}

// compareNodes orders node ids as Maelstrom numbers them: n2 before n10.
func compareNodes(a, b string) int {
	return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b))
}
