package testnode

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// handle runs the handler for one message. exit is true when the node must
// stop with the given status (only --misbehave crash and exit-at-init do
// that).
func (n *node) handle(msg envelope) (status int, exit bool) {
	var h header
	if err := json.Unmarshal(msg.Body, &h); err != nil {
		n.log.Printf("skipping a message from %s with a bad body: %v", msg.Src, err)
		return 0, false
	}
	if h.Type == "gossip" {
		n.handleGossip(msg)
		return 0, false
	}
	if h.MsgID == nil {
		n.log.Printf("skipping a %q from %s without msg_id", h.Type, msg.Src)
		return 0, false
	}
	id := *h.MsgID
	switch h.Type {
	case "init":
		if n.cfg.misbehave == exitAtInit {
			n.log.Print("exiting before answering init, on purpose")
			return exitCrash, true
		}
		n.handleInit(msg, id)
	case "topology":
		if n.cfg.misbehave != noTopology {
			n.reply(msg, id, map[string]any{"type": "topology_ok"})
		}
	case "broadcast":
		return n.handleBroadcast(msg, id)
	case "read":
		n.mu.Lock()
		values := n.sortedValues()
		n.mu.Unlock()
		n.reply(msg, id, map[string]any{"type": "read_ok", "messages": values})
	default:
		n.replyError(msg, id, 10, "testnode does not support messages of type "+h.Type)
	}
	return 0, false
}

func (n *node) handleInit(msg envelope, msgID int) {
	var req struct {
		NodeID  string   `json:"node_id"`
		NodeIDs []string `json:"node_ids"`
	}
	if err := json.Unmarshal(msg.Body, &req); err != nil || req.NodeID == "" {
		n.replyError(msg, msgID, 12, "init needs a node_id and a node_ids list")
		return
	}
	n.mu.Lock()
	n.id = req.NodeID
	n.peers = slices.DeleteFunc(slices.Clone(req.NodeIDs), func(p string) bool { return p == req.NodeID })
	n.mu.Unlock()
	if n.cfg.misbehave != noInit {
		n.reply(msg, msgID, map[string]any{"type": "init_ok"})
	}
}

// errorReplies are the answers --misbehave error-reply gives the first
// client broadcasts: a definite error, an indefinite one, and a code the
// protocol does not define.
var errorReplies = []struct {
	code int
	text string
}{
	{11, "testnode is pretending to be temporarily unavailable"},
	{13, "testnode is pretending to have crashed"},
	{1234, "testnode is answering with a code of its own"},
}

func (n *node) handleBroadcast(msg envelope, msgID int) (status int, exit bool) {
	var req struct {
		Message *int `json:"message"`
	}
	if err := json.Unmarshal(msg.Body, &req); err != nil || req.Message == nil {
		n.replyError(msg, msgID, 12, "broadcast needs an integer message")
		return 0, false
	}
	n.broadcasts++
	if n.cfg.misbehave == refuse {
		n.replyError(msg, msgID, 11, "testnode refuses every broadcast")
		return 0, false
	}
	if n.cfg.misbehave == errorReply && n.broadcasts <= len(errorReplies) {
		// The value is not kept: an error reply says the broadcast did
		// not take effect.
		e := errorReplies[n.broadcasts-1]
		n.replyError(msg, msgID, e.code, e.text)
		return 0, false
	}

	value := *req.Message
	n.mu.Lock()
	isNew := !n.values[value]
	n.values[value] = true
	peers := n.peers
	n.mu.Unlock()

	if n.broadcasts == 1 {
		n.misbehaveOnce(msg)
	}
	ok := map[string]any{"type": "broadcast_ok"}
	if n.cfg.misbehave == extraReplyField {
		ok["oops"] = true
	}
	n.reply(msg, msgID, ok)

	if isNew && n.cfg.gossip == flood {
		for _, peer := range peers {
			n.send(peer, gossipBody([]int{value}))
		}
	}
	if n.cfg.misbehave == crash && n.broadcasts == n.cfg.crashAfter {
		n.log.Print("crashing on purpose")
		return exitCrash, true
	}
	if n.cfg.misbehave == panicking && n.broadcasts == n.cfg.crashAfter {
		panic(fmt.Sprintf("testnode: panicking on purpose after %d broadcasts, as a node with a bug would", n.broadcasts))
	}
	return 0, false
}

// misbehaveOnce makes the one-shot mistakes, on the first client broadcast
// and before its reply, so the harness must cope with the bad line and
// still route what follows.
func (n *node) misbehaveOnce(req envelope) {
	switch n.cfg.misbehave {
	case badJSON:
		n.writeLine("this is not json")
	case extraField:
		// Addressed to the client, which always exists, so the extra field
		// is the only thing wrong with it.
		one := 1
		n.mu.Lock()
		src := n.id
		n.mu.Unlock()
		n.write(envelopeOut{Src: src, Dest: req.Src, Body: map[string]any{"type": "note"}, Extra: &one})
	case unknownDest:
		n.send("n99", gossipBody(nil))
	}
}

// handleGossip stores what a peer sent. It neither replies nor forwards:
// anti-entropy reaches everyone directly, and flood is meant to be fragile.
func (n *node) handleGossip(msg envelope) {
	var req struct {
		Messages []int `json:"messages"`
	}
	if err := json.Unmarshal(msg.Body, &req); err != nil {
		n.log.Printf("skipping gossip from %s: %v", msg.Src, err)
		return
	}
	n.mu.Lock()
	for _, v := range req.Messages {
		n.values[v] = true
	}
	n.mu.Unlock()
}

func gossipBody(values []int) map[string]any {
	if values == nil {
		values = []int{}
	}
	return map[string]any{"type": "gossip", "messages": values}
}

// sortedValues returns the stored values in order; the caller holds n.mu.
// The result is never nil, so an empty read encodes as [].
func (n *node) sortedValues() []int {
	values := slices.Sorted(maps.Keys(n.values))
	if values == nil {
		values = []int{}
	}
	return values
}
