package main

import (
	"encoding/json"
	"fmt"
	"log"
	"slices"
	"sync"
	"time"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

// server holds what one node knows. The Maelstrom library runs every handler
// in its own goroutine, so the state sits behind a mutex.
type server struct {
	node    *maelstrom.Node
	batcher *Batcher // groups the values passed on to each peer

	mu         sync.Mutex
	values     map[int]struct{} // every value seen; a set, so each is kept once
	neighbours []string         // the peers new values are passed on to
	hub        bool             // whether this node is the star's hub, the only one that batches

	// pending holds, for each peer, the values sent to it that it has not
	// acknowledged yet, with the time each was last sent.
	pending map[string]map[int]time.Time

	// owed holds, for each peer, the values it sent that this node has not
	// acknowledged yet, with the time each arrived. The acknowledgements
	// ride on the next gossip to that peer (see send).
	owed map[string]map[int]time.Time

	// retryAfter is how long a value may go unacknowledged before it is
	// sent again: retryInterval, unless the --retry-interval flag says
	// otherwise. It is set before the retry loop starts.
	retryAfter time.Duration
}

func newServer(n *maelstrom.Node, b *Batcher) *server {
	return &server{
		node:       n,
		batcher:    b,
		values:     make(map[int]struct{}),
		pending:    make(map[string]map[int]time.Time),
		owed:       make(map[string]map[int]time.Time),
		retryAfter: retryInterval,
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

// gossipBody passes values on to a peer ("gossip"), and acknowledges the
// values the peer sent: on the way, in Acks, or on its own ("gossip_ok",
// with the acknowledged values in Messages) when no gossip goes that way.
type gossipBody struct {
	Type     string `json:"type"`
	Messages []int  `json:"messages"`
	Acks     []int  `json:"acks,omitempty"`
}

// handleBroadcast keeps the value, passes it on if it is new, and
// acknowledges it. A value sent twice is kept and passed on once.
func (s *server) handleBroadcast(msg maelstrom.Message) error {
	var body broadcastBody
	if err := json.Unmarshal(msg.Body, &body); err != nil {
		return malformed(msg, err.Error())
	}
	if body.Message == nil {
		return malformed(msg, `missing integer field "message"`)
	}

	fresh := s.store([]int{*body.Message})
	s.forward(fresh, msg.Src)

	return s.node.Reply(msg, maelstrom.MessageBody{Type: "broadcast_ok"})
}

// handleRead replies with every value this node holds, in ascending order.
func (s *server) handleRead(msg maelstrom.Message) error {
	return s.node.Reply(msg, readOKBody{Type: "read_ok", Messages: s.snapshot()})
}

// handleInit works out this node's neighbours on a star of its own (see
// starNeighbours) as soon as the node knows the cluster: the library runs it
// on the init message, before it replies init_ok, so that no value, not even
// one that arrives before the topology, finds the node without neighbours.
func (s *server) handleInit(maelstrom.Message) error {
	neighbours := starNeighbours(s.node.ID(), s.node.NodeIDs())

	s.mu.Lock()
	s.neighbours = neighbours
	s.hub = len(neighbours) > 1 // every other node has the hub alone
	s.mu.Unlock()
	return nil
}

// handleTopology acknowledges the topology and ignores it: the node gossips
// along its star instead, as Maelstrom's grid is up to 8 hops across for 25
// nodes, far too slow for the latency targets.
func (s *server) handleTopology(msg maelstrom.Message) error {
	return s.node.Reply(msg, maelstrom.MessageBody{Type: "topology_ok"})
}

// handleGossip keeps the values a peer passed on, passes the new ones on to
// the other neighbours, and owes the peer an acknowledgement of all of them,
// so that the peer stops sending them; it takes in the acknowledgements the
// peer's message carried. Values this node already had stop here, which is
// what keeps a value from circling the cluster for ever.
//
// A body that does not decode is only logged: returning an error would make
// the library answer with an error message, which the peer has no handler for
// and would stop on.
func (s *server) handleGossip(msg maelstrom.Message) error {
	var body gossipBody
	if err := json.Unmarshal(msg.Body, &body); err != nil {
		log.Printf("ignoring gossip from %s: %v: %s", msg.Src, err, msg.Body)
		return nil
	}

	s.acknowledge(msg.Src, body.Acks)
	fresh := s.store(body.Messages)
	s.owe(msg.Src, body.Messages)
	s.forward(fresh, msg.Src)
	return nil
}

// handleGossipOK stops the resending of the values a peer acknowledged in a
// message of their own, which it sends when no gossip took them along. Like
// handleGossip, it only logs a body that does not decode.
func (s *server) handleGossipOK(msg maelstrom.Message) error {
	var body gossipBody
	if err := json.Unmarshal(msg.Body, &body); err != nil {
		log.Printf("ignoring gossip_ok from %s: %v: %s", msg.Src, err, msg.Body)
		return nil
	}

	s.acknowledge(msg.Src, body.Messages)
	return nil
}

// store adds values to the set and returns the ones it did not hold yet.
func (s *server) store(values []int) (fresh []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		if _, ok := s.values[v]; ok {
			continue
		}
		s.values[v] = struct{}{}
		fresh = append(fresh, v)
	}
	return fresh
}

// forward passes values on to every neighbour except from, the node they
// came from. The hub hands them to the batcher; a leaf sends them to the hub
// at once, as it has too few to gather (see batchInterval).
func (s *server) forward(values []int, from string) {
	if len(values) == 0 {
		return
	}
	s.mu.Lock()
	neighbours, hub := s.neighbours, s.hub
	s.mu.Unlock()

	for _, peer := range neighbours {
		switch {
		case peer == from: // it has them already
		case hub:
			s.pass(peer, values)
		default:
			s.send(peer, values)
		}
	}
}

// pass hands values to the batcher, which sends them to peer with its next
// flush. Add fails only once the batcher is closed, and run closes it only
// after Run has returned, when no handler runs any more: the error is
// logged, not expected.
func (s *server) pass(peer string, values []int) {
	if err := s.batcher.Add(peer, values...); err != nil {
		log.Printf("passing %v on to %s: %v", values, peer, err)
	}
}

// flushLoop handles the batcher's flushes until the batcher is closed.
func (s *server) flushLoop() {
	for ev := range s.batcher.Flushes() {
		s.handleFlush(ev)
	}
}

// handleFlush sends a peer its batch in one gossip message.
func (s *server) handleFlush(ev FlushEvent) {
	s.send(ev.PeerID, ev.Messages)
}

// maxValues is the most values one gossip message carries, acknowledged ones
// included. The Maelstrom library reads each message as one line of at most
// 64 KiB and stops the node at a longer one; a value takes at most 21
// characters (20 digits or a sign, and a comma), so this many leave room for
// the rest of the message. A resend after a long partition can owe a peer
// far more.
const maxValues = 3000

// send writes values to peer in gossip messages, each with as many of the
// acknowledgements owed to the peer as fit in maxValues, and keeps the
// values pending until the peer acknowledges them. They are marked before a
// message goes out, so that even the quickest acknowledgement finds them.
// The writes run without the server's lock held, so that they never hold
// up the other handlers.
func (s *server) send(peer string, values []int) {
	for part := range slices.Chunk(values, maxValues) {
		s.markPending(peer, part)
		acks := s.takeOwed(peer, maxValues-len(part))
		if err := s.node.Send(peer, gossipBody{Type: "gossip", Messages: part, Acks: acks}); err != nil {
			log.Printf("gossip to %s: %v", peer, err)
		}
	}
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
