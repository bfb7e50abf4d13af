package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCountTrafficGroupsServerMessagesByTypeAndDirection(t *testing.T) {
	log := strings.Join([]string{
		`2026-12-01 18:59:32.826 INFO Running broadcast against 3 node(s)`,
		`2026-12-01 18:59:32.890 INFO send c1 → n1 {"type":"broadcast","message":4,"msg_id":1}`,
		`2026-12-01 18:59:32.891 INFO send n1 → c1 {"type":"broadcast_ok","in_reply_to":1}`,
		`2026-12-01 18:59:32.891 INFO send n1 → n0 {"type":"gossip","messages":[4]}`,
		`2026-12-01 18:59:32.992 INFO send n0 → n2 {"type":"gossip","messages":[4,5],"acks":[3]}`,
		`2026-12-01 18:59:32.993 INFO send n0 → n1 {"type":"gossip","messages":[5]}`,
		`2026-12-01 18:59:33.093 INFO send n2 → n0 {"type":"gossip_ok","messages":[4,5]}`,
		`2026-12-01 18:59:33.094 INFO send n2 → n1 {"type":"gossip","messages":[]}`,
		`2026-12-01 18:59:33.100 WARN a line about n0 → n1 that is not a send`,
	}, "\n") + "\n"
	path := filepath.Join(t.TempDir(), "jepsen.log")
	if err := os.WriteFile(path, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := countTraffic(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []trafficRow{
		{Type: "gossip", Direction: "n0 → others", Messages: 2, Values: 3},
		{Type: "gossip", Direction: "others → n0", Messages: 1, Values: 1},
		{Type: "gossip_ok", Direction: "others → n0", Messages: 1, Values: 2},
		{Type: "gossip", Direction: "between others", Messages: 1, Values: 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("countTraffic =\n%+v\nwant\n%+v", got, want)
	}
}

func TestCountTrafficNeedsALoggedRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jepsen.log")
	os.WriteFile(path, []byte("2026-12-01 18:59:32.826 INFO Running broadcast\n"), 0o644)
	if _, err := countTraffic(path); err == nil || !strings.Contains(err.Error(), "--log-net-send") {
		t.Errorf("err = %v, want one that names --log-net-send", err)
	}
	os.WriteFile(path, []byte(`x INFO send n1 → n0 {"type":`+"\n"), 0o644)
	if _, err := countTraffic(path); err == nil || !strings.Contains(err.Error(), "jepsen.log:1") {
		t.Errorf("err = %v, want one that names the file and line", err)
	}
}
