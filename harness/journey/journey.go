package journey

import (
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// MaxMessages is the most messages a journey shows: every one that brought
// the value to a node, every dropped copy and the client's broadcast come
// first, then the other copies in order until the limit. A design that
// sends its whole state to every peer carries each value in hundreds of
// messages before the last node has it, which no one can read.
const MaxMessages = 300

// A Journey is how one value spread.
type Journey struct {
	Value int
	// Nodes are the run's server nodes, in the journal's order of
	// appearance (the plot sorts them).
	Nodes []string
	// Events are the send, receive and drop events of the messages shown,
	// in the journal's order.
	Events []journal.Event
	// First holds the ids of the messages that brought the value to a
	// node that did not have it yet: the path it took.
	First map[int]bool
	// Reached says when each node first had the value: when the client's
	// broadcast or the first message carrying it was handed to it.
	Reached map[string]time.Duration
	// Missing are the nodes that never had it.
	Missing []string
	// Start is when the client's broadcast was sent; End when the last
	// node had the value, or the last event shown if some node never did.
	Start, End time.Duration
	// Dropped counts the copies a partition dropped before End.
	Dropped int
	// Omitted counts the copies sent before End that are not shown
	// (beyond MaxMessages), Later those sent after End.
	Omitted, Later int
	// Marks are the run's marks (partitions, heals, final reads).
	Marks []journal.Mark
}

// Follow traces value v through the journal. ok is false if no client
// ever broadcast v.
func Follow(events []journal.Event, marks []journal.Mark, v int) (j Journey, ok bool) {
	j = Journey{Value: v, First: map[int]bool{}, Reached: map[string]time.Duration{}}
	seen := map[string]bool{}
	sent := map[int]time.Duration{} // carrying messages by id: when sent
	var carrying []journal.Event
	started := false
	for _, e := range events {
		m := e.Message
		for _, id := range []string{m.Src, m.Dest} {
			if !journal.IsClient(id) && !seen[id] {
				seen[id] = true
				j.Nodes = append(j.Nodes, id)
			}
		}
		if e.Kind == journal.Send {
			if !carries(m, v) {
				continue
			}
			if !started {
				if !journal.IsClient(m.Src) {
					continue // the value cannot move before the client sent it
				}
				started, j.Start = true, e.Time
			}
			sent[m.ID] = e.Time
			carrying = append(carrying, e)
			continue
		}
		if _, ok := sent[m.ID]; !ok {
			continue
		}
		carrying = append(carrying, e)
		if e.Kind == journal.Recv {
			if _, had := j.Reached[m.Dest]; !had {
				j.Reached[m.Dest] = e.Time
				j.First[m.ID] = true
			}
		}
	}
	if !started {
		return Journey{}, false
	}
	for _, n := range j.Nodes {
		if _, ok := j.Reached[n]; !ok {
			j.Missing = append(j.Missing, n)
		}
	}
	j.End = carrying[len(carrying)-1].Time
	if len(j.Missing) == 0 {
		j.End = 0
		for _, t := range j.Reached {
			j.End = max(j.End, t)
		}
	}
	j.Events = j.pick(carrying, sent)
	j.Marks = marks
	return j, true
}

// pick keeps the events of the messages sent by End, the most telling
// first (see MaxMessages), and counts what it leaves out.
func (j *Journey) pick(carrying []journal.Event, sent map[int]time.Duration) []journal.Event {
	keep := map[int]bool{}
	var rest []int
	for _, e := range carrying {
		id := e.Message.ID
		switch {
		case e.Kind != journal.Send:
			if e.Kind == journal.Drop && sent[id] <= j.End {
				j.Dropped++
				keep[id] = true
			}
		case e.Time > j.End:
			j.Later++
		case j.First[id] || journal.IsClient(e.Message.Src):
			keep[id] = true
		default:
			rest = append(rest, id)
		}
	}
	for _, id := range rest {
		if len(keep) >= MaxMessages {
			j.Omitted++
			continue
		}
		keep[id] = true
	}
	var out []journal.Event
	for _, e := range carrying {
		if keep[e.Message.ID] {
			out = append(out, e)
		}
	}
	return out
}
