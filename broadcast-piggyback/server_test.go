package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

// TestMain silences the library, which logs every message it sends.
func TestMain(m *testing.M) {
	log.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// output collects what a node writes to its stdout. The node may write from
// several goroutines, so the buffer is guarded.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

// sent is one message the node wrote, with its body decoded twice: as a map
// to check exactly which fields are present, and as raw JSON.
type sent struct {
	Dest string
	Body map[string]any
	Raw  json.RawMessage
}

// take returns the messages written since the last call.
func (o *output) take(t *testing.T) []sent {
	t.Helper()
	o.mu.Lock()
	data := o.buf.String()
	o.buf.Reset()
	o.mu.Unlock()

	var msgs []sent
	for line := range strings.Lines(data) {
		var msg maelstrom.Message
		if err := json.Unmarshal([]byte(line), &msg); err != nil {
			t.Fatalf("node wrote a line that is not a message: %q: %v", line, err)
		}
		var body map[string]any
		if err := json.Unmarshal(msg.Body, &body); err != nil {
			t.Fatalf("node wrote a body that is not an object: %q: %v", line, err)
		}
		msgs = append(msgs, sent{Dest: msg.Dest, Body: body, Raw: msg.Body})
	}
	return msgs
}

// newTestServer returns a server on node id of a cluster of ids, whose node
// writes into the returned output instead of stdout. It is initialised as
// the library initialises it on the init message, and has no topology yet.
//
// Its batcher never ticks during a test (its interval is an hour): a test
// calls flush to send what the server passed on, as the next tick would.
// These tests check what goes to whom; TestForwardWaitsForTheNextFlush,
// batcher_test.go and sim_test.go check when.
func newTestServer(t *testing.T, id string, ids []string) (*server, *output) {
	out := &output{}
	n := maelstrom.NewNode()
	n.Stdin = strings.NewReader("")
	n.Stdout = out
	n.Init(id, ids)
	b := NewBatcher(time.Hour)
	t.Cleanup(func() { b.Close() })
	s := newServer(n, b)
	s.handleInit(maelstrom.Message{}) // never fails
	return s, out
}

// flush sends what s passed on since the last flush, as a tick would.
func flush(s *server) {
	for _, ev := range s.batcher.take() {
		s.handleFlush(ev)
	}
}

// request builds a message from src to n0 with the given JSON body.
func request(src, body string) maelstrom.Message {
	return maelstrom.Message{Src: src, Dest: "n0", Body: json.RawMessage(body)}
}

// reply checks that msgs is exactly one reply to dest and returns its body.
func reply(t *testing.T, msgs []sent, dest string) sent {
	t.Helper()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want one reply: %v", len(msgs), msgs)
	}
	if msgs[0].Dest != dest {
		t.Fatalf("reply went to %q, want %q", msgs[0].Dest, dest)
	}
	return msgs[0]
}

// withoutReply checks that msgs hold one message to dest, the reply to
// it, and returns the others: a leaf passes a value on before it replies,
// the hub with its next flush.
func withoutReply(t *testing.T, msgs []sent, dest string) []sent {
	t.Helper()
	others := slices.DeleteFunc(slices.Clone(msgs), func(m sent) bool { return m.Dest == dest })
	if len(others) != len(msgs)-1 {
		t.Fatalf("got %d messages to %q, want one reply: %v", len(msgs)-len(others), dest, msgs)
	}
	return others
}

// read asks s for its values as client c9 would and returns them.
func read(t *testing.T, s *server, out *output) []int {
	t.Helper()
	if err := s.handleRead(request("c9", `{"type":"read","msg_id":7}`)); err != nil {
		t.Fatalf("read: %v", err)
	}
	var body readOKBody
	if err := json.Unmarshal(reply(t, out.take(t), "c9").Raw, &body); err != nil {
		t.Fatalf("decode read_ok: %v", err)
	}
	return body.Messages
}

func TestRepliesHaveExactlyTheSchemaFields(t *testing.T) {
	tests := []struct {
		name   string
		handle func(*server, maelstrom.Message) error
		req    string
		want   map[string]any
	}{
		{
			name:   "broadcast",
			handle: (*server).handleBroadcast,
			req:    `{"type":"broadcast","message":4,"msg_id":3}`,
			want:   map[string]any{"type": "broadcast_ok", "in_reply_to": 3.0},
		},
		{
			name:   "read of an empty node",
			handle: (*server).handleRead,
			req:    `{"type":"read","msg_id":5}`,
			want:   map[string]any{"type": "read_ok", "in_reply_to": 5.0, "messages": []any{}},
		},
		{
			name:   "topology",
			handle: (*server).handleTopology,
			req:    `{"type":"topology","topology":{"n0":[]},"msg_id":1}`,
			want:   map[string]any{"type": "topology_ok", "in_reply_to": 1.0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out := newTestServer(t, "n0", []string{"n0"})
			if err := tt.handle(s, request("c1", tt.req)); err != nil {
				t.Fatalf("handler: %v", err)
			}
			got := reply(t, out.take(t), "c1").Body
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("reply body = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEmptyReadIsAnArrayNotNull(t *testing.T) {
	s, out := newTestServer(t, "n0", []string{"n0"})
	if err := s.handleRead(request("c1", `{"type":"read","msg_id":1}`)); err != nil {
		t.Fatal(err)
	}
	raw := string(reply(t, out.take(t), "c1").Raw)
	if !strings.Contains(raw, `"messages":[]`) {
		t.Errorf("read_ok = %s, want messages to be []", raw)
	}
}

func TestBroadcastKeepsEachValueOnce(t *testing.T) {
	s, out := newTestServer(t, "n0", []string{"n0"})
	for i, v := range []int{5, 3, 5, 0, 3} {
		body := `{"type":"broadcast","message":` + jsonInt(v) + `,"msg_id":` + jsonInt(i+1) + `}`
		if err := s.handleBroadcast(request("c1", body)); err != nil {
			t.Fatalf("broadcast %d: %v", v, err)
		}
		if got := reply(t, out.take(t), "c1").Body["type"]; got != "broadcast_ok" {
			t.Fatalf("broadcast %d answered %v, want broadcast_ok", v, got)
		}
	}
	if got, want := read(t, s, out), []int{0, 3, 5}; !slices.Equal(got, want) {
		t.Errorf("read = %v, want %v", got, want)
	}
}

func TestConcurrentBroadcastsAreAllKept(t *testing.T) {
	s, out := newTestServer(t, "n0", []string{"n0"})
	const count = 50
	var wg sync.WaitGroup
	for v := range count {
		wg.Go(func() {
			body := `{"type":"broadcast","message":` + jsonInt(v) + `,"msg_id":1}`
			if err := s.handleBroadcast(request("c1", body)); err != nil {
				t.Errorf("broadcast %d: %v", v, err)
			}
		})
	}
	wg.Wait()
	out.take(t) // the broadcast_ok replies

	got := read(t, s, out)
	if len(got) != count {
		t.Fatalf("read returned %d values, want %d: %v", len(got), count, got)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("read = %v, want 0..%d", got, count-1)
		}
	}
}

func TestMalformedBroadcastIsRejected(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"missing value", `{"type":"broadcast","msg_id":1}`, `missing integer field "message"`},
		{"string value", `{"type":"broadcast","message":"7","msg_id":1}`, "cannot unmarshal string"},
		{"fractional value", `{"type":"broadcast","message":1.5,"msg_id":1}`, "cannot unmarshal number 1.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out := newTestServer(t, "n0", []string{"n0"})
			err := s.handleBroadcast(request("c4", tt.body))

			var rpcErr *maelstrom.RPCError
			if !errors.As(err, &rpcErr) || rpcErr.Code != maelstrom.MalformedRequest {
				t.Fatalf("err = %v, want a malformed-request RPC error", err)
			}
			if !strings.Contains(rpcErr.Text, "broadcast from c4") || !strings.Contains(rpcErr.Text, tt.want) {
				t.Errorf("error text %q should name the request, its sender and %q", rpcErr.Text, tt.want)
			}
			if msgs := out.take(t); len(msgs) != 0 {
				t.Errorf("node wrote %v, want nothing (the library sends the error reply)", msgs)
			}
			if got := read(t, s, out); len(got) != 0 {
				t.Errorf("read = %v after a rejected broadcast, want []", got)
			}
		})
	}
}

func jsonInt(v int) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// grid5 is the topology Maelstrom sends by default to a cluster of five
// nodes n0…n4.
const grid5 = `{"n0":["n3","n1"],"n1":["n4","n2","n0"],"n2":["n1"],"n3":["n0","n4"],"n4":["n1","n3"]}`

// setTopology hands s the topology and drops the topology_ok from out.
func setTopology(t *testing.T, s *server, out *output, topology string) {
	t.Helper()
	if err := s.handleTopology(request("c5", `{"type":"topology","topology":`+topology+`,"msg_id":1}`)); err != nil {
		t.Fatalf("topology: %v", err)
	}
	reply(t, out.take(t), "c5")
}

// peerMsgs is what a node sent its peers: for each message type, the values
// sent to each peer. The acknowledgements that rode on gossip are listed
// under "acks".
type peerMsgs map[string]map[string][]int

// toPeers sorts the messages in msgs by type and destination. It fails on a
// body with any field but type, messages and, on gossip, acks.
func toPeers(t *testing.T, msgs []sent) peerMsgs {
	t.Helper()
	got := make(peerMsgs)
	for _, m := range msgs {
		var body gossipBody
		if err := json.Unmarshal(m.Raw, &body); err != nil || len(m.Body) != bodyFields(body) || body.Messages == nil {
			t.Fatalf("sent %s to %s, want a body with type, messages and, on gossip, acks only", m.Raw, m.Dest)
		}
		if got[body.Type] == nil {
			got[body.Type] = make(map[string][]int)
		}
		got[body.Type][m.Dest] = append(got[body.Type][m.Dest], body.Messages...)
		if len(body.Acks) > 0 {
			if got["acks"] == nil {
				got["acks"] = make(map[string][]int)
			}
			got["acks"][m.Dest] = append(got["acks"][m.Dest], body.Acks...)
		}
	}
	return got
}

// bodyFields is how many fields a gossip body may have: type and messages,
// and acks if it carries any.
func bodyFields(body gossipBody) int {
	if len(body.Acks) > 0 && body.Type == "gossip" {
		return 3
	}
	return 2
}

// owedTo returns the acknowledgements s owes peer, without taking them.
func owedTo(s *server, peer string) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.owed[peer]))
}

func TestBroadcastPassesANewValueToEveryNeighbour(t *testing.T) {
	s, out := newTestServer(t, "n0", []string{"n0", "n1", "n2", "n3", "n4"})
	setTopology(t, s, out, grid5)

	broadcast := func() []sent {
		t.Helper()
		if err := s.handleBroadcast(request("c1", `{"type":"broadcast","message":7,"msg_id":1}`)); err != nil {
			t.Fatalf("broadcast: %v", err)
		}
		if got := reply(t, out.take(t), "c1"); got.Body["type"] != "broadcast_ok" {
			t.Fatalf("replied %s, want broadcast_ok", got.Raw)
		}
		flush(s)
		return out.take(t)
	}

	want := peerMsgs{"gossip": {"n1": {7}, "n2": {7}, "n3": {7}, "n4": {7}}}
	if got := toPeers(t, broadcast()); !reflect.DeepEqual(got, want) {
		t.Errorf("first broadcast gossiped %v, want %v", got, want)
	}
	if got := toPeers(t, broadcast()); len(got) != 0 {
		t.Errorf("second broadcast of the same value gossiped %v, want nothing", got)
	}
}

func TestGossipIsPassedOnOnlyWhenNewNeverBackAndAlwaysOwedAnAcknowledgement(t *testing.T) {
	tests := []struct {
		name     string
		from     string
		body     string
		want     peerMsgs
		wantOwed []int
	}{
		{
			name: "new value",
			from: "n1", body: `{"type":"gossip","messages":[2]}`,
			want:     peerMsgs{"gossip": {"n2": {2}, "n3": {2}, "n4": {2}}},
			wantOwed: []int{2},
		},
		{
			name: "known value",
			from: "n1", body: `{"type":"gossip","messages":[1]}`,
			want:     peerMsgs{},
			wantOwed: []int{1},
		},
		{
			name: "known and new",
			from: "n2", body: `{"type":"gossip","messages":[1,3,4]}`,
			want:     peerMsgs{"gossip": {"n1": {3, 4}, "n3": {3, 4}, "n4": {3, 4}}},
			wantOwed: []int{1, 3, 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out := newTestServer(t, "n0", []string{"n0", "n1", "n2", "n3", "n4"})
			setTopology(t, s, out, grid5)
			s.store([]int{1})

			if err := s.handleGossip(request(tt.from, tt.body)); err != nil {
				t.Fatalf("gossip: %v", err)
			}
			flush(s)
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sent %v, want %v: no acknowledgement of its own", got, tt.want)
			}
			if got := owedTo(s, tt.from); !slices.Equal(got, tt.wantOwed) {
				t.Errorf("owes %s acknowledgements of %v, want %v", tt.from, got, tt.wantOwed)
			}
		})
	}
}

func TestGossipIsKept(t *testing.T) {
	s, out := newTestServer(t, "n2", []string{"n0", "n1", "n2", "n3", "n4"})
	setTopology(t, s, out, grid5)
	if err := s.handleGossip(request("n0", `{"type":"gossip","messages":[9,4]}`)); err != nil {
		t.Fatal(err)
	}
	flush(s)
	if got := toPeers(t, out.take(t)); len(got) != 0 {
		t.Errorf("sent %v, want nothing: n2's only neighbour is the hub, the sender, and its acknowledgement waits for a ride", got)
	}
	if got, want := owedTo(s, "n0"), []int{4, 9}; !slices.Equal(got, want) {
		t.Errorf("owes n0 %v, want %v", got, want)
	}
	if got, want := read(t, s, out), []int{4, 9}; !slices.Equal(got, want) {
		t.Errorf("read = %v, want %v", got, want)
	}
}

func TestAcknowledgementsRideOnTheNextGossipToTheirPeer(t *testing.T) {
	s, out := newTestServer(t, "n0", []string{"n0", "n1", "n2", "n3", "n4"})
	setTopology(t, s, out, grid5)

	steps := []struct {
		from, body string
		want       peerMsgs
	}{
		// n1's value is owed an acknowledgement, but nothing goes to n1.
		{"n1", `{"type":"gossip","messages":[5]}`,
			peerMsgs{"gossip": {"n2": {5}, "n3": {5}, "n4": {5}}}},
		// n2's value goes to n1, and takes n1's acknowledgement along.
		{"n2", `{"type":"gossip","messages":[6]}`,
			peerMsgs{"gossip": {"n1": {6}, "n3": {6}, "n4": {6}}, "acks": {"n1": {5}}}},
		// A client's value goes to everyone, and to n2 with its acknowledgement.
		{"c1", `{"type":"broadcast","message":7,"msg_id":1}`,
			peerMsgs{"gossip": {"n1": {7}, "n2": {7}, "n3": {7}, "n4": {7}}, "acks": {"n2": {6}}}},
	}
	for i, step := range steps {
		handle := s.handleGossip
		if step.from == "c1" {
			handle = s.handleBroadcast
		}
		if err := handle(request(step.from, step.body)); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		flush(s)
		var msgs []sent
		for _, m := range out.take(t) {
			if m.Dest != "c1" { // the broadcast_ok
				msgs = append(msgs, m)
			}
		}
		if got := toPeers(t, msgs); !reflect.DeepEqual(got, step.want) {
			t.Errorf("step %d sent %v, want %v", i, got, step.want)
		}
	}
	for _, peer := range []string{"n1", "n2", "n3", "n4"} {
		if got := owedTo(s, peer); len(got) != 0 {
			t.Errorf("still owes %s %v after a gossip took them", peer, got)
		}
	}
}

func TestAcknowledgementsOnGossipStopTheResending(t *testing.T) {
	s, out := newTestServer(t, "n2", []string{"n0", "n1", "n2", "n3", "n4"})
	setTopology(t, s, out, grid5)
	s.send("n0", []int{3, 4})
	out.take(t)

	if err := s.handleGossip(request("n0", `{"type":"gossip","messages":[8],"acks":[3]}`)); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	waiting := slices.Sorted(maps.Keys(s.pending["n0"]))
	s.mu.Unlock()
	if want := []int{4}; !slices.Equal(waiting, want) {
		t.Errorf("pending for n0 = %v after it acknowledged 3, want %v", waiting, want)
	}
}

func TestMalformedGossipIsIgnored(t *testing.T) {
	s, out := newTestServer(t, "n1", []string{"n0", "n1", "n2", "n3", "n4"})
	setTopology(t, s, out, grid5)
	if err := s.handleGossip(request("n0", `{"type":"gossip","messages":"x"}`)); err != nil {
		t.Errorf("err = %v, want nil: an error would be sent to a peer that has no handler for it", err)
	}
	flush(s)
	if msgs := out.take(t); len(msgs) != 0 {
		t.Errorf("sent %v, want nothing", msgs)
	}
	if got := read(t, s, out); len(got) != 0 {
		t.Errorf("read = %v, want []", got)
	}
}

func TestForwardWaitsForTheNextFlush(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, out := newTestServer(t, "n0", []string{"n0", "n1", "n2"})
		s.batcher = NewBatcher(batchInterval) // one that ticks, unlike newTestServer's
		setTopology(t, s, out, `{}`)
		var loop sync.WaitGroup
		loop.Go(s.flushLoop)
		defer loop.Wait()
		defer s.batcher.Close()

		for _, body := range []string{
			`{"type":"broadcast","message":1,"msg_id":1}`,
			`{"type":"broadcast","message":2,"msg_id":2}`,
		} {
			if err := s.handleBroadcast(request("c1", body)); err != nil {
				t.Fatal(err)
			}
		}
		if got := len(out.take(t)); got != 2 {
			t.Fatalf("sent %d messages before the flush, want the 2 broadcast_ok only", got)
		}

		time.Sleep(batchInterval)
		synctest.Wait()
		msgs := out.take(t)
		want := peerMsgs{"gossip": {"n1": {1, 2}, "n2": {1, 2}}}
		if got := toPeers(t, msgs); !reflect.DeepEqual(got, want) || len(msgs) != 2 {
			t.Errorf("flush sent %v in %d messages, want %v in one message per peer", got, len(msgs), want)
		}
	})
}

func TestLeafSendsToTheHubAtOnce(t *testing.T) {
	s, out := newTestServer(t, "n1", []string{"n0", "n1", "n2"})
	setTopology(t, s, out, `{}`)

	if err := s.handleBroadcast(request("c1", `{"type":"broadcast","message":1,"msg_id":1}`)); err != nil {
		t.Fatal(err)
	}
	msgs := out.take(t)
	want := peerMsgs{"gossip": {"n0": {1}}}
	if got := toPeers(t, msgs[:len(msgs)-1]); !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v with the broadcast_ok, want %v", got, want)
	}
	flush(s)
	if msgs := out.take(t); len(msgs) != 0 {
		t.Errorf("the flush sent %v, want nothing: a leaf does not batch", msgs)
	}
}
