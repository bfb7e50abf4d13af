package main

import (
	"context"
	"log"
	"maps"
	"slices"
	"time"
)

// retryTick is how often the retry loop looks for acknowledgements that
// waited too long and for values to send again.
const retryTick = time.Second

// ackDelay is how long an acknowledgement may wait for a gossip message to
// ride on before it is sent on its own. The hub has something for every
// other node at nearly every flush, so its acknowledgements find a ride
// within batchInterval, well within ackDelay. A leaf gossips only after a
// client sent it a value, 2 times a second on average in the 3e challenge,
// so its acknowledgements go alone only when no value came for ackDelay,
// which happens with the probability e^(-2/s × ackDelay): rarely.
const ackDelay = 2 * time.Second

// retryInterval is how long a value may go unacknowledged before it is sent
// again. Its acknowledgement comes back on the peer's next gossip, or on its
// own within ackDelay and a tick, plus a round trip of twice the network
// latency; retryInterval is longer than all of that, so a resend never
// repeats a value that arrived. A value that a partition kept from a peer
// is sent again within retryInterval and a tick of the heal, and waits at
// most batchInterval more at the hub. It must reach every node before the
// final reads, 10 s after the last heal: retryInterval, a tick,
// batchInterval and two links must fit in them, or values can be lost
// (sim_test.go shows both).
const retryInterval = 4 * time.Second

// retrySlack is how much younger than retryInterval a value may be and
// still count as due, and an acknowledgement younger than ackDelay. A resend
// is stamped a moment after the tick that made it, and ticks are not exactly
// a tick apart, so at the tick an interval later that value is often a hair
// short of an interval old; without the slack it would wait for the tick
// after, and resends would come a tick later than retryInterval.
const retrySlack = retryTick / 10

// retryLoop resends unacknowledged values every retryInterval until ctx is
// done, and sends the acknowledgements that waited ackDelay for a ride. It
// looks for both every retryTick; the resends go first, so that the
// acknowledgements owed to the same peer ride on them.
func (s *server) retryLoop(ctx context.Context) {
	ticker := time.NewTicker(retryTick)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			s.resendDue()
			s.ackDue()
		}
	}
}

// ackDue sends each peer whose oldest owed acknowledgement has waited about
// ackDelay every acknowledgement owed to it, in gossip_ok messages of at most
// maxValues.
func (s *server) ackDue() {
	now := time.Now()
	var due []string
	s.mu.Lock()
	for peer, waiting := range s.owed {
		for _, since := range waiting {
			if now.Sub(since) >= ackDelay-retrySlack {
				due = append(due, peer)
				break
			}
		}
	}
	s.mu.Unlock()

	slices.Sort(due)
	for _, peer := range due {
		// A gossip may have taken them in the meantime.
		for acks := s.takeOwed(peer, maxValues); len(acks) > 0; acks = s.takeOwed(peer, maxValues) {
			if err := s.node.Send(peer, gossipBody{Type: "gossip_ok", Messages: acks}); err != nil {
				log.Printf("gossip_ok to %s: %v", peer, err)
			}
		}
	}
}

// resendDue sends each peer, in one message, every value it has not
// acknowledged for about s.retryAfter. Values sent more recently wait for
// a later round: their acknowledgement may still be on its way.
func (s *server) resendDue() {
	now := time.Now()
	due := make(map[string][]int)
	s.mu.Lock()
	for peer, waiting := range s.pending {
		for v, sentAt := range waiting {
			if now.Sub(sentAt) >= s.retryAfter-retrySlack {
				due[peer] = append(due[peer], v)
			}
		}
	}
	s.mu.Unlock()

	for _, peer := range slices.Sorted(maps.Keys(due)) {
		values := due[peer]
		slices.Sort(values)
		s.send(peer, values)
	}
}

// markPending notes that values were sent to peer just now.
func (s *server) markPending(peer string, values []int) {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	waiting := peerTimes(s.pending, peer)
	for _, v := range values {
		waiting[v] = now
	}
}

// acknowledge forgets values that peer confirmed it holds.
func (s *server) acknowledge(peer string, values []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		delete(s.pending[peer], v)
	}
}

// owe notes that values came from peer just now and must be acknowledged.
// A value that comes again before it is acknowledged keeps its first time,
// so that a peer that keeps resending cannot postpone its acknowledgement.
func (s *server) owe(peer string, values []int) {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	waiting := peerTimes(s.owed, peer)
	for _, v := range values {
		if _, ok := waiting[v]; !ok {
			waiting[v] = now
		}
	}
}

// takeOwed returns, sorted, up to n of the acknowledgements owed to peer,
// the lowest values first, and forgets them: the caller sends them. It
// returns nil when none are owed.
func (s *server) takeOwed(peer string, n int) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	acks := slices.Sorted(maps.Keys(s.owed[peer]))
	if len(acks) > n {
		acks = acks[:n]
	}
	for _, v := range acks {
		delete(s.owed[peer], v)
	}
	if len(s.owed[peer]) == 0 {
		delete(s.owed, peer)
	}
	if len(acks) == 0 {
		return nil
	}
	return acks
}

// peerTimes returns the times m holds for peer's values, adding an empty map
// for peer if m has none yet.
func peerTimes(m map[string]map[int]time.Time, peer string) map[int]time.Time {
	times, ok := m[peer]
	if !ok {
		times = make(map[int]time.Time)
		m[peer] = times
	}
	return times
}
