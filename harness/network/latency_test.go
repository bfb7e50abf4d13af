package network

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestLatencyDistributions(t *testing.T) {
	const draws = 200000
	rng := rand.New(rand.NewPCG(1, 2))

	constant, err := NewLatency(100*time.Millisecond, Constant, rng)
	if err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if d := constant.Draw(); d != 100*time.Millisecond {
			t.Fatalf("constant drew %v, want exactly 100ms", d)
		}
	}

	uniform, _ := NewLatency(100*time.Millisecond, Uniform, rng)
	seen := map[time.Duration]bool{}
	var sum time.Duration
	for range draws {
		d := uniform.Draw()
		if d < 0 || d > 199*time.Millisecond || d%time.Millisecond != 0 {
			t.Fatalf("uniform drew %v, want a whole ms in [0, 199]", d)
		}
		seen[d] = true
		sum += d
	}
	if !seen[0] || !seen[199*time.Millisecond] {
		t.Errorf("uniform never drew an end of [0, 199]")
	}
	if mean := float64(sum.Milliseconds()) / draws; mean < 98.5 || mean > 100.5 {
		t.Errorf("uniform mean %.2f ms, want about 99.5", mean)
	}

	exponential, _ := NewLatency(100*time.Millisecond, Exponential, rng)
	sum = 0
	for range draws {
		d := exponential.Draw()
		if d < 0 || d%time.Millisecond != 0 {
			t.Fatalf("exponential drew %v, want a non-negative whole ms", d)
		}
		sum += d
	}
	if mean := float64(sum.Milliseconds()) / draws; mean < 98.5 || mean > 100.5 {
		t.Errorf("exponential mean %.2f ms, want about 99.5 (100 minus the truncation)", mean)
	}
}

func TestLatencyRejectsZeroMeanForRandomDistributions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, dist := range []string{Uniform, Exponential} {
		if _, err := NewLatency(0, dist, rng); err == nil {
			t.Errorf("%s with mean 0: no error", dist)
		}
	}
	if _, err := NewLatency(0, Constant, rng); err != nil {
		t.Errorf("constant with mean 0: %v", err)
	}
	if _, err := NewLatency(time.Second, "normal", rng); err == nil {
		t.Errorf("unknown distribution accepted")
	}
}
