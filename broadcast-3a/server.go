package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

// server holds what one node knows. The Maelstrom library runs every handler
// in its own goroutine, so the state sits behind a mutex.
type server struct {
	node *maelstrom.Node

	mu     sync.Mutex
	values map[int]struct{} // every value seen; a set, so each is kept once
}

func newServer(n *maelstrom.Node) *server {
	return &server{
		node:   n,
		values: make(map[int]struct{}),
	}
}

// broadcastBody is a client's request to keep one value. Message is a pointer
// so that a request without the field is told apart from the value 0.
type broadcastBody struct {
	Message *int `json:"message"`
}

// readOKBody is the reply to a read.
type readOKBody struct {
	Type     string `json:"type"`
	Messages []int  `json:"messages"`
}

// handleBroadcast keeps the value and acknowledges it. A value sent twice is
// kept once.
func (s *server) handleBroadcast(msg maelstrom.Message) error {
	var body broadcastBody
	if err := json.Unmarshal(msg.Body, &body); err != nil {
		return malformed(msg, err.Error())
	}
	if body.Message == nil {
		return malformed(msg, `missing integer field "message"`)
	}

	s.store(*body.Message)

	return s.node.Reply(msg, maelstrom.MessageBody{Type: "broadcast_ok"})
}

// handleRead replies with every value this node holds, in ascending order.
func (s *server) handleRead(msg maelstrom.Message) error {
	return s.node.Reply(msg, readOKBody{Type: "read_ok", Messages: s.snapshot()})
}

// handleTopology acknowledges the topology. A single node has nobody to talk
// to, so it has no use for it.
func (s *server) handleTopology(msg maelstrom.Message) error {
	return s.node.Reply(msg, maelstrom.MessageBody{Type: "topology_ok"})
}

// store adds v to the set of values.
func (s *server) store(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[v] = struct{}{}
}

// snapshot returns the values held, sorted. It never returns nil: Maelstrom
// expects a JSON array, and a nil slice would be encoded as null.
func (s *server) snapshot() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	values := make([]int, 0, len(s.values))
	for v := range s.values {
		values = append(values, v)
	}
	slices.Sort(values)
	return values
}

// malformed is the error a handler returns for a request it cannot decode.
// The library turns it into an error reply to the sender.
func malformed(msg maelstrom.Message, reason string) error {
	return maelstrom.NewRPCError(maelstrom.MalformedRequest,
		fmt.Sprintf("%s from %s: %s", msg.Type(), msg.Src, reason))
}
