package plot

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
)

// drawMessages runs Messages and checks the output is well-formed SVG.
func drawMessages(t *testing.T, events []journal.Event, marks ...journal.Mark) node {
	t.Helper()
	var buf bytes.Buffer
	if err := Messages(&buf, events, marks); err != nil {
		t.Fatal(err)
	}
	return parseXML(t, buf.Bytes())
}

// arrow is one drawn message.
type arrow struct {
	title, stroke  string
	x1, y1, x2, y2 float64
	dropped        bool
}

func arrows(t *testing.T, root node) []arrow {
	t.Helper()
	var out []arrow
	for _, g := range root.all("g") {
		title, ok := g.child("title")
		if !ok {
			continue
		}
		line, ok := g.child("line")
		if !ok {
			line, _ = g.child("path")
		}
		a := arrow{title: title.Text, stroke: line.attr("stroke")}
		if line.XMLName.Local == "line" {
			a.x1, a.y1 = float(t, line.attr("x1")), float(t, line.attr("y1"))
			a.x2, a.y2 = float(t, line.attr("x2")), float(t, line.attr("y2"))
		}
		_, a.dropped = g.child("path")
		a.dropped = a.dropped && line.XMLName.Local == "line"
		out = append(out, a)
	}
	return out
}

// laneNames returns the x of each lane name in the first header.
func laneNames(root node) map[string]float64 {
	x := map[string]float64{}
	for _, n := range root.all("text") {
		if n.attr("font-weight") == "bold" && n.attr("text-anchor") == "middle" {
			if _, seen := x[n.Text]; !seen {
				x[n.Text], _ = strconv.ParseFloat(n.attr("x"), 64)
			}
		}
	}
	return x
}

func TestEndpointOrder(t *testing.T) {
	ids := []string{"lin-kv", "n10", "c10", "n2", "c0", "n1", "c2", "seq-kv"}
	slices.SortFunc(ids, nodeid.Compare)
	want := []string{"c0", "c2", "c10", "n1", "n2", "n10", "lin-kv", "seq-kv"}
	if !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
}

// Servers get a lane each, in order, and every client shares the last.
func TestMessagesLayout(t *testing.T) {
	m1 := msg(1, "n10", "lin-kv", `{"type":"read","key":"k","msg_id":1}`)
	m2 := msg(2, "c2", "n1", `{"type":"broadcast","message":7,"msg_id":1}`)
	m3 := msg(3, "n2", "c10", `{"type":"error","code":11,"text":"busy","in_reply_to":4}`)
	m4 := msg(4, "n1", "n2", `{"type":"gossip","values":[1,2]}`) // never received
	m5 := msg(5, "c0", "n1", `{"type":"read","msg_id":9}`)
	m6 := msg(6, "n1", "n10", `{"type":"gossip","values":[1]}`) // dropped
	events := []journal.Event{
		send(m1), send(m2), recv(m2), send(m4), send(m3), recv(m1), recv(m3), send(m5), recv(m5), send(m6), drop(m6),
	}
	root := drawMessages(t, events)
	x := laneNames(root)
	order := []string{"n1", "n2", "n10", "lin-kv", "clients"}
	for i := 1; i < len(order); i++ {
		if gap := x[order[i]] - x[order[i-1]]; gap < laneGapMin {
			t.Errorf("lane %s is %.1f px after %s, want at least %v (lanes %v)", order[i], gap, order[i-1], laneGapMin, x)
		}
	}
	if len(x) != len(order) {
		t.Errorf("lanes %v, want %v", x, order)
	}
	got := arrows(t, root)
	want := []struct {
		title, stroke string
		from, to      string
	}{
		{`n10 → lin-kv {"type":"read","key":"k","msg_id":1}`, otherColor, "n10", "lin-kv"},
		{`c2 → n1 {"type":"broadcast","message":7,"msg_id":1}`, clientColor, "clients", "n1"},
		{`n1 → n2 {"type":"gossip","values":[1,2]} (arrives after this part, or never)`, otherColor, "n1", "n2"},
		{`n2 → c10 {"type":"error","code":11,"text":"busy","in_reply_to":4}`, errorColor, "n2", "clients"},
		{`c0 → n1 {"type":"read","msg_id":9}`, clientColor, "clients", "n1"},
		{`n1 → n10 {"type":"gossip","values":[1]} (dropped by a partition)`, dropColor, "n1", "n10"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d arrows, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.title != w.title || g.stroke != w.stroke || !near(g.x1, x[w.from]) || !near(g.x2, x[w.to]) || g.y2 <= g.y1 {
			t.Errorf("arrow %d = %+v\nwant %s from %s (x %.1f) down to %s (x %.1f)", i, g, w.title, w.from, x[w.from], w.to, x[w.to])
		}
	}
	if !got[5].dropped {
		t.Error("the dropped message has no ×")
	}
}

func near(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }

func TestMessagesDropsInit(t *testing.T) {
	init := msg(0, "c0", "n1", `{"type":"init","node_id":"n1","node_ids":["n1"],"msg_id":1}`)
	initOK := msg(1, "n1", "c0", `{"type":"init_ok","in_reply_to":1}`)
	topo := msg(2, "c1", "n1", `{"type":"topology","topology":{"n1":[]},"msg_id":1}`)
	root := drawMessages(t, []journal.Event{send(init), recv(init), send(initOK), recv(initOK), send(topo), recv(topo)})
	got := arrows(t, root)
	if len(got) != 1 || !strings.Contains(got[0].title, `"type":"topology"`) {
		t.Fatalf("arrows = %+v, want only the topology message", got)
	}
	if !slices.Contains(texts(root), `topology {:topology {"n1" []}}`) {
		t.Errorf("no label on the topology message: %q", texts(root))
	}
}

// A long journal is drawn in parts: the start, from each mark, the middle
// when there is no mark, and the final reads, maxShown events in all, with
// a band for each stretch left out.
func TestMessagesParts(t *testing.T) {
	var events []journal.Event
	for i := range 20000 {
		m := msg(i, "n1", "n2", fmt.Sprintf(`{"type":"gossip","value":%d}`, i))
		at := time.Duration(i) * time.Millisecond
		events = append(events, journal.Event{Kind: journal.Send, Time: at, Message: m}, journal.Event{Kind: journal.Recv, Time: at, Message: m})
	}
	for _, tt := range []struct {
		name  string
		marks []journal.Mark
		bands []string
	}{
		{"no marks: the start and the middle", nil, nil},
		{"partition, heal, final reads", []journal.Mark{
			{Time: 5 * time.Second, Kind: journal.Partition, Text: "partition (one): n1 | n2"},
			{Time: 8 * time.Second, Kind: journal.Heal, Text: "network healed"},
			{Time: 19 * time.Second, Kind: journal.FinalReads, Text: "final reads"},
		}, []string{"partition (one): n1 | n2", "network healed", "final reads"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := drawMessages(t, events, tt.marks...)
			if n := len(arrows(t, root)); n != maxShown/2 {
				t.Errorf("%d arrows, want %d (the events shown, in send/receive pairs)", n, maxShown/2)
			}
			all := texts(root)
			if !slices.ContainsFunc(all, func(s string) bool {
				return strings.HasPrefix(s, "⋯ ") && strings.Contains(s, " events not shown, from ")
			}) {
				t.Errorf("no band says what is left out")
			}
			for _, b := range tt.bands {
				if !slices.Contains(all, b) {
					t.Errorf("no band %q", b)
				}
			}
			if !slices.ContainsFunc(all, func(s string) bool { return strings.Contains(s, fmt.Sprintf("%d of the run's 40000 events", maxShown)) }) {
				t.Errorf("the title does not say how much is shown")
			}
		})
	}
}

func TestMessagesPartsToShow(t *testing.T) {
	events := make([]journal.Event, 100)
	for i := range events {
		events[i].Time = time.Duration(i) * time.Second
	}
	for _, tt := range []struct {
		name  string
		marks []journal.Mark
		limit int
		want  [][2]int
	}{
		{"all fit", nil, 100, [][2]int{{0, 100}}},
		{"the start and the middle", nil, 20, [][2]int{{0, 10}, {50, 60}}},
		{"the start and each mark", []journal.Mark{{Time: 30 * time.Second, Kind: journal.Partition}, {Time: 95 * time.Second, Kind: journal.FinalReads}}, 30,
			[][2]int{{0, 12}, {30, 43}, {95, 100}}},
		// The start's share ends at the partition, which takes the rest:
		// one part of 30 events.
		{"a part cut short leaves its share to the next", []journal.Mark{{Time: 5 * time.Second, Kind: journal.Partition}}, 30,
			[][2]int{{0, 30}}},
		{"the final reads leave the rest of their share to the others", []journal.Mark{{Time: 98 * time.Second, Kind: journal.FinalReads}}, 30,
			[][2]int{{0, 14}, {50, 64}, {98, 100}}},
	} {
		if got := partsToShow(events, tt.marks, tt.limit); !slices.Equal(got, tt.want) {
			t.Errorf("%s: parts %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMessageLabels(t *testing.T) {
	long := `{"type":"gossip","values":[` + strings.Repeat("1234,", 30) + `5]}`
	tests := []struct {
		name, body, want string
	}{
		{"rest of the body", `{"type":"broadcast","message":7,"msg_id":3}`, "broadcast {:message 7}"},
		{"reply bookkeeping dropped", `{"type":"broadcast_ok","in_reply_to":3,"msg_id":8}`, "broadcast_ok"},
		{"error text", `{"type":"error","code":11,"text":"not now"}`, "not now"},
		{"error without text", `{"type":"error","code":11}`, "error {:code 11}"},
		{"nested values", `{"type":"read_ok","messages":[1,2],"flag":true,"x":null}`, "read_ok {:flag true, :messages [1 2], :x nil}"},
		{"missing body", ``, ""},
		{"not an object", `[1,2]`, "[1,2]"},
		{"exactly 48", `{"type":"` + strings.Repeat("a", 48) + `"}`, strings.Repeat("a", 48)},
		{"truncated", long, `gossip {:values [1234 1234 1234 1234 1234 1234 …`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shorten(parseBody([]byte(tt.body)).label(), labelLength)
			if got != tt.want {
				t.Errorf("label = %q, want %q", got, tt.want)
			}
			if n := len([]rune(got)); n > 48 {
				t.Errorf("label has %d characters", n)
			}
		})
	}
}

func TestMessagesEscapesText(t *testing.T) {
	m := msg(1, "n1", "n2", `{"type":"note","text":"<b>&\"'\u0000</b>"}`)
	root := drawMessages(t, []journal.Event{send(m), recv(m)})
	got := arrows(t, root)
	if len(got) != 1 || !strings.Contains(got[0].title, `<b>&\"'`) {
		t.Errorf("arrows = %+v", got)
	}
}

func TestMessagesRejectsEventsWithoutMessage(t *testing.T) {
	err := Messages(&bytes.Buffer{}, []journal.Event{send(msg(1, "n1", "n2", `{}`)), {Kind: journal.Recv}}, nil)
	if err == nil || !strings.Contains(err.Error(), "journal event 1 has no message") {
		t.Errorf("err = %v", err)
	}
}

func TestMessagesOfAnEmptyJournal(t *testing.T) {
	root := drawMessages(t, nil)
	if n := len(arrows(t, root)); n != 0 {
		t.Errorf("%d arrows", n)
	}
	if !slices.Contains(texts(root), "No messages.") {
		t.Errorf("texts %q", texts(root))
	}
}
