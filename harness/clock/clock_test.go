package clock

import (
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
