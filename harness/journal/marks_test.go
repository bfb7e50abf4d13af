package journal

import (
	"slices"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func TestMarks(t *testing.T) {
	cut := history.Grudge{"n10": {"n0", "n1", "n2"}, "n0": {"n10"}, "n1": {"n10"}, "n2": {"n10"}}
	ring := history.Grudge{"n0": {"n2"}, "n1": {"n3"}, "n2": {"n4"}, "n3": {"n0"}, "n4": {"n1"}}
	s := time.Second
	h := history.History{
		{Time: 0, Process: history.NemesisProcess, Type: history.Info, F: history.StartPartition, Value: history.Keyword("one")},
		{Time: 1 * s, Process: history.NemesisProcess, Type: history.Info, F: history.StartPartition, Value: history.Isolated{Grudge: cut}},
		{Time: 2 * s, Process: 0, Type: history.Invoke, F: history.Broadcast, Value: 1},
		{Time: 3 * s, Process: history.NemesisProcess, Type: history.Info, F: history.StopPartition},
		{Time: 4 * s, Process: history.NemesisProcess, Type: history.Info, F: history.StopPartition, Value: history.Keyword("network-healed")},
		{Time: 5 * s, Process: history.NemesisProcess, Type: history.Info, F: history.StartPartition, Value: history.Keyword("majorities-ring")},
		{Time: 6 * s, Process: history.NemesisProcess, Type: history.Info, F: history.StartPartition, Value: history.Isolated{Grudge: ring}},
		{Time: 7 * s, Process: 1, Type: history.Invoke, F: history.Read, Final: true},
		{Time: 8 * s, Process: 2, Type: history.Invoke, F: history.Read, Final: true},
	}
	got := Marks(h)
	want := []Mark{
		{Time: 1 * s, Kind: Partition, Text: "partition (one): n0 n1 n2 | n10", Grudge: cut},
		{Time: 4 * s, Kind: Heal, Text: "network healed"},
		{Time: 6 * s, Kind: Partition, Text: "partition (majorities-ring): each node cut from some others", Grudge: ring},
		{Time: 7 * s, Kind: FinalReads, Text: "final reads"},
	}
	if len(got) != len(want) {
		t.Fatalf("marks %v, want %v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Time != w.Time || g.Kind != w.Kind || g.Text != w.Text || len(g.Grudge) != len(w.Grudge) {
			t.Errorf("mark %d = %v, want %v", i, g, w)
		}
	}
	if slices.ContainsFunc(got, func(m Mark) bool { return m.Time == 3*s }) {
		t.Error("the stop-partition invocation was taken for the heal")
	}
}
