// Package clock waits for moments in time. The network's delivery loops
// and the generator wait with it, so that a message due in 100 ms is
// handed over at 100 ms, not at 101.
//
// Go's timers are precise to about a millisecond on a busy Linux machine:
// the runtime's poller sleeps in whole milliseconds. That is a real error
// in what the harness measures, so a real run uses Precise: a timer until
// shortly before the moment, then a nanosleep for the rest. Runs under
// testing/synctest use plain timers, which synctest makes virtual (a
// nanosleep would wait in real time): the zero Clock, or Virtual, which
// also orders what happens at one moment.
package clock

import (
	"testing/synctest"
	"time"
)

// Clock waits with a timer until Margin before a moment and then precisely
// for the rest. The zero Clock uses the timer alone.
type Clock struct {
	Margin time.Duration
	// InBubble says that the clock runs inside a testing/synctest bubble,
	// where Settle can wait for the other goroutines.
	InBubble bool
}

// Precise is the clock of real runs.
var Precise = Clock{Margin: 2 * time.Millisecond}

// Virtual is the clock of a simulation, in a testing/synctest bubble.
var Virtual = Clock{InBubble: true}

// Settle lets everything else that is due at this moment happen first:
// under virtual time, any number of things happen at one moment (a reply
// and the heal after the last op, say), in whatever order the goroutines
// happen to run, so the caller settles before it acts, and a seed repeats
// its run. It waits until every other goroutine of the bubble is blocked,
// so only one goroutine may call it (the generator's). On a real clock it
// does nothing: no two things happen at the same moment there.
func (c Clock) Settle() {
	if c.InBubble {
		synctest.Wait()
	}
}

// Timer returns a timer that fires at t less the margin: select on it
// together with whatever else may end the wait, then call Finish.
func (c Clock) Timer(t time.Time) *time.Timer {
	return time.NewTimer(time.Until(t) - c.Margin)
}

// Finish waits, without the timer's coarseness, for the little time left
// until t. It does nothing for the zero Clock or when t has passed.
func (c Clock) Finish(t time.Time) {
	if c.Margin == 0 {
		return
	}
	if d := time.Until(t); d > 0 {
		sleep(d)
	}
}
