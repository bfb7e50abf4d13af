package plot

import (
	"slices"
	"testing"
	"time"
)

func TestBucketWidth(t *testing.T) {
	tests := []struct {
		run   time.Duration
		n     int
		want  time.Duration
		count int
	}{
		{0, 20, time.Second, 1},
		{9900 * time.Millisecond, 20, time.Second, 10},
		// A Gossip Glomers 20 s run lasts about 35 s in all.
		{35 * time.Second, quantileBuckets, 5 * time.Second, 7},
		{35 * time.Second, rateBuckets, 2 * time.Second, 18},
		{40 * time.Second, rateBuckets, 2 * time.Second, 20},
		{300 * time.Second, quantileBuckets, 50 * time.Second, 6},
	}
	for _, tt := range tests {
		w := bucketWidth(tt.run, tt.n)
		if w != tt.want || bucketCount(tt.run, w) != tt.count {
			t.Errorf("run %v / %d: width %v, %d buckets; want %v, %d", tt.run, tt.n, w, bucketCount(tt.run, w), tt.want, tt.count)
		}
	}
	// The run's last instant falls in the last bucket, not past it.
	if b := bucketOf(40*time.Second, 2*time.Second, 20); b != 19 {
		t.Errorf("bucketOf(end) = %d, want 19", b)
	}
}

func TestQuantile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3, 6, 7, 8, 9, 10}
	for _, tt := range []struct{ q, want float64 }{
		{0.5, 5}, {0.95, 10}, {0.99, 10}, {1, 10}, {0.1, 1}, {0, 1},
	} {
		if got := quantile(xs, tt.q); got != tt.want {
			t.Errorf("quantile(%v) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if got := quantile([]float64{42}, 0.5); got != 42 {
		t.Errorf("quantile of one = %v", got)
	}
}

func TestTicks(t *testing.T) {
	labels := func(ts []tick) []string {
		var out []string
		for _, t := range ts {
			out = append(out, t.label)
		}
		return out
	}
	tests := []struct {
		name string
		s    scale
		want []string
	}{
		{"empty run", linear(0, 0), []string{"0", "0.2", "0.4", "0.6", "0.8", "1"}},
		{"35 s", linear(0, 35), []string{"0", "5", "10", "15", "20", "25", "30", "35"}},
		{"rates", linear(0, 1.05), []string{"0", "0.2", "0.4", "0.6", "0.8", "1"}},
		{"latencies 1 ms to 5 s", logarithmic(1, 5000), []string{"1", "10", "100", "1000", "10000"}},
		{"latencies 3 to 60 ms", logarithmic(3, 60), []string{"1", "2", "5", "10", "20", "50", "100"}},
		{"no latencies", logarithmic(0, 0), []string{"1", "2", "5", "10"}},
		{"sub-millisecond", logarithmic(0.004, 0.3), []string{"0.001", "0.01", "0.1", "1"}},
	}
	for _, tt := range tests {
		if got := labels(tt.s.ticks()); !slices.Equal(got, tt.want) {
			t.Errorf("%s: ticks %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestScaleFrac(t *testing.T) {
	s := logarithmic(1, 1000)
	for _, tt := range []struct{ v, want float64 }{{1, 0}, {10, 1.0 / 3}, {1000, 1}, {0, 0}, {-5, 0}} {
		if got := s.frac(tt.v); !near(got, tt.want) {
			t.Errorf("log frac(%v) = %v, want %v", tt.v, got, tt.want)
		}
	}
	if got := linear(2, 2).frac(2.5); !near(got, 0.5) {
		t.Errorf("linear frac over a widened span = %v", got)
	}
}
