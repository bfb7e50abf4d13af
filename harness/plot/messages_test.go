package plot

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// drawMessages runs Messages and checks the output is well-formed SVG.
func drawMessages(t *testing.T, events []journal.Event) node {
	t.Helper()
	var buf bytes.Buffer
	if err := Messages(&buf, events); err != nil {
		t.Fatal(err)
	}
	root := parseXML(t, buf.Bytes())
	if root.attr("width") != "1200" {
		t.Errorf("width = %s, want 1200", root.attr("width"))
	}
	return root
}

// arrow is one drawn message.
type arrow struct {
	title, label, stroke string
	x1, y1, x2, y2       float64
}

func arrows(t *testing.T, root node) []arrow {
	t.Helper()
	var out []arrow
	for _, g := range root.all("g") {
		title, _ := g.child("title")
		line, _ := g.child("line")
		text, _ := g.child("text")
		out = append(out, arrow{
			title: title.Text, label: text.Text, stroke: line.attr("stroke"),
			x1: float(t, line.attr("x1")), y1: float(t, line.attr("y1")),
			x2: float(t, line.attr("x2")), y2: float(t, line.attr("y2")),
		})
	}
	return out
}

func TestEndpointOrder(t *testing.T) {
	ids := []string{"lin-kv", "n10", "c10", "n2", "c0", "n1", "c2", "seq-kv"}
	slices.SortFunc(ids, compareEndpoints)
	want := []string{"c0", "c2", "c10", "n1", "n2", "n10", "lin-kv", "seq-kv"}
	if !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
}

func TestMessagesLayout(t *testing.T) {
	m1 := msg(1, "n10", "lin-kv", `{"type":"read","key":"k","msg_id":1}`)
	m2 := msg(2, "c2", "n1", `{"type":"broadcast","message":7,"msg_id":1}`)
	m3 := msg(3, "n2", "c10", `{"type":"error","code":11,"text":"busy","in_reply_to":4}`)
	m4 := msg(4, "n1", "n2", `{"type":"gossip","values":[1,2]}`) // never received
	m5 := msg(5, "c0", "n1", `{"type":"read","msg_id":9}`)
	events := []journal.Event{
		send(m1), send(m2), recv(m2), send(m4), send(m3), recv(m1), recv(m3), send(m5), recv(m5),
	}
	root := drawMessages(t, events)

	// Endpoints: c0 c2 c10 n1 n2 n10 lin-kv, at (rank+½)/7 × 1200.
	x := map[string]float64{}
	for i, id := range []string{"c0", "c2", "c10", "n1", "n2", "n10", "lin-kv"} {
		x[id] = (float64(i) + 0.5) / 7 * 1200
	}
	y := func(step int) float64 { return 20 * (1.5 + float64(step)) }
	got := arrows(t, root)
	want := []arrow{
		{title: `n10 → lin-kv {"type":"read","key":"k","msg_id":1}`, label: `read {:key "k"}`, stroke: "#000000",
			x1: x["n10"], y1: y(1), x2: x["lin-kv"], y2: y(6)},
		{title: `c2 → n1 {"type":"broadcast","message":7,"msg_id":1}`, label: "broadcast {:message 7}", stroke: "#81BFFC",
			x1: x["c2"], y1: y(2), x2: x["n1"], y2: y(3)},
		{title: `n2 → c10 {"type":"error","code":11,"text":"busy","in_reply_to":4}`, label: "busy", stroke: "#FF1E90",
			x1: x["n2"], y1: y(5), x2: x["c10"], y2: y(7)},
		{title: `c0 → n1 {"type":"read","msg_id":9}`, label: "read", stroke: "#81BFFC",
			x1: x["c0"], y1: y(8), x2: x["n1"], y2: y(9)},
	}
	if len(got) != len(want) {
		t.Fatalf("%d arrows, want %d (the undelivered gossip is not drawn): %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.title != w.title || g.label != w.label || g.stroke != w.stroke ||
			!near(g.x1, w.x1) || !near(g.y1, w.y1) || !near(g.x2, w.x2) || !near(g.y2, w.y2) {
			t.Errorf("arrow %d = %+v\nwant %+v", i, g, w)
		}
	}
	// Every endpoint gets a vertical line and a name.
	names := texts(root)
	for id := range x {
		if !slices.Contains(names, id) {
			t.Errorf("no name for %s", id)
		}
	}
	if slices.Contains(names, "Additional network events not shown") {
		t.Error("notice shown for a short journal")
	}
}

func near(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }

func TestMessagesDropsInit(t *testing.T) {
	init := msg(0, "c0", "n1", `{"type":"init","node_id":"n1","node_ids":["n1"],"msg_id":1}`)
	initOK := msg(1, "n1", "c0", `{"type":"init_ok","in_reply_to":1}`)
	topo := msg(2, "c1", "n1", `{"type":"topology","topology":{"n1":[]},"msg_id":1}`)
	root := drawMessages(t, []journal.Event{send(init), recv(init), send(initOK), recv(initOK), send(topo), recv(topo)})
	got := arrows(t, root)
	if len(got) != 1 || got[0].label != `topology {:topology {"n1" []}}` {
		t.Fatalf("arrows = %+v, want only the topology message", got)
	}
	// topology is the first and second event once init is gone, and c0 no
	// longer appears at all.
	if !near(got[0].y1, 50) || !near(got[0].y2, 70) {
		t.Errorf("topology drawn from y=%v to y=%v, want 50 to 70", got[0].y1, got[0].y2)
	}
	if slices.Contains(texts(root), "c0") {
		t.Error("c0 is drawn although it only took part in init")
	}
}

func TestMessagesTruncation(t *testing.T) {
	journalOf := func(n int) []journal.Event {
		events := []journal.Event{send(msg(0, "c0", "n1", `{"type":"init"}`))}
		for i := range n {
			m := msg(i+1, "n1", "n2", fmt.Sprintf(`{"type":"gossip","value":%d}`, i))
			if i%2 == 0 {
				events = append(events, send(m))
			} else {
				events = append(events, recv(msg(i, "n1", "n2", "{}")))
			}
		}
		return events
	}
	const notice = "Additional network events not shown"
	for _, tt := range []struct {
		events     int
		wantNotice bool
	}{{10000, false}, {10001, true}} {
		root := drawMessages(t, journalOf(tt.events))
		if got := slices.Contains(texts(root), notice); got != tt.wantNotice {
			t.Errorf("%d events: notice shown = %v, want %v", tt.events, got, tt.wantNotice)
		}
		// 5 000 send/receive pairs fit in the first 10 000 steps either way.
		if n := len(arrows(t, root)); n != 5000 {
			t.Errorf("%d events: %d arrows, want 5000", tt.events, n)
		}
		// Names repeat every 50 steps: steps 0, 50, …, 9950.
		if n := countText(root, "n1"); n != 200 {
			t.Errorf("%d events: n1 named %d times, want 200", tt.events, n)
		}
		if tt.wantNotice {
			for _, n := range root.all("text") {
				if n.Text == notice && n.attr("fill") != noticeColor {
					t.Errorf("notice colour %s", n.attr("fill"))
				}
			}
		}
	}
}

func countText(root node, s string) int {
	n := 0
	for _, t := range texts(root) {
		if t == s {
			n++
		}
	}
	return n
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
	if len(got) != 1 || !strings.Contains(got[0].label, `<b>&\"'`) {
		t.Errorf("arrows = %+v", got)
	}
}

func TestMessagesRejectsEventsWithoutMessage(t *testing.T) {
	err := Messages(&bytes.Buffer{}, []journal.Event{send(msg(1, "n1", "n2", `{}`)), {Kind: journal.Recv}})
	if err == nil || !strings.Contains(err.Error(), "journal event 1 has no message") {
		t.Errorf("err = %v", err)
	}
}

func TestMessagesOfAnEmptyJournal(t *testing.T) {
	root := drawMessages(t, nil)
	if n := len(arrows(t, root)); n != 0 {
		t.Errorf("%d arrows", n)
	}
}
