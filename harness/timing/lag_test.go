package timing

import (
	"testing"
	"time"
)

func TestNewLag(t *testing.T) {
	var samples []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		samples = append(samples, time.Duration(i)*time.Millisecond)
	}
	got := NewLag(samples)
	want := Lag{Count: 100, Mean: 50500 * time.Microsecond, P50: 51 * time.Millisecond, P99: 100 * time.Millisecond, Max: 100 * time.Millisecond}
	if got != want {
		t.Errorf("NewLag = %+v, want %+v", got, want)
	}
	if samples[0] != 100*time.Millisecond {
		t.Error("NewLag sorted its input")
	}
	if (NewLag(nil) != Lag{}) {
		t.Error("NewLag(nil) is not the zero Lag")
	}
}
