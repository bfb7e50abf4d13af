package lab

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

func TestCountTrafficGroupsServerMessagesByTypeAndDirection(t *testing.T) {
	var j journalOf
	j.broadcast(0, "c1", "n1", 4)
	j.msg(1, "n1", "c1", `{"type":"broadcast_ok","in_reply_to":1}`, false)
	j.gossip(1, "n1", "n0", []int{4}, false)
	j.msg(100, "n0", "n2", `{"type":"gossip","messages":[4,5],"acks":[3]}`, false)
	j.gossip(101, "n0", "n1", []int{5}, true) // sent, though dropped
	j.msg(200, "n2", "n0", `{"type":"gossip_ok","messages":[4,5]}`, false)
	j.gossip(201, "n2", "n1", nil, false)
	dir := t.TempDir()
	if err := journal.WriteFile(filepath.Join(dir, journal.FileName), j.events, nil); err != nil {
		t.Fatal(err)
	}
	got, err := CountTraffic(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []TrafficRow{
		{Type: "gossip", Direction: "n0 → others", Messages: 2, Values: 3},
		{Type: "gossip", Direction: "others → n0", Messages: 1, Values: 1},
		{Type: "gossip_ok", Direction: "others → n0", Messages: 1, Values: 2},
		{Type: "gossip", Direction: "between others", Messages: 1, Values: 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CountTraffic =\n%+v\nwant\n%+v", got, want)
	}
	if _, err := CountTraffic(t.TempDir()); err == nil {
		t.Error("a run without a journal gave no error")
	}
}
