// Package journal records every message the network routes: one send event
// when a message is accepted from its sender, one receive event when it is
// handed to its destination, and a drop event when a partition drops it
// instead. The net statistics, the message diagram and the journeys of
// values are computed from it; a run saves it to its store (see Write).
package journal

import (
	"encoding/json"
	"sync"
	"time"
)

// Message is one routed message. ID is the global, 0-based number the
// network gives every message it accepts.
type Message struct {
	ID   int
	Src  string
	Dest string
	Body json.RawMessage
}

// Type returns the body's "type", or "" when there is none.
func (m *Message) Type() string {
	var b struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(m.Body, &b)
	return b.Type
}

// IsClient reports whether an endpoint id names a client: Maelstrom decides
// this by the first letter alone.
func IsClient(id string) bool { return len(id) > 0 && id[0] == 'c' }

// InvolvesClient reports whether the message was sent by or to a client.
func (m *Message) InvolvesClient() bool { return IsClient(m.Src) || IsClient(m.Dest) }

// Kind tells a send event from a receive event.
type Kind uint8

const (
	Send Kind = iota
	Recv
	// Drop: a partition separated sender and receiver when the message
	// was taken from the receiver's queue, so it was never handed over.
	// Maelstrom's journal has no such event; the statistics ignore it.
	Drop
)

func (k Kind) String() string {
	switch k {
	case Send:
		return "send"
	case Recv:
		return "recv"
	}
	return "drop"
}

// Event is one journal entry. Time is measured on the run's clock, from the
// same reference point as the history's (the runner moves it there): the
// init messages, which come before it, have negative times.
type Event struct {
	Kind    Kind
	Time    time.Duration
	Message *Message
}

// Journal is safe for concurrent use.
type Journal struct {
	mu     sync.Mutex
	events []Event
}

// Add records an event.
func (j *Journal) Add(e Event) {
	j.mu.Lock()
	j.events = append(j.events, e)
	j.mu.Unlock()
}

// Events returns a copy of the events recorded so far, in the order they
// were added.
func (j *Journal) Events() []Event {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]Event(nil), j.events...)
}
