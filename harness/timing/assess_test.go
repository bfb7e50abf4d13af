package timing

import (
	"testing"
	"time"
)

func TestLimitsFollowTheLatencyAndTheLatencies(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name                        string
		latency, stableP99, maxStab time.Duration
		p99, max                    time.Duration
	}{
		{"floors", 0, 0, 0, 5 * ms, 50 * ms},
		{"--latency decides", 100 * ms, 80 * ms, 90 * ms, 5 * ms, 50 * ms},
		{"the measured latencies decide", 100 * ms, 560 * ms, 700 * ms, 28 * ms, 70 * ms},
		{"slow links", 1000 * ms, 0, 0, 50 * ms, 500 * ms},
	}
	for _, tt := range tests {
		if got := LimitsFor(tt.latency, tt.stableP99, tt.maxStab); got.P99 != tt.p99 || got.Max != tt.max {
			t.Errorf("%s: LimitsFor = %+v, want p99 %v, max %v", tt.name, got, tt.p99, tt.max)
		}
	}
}

// lags returns n lags of d.
func lags(n int, d time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}

func TestAssess(t *testing.T) {
	ms := time.Millisecond
	onTime := Deliveries{Lags: lags(200, ms/10)}
	t.Run("on time", func(t *testing.T) {
		r := Assess(Input{Deliveries: map[string]Deliveries{"n0": onTime, "n1": onTime}, Latency: 100 * ms})
		if r.Behind || r.Late != 0 || r.SlowReaders != nil || r.Delivery.Count != 400 {
			t.Errorf("%+v: want on time, 400 deliveries", r)
		}
	})
	t.Run("one late delivery over the max", func(t *testing.T) {
		d := Deliveries{Lags: append(lags(999, ms/10), 60*ms)}
		r := Assess(Input{Deliveries: map[string]Deliveries{"n0": d}, Latency: 100 * ms})
		if !r.Behind || r.Late != 1 || r.Delivery.P99 != ms/10 {
			t.Errorf("%+v: want behind on the max alone", r)
		}
		if r.SlowReadersExplain() {
			t.Error("slow readers explain a run that has none")
		}
	})
	t.Run("a node that does not read", func(t *testing.T) {
		slow := Deliveries{
			Lags:    append(lags(150, ms/10), lags(50, 800*ms)...),
			Blocked: 3 * time.Second, BlockedWrites: 4,
		}
		busy := Deliveries{Lags: append(lags(190, ms/10), lags(10, 20*ms)...), Blocked: 30 * ms, BlockedWrites: 10}
		r := Assess(Input{Deliveries: map[string]Deliveries{"n0": onTime, "n1": slow, "n2": busy}, Latency: 100 * ms})
		want := []SlowReader{{Node: "n1", Blocked: 3 * time.Second, BlockedWrites: 4, Late: 50, Delivered: 200}}
		if !r.Behind || r.Late != 60 || len(r.SlowReaders) != 1 || r.SlowReaders[0] != want[0] {
			t.Fatalf("%+v: want n1 named (n2's 30 ms of blocked writes are under the 50 ms limit)", r)
		}
		if !r.SlowReadersExplain() {
			t.Error("50 of 60 late deliveries went to n1, yet it does not explain them")
		}
	})
}

// On a busy machine every node is slow to read now and then: no node
// stands out, so none is named, and the machine is the likely cause.
func TestAssessNamesNoNodeWhenAllAreSlow(t *testing.T) {
	ms := time.Millisecond
	nodes := map[string]Deliveries{}
	for i, blocked := range []time.Duration{300, 250, 200, 150, 100} {
		nodes[string(rune('a'+i))] = Deliveries{Lags: append(lags(90, ms/10), lags(10, 30*ms)...), Blocked: blocked * ms, BlockedWrites: 20}
	}
	r := Assess(Input{Deliveries: nodes, Latency: 100 * ms})
	if !r.Behind || len(r.SlowReaders) != 0 || r.Blocked != time.Second || r.SlowReadersExplain() {
		t.Errorf("%+v: want behind, 1s blocked in all, and no node named", r)
	}
}

// A machine is busy with other work only at a load average of at least
// its cores; without a load figure it counts as busy.
func TestOtherWork(t *testing.T) {
	for _, c := range []struct {
		load  float64
		cores int
		want  bool
	}{{0.9, 2, false}, {2, 2, true}, {17.1, 2, true}, {0, 0, true}} {
		if got := (Report{Load: c.load, Cores: c.cores}).OtherWork(); got != c.want {
			t.Errorf("load %.1f on %d cores: OtherWork() = %v, want %v", c.load, c.cores, got, c.want)
		}
	}
}
