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

	all["wide"] = drawio.Diagram{Name: "wide", Nodes: []drawio.Node{{ID: "a", Label: "a"}, {ID: "b", Label: "b", X: 600}}}
	if code, msg := call(); code != 1 || !strings.Contains(msg, "gendiagrams: wide: 740 px wide: in a phone's 358 px column its text would shrink to 6.8 px, below 11; make it at most 455 px wide") {
		t.Fatalf("a diagram too wide for a phone: exit %d, %s", code, msg)
	}
	all["wide"] = drawio.Diagram{Name: "crowded", Nodes: []drawio.Node{{ID: "a", Label: "a"}, {ID: "b", Label: "b", X: 300}, {ID: "m", Label: "m", X: 160, Y: 0, W: 40}}, Edges: []drawio.Edge{{From: "a", To: "b"}}}
	if code, msg := call(); code != 1 || !strings.Contains(msg, `gendiagrams: wide: diagram "crowded": edge 1 (a → b) runs through the label "m"`) {
		t.Fatalf("a crowded diagram: exit %d, %s", code, msg)
	}
	delete(all, "wide")
	for _, name := range []string{"wide", "crowded"} {
		if _, err := os.Stat(filepath.Join(out, name+".drawio.svg")); !os.IsNotExist(err) {
			t.Errorf("an illegible diagram was written: %v", err)
		}
	}

	all["bad"] = drawio.Diagram{Name: "bad", Edges: []drawio.Edge{{From: "x", To: "y"}}}
	if code, msg := call(); code != 1 || !strings.Contains(msg, `gendiagrams: bad: diagram "bad": edge 1`) {
		t.Fatalf("a broken description: exit %d, %s", code, msg)
	}
	if _, err := os.Stat(filepath.Join(out, "bad.drawio.svg")); !os.IsNotExist(err) {
		t.Errorf("a broken description was written: %v", err)
	}
}
