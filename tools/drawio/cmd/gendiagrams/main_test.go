package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/drawio"
)

func TestWriteThenCheck(t *testing.T) {
	out := t.TempDir()
	all := map[string]drawio.Diagram{
		"pair": {Name: "pair", Nodes: []drawio.Node{{ID: "a", Label: "a"}, {ID: "b", Label: "b", X: 200}}, Edges: []drawio.Edge{{From: "a", To: "b"}}},
	}
	call := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"-out", out}, args...), all, &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}
	path := filepath.Join(out, "pair.drawio.svg")

	if code, msg := call("-check"); code != 1 || !strings.Contains(msg, "stale: "+path) {
		t.Fatalf("-check before writing: exit %d, %s", code, msg)
	}
	if code, msg := call(); code != 0 || !strings.Contains(msg, "wrote "+path) {
		t.Fatalf("writing: exit %d, %s", code, msg)
	}
	if err := drawio.Check(path); err != nil {
		t.Fatalf("the written file fails the checks: %v", err)
	}
	if code, msg := call("-check"); code != 0 {
		t.Fatalf("-check after writing: exit %d, %s", code, msg)
	}
	all["pair"] = drawio.Diagram{Name: "pair", Nodes: []drawio.Node{{ID: "a", Label: "a, renamed"}}}
	if code, msg := call("-check"); code != 1 || !strings.Contains(msg, "stale: "+path) {
		t.Fatalf("-check after a change: exit %d, %s", code, msg)
	}

	all["bad"] = drawio.Diagram{Name: "bad", Edges: []drawio.Edge{{From: "x", To: "y"}}}
	if code, msg := call(); code != 1 || !strings.Contains(msg, `gendiagrams: bad: diagram "bad": edge 1`) {
		t.Fatalf("a broken description: exit %d, %s", code, msg)
	}
	if _, err := os.Stat(filepath.Join(out, "bad.drawio.svg")); !os.IsNotExist(err) {
		t.Errorf("a broken description was written: %v", err)
	}
}
