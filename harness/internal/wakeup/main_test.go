package main

import (
	"testing"
	"time"
)

func TestMeasureWaitsEachPeriodAndNeverWakesEarly(t *testing.T) {
	late := measure(100*time.Millisecond, 5*time.Millisecond)
	// 100 ms of 5-ms waits is 20 of them, fewer if the machine is slow.
	if len(late) == 0 || len(late) > 20 {
		t.Fatalf("%d waits in 100 ms of 5-ms waits, want 1 to 20", len(late))
	}
	for i, d := range late {
		if d < 0 {
			t.Errorf("wait %d ended %v before its moment", i, -d)
		}
	}
}
