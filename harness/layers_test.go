package main

import (
	"os/exec"
	"strings"
	"testing"
)

// tiers order the harness' packages: each may import only packages of a
// lower tier, so no concept of Maelstrom's test depends on one built on it
// (the checker knows nothing of the network, the network nothing of the
// runner). A new package must be given its tier here.
var tiers = [][]string{
	{"history", "clock", "nodeid", "internal/jsonscan", "internal/textwrap", "transport", "testnode"},
	{"journal", "timing", "cli", "nemesis", "generator", "testnode/cmd/testnode"},
	{"network", "journey", "checker", "internal/wakeup"},
	{"workload/broadcast", "store", "report", "plot"},
	{"runner"},
	{"sim", ""}, // "" is the command itself
}

func TestEveryImportGoesDown(t *testing.T) {
	tier := map[string]int{}
	for i, pkgs := range tiers {
		for _, p := range pkgs {
			tier[p] = i
		}
	}
	const module = "github.com/deamondev/gossip-glomers-tutorial/harness"
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	name := func(path string) string { return strings.TrimPrefix(strings.TrimPrefix(path, module), "/") }
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		from := name(fields[0])
		at, ok := tier[from]
		if !ok {
			t.Errorf("package %q has no tier in layers_test.go", from)
			continue
		}
		for _, imp := range fields[1:] {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			if to := name(imp); tier[to] >= at {
				t.Errorf("%s (tier %d) imports %s (tier %d): an import must go to a lower tier", from, at, to, tier[to])
			}
		}
	}
}
