package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// withRetryLoop runs s's retry loop during f, as main does, and stops it
// afterwards, even when f fails the test. Call it inside a synctest bubble.
func withRetryLoop(s *server, f func()) {
	ctx, stop := context.WithCancel(context.Background())
	var loop sync.WaitGroup
	loop.Go(func() { s.retryLoop(ctx) })
	defer loop.Wait()
	defer stop()
	f()
}

// ack delivers a gossip_ok from peer for the values, as the peer would send.
func ack(t *testing.T, s *server, peer, values string) {
	t.Helper()
	if err := s.handleGossipOK(request(peer, `{"type":"gossip_ok","messages":`+values+`}`)); err != nil {
		t.Fatalf("gossip_ok from %s: %v", peer, err)
	}
}

func TestValueIsResentUntilAcknowledged(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, out := newTestServer("n1", []string{"n0", "n1", "n2", "n3", "n4"})
		setTopology(t, s, out, grid5)

		withRetryLoop(s, func() {
			if err := s.handleGossip(request("n2", `{"type":"gossip","messages":[7]}`)); err != nil {
				t.Fatal(err)
			}
			want := peerMsgs{"gossip": {"n0": {7}, "n4": {7}}, "gossip_ok": {"n2": {7}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Fatalf("first sent %v, want %v", got, want)
			}

			// n4 acknowledges at once; n0 stays silent for three rounds.
			ack(t, s, "n4", "[7]")
			time.Sleep(3*retryInterval + retryInterval/2)
			synctest.Wait()
			want = peerMsgs{"gossip": {"n0": {7, 7, 7}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Fatalf("after three rounds sent %v, want %v", got, want)
			}

			// Once n0 acknowledges, it is left alone too.
			ack(t, s, "n0", "[7]")
			time.Sleep(3 * retryInterval)
			synctest.Wait()
			if got := toPeers(t, out.take(t)); len(got) != 0 {
				t.Errorf("after every peer acknowledged, sent %v, want nothing", got)
			}
		})
	})
}

func TestResendWaitsAFullIntervalAndGroupsValuesPerPeer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, out := newTestServer("n2", []string{"n0", "n1", "n2", "n3", "n4"})

		withRetryLoop(s, func() {
			s.send("n1", []int{1})
			time.Sleep(retryInterval / 2)
			s.send("n1", []int{2, 3})
			out.take(t)

			// At the first round, 2 and 3 have waited only half an interval:
			// their acknowledgement may still be on its way.
			time.Sleep(retryInterval/2 + retryInterval/4)
			synctest.Wait()
			want := peerMsgs{"gossip": {"n1": {1}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Fatalf("first round sent %v, want %v", got, want)
			}

			// At the second, all three are due, and go in one message.
			ack(t, s, "n1", "[3]")
			time.Sleep(retryInterval)
			synctest.Wait()
			msgs := out.take(t)
			want = peerMsgs{"gossip": {"n1": {1, 2}}}
			if got := toPeers(t, msgs); !reflect.DeepEqual(got, want) || len(msgs) != 1 {
				t.Errorf("second round sent %v in %d messages, want %v in one", got, len(msgs), want)
			}
		})
	})
}

func TestResendStampedJustAfterATickIsDueAtTheNext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, out := newTestServer("n2", []string{"n0", "n1", "n2", "n3", "n4"})

		withRetryLoop(s, func() {
			// Sent a moment after the loop started, as a resend is stamped a
			// moment after its tick: at the first tick it is 10 ms short of
			// an interval old, and still due.
			time.Sleep(10 * time.Millisecond)
			s.send("n1", []int{4})
			out.take(t)

			time.Sleep(retryInterval - 5*time.Millisecond)
			synctest.Wait()
			want := peerMsgs{"gossip": {"n1": {4}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Errorf("first tick sent %v, want %v", got, want)
			}
		})
	})
}

func TestMalformedAcknowledgementIsIgnored(t *testing.T) {
	s, out := newTestServer("n2", []string{"n0", "n1", "n2", "n3", "n4"})
	s.send("n1", []int{5})
	out.take(t)

	if err := s.handleGossipOK(request("n1", `{"type":"gossip_ok","messages":{}}`)); err != nil {
		t.Errorf("err = %v, want nil: an error would be sent to a peer that has no handler for it", err)
	}
	if msgs := out.take(t); len(msgs) != 0 {
		t.Errorf("sent %v, want nothing", msgs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pending["n1"][5]; !ok {
		t.Errorf("value 5 is no longer pending for n1 after a malformed acknowledgement")
	}
}

// A peer cut off for long at a high rate is owed many values, and the
// resend after the heal must come in lines the Maelstrom library can read:
// it reads each message as one line of at most bufio.MaxScanTokenSize
// (64 KiB) and stops the node at a longer one. Node n0 gets 5000 values of
// 16 digits, about 85 KB as one list, while the first gossip of each is
// dropped; its resends then go to n1, a second whole node, whose library
// must read them and keep every value. (The library's replies pass numbers
// through a float64, so the values stay below 2^53.)
func TestALongResendArrivesInLinesANodeCanRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ids := []string{"n0", "n1"}
		n0, n1 := startNode(t, "n0", ids), startNode(t, "n1", ids)
		defer n0.stop(t)
		defer n1.stop(t)
		const count = 5000
		for i := range count {
			n0.write(t, "c9", fmt.Sprintf(`{"type":"broadcast","msg_id":%d,"message":%d}`, i+1, 1e15+i))
		}
		time.Sleep(retryInterval + retryInterval/2)
		synctest.Wait()

		resent, full := map[int]bool{}, 0
		for _, line := range n0.take() {
			var m struct {
				Dest string
				Body gossipBody
			}
			if json.Unmarshal([]byte(line), &m) != nil || m.Dest != "n1" || m.Body.Type != "gossip" || len(m.Body.Messages) < 2 {
				continue // a reply, or a value's first gossip, which the partition drops
			}
			if len(line) > bufio.MaxScanTokenSize {
				t.Errorf("a resend of %d bytes: the library reads at most %d", len(line), bufio.MaxScanTokenSize)
			}
			if len(m.Body.Messages) == maxValues {
				full++
			}
			for _, v := range m.Body.Messages {
				resent[v] = true
			}
			n1.writeLine(t, line)
		}
		if len(resent) != count || full == 0 {
			t.Errorf("resent %d of the %d values, in %d messages of maxValues; want every one, and some messages full", len(resent), count, full)
		}
		synctest.Wait()
		n1.write(t, "c9", `{"type":"read","msg_id":1}`)
		synctest.Wait()
		var held int
		for _, line := range n1.take() {
			var m struct{ Body readOKBody }
			if json.Unmarshal([]byte(line), &m) == nil && m.Body.Type == "read_ok" {
				held = len(m.Body.Messages)
			}
		}
		if held != count {
			t.Errorf("n1 holds %d values after the resends, want %d", held, count)
		}
	})
}

// wholeNode is a node run as main runs it, over pipes: the lines it writes
// are kept until taken.
type wholeNode struct {
	id    string
	stdin *io.PipeWriter
	done  chan error
	mu    sync.Mutex
	lines []string
}

// startNode starts node id of a cluster of ids, initialises it and sends
// it the topology in which every node is next to every other. Call it
// inside a synctest bubble.
func startNode(t *testing.T, id string, ids []string) *wholeNode {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	n := &wholeNode{id: id, stdin: inW, done: make(chan error, 1)}
	go func() {
		err := run(nil, inR, outW, io.Discard)
		inR.CloseWithError(fmt.Errorf("the node stopped: %v", err)) // so that a write to it fails
		outW.Close()
		n.done <- err
	}()
	go func() {
		lines := bufio.NewScanner(outR)
		lines.Buffer(nil, 1<<20)
		for lines.Scan() {
			n.mu.Lock()
			n.lines = append(n.lines, lines.Text())
			n.mu.Unlock()
		}
	}()
	idList, _ := json.Marshal(ids)
	topology := map[string][]string{}
	for _, a := range ids {
		for _, b := range ids {
			if a != b {
				topology[a] = append(topology[a], b)
			}
		}
	}
	top, _ := json.Marshal(topology)
	n.write(t, "c0", fmt.Sprintf(`{"type":"init","msg_id":1,"node_id":%q,"node_ids":%s}`, id, idList))
	synctest.Wait() // as Maelstrom does, send the topology once init is answered
	n.write(t, "c0", fmt.Sprintf(`{"type":"topology","msg_id":2,"topology":%s}`, top))
	synctest.Wait() // the library runs each handler in a goroutine of its own
	return n
}

// write sends the node a message from src.
func (n *wholeNode) write(t *testing.T, src, body string) {
	n.writeLine(t, fmt.Sprintf(`{"src":%q,"dest":%q,"body":%s}`, src, n.id, body))
}

func (n *wholeNode) writeLine(t *testing.T, line string) {
	t.Helper()
	if _, err := io.WriteString(n.stdin, line+"\n"); err != nil {
		t.Fatalf("writing to %s: %v", n.id, err)
	}
}

// take returns the lines written since the last take.
func (n *wholeNode) take() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	lines := n.lines
	n.lines = nil
	return lines
}

// stop ends the node's input and waits for it to return.
func (n *wholeNode) stop(t *testing.T) {
	n.stdin.Close()
	if err := <-n.done; err != nil {
		t.Errorf("%s stopped with %v", n.id, err)
	}
}
