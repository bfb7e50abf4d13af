package checker

import (
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// netCounter accumulates one group of the net statistics.
type netCounter struct {
	sends, recvs int
	ids          map[int]struct{}
}

func (c *netCounter) add(e journal.Event) {
	if c.ids == nil {
		c.ids = make(map[int]struct{})
	}
	switch e.Kind {
	case journal.Send:
		c.sends++
	case journal.Recv:
		c.recvs++
	default:
		return // a drop is neither: the message was counted when sent
	}
	c.ids[e.Message.ID] = struct{}{}
}

func (c *netCounter) group() NetGroup {
	return NetGroup{SendCount: c.sends, RecvCount: c.recvs, MsgCount: len(c.ids)}
}

// CheckNet computes Maelstrom's network statistics (net/checker.clj) over the whole
// journal, init and topology traffic included. Messages per op divides by
// every client invocation, whatever its outcome; it is how the efficiency
// challenges are scored. The clients group has no per-op figure, as in
// Maelstrom. Events without a message are skipped.
func CheckNet(events []journal.Event, h history.History) Net {
	var all, clients, servers netCounter
	for _, e := range events {
		if e.Message == nil {
			continue
		}
		all.add(e)
		if e.Message.InvolvesClient() {
			clients.add(e)
		} else {
			servers.add(e)
		}
	}
	n := Net{All: all.group(), Clients: clients.group(), Servers: servers.group()}
	if ops := clientInvocations(h); ops > 0 {
		perOpAll := ratio32(n.All.MsgCount, ops)
		perOpServers := ratio32(n.Servers.MsgCount, ops)
		n.All.MsgsPerOp = &perOpAll
		n.Servers.MsgsPerOp = &perOpServers
	}
	return n
}

// clientInvocations counts the operations clients started.
func clientInvocations(h history.History) int {
	n := 0
	for _, op := range h {
		if op.IsClient() && op.Type == history.Invoke {
			n++
		}
	}
	return n
}
