package main

import (
	"context"
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
		s, out := newTestServer(t, "n0", []string{"n0", "n1", "n2", "n3", "n4"})
		setTopology(t, s, out, grid5)

		withRetryLoop(s, func() {
			if err := s.handleGossip(request("n2", `{"type":"gossip","messages":[7]}`)); err != nil {
				t.Fatal(err)
			}
			flush(s)
			want := peerMsgs{"gossip": {"n1": {7}, "n3": {7}, "n4": {7}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Fatalf("first sent %v, want %v", got, want)
			}

			// n3 and n4 acknowledge at once; n1 stays silent for three
			// rounds. Nothing goes to n2, so its acknowledgement goes on its
			// own once it has waited ackDelay.
			ack(t, s, "n3", "[7]")
			ack(t, s, "n4", "[7]")
			time.Sleep(3*retryInterval + retryInterval/2)
			synctest.Wait()
			want = peerMsgs{"gossip": {"n1": {7, 7, 7}}, "gossip_ok": {"n2": {7}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Fatalf("after three rounds sent %v, want %v", got, want)
			}

			// Once n1 acknowledges, it is left alone too.
			ack(t, s, "n1", "[7]")
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
		s, out := newTestServer(t, "n2", []string{"n0", "n1", "n2", "n3", "n4"})

		withRetryLoop(s, func() {
			s.send("n1", []int{1})
			time.Sleep(50 * time.Millisecond)
			s.send("n1", []int{2})
			time.Sleep(450 * time.Millisecond)
			s.send("n1", []int{3})
			out.take(t)

			// At the tick retryInterval after the first send, 1 and 2 are
			// due and go in one message; 3 has waited half a second less:
			// its acknowledgement may still be on its way.
			time.Sleep(retryInterval - 500*time.Millisecond)
			synctest.Wait()
			msgs := out.take(t)
			want := peerMsgs{"gossip": {"n1": {1, 2}}}
			if got := toPeers(t, msgs); !reflect.DeepEqual(got, want) || len(msgs) != 1 {
				t.Fatalf("first round sent %v in %d messages, want %v in one", got, len(msgs), want)
			}

			// At the next tick, 3 is due.
			time.Sleep(retryTick)
			synctest.Wait()
			want = peerMsgs{"gossip": {"n1": {3}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Errorf("second round sent %v, want %v", got, want)
			}
		})
	})
}

func TestResendStampedJustAfterATickIsDueAtTheTickItShouldGoAt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, out := newTestServer(t, "n2", []string{"n0", "n1", "n2", "n3", "n4"})

		withRetryLoop(s, func() {
			// Sent a moment after the loop started, as a resend is stamped a
			// moment after its tick: at the tick retryInterval later it is
			// 10 ms short of retryInterval old, and still due.
			time.Sleep(10 * time.Millisecond)
			s.send("n1", []int{4})
			out.take(t)

			time.Sleep(retryInterval - 5*time.Millisecond)
			synctest.Wait()
			want := peerMsgs{"gossip": {"n1": {4}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Errorf("the tick retryInterval later sent %v, want %v", got, want)
			}
		})
	})
}

// gossipFrom delivers a gossip message from peer to s.
func gossipFrom(t *testing.T, s *server, peer, values string) {
	t.Helper()
	if err := s.handleGossip(request(peer, `{"type":"gossip","messages":`+values+`}`)); err != nil {
		t.Fatalf("gossip from %s: %v", peer, err)
	}
}

func TestAcknowledgementGoesAloneOnlyAfterAckDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, out := newTestServer(t, "n2", []string{"n0", "n1", "n2", "n3", "n4"})
		setTopology(t, s, out, grid5)

		withRetryLoop(s, func() {
			// A leaf gets a value from the hub and has nothing to send back.
			gossipFrom(t, s, "n0", "[5]")
			time.Sleep(ackDelay - retryTick)
			synctest.Wait()
			if got := toPeers(t, out.take(t)); len(got) != 0 {
				t.Fatalf("sent %v before ackDelay, want nothing", got)
			}

			// The same value again does not make the first wait longer.
			gossipFrom(t, s, "n0", "[5, 6]")
			time.Sleep(retryTick)
			synctest.Wait()
			want := peerMsgs{"gossip_ok": {"n0": {5, 6}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Fatalf("at ackDelay sent %v, want %v", got, want)
			}

			time.Sleep(2 * ackDelay)
			synctest.Wait()
			if got := toPeers(t, out.take(t)); len(got) != 0 {
				t.Errorf("sent %v after the acknowledgement, want nothing", got)
			}
		})
	})
}

func TestAcknowledgementThatFoundARideIsNotSentAlone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, out := newTestServer(t, "n2", []string{"n0", "n1", "n2", "n3", "n4"})
		setTopology(t, s, out, grid5)

		withRetryLoop(s, func() {
			gossipFrom(t, s, "n0", "[5]")
			time.Sleep(ackDelay / 2)
			if err := s.handleBroadcast(request("c1", `{"type":"broadcast","message":8,"msg_id":1}`)); err != nil {
				t.Fatal(err)
			}
			msgs := out.take(t)
			want := peerMsgs{"gossip": {"n0": {8}}, "acks": {"n0": {5}}}
			if got := toPeers(t, msgs[:len(msgs)-1]); !reflect.DeepEqual(got, want) {
				t.Fatalf("the broadcast sent %v, want %v", got, want)
			}

			// n0 acknowledges 8 on its next gossip; nothing goes alone.
			if err := s.handleGossip(request("n0", `{"type":"gossip","messages":[9],"acks":[8]}`)); err != nil {
				t.Fatal(err)
			}
			out.take(t)
			time.Sleep(ackDelay/2 + retryTick/2)
			synctest.Wait()
			if got := toPeers(t, out.take(t)); len(got) != 0 {
				t.Errorf("sent %v, want nothing: 5 rode on the gossip, and 9 has not waited ackDelay", got)
			}
		})
	})
}

func TestMalformedAcknowledgementIsIgnored(t *testing.T) {
	s, out := newTestServer(t, "n2", []string{"n0", "n1", "n2", "n3", "n4"})
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
