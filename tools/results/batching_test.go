package main

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// Two values from a leaf reach the hub, one just after its flush at
// 200 ms (it waits for the next, at 400) and one halfway: half of them
// waited more than nine tenths of the interval.
func TestLateAtHub(t *testing.T) {
	var events []journal.Event
	id := 0
	msg := func(sent, got int, src, dest, body string) {
		m := &journal.Message{ID: id, Src: src, Dest: dest, Body: []byte(body)}
		id++
		events = append(events, journal.Event{Kind: journal.Send, Time: time.Duration(sent) * time.Millisecond, Message: m},
			journal.Event{Kind: journal.Recv, Time: time.Duration(got) * time.Millisecond, Message: m})
	}
	for v, at := range []int{1: 101, 2: 150} {
		if v == 0 {
			continue
		}
		msg(at-100, at-100, "c1", "n1", fmt.Sprintf(`{"type":"broadcast","message":%d,"msg_id":%d}`, v, v))
		msg(at-100, at+100, "n1", "n0", fmt.Sprintf(`{"type":"gossip","messages":[%d]}`, v))
	}
	msg(400, 500, "n0", "n2", `{"type":"gossip","messages":[1,2]}`)
	dir := t.TempDir()
	if err := journal.WriteFile(filepath.Join(dir, journal.FileName), events, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := lateAtHub(dir, 200*time.Millisecond); err != nil || got != 0.5 {
		t.Errorf("lateAtHub = %v, %v; want 0.5", got, err)
	}
}
