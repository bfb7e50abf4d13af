package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// savedRun writes a small run's journal, as a run does, and returns its
// store: value 5 reaches n1 and n2, value 6 never leaves n2.
func savedRun(t *testing.T) string {
	t.Helper()
	store := t.TempDir()
	run := filepath.Join(store, "broadcast", "20261201T000000.000Z")
	if err := os.MkdirAll(run, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("broadcast", "20261201T000000.000Z"), filepath.Join(store, "latest")); err != nil {
		t.Fatal(err)
	}
	var events []journal.Event
	pair := func(id int, at time.Duration, src, dest, body string) {
		m := &journal.Message{ID: id, Src: src, Dest: dest, Body: []byte(body)}
		events = append(events, journal.Event{Kind: journal.Send, Time: at, Message: m}, journal.Event{Kind: journal.Recv, Time: at + 100*time.Millisecond, Message: m})
	}
	pair(0, 0, "c4", "n1", `{"type":"broadcast","message":5,"msg_id":1}`)
	pair(1, 200*time.Millisecond, "n1", "n2", `{"type":"gossip","messages":[5]}`)
	pair(2, time.Second, "c5", "n2", `{"type":"broadcast","message":6,"msg_id":1}`)
	if err := journal.WriteFile(filepath.Join(run, journal.FileName), events, nil); err != nil {
		t.Fatal(err)
	}
	return store
}

func TestJourneyCommand(t *testing.T) {
	store := savedRun(t)
	var out, errs bytes.Buffer
	if code := journeyCommand([]string{store, "--values", "5"}, &out, &errs); code != journeyOK {
		t.Fatalf("exit %d; stderr: %s", code, errs.String())
	}
	path := filepath.Join(store, "latest", "journey-5.svg")
	if !strings.Contains(out.String(), path+": value 5, asked for; it reached 2 of 2 nodes in 0.300 s, 0 copies dropped") {
		t.Errorf("stdout: %s", out.String())
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.Contains(b, []byte("The journey of value 5")) {
		t.Errorf("journey-5.svg: %v", err)
	}

	// Without --values: the value that never reached every node first.
	out.Reset()
	outDir := t.TempDir()
	if code := journeyCommand([]string{"--out=" + outDir, filepath.Join(store, "latest")}, &out, &errs); code != journeyOK {
		t.Fatalf("exit %d; stderr: %s", code, errs.String())
	}
	if !strings.HasPrefix(out.String(), filepath.Join(outDir, "journey-6.svg")+": value 6, it never reached 1 of the 2 nodes") {
		t.Errorf("stdout: %s", out.String())
	}
}

func TestJourneyCommandErrors(t *testing.T) {
	store := savedRun(t)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{nil, cli.ExitUsage, "which run? give its directory"},
		{[]string{store, "--values", "x"}, cli.ExitUsage, `--values x: "x" is not an integer`},
		{[]string{store, "--colour"}, cli.ExitUsage, "unknown option --colour"},
		{[]string{store, store}, cli.ExitUsage, "one run directory, please"},
		{[]string{store, "--values"}, cli.ExitUsage, "--values needs a value"},
		{[]string{t.TempDir()}, journeyFailed, "holds no net-journal.jsonl.gz"},
		{[]string{store, "--values", "99"}, journeyFailed, "no client broadcast the value 99"},
	} {
		var out, errs bytes.Buffer
		code := journeyCommand(tt.args, &out, &errs)
		if code != tt.code || !strings.Contains(errs.String(), tt.want) {
			t.Errorf("journey %q: exit %d, stderr %q; want %d and %q", tt.args, code, errs.String(), tt.code, tt.want)
		}
	}
}
