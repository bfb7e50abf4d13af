package lab

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// journalOf builds a journal by hand: each message is sent at its time
// and received 10 ms later, or dropped then.
type journalOf struct {
	events []journal.Event
	id     int
}

func (j *journalOf) msg(at int, src, dest, body string, dropped bool) {
	m := &journal.Message{ID: j.id, Src: src, Dest: dest, Body: []byte(body)}
	j.id++
	t := time.Duration(at) * time.Millisecond
	kind := journal.Recv
	if dropped {
		kind = journal.Drop
	}
	j.events = append(j.events,
		journal.Event{Kind: journal.Send, Time: t, Message: m},
		journal.Event{Kind: kind, Time: t + 10*time.Millisecond, Message: m})
}

func (j *journalOf) broadcast(at int, client, node string, v int) {
	j.msg(at, client, node, fmt.Sprintf(`{"type":"broadcast","message":%d,"msg_id":1}`, v), false)
}

func (j *journalOf) gossip(at int, src, dest string, values []int, dropped bool) {
	j.msg(at, src, dest, fmt.Sprintf(`{"type":"gossip","messages":%s}`, ints(values)), dropped)
}

func ints(xs []int) string { return strings.ReplaceAll(fmt.Sprint(xs), " ", ",") }

func (j *journalOf) spread(t *testing.T, marks ...journal.Mark) *runSpread {
	t.Helper()
	return spreadOf(j.events, marks)
}

func pick(t *testing.T, rule JourneyRule, rs *runSpread, lost []int) (int, string) {
	t.Helper()
	v, why, ok := rule.choose(rs, lost)
	if !ok {
		t.Fatalf("no value shows %s", rule.shows)
	}
	return v.Value, why
}

// On a line n0 – n1 – n2, value 5 goes two links from n0, value 6 one
// link each way from n1: the rule takes a value the client gave to n0.
func TestGridGossipTakesAValueFromTheFirstNode(t *testing.T) {
	var j journalOf
	j.broadcast(0, "c2", "n1", 6)
	j.gossip(20, "n1", "n0", []int{6}, false)
	j.gossip(20, "n1", "n2", []int{6}, false)
	j.broadcast(100, "c1", "n0", 5)
	j.gossip(120, "n0", "n1", []int{5}, false)
	j.gossip(140, "n1", "n2", []int{5}, false)
	v, why := pick(t, GridGossip, j.spread(t), nil)
	want := "broadcast to n0, it reached the last of the 3 nodes 50 ms later, 2 links away from n0 on the way it took, in 2 messages"
	if v != 5 || why != want {
		t.Errorf("picked %d:\n got %s\nwant %s", v, why, want)
	}
}

// Value 7 is cut off from n1 and resent after the heal; value 8 crossed
// no cut.
func TestResentAfterHealNeedsADropThenAHeal(t *testing.T) {
	var j journalOf
	j.broadcast(0, "c1", "n0", 8)
	j.gossip(20, "n0", "n1", []int{8}, false)
	j.broadcast(100, "c1", "n0", 7)
	j.gossip(120, "n0", "n1", []int{7}, true)
	j.gossip(1120, "n0", "n1", []int{7, 9}, true)
	j.gossip(2120, "n0", "n1", []int{7, 9}, false)
	marks := []journal.Mark{{Time: 0, Kind: journal.Partition}, {Time: 1500 * time.Millisecond, Kind: journal.Heal}}
	rs := j.spread(t, marks...)
	v, why := pick(t, ResentAfterHeal, rs, nil)
	want := "broadcast to n0; a partition dropped 2 copies of it; the network healed 1400 ms after the broadcast, and 620 ms later a resend from n0 brought it to n1"
	if v != 7 || why != want {
		t.Errorf("picked %d:\n got %s\nwant %s", v, why, want)
	}
	if _, why := pick(t, BatchResentAfterHeal, rs, nil); !strings.HasSuffix(why, "in one message with 1 other value") {
		t.Errorf("batch: %s", why)
	}
	// Without the heal between the drop and the resend, nothing shows it.
	if _, _, ok := ResentAfterHeal.choose(j.spread(t, marks[0]), nil); ok {
		t.Error("a resend with no heal before it was taken for one after a heal")
	}
}

// Hub n0, leaves n1…n3: value 10 goes n1 → n0 → n2, n3, acknowledged;
// value 11 starts at the hub.
func TestStarTwoHopsTakesALeafsValue(t *testing.T) {
	var j journalOf
	j.broadcast(0, "c1", "n0", 11)
	j.gossip(10, "n0", "n1", []int{11}, false)
	j.gossip(10, "n0", "n2", []int{11}, false)
	j.gossip(10, "n0", "n3", []int{11}, false)
	j.broadcast(100, "c2", "n1", 10)
	j.gossip(110, "n1", "n0", []int{10}, false)
	j.msg(120, "n0", "n1", `{"type":"gossip_ok","messages":[10]}`, false)
	j.gossip(130, "n0", "n2", []int{10}, false)
	j.gossip(130, "n0", "n3", []int{10}, false)
	v, why := pick(t, StarTwoHops, j.spread(t), nil)
	want := "broadcast to the leaf n1, which passed it to the hub n0; the hub passed it to the other 2 leaves, and every node had it 40 ms after the broadcast; 1 acknowledgement (gossip_ok) carried it back, 1 of them before the last node had it, where the diagram ends"
	if v != 10 || why != want {
		t.Errorf("picked %d:\n got %s\nwant %s", v, why, want)
	}
}

func TestAckOnGossipFindsTheAcknowledgementInAGossip(t *testing.T) {
	var j journalOf
	j.broadcast(0, "c1", "n1", 12)
	j.gossip(10, "n1", "n0", []int{12}, false)
	j.gossip(50, "n0", "n2", []int{12, 13}, false)
	j.msg(50, "n0", "n1", `{"type":"gossip","messages":[13],"acks":[12]}`, false)
	v, why := pick(t, AckOnGossip, j.spread(t), nil)
	if v != 12 || !strings.Contains(why, "n0 acknowledged it in the acks of a gossip that carried 1 other value to n1, 50 ms after") {
		t.Errorf("picked %d: %s", v, why)
	}
	// An acknowledgement on its own (gossip_ok) is not one riding on gossip.
	var k journalOf
	k.broadcast(0, "c1", "n1", 12)
	k.gossip(10, "n1", "n0", []int{12}, false)
	k.gossip(50, "n0", "n2", []int{12}, false)
	k.msg(50, "n0", "n1", `{"type":"gossip_ok","messages":[12]}`, false)
	if _, _, ok := AckOnGossip.choose(k.spread(t), nil); ok {
		t.Error("a gossip_ok was taken for an acknowledgement riding on gossip")
	}
}

func TestLostValueTakesTheCheckersLostValues(t *testing.T) {
	var j journalOf
	j.broadcast(0, "c1", "n2", 14)
	j.gossip(10, "n2", "n0", []int{14}, true)
	j.gossip(10, "n2", "n1", []int{14}, true)
	j.broadcast(0, "c1", "n1", 15)
	j.gossip(10, "n1", "n0", []int{15}, true)
	j.gossip(10, "n1", "n2", []int{15}, false)
	j.broadcast(0, "c1", "n0", 16) // dropped most often, but not lost
	j.gossip(10, "n0", "n1", []int{16}, true)
	j.gossip(20, "n0", "n1", []int{16}, true)
	j.gossip(30, "n0", "n1", []int{16}, true)
	v, why := pick(t, LostValue, j.spread(t), []int{14, 15})
	want := "broadcast to n2 and lost: it reached 1 of the 3 nodes (n2); a partition dropped 2 of the 2 messages that carried it"
	if v != 14 || why != want {
		t.Errorf("picked %d:\n got %s\nwant %s", v, why, want)
	}
	if _, _, ok := LostValue.choose(j.spread(t), nil); ok {
		t.Error("a run that lost nothing gave a lost value")
	}
}

func TestNodesAreInMaelstromsOrder(t *testing.T) {
	var j journalOf
	j.broadcast(0, "c1", "n10", 1)
	j.gossip(10, "n10", "n2", []int{1}, false)
	j.gossip(10, "n10", "n1", []int{1}, false)
	if got := strings.Join(j.spread(t).nodes, " "); got != "n1 n2 n10" {
		t.Errorf("nodes %s", got)
	}
}

func TestScheduleListsThePartitionsAndHeals(t *testing.T) {
	var j journalOf
	j.broadcast(300, "c1", "n0", 1)
	marks := []journal.Mark{
		{Time: 300 * time.Millisecond, Kind: journal.Partition, Text: "partition (one): n0 | n1"},
		{Time: 2800 * time.Millisecond, Kind: journal.Heal, Text: "network healed"},
		{Time: 9000 * time.Millisecond, Kind: journal.FinalReads, Text: "final reads"},
	}
	got := scheduleOf(j.spread(t, marks...))
	if len(got) != 2 || got[0].AtS != 0.3 || got[1].AtS != 2.8 || got[1].Kind != "heal" || got[0].Text != "partition (one): n0 | n1" {
		t.Errorf("schedule %+v", got)
	}
	if n := cuts(marks); n != 1 {
		t.Errorf("cuts = %d, want 1", n)
	}
}

func TestOnlyPartitionWorkloadsGetASeedChosen(t *testing.T) {
	l := &Lab{Seed: 7, Runner: failingRunner{}, Log: io.Discard}
	for _, name := range []string{"broadcast-3b", "broadcast-3e"} {
		c, _ := challenges.Find(name)
		if seed, why, err := l.seeds.seedFor(l, c); seed != 7 || why != "" || err != nil {
			t.Errorf("%s: seed %d, %q, %v; want 7 as given", name, seed, why, err)
		}
	}
	for _, name := range []string{"broadcast-3c", "broadcast-3e-partition", "broadcast-piggyback-partition"} {
		c, _ := challenges.Find(name)
		if !HasPartitions(c.Name) {
			t.Errorf("%s: no partitions found in %v", name, c.Flags)
		}
		if _, _, err := l.seeds.seedFor(l, c); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: with a runner that cannot simulate, the seed rule says %v", name, err)
		}
	}
}

// failingRunner is a Runner whose every run fails.
type failingRunner struct{}

func (failingRunner) Real(challenges.Challenge, string, []string, io.Writer) (string, error) {
	return "", errors.New("no real runs here")
}
func (failingRunner) Simulate(challenges.Challenge, string, int, []string, io.Writer) (string, error) {
	return "", errors.New("no simulation here")
}
func (failingRunner) Sweep(challenges.Challenge, string, int, []string, io.Writer) (simulate.Report, error) {
	return simulate.Report{}, errors.New("no simulation here")
}
func (failingRunner) Simulates(string) bool { return false }
