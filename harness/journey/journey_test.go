package journey

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// recorder builds a journal by hand, one millisecond per event unless told.
type recorder struct {
	events []journal.Event
	nextID int
}

func (r *recorder) send(at int, src, dest, body string) *journal.Message {
	m := &journal.Message{ID: r.nextID, Src: src, Dest: dest, Body: []byte(body)}
	r.nextID++
	r.events = append(r.events, journal.Event{Kind: journal.Send, Time: ms(at), Message: m})
	return m
}

func (r *recorder) recv(at int, m *journal.Message) {
	r.events = append(r.events, journal.Event{Kind: journal.Recv, Time: ms(at), Message: m})
}

func (r *recorder) drop(at int, m *journal.Message) {
	r.events = append(r.events, journal.Event{Kind: journal.Drop, Time: ms(at), Message: m})
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// partitioned is a 3-node run: 7 reaches n1 and n2 at once, n3 only after
// a partition dropped its first copy; 8 reaches everyone in 100 ms; 9
// never reaches n3.
func partitioned() *recorder {
	r := new(recorder)
	for _, n := range []string{"n1", "n2", "n3"} {
		init := r.send(0, "c0", n, `{"type":"init","node_id":"`+n+`","msg_id":1}`)
		r.recv(0, init)
	}
	b := r.send(10, "c7", "n1", `{"type":"broadcast","message":7,"msg_id":7}`)
	r.recv(10, b)
	r.recv(11, r.send(11, "n1", "c7", `{"type":"broadcast_ok","in_reply_to":7}`))
	g2 := r.send(12, "n1", "n2", `{"type":"gossip","messages":[7]}`)
	g3 := r.send(12, "n1", "n3", `{"type":"gossip","messages":[7]}`)
	r.recv(112, g2)
	r.drop(112, g3)
	r.recv(113, r.send(113, "n2", "n1", `{"type":"gossip_ok","messages":[7]}`))
	r.recv(120, r.send(120, "n2", "c8", `{"type":"read_ok","messages":[7],"in_reply_to":7}`))
	b8 := r.send(200, "c9", "n2", `{"type":"broadcast","message":8,"msg_id":7}`)
	r.recv(200, b8)
	for _, n := range []string{"n1", "n3"} {
		r.recv(300, r.send(200, "n2", n, `{"type":"gossip","messages":[8]}`))
	}
	b9 := r.send(400, "c9", "n1", `{"type":"broadcast","message":9,"msg_id":8}`)
	r.recv(400, b9)
	r.recv(1600, r.send(1500, "n1", "n3", `{"type":"gossip","messages":[7,9]}`)) // the resend after the heal
	r.drop(1600, r.send(1500, "n1", "n2", `{"type":"gossip","messages":[7,9]}`))
	r.recv(1800, r.send(1700, "n3", "n2", `{"type":"gossip","messages":[7]}`)) // after every node had 7
	return r
}

func TestFollow(t *testing.T) {
	r := partitioned()
	heal := journal.Mark{Time: ms(1000), Kind: journal.Heal, Text: "network healed"}
	j, ok := Follow(r.events, []journal.Mark{heal, {Time: ms(5), Kind: journal.Partition}}, 7)
	if !ok {
		t.Fatal("7 was never broadcast")
	}
	if j.Start != ms(10) || j.End != ms(1600) {
		t.Errorf("from %v to %v, want 10ms to 1.6s (n3's first copy)", j.Start, j.End)
	}
	if want := map[string]time.Duration{"n1": ms(10), "n2": ms(112), "n3": ms(1600)}; len(j.Reached) != 3 ||
		j.Reached["n1"] != want["n1"] || j.Reached["n2"] != want["n2"] || j.Reached["n3"] != want["n3"] {
		t.Errorf("reached %v, want %v", j.Reached, want)
	}
	var shown []string
	for _, e := range j.Events {
		if e.Kind == journal.Send {
			shown = append(shown, e.Message.Src+">"+e.Message.Dest)
		}
	}
	// The broadcast_ok and read_ok go to clients and carry nothing; the
	// copy sent after every node had 7 is counted, not shown.
	if want := []string{"c7>n1", "n1>n2", "n1>n3", "n2>n1", "n1>n3", "n1>n2"}; !slices.Equal(shown, want) {
		t.Errorf("messages shown %v, want %v", shown, want)
	}
	if len(j.First) != 3 || j.Dropped != 2 || j.Later != 1 || j.Omitted != 0 || len(j.Missing) != 0 {
		t.Errorf("first %v, dropped %d, later %d, omitted %d, missing %v", j.First, j.Dropped, j.Later, j.Omitted, j.Missing)
	}
	if !slices.Equal(j.Nodes, []string{"n1", "n2", "n3"}) {
		t.Errorf("nodes %v", j.Nodes)
	}

	j9, _ := Follow(r.events, nil, 9)
	if !slices.Equal(j9.Missing, []string{"n2"}) || j9.End != ms(1600) {
		t.Errorf("9: missing %v, end %v; want n2 missing, the end at the last event", j9.Missing, j9.End)
	}
	if _, ok := Follow(r.events, nil, 1); ok {
		t.Error("a value no client broadcast has a journey")
	}
}

func TestChoose(t *testing.T) {
	got := Choose(partitioned().events)
	want := []int{9, 7, 8}
	var values []int
	for _, c := range got {
		values = append(values, c.Value)
	}
	if !slices.Equal(values, want) {
		t.Fatalf("chose %v, want %v: %+v", values, want, got)
	}
	for i, why := range []string{"never reached 1 of the 3 nodes", "the slowest to reach every node (1590 ms)", "a typical value"} {
		if !strings.Contains(got[i].Why, why) {
			t.Errorf("choice %d: %q, want it to say %q", i, got[i].Why, why)
		}
	}
	if Choose(nil) != nil {
		t.Error("values chosen from an empty journal")
	}
}

func TestMaxMessages(t *testing.T) {
	r := new(recorder)
	r.recv(0, r.send(0, "c1", "n0", `{"type":"broadcast","message":5,"msg_id":1}`))
	r.recv(1, r.send(1, "n0", "n1", `{"type":"gossip","messages":[5]}`))
	for i := range 2 * MaxMessages {
		r.recv(2+i, r.send(2+i, "n0", "n0", `{"type":"gossip","messages":[5]}`))
	}
	r.recv(5000, r.send(4000, "n1", "n2", `{"type":"gossip","messages":[5]}`))
	j, _ := Follow(r.events, nil, 5)
	sends := 0
	for _, e := range j.Events {
		if e.Kind == journal.Send {
			sends++
		}
	}
	if sends != MaxMessages || j.Omitted != MaxMessages+3 {
		t.Errorf("%d messages shown, %d omitted; want %d shown", sends, j.Omitted, MaxMessages)
	}
	if !j.First[j.Events[len(j.Events)-1].Message.ID] {
		t.Error("the message that reached the last node was left out")
	}
}
