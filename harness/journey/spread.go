package journey

import (
	"slices"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/internal/jsonscan"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// A Spread is how far one value got, read from a journal in one pass.
type Spread struct {
	Value int
	// Origin is the node a client broadcast the value to; Start is when
	// the client sent that broadcast.
	Origin string
	Start  time.Duration
	// Reached says when each node first had the value: when the client's
	// broadcast or the first message carrying it was handed to it.
	Reached map[string]time.Duration
	// Hops says how many messages between servers the value took to
	// reach each node, along the way it first got there (0 at the origin).
	Hops map[string]int
	// Dropped counts the copies a partition dropped.
	Dropped int
	// Carriers are the messages between servers that held the value, in
	// the order they were sent, and Via the one that first brought it to
	// each node but its origin. Spreads fills them only when asked: a run
	// of a design that sends its whole state holds a value in hundreds of
	// messages.
	Carriers []*Carrier
	Via      map[string]*Carrier
}

// A Carrier is one message between servers that held a value.
type Carrier struct {
	ID        int
	Sent      time.Duration
	Src, Dest string
	Type      string // the body's "type"
	// In names the body's fields that held the value, and Fields counts
	// the integers in every field of the body that held any: a gossip of
	// five values has Fields["messages"] == 5. What a field means is the
	// node's business; the harness knows no protocol.
	In      []string
	Fields  map[string]int
	Dropped bool // a partition dropped it
}

// Spreads reads the journal once and returns the run's server nodes, in
// the journal's order of appearance, and every value a client broadcast,
// in the order they were broadcast. A value is carried by a message as the
// package comment says. With carriers, each Spread also lists the
// messages that held its value.
func Spreads(events []journal.Event, carriers bool) (nodes []string, spreads []*Spread) {
	known := map[string]bool{}
	byValue := map[int]*Spread{}
	held := map[int][]*Carrier{} // messages between servers, by id
	heldBy := map[*Carrier]*Spread{}
	for _, e := range events {
		m := e.Message
		for _, id := range []string{m.Src, m.Dest} {
			if !known[id] && !journal.IsClient(id) {
				known[id] = true
				nodes = append(nodes, id)
			}
		}
		switch {
		case e.Kind == journal.Send && journal.IsClient(m.Src):
			carried(m, func(v int) {
				if _, ok := byValue[v]; !ok {
					s := &Spread{Value: v, Origin: m.Dest, Start: e.Time,
						Reached: map[string]time.Duration{}, Hops: map[string]int{}, Via: map[string]*Carrier{}}
					byValue[v] = s
					spreads = append(spreads, s)
				}
			})
		case e.Kind == journal.Send && carriers && !journal.IsClient(m.Dest):
			in, fields := fieldsOf(m)
			for v, names := range in {
				if s := byValue[v]; s != nil {
					c := &Carrier{ID: m.ID, Sent: e.Time, Src: m.Src, Dest: m.Dest, Type: typeOf(m), In: names, Fields: fields}
					s.Carriers = append(s.Carriers, c)
					held[m.ID] = append(held[m.ID], c)
					heldBy[c] = s
				}
			}
		case e.Kind == journal.Recv && !journal.IsClient(m.Dest):
			carried(m, func(v int) {
				s := byValue[v]
				if s == nil {
					return
				}
				if _, had := s.Reached[m.Dest]; had {
					return
				}
				s.Reached[m.Dest] = e.Time
				if journal.IsClient(m.Src) {
					s.Hops[m.Dest] = 0
					return
				}
				s.Hops[m.Dest] = s.Hops[m.Src] + 1
				for _, c := range held[m.ID] {
					if heldBy[c] == s {
						s.Via[m.Dest] = c
					}
				}
			})
		case e.Kind == journal.Drop:
			carried(m, func(v int) {
				if s := byValue[v]; s != nil {
					s.Dropped++
				}
			})
			for _, c := range held[m.ID] {
				c.Dropped = true
			}
		}
	}
	return nodes, spreads
}

// fieldsOf lists, for every value a message carries, the fields it is in,
// and counts the integers of each field that holds any.
func fieldsOf(m *journal.Message) (in map[int][]string, counts map[string]int) {
	in, counts = map[int][]string{}, map[string]int{}
	jsonscan.Members(m.Body, func(key string, value []byte, _ bool) {
		if key == "msg_id" || key == "in_reply_to" {
			return
		}
		jsonscan.Ints(value, func(v int) {
			counts[key]++
			if !slices.Contains(in[v], key) {
				in[v] = append(in[v], key)
			}
		})
	})
	return in, counts
}

// typeOf is a message body's "type".
func typeOf(m *journal.Message) string {
	var typ string
	jsonscan.Members(m.Body, func(key string, value []byte, _ bool) {
		if key == "type" {
			typ, _ = jsonscan.Unquote(value)
		}
	})
	return typ
}

// Took is how long the value took to reach every node it reached.
func (s *Spread) Took() time.Duration {
	var last time.Duration
	for _, t := range s.Reached {
		last = max(last, t)
	}
	return last - s.Start
}

// Depth is the most messages between servers the value took to reach a
// node.
func (s *Spread) Depth() int {
	d := 0
	for _, h := range s.Hops {
		d = max(d, h)
	}
	return d
}

// Everywhere reports whether the value reached all of nodes.
func (s *Spread) Everywhere(nodes int) bool { return len(s.Reached) == nodes }
