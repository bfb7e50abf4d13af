// Package journey follows values through a run's journal: which messages
// carried a value, in what order, when each node first had it, and which
// copies a partition dropped, from the client's broadcast until the last
// node had it. It also picks the values whose journeys are worth a look:
// the slowest, one that crossed a partition, a typical one.
//
// The harness knows nothing of a node's protocol, so a message carries a
// value when its body holds that integer anywhere outside the RPC
// bookkeeping (msg_id, in_reply_to). Between servers that is what gossip
// looks like in every design we know of; a node that also sends unrelated
// integers (counters, sequence numbers) can show an extra message or two.
// Of the client messages, only the broadcast that brought the value in
// counts: replies to clients (read_ok) carry every value and spread none.
package journey

import (
	"github.com/deamondev/gossip-glomers-tutorial/harness/internal/jsonscan"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// carried calls fn with every value m carries (see the package comment);
// a value held twice is passed twice.
func carried(m *journal.Message, fn func(int)) {
	if journal.IsClient(m.Dest) {
		return // a reply to a client
	}
	jsonscan.Members(m.Body, func(key string, value []byte, _ bool) {
		switch key {
		case "msg_id", "in_reply_to":
		default:
			jsonscan.Ints(value, fn)
		}
	})
}

// carries reports whether m carries v.
func carries(m *journal.Message, v int) bool {
	found := false
	carried(m, func(x int) { found = found || x == v })
	return found
}
