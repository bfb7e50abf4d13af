package network

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/internal/jsonscan"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// Client is one of the harness' client endpoints (c0, c1, …). It has at
// most one request outstanding: Call sends a request and waits for the
// reply to it, discarding anything else that arrives meanwhile (such as a
// late reply to an earlier request that timed out).
type Client struct {
	ID  string
	net *Network
	q   *queue
	// lastMsgID numbers this client's requests from 1.
	lastMsgID int
}

// NewClient registers the next client id, starting from c0.
func (n *Network) NewClient() *Client {
	n.mu.Lock()
	id := fmt.Sprintf("c%d", n.nextClient)
	n.nextClient++
	q := newQueue()
	n.endpoints[id] = q
	n.mu.Unlock()
	return &Client{ID: id, net: n, q: q}
}

// Close deregisters the client: messages sent to it afterwards are
// rejected as going to an unknown destination.
func (c *Client) Close() {
	c.net.mu.Lock()
	delete(c.net.endpoints, c.ID)
	c.net.mu.Unlock()
	c.q.close()
}

// ErrTimeout is returned by Call when no reply came in time.
var ErrTimeout = errors.New("no reply in time")

// ErrGone is returned by CallUntil when its gone channel closed first.
var ErrGone = errors.New("the destination is gone")

// Reply is the message that answered a request.
type Reply struct {
	Message *journal.Message
	// Fields are its body's fields, decoded once: a read_ok lists every
	// value a node holds, and is the largest thing the harness reads.
	Fields map[string]json.RawMessage
	// MsgID is the msg_id the request was sent with.
	MsgID int
}

// Call sends body (which must not hold msg_id) to dest with the next
// msg_id, and waits up to timeout for the message whose in_reply_to
// matches it.
func (c *Client) Call(dest string, body map[string]any, timeout time.Duration) (Reply, error) {
	return c.CallUntil(dest, body, timeout, nil)
}

// CallUntil is Call that also stops waiting, with ErrGone, once gone is
// closed: when the node it asked has exited, no reply can come.
func (c *Client) CallUntil(dest string, body map[string]any, timeout time.Duration, gone <-chan struct{}) (Reply, error) {
	c.lastMsgID++
	id := c.lastMsgID
	body["msg_id"] = id
	raw, err := json.Marshal(body)
	if err != nil {
		return Reply{}, fmt.Errorf("encode request: %w", err)
	}
	if _, err := c.net.Send(c.ID, dest, raw); err != nil {
		return Reply{}, err
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		e, ok := c.q.pop(deadline.C, gone)
		if !ok {
			select {
			case <-gone:
				return Reply{MsgID: id}, ErrGone
			default:
				return Reply{MsgID: id}, ErrTimeout
			}
		}
		if c.net.isDropped(e.msg) {
			c.net.record(journal.Drop, e.msg)
			continue
		}
		c.net.record(journal.Recv, e.msg)
		fields := bodyFields(e.msg.Body)
		var inReplyTo int
		if json.Unmarshal(fields["in_reply_to"], &inReplyTo) == nil && inReplyTo == id {
			return Reply{Message: e.msg, Fields: fields, MsgID: id}, nil
		}
	}
}

// bodyFields splits a message body into its fields without decoding them.
// Every body the network carries was checked to be a JSON object when it
// was sent (ParseLine), so one walk finds them.
func bodyFields(body []byte) map[string]json.RawMessage {
	fields := make(map[string]json.RawMessage, 8)
	jsonscan.Members(body, func(key string, value []byte, _ bool) { fields[key] = value })
	return fields
}
