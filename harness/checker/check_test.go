package checker

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func TestMerge(t *testing.T) {
	all := []Validity{Valid, Unknown, Invalid}
	want := [3][3]Validity{
		{Valid, Unknown, Invalid},
		{Unknown, Unknown, Invalid},
		{Invalid, Invalid, Invalid},
	}
	for i, a := range all {
		for j, b := range all {
			if got := a.Merge(b); got != want[i][j] {
				t.Errorf("%v.Merge(%v) = %v, want %v", a, b, got, want[i][j])
			}
		}
	}
}

// goodHistory is a small passing run: one broadcast, seen by one read.
func goodHistory() history.History {
	return hist(
		op(0, 0, inv, add, 0),
		op(1, 0, ok, add, 0),
		op(2, 1, inv, read, nil),
		op(3, 1, ok, read, []int{0}),
	)
}

func TestCheck(t *testing.T) {
	crash := &Crash{Node: "n1", ExitStatus: 2}
	unplotted := Perf{LatencyGraph: Unknown, RateGraph: Valid, Valid: Unknown}
	// Reads all fail, so stats are invalid, yet the one broadcast is never
	// read, so the workload is only unknown.
	failingReads := hist(
		op(0, 0, inv, add, 0),
		op(1, 0, ok, add, 0),
		op(2, 1, inv, read, nil),
		withError(op(5002, 1, fail, read, nil), timeout),
	)
	tests := []struct {
		name string
		in   Input
		want Validity
	}{
		{"passing run", Input{History: goodHistory()}, Valid},
		{"lost element", Input{History: specHistory(false)}, Invalid},
		{"stale but not lost", Input{History: specHistory(true)}, Valid},
		{"nothing stable", Input{History: hist()}, Unknown},
		{"plots failed", Input{History: goodHistory(), Perf: unplotted}, Unknown},
		{"plots failed and a lost element", Input{History: specHistory(false), Perf: unplotted}, Invalid},
		{"a node crashed", Input{History: goodHistory(), Crash: crash}, Unknown},
		{"a node crashed and an element was lost", Input{History: specHistory(false), Crash: crash}, Invalid},
		{"availability requirement missed", Input{History: specHistory(true), Availability: &Requirement{Total: true}}, Invalid},
		{"availability requirement met", Input{History: goodHistory(), Availability: &Requirement{Total: true}}, Valid},
		{"an f never succeeded", Input{History: failingReads}, Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Check(tt.in); got.Valid != tt.want {
				t.Errorf("Check().Valid = %v, want %v (results %+v)", got.Valid, tt.want, got)
			}
		})
	}
}

func TestCheckFillsEveryPart(t *testing.T) {
	crash := &Crash{Node: "n3", ExitStatus: -1, Signal: "killed"}
	perf := Perf{LatencyGraph: Valid, RateGraph: Unknown, Valid: Unknown}
	var l netLog
	l.rpc("c0", "n0", "broadcast")
	l.deliver("n0", "n1", "broadcast")
	h := specHistory(false)
	r := Check(Input{History: h, Events: l.events, Perf: perf, Crash: crash})

	if r.Perf != perf || r.Timeline != Valid || r.Crash != crash {
		t.Errorf("perf %+v, timeline %v, crash %v: not passed through", r.Perf, r.Timeline, r.Crash)
	}
	if r.Workload.Valid != Invalid || len(r.Workload.Lost) != 1 {
		t.Errorf("workload %+v", r.Workload)
	}
	if r.Stats.Count != 9 || r.Stats.OKCount != 8 || r.Stats.InfoCount != 1 {
		t.Errorf("stats %+v", r.Stats)
	}
	if want := ratio32(8, 9); r.Availability.OKFraction != want {
		t.Errorf("ok fraction %v, want %v", r.Availability.OKFraction, want)
	}
	if r.Net.All.MsgCount != 3 || r.Net.Servers.MsgCount != 1 || *r.Net.Servers.MsgsPerOp != ratio32(1, 9) {
		t.Errorf("net %+v", r.Net)
	}
	if r.Exceptions.Valid != Valid || r.Exceptions.Groups != nil {
		t.Errorf("exceptions %+v", r.Exceptions)
	}
	if r.Valid != Invalid {
		t.Errorf("valid %v, want invalid", r.Valid)
	}
}
