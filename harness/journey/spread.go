package journey

import (
	"time"

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
	// Dropped counts the copies a partition dropped.
	Dropped int
}

// Spreads reads the journal once and returns the run's server nodes, in
// the journal's order of appearance, and every value a client broadcast,
// in the order they were broadcast. A value is carried by a message as the
// package comment says.
func Spreads(events []journal.Event) (nodes []string, spreads []*Spread) {
	known := map[string]bool{}
	byValue := map[int]*Spread{}
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
					s := &Spread{Value: v, Origin: m.Dest, Start: e.Time, Reached: map[string]time.Duration{}}
					byValue[v] = s
					spreads = append(spreads, s)
				}
			})
		case e.Kind == journal.Recv && !journal.IsClient(m.Dest):
			carried(m, func(v int) {
				if s := byValue[v]; s != nil {
					if _, had := s.Reached[m.Dest]; !had {
						s.Reached[m.Dest] = e.Time
					}
				}
			})
		case e.Kind == journal.Drop:
			carried(m, func(v int) {
				if s := byValue[v]; s != nil {
					s.Dropped++
				}
			})
		}
	}
	return nodes, spreads
}

// Took is how long the value took to reach every node it reached.
func (s *Spread) Took() time.Duration {
	var last time.Duration
	for _, t := range s.Reached {
		last = max(last, t)
	}
	return last - s.Start
}
