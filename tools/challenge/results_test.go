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
		figures: figures{Servers: 2.85, All: 4.9, Latency: latencySummary{P50: 350, P99: 577, Max: 684},
			Targets: []targetOutcome{{Name: "valid", Pass: true}, {Name: "max latency", Pass: false}}},
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

func TestResultsFlagsAreChecked(t *testing.T) {
	if ms, err := intervalsMs("100, 250,,800"); err != nil || len(ms) != 3 || ms[1] != 250 {
		t.Errorf("intervalsMs = %v, %v; want [100 250 800]", ms, err)
	}
	for _, bad := range []string{"100ms", "0", "-5", "x"} {
		if _, err := intervalsMs(bad); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("intervalsMs(%q): err = %v, want one naming it", bad, err)
		}
	}
	if cs, err := findAll("broadcast-3e,broadcast-piggyback"); err != nil || len(cs) != 2 || cs[1].Step != "broadcast-piggyback" {
		t.Errorf("findAll = %v, %v", cs, err)
	}
	if _, err := findAll("broadcast-3e,broadcast-3f"); err == nil || !strings.Contains(err.Error(), "broadcast-3f") {
		t.Errorf("findAll of an unknown workload: err = %v, want one naming it", err)
	}
}
