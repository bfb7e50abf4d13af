// Package clock waits for moments in time. The network's delivery loops
// and the generator wait with it, so that a message due in 100 ms is
// handed over at 100 ms, not at 101.
//
// Go's timers are precise to about a millisecond on a busy Linux machine:
// the runtime's poller sleeps in whole milliseconds. That is a real error
// in what the harness measures, so a real run uses Precise: a timer until
// shortly before the moment, then a nanosleep for the rest. Tests under
// testing/synctest use the zero Clock: plain timers, which synctest makes
// virtual (a nanosleep would wait in real time).
package clock

import "time"

// Clock waits with a timer until Margin before a moment and then precisely
// for the rest. The zero Clock uses the timer alone.
type Clock struct {
	Margin time.Duration
}

// Precise is the clock of real runs.
var Precise = Clock{Margin: 2 * time.Millisecond}

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
