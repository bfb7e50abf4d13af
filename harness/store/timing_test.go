package store

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
)

// The harness's own lag is written after the checkers' results, in
// milliseconds, in both files.
func TestTimingEntry(t *testing.T) {
	ms := time.Millisecond
	r := skeletonResults()
	r.Timing = &timing.Report{
		Delivery: timing.Lag{Count: 38000, Mean: 1500 * time.Microsecond, P50: 120 * time.Microsecond, P99: 13600 * time.Microsecond, Max: 197 * ms},
		Dispatch: timing.Lag{Count: 1900, P50: 100 * time.Microsecond, P99: 5 * ms, Max: 31 * ms},
		Limits:   timing.LimitsFor(100*ms, 0, 0), Latency: 100 * ms, Behind: true, Late: 900,
		SlowReaders: []timing.SlowReader{{Node: "n3", Blocked: 2900 * ms, BlockedWrites: 3, Late: 800, Delivered: 1500}},
		CPU:         0.191, Load: 17.1, Cores: 2,
	}
	want := ` :timing {:behind-schedule? true, ` +
		`:delivery-lag {:count 38000, :mean-ms 1.5, :p50-ms 0.12, :p99-ms 13.6, :max-ms 197.0}, ` +
		`:dispatch-lag {:count 1900, :mean-ms 0.0, :p50-ms 0.1, :p99-ms 5.0, :max-ms 31.0}, ` +
		`:limits {:p99-ms 5.0, :max-ms 50.0}, :late-count 900, ` +
		`:slow-readers [{:node "n3", :blocked-ms 2900.0, :blocked-writes 3, :late-count 800, :delivered-count 1500}], ` +
		`:harness-cpu 0.191, :load-average 17.1, :cores 2},` + "\n :valid? true}\n"
	if got := encodeEDN(t, r); !strings.HasSuffix(got, want) {
		t.Errorf("results.edn ends\n%s\nwant\n%s", got[max(0, len(got)-len(want)-40):], want)
	}
	var parsed struct {
		Timing struct {
			Behind   bool `json:"behind-schedule?"`
			Delivery struct {
				P99 float64 `json:"p99-ms"`
			} `json:"delivery-lag"`
		}
	}
	if err := json.Unmarshal(encodeJSON(t, r), &parsed); err != nil {
		t.Fatal(err)
	}
	if !parsed.Timing.Behind || parsed.Timing.Delivery.P99 != 13.6 {
		t.Errorf("results.json timing %+v", parsed.Timing)
	}
}
