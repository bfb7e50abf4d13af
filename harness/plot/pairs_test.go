package plot

import (
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func TestPairOps(t *testing.T) {
	pairs, err := pairOps(sample())
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		process int
		f       string
		outcome history.Type
		latency time.Duration
	}
	var got []summary
	for _, p := range pairs {
		got = append(got, summary{p.invoke.Process, p.invoke.F, p.complete.Type, p.latency()})
	}
	n := history.NemesisProcess
	want := []summary{
		{n, history.StartPartition, history.Info, time.Second},
		{0, history.Broadcast, history.OK, 50 * time.Millisecond},
		{1, history.Read, history.OK, 60 * time.Millisecond},
		{0, history.Broadcast, history.Info, 5 * time.Second},
		{1, history.Read, history.Fail, 3 * time.Millisecond},
		{n, history.StopPartition, history.Info, 100 * time.Millisecond},
		{2, history.Broadcast, history.OK, time.Millisecond},
		{n, history.StartPartition, history.Info, time.Millisecond},
		{1, history.Read, history.OK, 500 * time.Millisecond},
		// process 3's broadcast never completed: no pair.
	}
	if len(got) != len(want) {
		t.Fatalf("got %d pairs %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("pair %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestPairOpsRejectsBrokenHistories(t *testing.T) {
	tests := []struct {
		name string
		h    history.History
		want string
	}{
		{
			"completion without invocation",
			history.History{{Index: 0, Process: 4, Type: history.OK, F: history.Read}},
			"history op 0: process 4 completes an op it never invoked",
		},
		{
			"second invocation while one is open",
			history.History{
				{Index: 0, Process: 2, Type: history.Invoke, F: history.Read},
				{Index: 1, Process: 2, Type: history.Invoke, F: history.Read},
			},
			"history op 1: process 2 invokes again while op 0 is still open",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pairOps(tt.h)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			// Every output that pairs ops reports the same error.
			for name, draw := range map[string]func() error{
				"LatencyRaw":       func() error { return LatencyRaw(&strings.Builder{}, tt.h) },
				"LatencyQuantiles": func() error { return LatencyQuantiles(&strings.Builder{}, tt.h) },
				"Rate":             func() error { return Rate(&strings.Builder{}, tt.h) },
				"Timeline":         func() error { return Timeline(&strings.Builder{}, tt.h) },
			} {
				if err := draw(); err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("%s: err = %v, want it to contain %q", name, err, tt.want)
				}
			}
		})
	}
}
