package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// The shapes of 25 nodes, worked out by hand: a line of 24 links is 24
// hops end to end and 12 from its middle; a 5×5 grid has 2 × 5 × 4 links
// and is 8 hops corner to corner; the star is 2 hops leaf to leaf; total
// links every pair. Gossip crosses every link once each way but the one
// a value arrived on, and once from the node a client gave it to.
func TestMeasureShape(t *testing.T) {
	for _, tc := range []struct {
		topology string
		want     shape
	}{
		{"line", shape{Links: 24, Hops: 24, MedianHops: 18, MaxDegree: 2, GossipPerValue: 24}},
		{"grid", shape{Links: 40, Hops: 8, MedianHops: 6, MaxDegree: 4, GossipPerValue: 56}},
		{"", shape{Links: 24, Hops: 2, MedianHops: 2, MaxDegree: 24, GossipPerValue: 24}},
		{"total", shape{Links: 300, Hops: 1, MedianHops: 1, MaxDegree: 24, GossipPerValue: 576}},
	} {
		top, err := designTopology(tc.topology, 25)
		if err != nil {
			t.Fatal(err)
		}
		if got := measureShape(top); got != tc.want {
			t.Errorf("%q: %+v, want %+v", tc.topology, got, tc.want)
		}
	}
	if _, err := designTopology("ring", 25); err == nil {
		t.Error("an unknown topology gave no error")
	}
}

func TestChooseChartPoints(t *testing.T) {
	points := []designPoint{
		{Design: "kept up", Nodes: 25, Mode: "real"},
		{Design: "kept up", Nodes: 25, Mode: "simulated"},
		{Design: "fell behind", Nodes: 25, Mode: "real", Behind: true},
		{Design: "fell behind", Nodes: 10, Mode: "simulated"},
		{Design: "fell behind", Nodes: 25, Mode: "simulated"},
		{Design: "no simulation", Nodes: 25, Mode: "real", Behind: true},
	}
	if err := chooseChartPoints(points, 25); err != nil {
		t.Fatal(err)
	}
	var chosen []int
	for i, p := range points {
		if p.Chart {
			chosen = append(chosen, i)
		}
	}
	if want := []int{0, 4, 5}; !slices.Equal(chosen, want) {
		t.Errorf("charted points %v, want %v", chosen, want)
	}
	if err := chooseChartPoints(points[1:2], 25); err == nil {
		t.Error("no error for a design without a real run")
	}
}

// A star of four nodes: the hub sends each leaf a value and every leaf
// acknowledges it; a client's messages do not count, and a copy a
// partition dropped counts for its sender only.
func TestMeasureLoad(t *testing.T) {
	var events []journal.Event
	add := func(kind journal.Kind, src, dest, body string) {
		events = append(events, journal.Event{Kind: kind, Message: &journal.Message{Src: src, Dest: dest, Body: []byte(body)}})
	}
	add(journal.Send, "c1", "n0", `{"type":"broadcast","message":1}`)
	add(journal.Recv, "c1", "n0", `{"type":"broadcast","message":1}`)
	for _, leaf := range []string{"n1", "n2", "n3"} {
		add(journal.Send, "n0", leaf, `{"m":[1]}`)
		add(journal.Recv, "n0", leaf, `{"m":[1]}`)
		add(journal.Send, leaf, "n0", `{"ok":[1]}`)
		add(journal.Recv, leaf, "n0", `{"ok":[1]}`)
	}
	add(journal.Send, "n0", "n1", `{"m":[2]}`)
	add(journal.Drop, "n0", "n1", `{"m":[2]}`)
	l := measureLoad(events)
	// n0 sent 4 messages of 9 bytes and was handed 3 of 10; a leaf was
	// handed one and sent one.
	if l.Busiest != "n0" || l.BusiestMessages != 7 || l.MedianMessages != 2 || l.MessagesRatio != 3.5 {
		t.Errorf("%+v; want n0 busiest with 7 messages, the median node 2", l)
	}
	if l.BusiestKB != 66.0/1024 || l.MedianKB != 19.0/1024 {
		t.Errorf("busiest %v KB, median %v KB; want 66 and 19 bytes", l.BusiestKB, l.MedianKB)
	}
}

// Values in a cluster of four whose hub is n0, cut into n0 n1 | n2 n3
// for a while: before the cut, at n3 (cut off from the hub, so n2 has it
// only after the heal), at n1 (heard by the hub; n0 has it, n1 never
// passes it on to n2, which it cannot reach anyway), and after the heal.
func TestSituation(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	grudge := history.Grudge{"n0": {"n2", "n3"}, "n1": {"n2", "n3"}, "n2": {"n0", "n1"}, "n3": {"n0", "n1"}}
	alone := history.Grudge{"n0": {"n1", "n2", "n3"}, "n1": {"n0"}, "n2": {"n0"}, "n3": {"n0"}}
	marks := []journal.Mark{
		{Time: ms(1000), Kind: journal.Partition, Grudge: grudge},
		{Time: ms(5000), Kind: journal.Heal},
		{Time: ms(10000), Kind: journal.Partition, Grudge: alone},
		{Time: ms(12000), Kind: journal.Heal},
	}
	nodes := nodeid.Numbered(4)
	all := map[string]time.Duration{"n0": ms(600), "n1": ms(700), "n2": ms(700), "n3": ms(500)}
	for _, tc := range []struct {
		spread    journey.Spread
		class     string
		reach     []string
		took      time.Duration
		reachedOK bool
	}{
		{journey.Spread{Origin: "n3", Start: ms(500), Reached: all}, noPartition, nodes, ms(200), true},
		{journey.Spread{Origin: "n3", Start: ms(2000), Reached: map[string]time.Duration{"n3": ms(2000), "n0": ms(5500), "n2": ms(5600)}},
			cutFromHub, []string{"n2", "n3"}, ms(3600), true},
		{journey.Spread{Origin: "n1", Start: ms(2000), Reached: map[string]time.Duration{"n1": ms(2000), "n0": ms(2100)}},
			withHub, []string{"n0", "n1"}, ms(100), true},
		{journey.Spread{Origin: "n2", Start: ms(3000), Reached: map[string]time.Duration{"n2": ms(3000)}},
			cutFromHub, []string{"n2", "n3"}, 0, false},
		{journey.Spread{Origin: "n3", Start: ms(6000), Reached: map[string]time.Duration{"n3": ms(6000), "n0": ms(6100), "n1": ms(6200), "n2": ms(6200)}},
			noPartition, nodes, ms(200), true},
		{journey.Spread{Origin: "n2", Start: ms(10500), Reached: map[string]time.Duration{"n2": ms(10500), "n1": ms(11600), "n3": ms(11600)}},
			hubAlone, []string{"n1", "n2", "n3"}, ms(1100), true},
	} {
		class, reach := situation(&tc.spread, marks, nodes, "n0")
		if class != tc.class || !slices.Equal(reach, tc.reach) {
			t.Errorf("%s at %v: %q reaching %v, want %q reaching %v", tc.spread.Origin, tc.spread.Start, class, reach, tc.class, tc.reach)
		}
		took, ok := reachTime(&tc.spread, reach)
		if ok != tc.reachedOK || took != tc.took {
			t.Errorf("%s at %v: took %v (%v), want %v (%v)", tc.spread.Origin, tc.spread.Start, took, ok, tc.took, tc.reachedOK)
		}
	}
}

// The arithmetic on 25 nodes with 100 ms links, half the operations
// broadcasts at 100 a second: the star's values cross 2 hops and cost 24
// gossip messages and 24 acknowledgements; a batched star adds its waits
// (a batch that lands on the hub's tick waits a whole interval), the
// piggyback star only the hub's; a full-state round is 600 messages.
func TestExpect(t *testing.T) {
	top, _ := designTopology("", 25)
	star := measureShape(top)
	total, _ := designTopology("total", 25)
	for _, tc := range []struct {
		kind       string
		s          shape
		intervalMs float64
		want       expectation
	}{
		{"flood", star, 0, expectation{MsgsPerOp: 24, MedianMs: 200, MaxMs: 200}},
		{"batched", star, 250, expectation{MedianMs: 125 + 100 + 150 + 100, MaxMs: 250 + 100 + 150 + 100}},
		{"batched", star, 100, expectation{MedianMs: 50 + 100 + 100 + 100, MaxMs: 100 + 100 + 100 + 100}},
		{"piggyback", star, 800, expectation{MedianMs: 600, MaxMs: 1000}},
		// 600 messages a round, 2 rounds a second for the 20 s of ops and
		// the 10 s of recovery, over 100 ops a second for 20 s.
		{"full-state", measureShape(total), 500, expectation{MsgsPerOp: 18, MedianMs: 350, MaxMs: 600}},
	} {
		if got := expect(tc.kind, tc.s, load{broadcastShare: 0.5, ratePerSec: 100, timeLimitSec: 20}, 100, tc.intervalMs); got != tc.want {
			t.Errorf("%s at %v ms: %+v, want %+v", tc.kind, tc.intervalMs, got, tc.want)
		}
	}
}

// Every design names a workload, a step of this repository and a
// topology the harness knows, and no two are the same (a batching design
// is named with its interval, so two of one name differ in that);
// every partition design is a design at its default interval.
func TestDesignsAreRunnable(t *testing.T) {
	names := map[string]bool{}
	seen := map[string]bool{}
	cfg := designDefaults()
	for _, d := range cfg.Designs {
		if seen[fmt.Sprint(d)] {
			t.Errorf("%+v is listed twice", d)
		}
		seen[fmt.Sprint(d)] = true
		if _, err := partitionDesign(cfg.Designs, d.Name); err == nil {
			names[d.Name] = true
		}
		if _, err := challenges.Find(d.Workload); err != nil {
			t.Errorf("%s: %v", d.Name, err)
		}
		if _, err := os.Stat(filepath.Join("..", "..", d.Step, "main.go")); err != nil && d.Step != "testnode" {
			t.Errorf("%s: step %s: %v", d.Name, d.Step, err)
		}
		if _, err := designTopology(d.Topology, 25); err != nil {
			t.Errorf("%s: %v", d.Name, err)
		}
		if d.Kind == "flood" && d.Interval != "" {
			t.Errorf("%s: a flood design batches nothing, but has an interval %q", d.Name, d.Interval)
		}
	}
	for _, d := range cfg.Conditions {
		if !names[d.Name] || d.Condition == "" || len(d.Flags) == 0 {
			t.Errorf("condition %+v: want a design's name, a condition and its flags", d)
		}
	}
	for _, name := range cfg.PartitionDesigns {
		if !names[name] {
			t.Errorf("partitionDesigns names %q, which is no design", name)
		}
	}
}

// A journal of a star of four nodes around n0, cut into n0 n1 | n2 n3
// from 1 s to 5 s, read back from its file: a value before the cut (200
// ms to reach everyone), one at n3 cut off from the hub (n2 has it only
// after the heal), one at n1 the hub heard (100 ms to reach n0), and one
// at n2 that never reached n3.
func TestReaches(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	var events []journal.Event
	id := 0
	send := func(at int, src, dest, body string) *journal.Message {
		m := &journal.Message{ID: id, Src: src, Dest: dest, Body: []byte(body)}
		id++
		events = append(events, journal.Event{Kind: journal.Send, Time: ms(at), Message: m})
		return m
	}
	recv := func(at int, m *journal.Message) {
		events = append(events, journal.Event{Kind: journal.Recv, Time: ms(at), Message: m})
	}
	hop := func(at int, src, dest string, v int) {
		recv(at+100, send(at, src, dest, fmt.Sprintf(`{"type":"gossip","messages":[%d]}`, v)))
	}
	broadcast := func(at int, node string, v int) {
		recv(at, send(at, "c1", node, fmt.Sprintf(`{"type":"broadcast","message":%d,"msg_id":%d}`, v, v)))
	}
	broadcast(100, "n1", 1)
	hop(100, "n1", "n0", 1)
	hop(200, "n0", "n2", 1)
	hop(200, "n0", "n3", 1)
	broadcast(2000, "n3", 2)
	events = append(events, journal.Event{Kind: journal.Drop, Time: ms(2100), Message: send(2000, "n3", "n0", `{"type":"gossip","messages":[2]}`)})
	hop(5000, "n3", "n0", 2)
	hop(5100, "n0", "n2", 2)
	broadcast(3000, "n1", 3)
	hop(3000, "n1", "n0", 3)
	broadcast(3500, "n2", 4)
	marks := []journal.Mark{
		{Time: ms(1000), Kind: journal.Partition, Grudge: history.Grudge{"n0": {"n2", "n3"}, "n1": {"n2", "n3"}, "n2": {"n0", "n1"}, "n3": {"n0", "n1"}}},
		{Time: ms(5000), Kind: journal.Heal},
	}
	dir := t.TempDir()
	if err := journal.WriteFile(filepath.Join(dir, journal.FileName), events, marks); err != nil {
		t.Fatal(err)
	}

	var r reaches
	if err := r.add(dir, 4); err != nil {
		t.Fatal(err)
	}
	want := []reachClass{
		{Class: noPartition, Values: 1, MedianMs: 200, MaxMs: 200},
		{Class: cutFromHub, Values: 2, MedianMs: 3200, MaxMs: 3200, Never: 1},
		{Class: hubAlone},
		{Class: withHub, Values: 1, MedianMs: 100, MaxMs: 100},
	}
	if got := r.classes(); !slices.Equal(got, want) {
		t.Errorf("classes\n got %+v\nwant %+v", got, want)
	}
	if err := r.add(t.TempDir(), 4); err == nil {
		t.Error("a run without a journal gave no error")
	}

	load, err := loadOf(dir)
	if err != nil || load.Busiest != "n0" {
		t.Errorf("loadOf: %+v, %v; want n0 the busiest", load, err)
	}
}

// Of the nemesis' cuts a quarter are "one", which leaves one node alone,
// and a quarter "minority-third", which on five nodes also cuts off one
// (⌊(5−1)/3⌋): the hub is alone in about one cut of ten.
func TestHubAloneShare(t *testing.T) {
	if got := hubAloneShare(5, 20000); got < 0.09 || got > 0.11 {
		t.Errorf("hubAloneShare(5) = %v, want about 0.1", got)
	}
}
