package clock

import (
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func TestZeroClockIsExactUnderVirtualTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Clock
		due := time.Now().Add(100 * time.Millisecond)
		<-c.Timer(due).C
		c.Finish(due)
		if !time.Now().Equal(due) {
			t.Errorf("woke at %v, want exactly the deadline", time.Since(due))
		}
	})
}

func TestPreciseNeverWakesEarly(t *testing.T) {
	for range 20 {
		due := time.Now().Add(5 * time.Millisecond)
		<-Precise.Timer(due).C
		Precise.Finish(due)
		if time.Now().Before(due) {
			t.Fatalf("woke %v before the deadline", time.Until(due))
		}
	}
}

// Under virtual time, Settle lets whatever else is due at this moment
// happen before it returns, however the goroutines are scheduled.
func TestVirtualSettleLetsTheRestOfTheMomentHappenFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		due := time.Now().Add(time.Second)
		var happened atomic.Int32
		for range 10 {
			go func() {
				<-Virtual.Timer(due).C
				happened.Add(1)
			}()
		}
		<-Virtual.Timer(due).C
		Virtual.Settle()
		if n := happened.Load(); n != 10 {
			t.Errorf("%d of 10 things due at the same moment had happened when Settle returned", n)
		}
	})
}

func TestSettleDoesNothingOnARealClock(t *testing.T) {
	Precise.Settle() // outside a bubble: must not panic
	Clock{}.Settle()
}
