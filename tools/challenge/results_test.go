package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUpdateReadmeRewritesOnlyTheTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "README.md")
	before := "intro\n<!-- results:start -->\nold table\n<!-- results:end -->\nafter\n"
	os.WriteFile(path, []byte(before), 0o644)
	r := resultsFile{Generated: "2026-11-23T21:00:00Z", Command: "make results", Runs: []resultRun{{
		Workload: "broadcast-3e", Module: "broadcast-3e",
		Command: "make MODULE=broadcast-3e WORKLOAD=broadcast-3e",
		figures: figures{Servers: 2.85, All: 4.9, Latency: latencySummary{P50: 350, P99: 577, Max: 684}},
		Targets: []targetOutcome{{Name: "valid", Pass: true}, {Name: "max latency", Pass: false}},
	}}}
	if err := updateReadme(path, r); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	got := string(b)
	for _, want := range []string{"intro\n<!-- results:start -->\n", "| broadcast-3e | broadcast-3e | 2.85 | 4.90 | 350 | 577 | 684 | 0 | FAIL: max latency | `make MODULE=broadcast-3e WORKLOAD=broadcast-3e` |", "<!-- results:end -->\nafter\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("README lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "old table") {
		t.Errorf("the old table is still there")
	}
	os.WriteFile(path, []byte("no markers\n"), 0o644)
	if err := updateReadme(path, r); err == nil {
		t.Errorf("a file without markers was accepted")
	}
}
