package main

import (
	"context"
	"maps"
	"slices"
	"time"
)

// retryInterval is how long a value may go unacknowledged before it is sent
// again. A round trip takes twice the network latency (200 ms in the
// challenges with latency); an interval of several round trips leaves room
// for a slow acknowledgement, whose needless resend would only add
// messages, and still sends a value that a partition kept from a peer again
// within about an interval of the heal, well before the final reads 10 s
// later.
const retryInterval = time.Second

// retrySlack is how much younger than retryInterval a value may be and
// still count as due. A resend is stamped a moment after the tick that made
// it, and ticks are not exactly an interval apart, so at the next tick that
// value is often a hair short of an interval old; without the slack it
// would wait for the tick after, and resends would come every two intervals.
const retrySlack = retryInterval / 10

// retryLoop resends unacknowledged values every retryInterval until ctx is
// done.
func (s *server) retryLoop(ctx context.Context) {
	ticker := time.NewTicker(retryInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			s.resendDue()
		}
	}
}

// resendDue sends each peer, in one message, every value it has not
// acknowledged for about retryInterval. Values sent more recently wait for
// the next round: their acknowledgement may still be on its way.
func (s *server) resendDue() {
	now := time.Now()
	due := make(map[string][]int)
	s.mu.Lock()
	for peer, waiting := range s.pending {
		for v, sentAt := range waiting {
			if now.Sub(sentAt) >= retryInterval-retrySlack {
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
	waiting, ok := s.pending[peer]
	if !ok {
		waiting = make(map[int]time.Time)
		s.pending[peer] = waiting
	}
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
