package play

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/testnode"
)

// collect is a Sink that keeps what it is sent.
type collect struct {
	lines   []Line
	outcome *Outcome
	err     string
}

func (c *collect) Line(l Line)       { c.lines = append(c.lines, l) }
func (c *collect) Outcome(o Outcome) { c.outcome = &o }
func (c *collect) Error(s string)    { c.err = s }

func TestARunSendsItsLinesThenAnOutcomeThatAgreesWithItself(t *testing.T) {
	var sink collect
	req := Request{Workload: "broadcast-3c", Seed: 3, Args: []string{"--time-limit", "5", "--latency", "50"}}
	if err := Run(t, testnode.Node, req, &sink); err != nil {
		t.Fatal(err)
	}
	o := sink.outcome
	if o == nil {
		t.Fatal("no outcome")
	}
	if !o.Pass || !strings.Contains(o.Verdicts, "PASS: the challenge is met") {
		t.Errorf("the test node should meet 3c:\n%s", o.Verdicts)
	}
	if len(sink.lines) < 10 || !strings.HasPrefix(sink.lines[0].Text, "Running broadcast") || sink.lines[0].T != 0 {
		t.Errorf("want the run's lines from its first, at 0 ms; got %d, the first %+v", len(sink.lines), sink.lines[0])
	}
	if last := sink.lines[len(sink.lines)-1]; !strings.Contains(last.Text, "Checker:") || last.T < 10000 {
		t.Errorf("the last line should be the summary, after the 5 s of ops and the 10 s recovery: %+v", last)
	}
	if len(o.Nodes) != 5 || len(o.Reached) != 5 || len(o.Messages) == 0 || len(o.Ops) == 0 {
		t.Fatalf("nodes %v, reached %v, %d messages, %d ops", o.Nodes, o.Reached, len(o.Messages), len(o.Ops))
	}
	partitions := 0
	for _, m := range o.Marks {
		if m.Kind == "partition" {
			partitions++
			if len(m.Cut) != 5 {
				t.Errorf("a partition's cut should name each node's: %+v", m)
			}
		}
	}
	if partitions == 0 {
		t.Error("3c runs with partitions; the outcome has none")
	}
	var dropped, sent int
	for _, m := range o.Messages {
		sent++
		if m[1] < 0 && m[2] >= 0 {
			dropped++
		}
		if m[0] > o.EndMs || m[3] >= 5 || m[4] >= 5 || int(m[5]) >= len(o.Types) {
			t.Fatalf("a message out of range: %v (end %v ms, types %v)", m, o.EndMs, o.Types)
		}
	}
	if dropped == 0 {
		t.Errorf("none of %d messages was dropped by a partition", sent)
	}
	if !strings.Contains(o.MessagesSVG, "<svg") || !strings.Contains(o.JourneySVG, "<svg") {
		t.Errorf("the outcome should carry the message diagram and a journey (of %d: %s); %d, %d bytes", o.Followed, o.FollowedWhy, len(o.MessagesSVG), len(o.JourneySVG))
	}
	if !strings.Contains(o.Replay, "SEED=3") || !strings.Contains(o.Real, "--seed 3 --time-limit 5 --latency 50") {
		t.Errorf("replay %q, real %q", o.Replay, o.Real)
	}
}

func TestALostValueIsTheOneFollowed(t *testing.T) {
	var sink collect
	// A node that never gossips loses the values its clients did not read from it.
	req := Request{Workload: "broadcast-3c", Seed: 1, Args: []string{"--time-limit", "5", "--", "--gossip", "none"}}
	if err := Run(t, testnode.Node, req, &sink); err != nil {
		t.Fatal(err)
	}
	o := sink.outcome
	if o.Pass || !strings.HasPrefix(o.FollowedWhy, "lost") {
		t.Fatalf("want a failing run following a lost value; pass %v, followed %d: %s", o.Pass, o.Followed, o.FollowedWhy)
	}
	never := 0
	for _, r := range o.Reached {
		if r < 0 {
			never++
		}
	}
	if never == 0 {
		t.Errorf("lost value %d reached every node: %v", o.Followed, o.Reached)
	}
}

func TestABadRequestIsAnErrorThatSaysWhat(t *testing.T) {
	tests := []struct {
		req  Request
		want string
	}{
		{Request{Workload: "broadcast-9z"}, `unknown WORKLOAD "broadcast-9z"`},
		{Request{Workload: "broadcast-3b", Args: []string{"--rate", "abc"}}, "--rate"},
	}
	for _, tc := range tests {
		var sink collect
		err := Run(t, testnode.Node, tc.req, &sink)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want an error about %s", tc.req, err, tc.want)
		}
		if sink.outcome != nil {
			t.Errorf("%+v: an outcome for a run that could not happen", tc.req)
		}
	}
}

func TestAnOutcomeHasArraysWhereARunHadNothing(t *testing.T) {
	var sink collect
	// One node: no message between servers, no partition.
	req := Request{Workload: "broadcast-3a", Seed: 1, Args: []string{"--time-limit", "1"}}
	if err := Run(t, testnode.Node, req, &sink); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(sink.outcome)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("null")) {
		t.Errorf("the page reads every list as an array; the outcome has a null: %s", b[:min(len(b), 600)])
	}
}
