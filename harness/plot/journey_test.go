package plot

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
)

// partitionedJourney is value 7's journey on three nodes: n3's first copy
// is dropped by a partition, and it gets 7 only after the heal.
func partitionedJourney(t *testing.T) journey.Journey {
	t.Helper()
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	var events []journal.Event
	add := func(kind journal.Kind, at int, m *journal.Message) {
		events = append(events, journal.Event{Kind: kind, Time: ms(at), Message: m})
	}
	b := msg(1, "c7", "n1", `{"type":"broadcast","message":7,"msg_id":1}`)
	g2 := msg(2, "n1", "n2", `{"type":"gossip","messages":[7]}`)
	g3 := msg(3, "n1", "n3", `{"type":"gossip","messages":[7]}`)
	ack := msg(4, "n2", "n1", `{"type":"gossip_ok","messages":[7]}`)
	resend := msg(5, "n1", "n3", `{"type":"gossip","messages":[7]}`)
	add(journal.Send, 1000, b)
	add(journal.Recv, 1000, b)
	add(journal.Send, 1001, g2)
	add(journal.Send, 1001, g3)
	add(journal.Recv, 1101, g2)
	add(journal.Drop, 1101, g3)
	add(journal.Send, 1102, ack)
	add(journal.Recv, 1202, ack)
	add(journal.Send, 4000, resend)
	add(journal.Recv, 4100, resend)
	marks := []journal.Mark{
		{Time: ms(500), Kind: journal.Partition, Text: "partition (one): n1 n2 | n3"},
		{Time: ms(3000), Kind: journal.Heal, Text: "network healed"},
	}
	j, ok := journey.Follow(events, marks, 7)
	if !ok {
		t.Fatal("no journey")
	}
	return j
}

func TestJourney(t *testing.T) {
	var buf bytes.Buffer
	if err := Journey(&buf, partitionedJourney(t)); err != nil {
		t.Fatal(err)
	}
	root := parseXML(t, buf.Bytes())
	all := texts(root)
	for _, want := range []string{
		"The journey of value 7: from c7's broadcast to n1 until the last of", // wrapped to the width
		"its 3 nodes had it, 3.100 s later",
		"partition (one): n1 n2 | n3 (since 0.500 s)",
		"⋯ 2.798 s with no message carrying 7 ⋯",
		"network healed",
		"+0.0000 s",
		"broadcast 7",
	} {
		if !slices.Contains(all, want) {
			t.Errorf("no text %q in %q", want, all)
		}
	}
	// "gossip" is named once, on its first arrow, and so is gossip_ok.
	if n := countText(root, "gossip"); n != 1 {
		t.Errorf("gossip named %d times, want once", n)
	}
	got := arrows(t, root)
	want := []struct {
		stroke, width string
		dropped       bool
	}{
		{clientColor, "2", false}, // the broadcast
		{otherColor, "2", false},  // first to n2
		{dropColor, "1", true},    // n3's copy, dropped
		{copyColor, "1", false},   // the ack, back to n1 which had it
		{otherColor, "2", false},  // the resend that reached n3
	}
	if len(got) != len(want) {
		t.Fatalf("%d arrows, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].stroke != w.stroke || got[i].dropped != w.dropped {
			t.Errorf("arrow %d: %+v, want stroke %s, dropped %v", i, got[i], w.stroke, w.dropped)
		}
	}
	shaded := 0
	for _, r := range root.all("rect") {
		if r.attr("fill") == partitionShade {
			shaded++
		}
	}
	if shaded != 1 {
		t.Errorf("%d shaded stretches, want one, until the heal", shaded)
	}
	if !strings.HasPrefix(buf.String(), "<?xml") {
		t.Error("not an SVG document")
	}
}
