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
			want := peerMsgs{"gossip": {"n1": {7}, "n3": {7}, "n4": {7}}, "gossip_ok": {"n2": {7}}}
			if got := toPeers(t, out.take(t)); !reflect.DeepEqual(got, want) {
				t.Fatalf("first sent %v, want %v", got, want)
			}

			// n3 and n4 acknowledge at once; n1 stays silent for three rounds.
			ack(t, s, "n3", "[7]")
			ack(t, s, "n4", "[7]")
			time.Sleep(3*retryInterval + retryInterval/2)
			synctest.Wait()
			want = peerMsgs{"gossip": {"n1": {7, 7, 7}}}
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
		s, out := newTestServer(t, "n2", []string{"n0", "n1", "n2", "n3", "n4"})

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
