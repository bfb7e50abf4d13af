package sim_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/harness/sim"
	"github.com/deamondev/gossip-glomers-tutorial/harness/testnode"
)

// partitioned are the flags of Gossip Glomers' challenge 3c: 5 nodes, 20 s
// at 10 ops/s, with partitions.
var partitioned = []string{"--node-count", "5", "--time-limit", "20", "--rate", "10", "--nemesis", "partition"}

func run(t *testing.T, args ...string) sim.Result {
	t.Helper()
	res, err := sim.Run(t, testnode.Node, args...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestAnAntiEntropyNodeIsValidUnderPartitions(t *testing.T) {
	res := run(t, append(partitioned, "--seed", "1")...)
	if res.Exit != 0 || res.Results.Valid != checker.Valid {
		t.Fatalf("exit %d, want 0 (valid):\n%s", res.Exit, res.Output)
	}
	w := res.Results.Workload
	if w.AttemptCount < 90 || w.StableCount != w.AttemptCount {
		t.Errorf("%d of %d values stable, want every one of about 100 (rate 10 for 20 s, half broadcasts)", w.StableCount, w.AttemptCount)
	}
	if len(res.History) < 2*res.Results.Stats.Count {
		t.Errorf("history of %d ops for %d invocations, want an invocation and a completion each, and the nemesis' ops", len(res.History), res.Results.Stats.Count)
	}
	if srv := res.Results.Net.Servers; srv.SendCount <= srv.RecvCount {
		t.Errorf("servers sent %d messages and received %d: the partitions dropped nothing", srv.SendCount, srv.RecvCount)
	}
	for _, want := range []string{"Checker: valid", "Seed: 1 ", "Store: none"} {
		if !strings.Contains(res.Summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, res.Summary)
		}
	}
	if res.Dir != "" || res.Seed != 1 {
		t.Errorf("Dir %q, Seed %d; want no store and seed 1", res.Dir, res.Seed)
	}
}

// A node that sends each value once, with no resend, loses the values a
// partition cuts off; a seed repeats the run's schedule, so the same values
// are lost again.
func TestASeedRepeatsTheValuesANodeLoses(t *testing.T) {
	for seed := range 6 {
		args := append(slices.Clone(partitioned), "--seed", fmt.Sprint(seed), "--", "--gossip", "flood")
		first := run(t, args...)
		if first.Exit != 1 || len(first.Results.Workload.Lost) == 0 {
			t.Fatalf("seed %d: exit %d with lost %v, want 1 (invalid) with lost values:\n%s", seed, first.Exit, first.Results.Workload.Lost, first.Output)
		}
		if !strings.Contains(first.Summary, "Lost values, by the final reads of each node:") {
			t.Errorf("the summary does not list the lost values:\n%s", first.Summary)
		}
		for range 2 {
			again := run(t, args...)
			if !slices.Equal(again.Results.Workload.Lost, first.Results.Workload.Lost) {
				t.Errorf("seed %d lost %v, then %v: a seed must repeat the run", seed, first.Results.Workload.Lost, again.Results.Workload.Lost)
			}
		}
	}
}

func TestStoreIsWrittenOnlyWhenAskedFor(t *testing.T) {
	root := filepath.Join(t.TempDir(), "store")
	before := time.Now()
	res := run(t, append(partitioned, "--seed", "2", "--store", root)...)
	if res.Dir == "" || filepath.Dir(filepath.Dir(res.Dir)) != root {
		t.Fatalf("Dir %q, want a run directory under %s", res.Dir, root)
	}
	for _, name := range []string{"results.edn", "results.json", "history.txt", "history.edn", "jepsen.log", "messages.svg", "latency-raw.svg", "timeline.html", "node-logs/n4.log"} {
		if _, err := os.Stat(filepath.Join(res.Dir, name)); err != nil {
			t.Errorf("store: %v", err)
		}
	}
	// Named after the real time, not the bubble's virtual clock.
	named, err := time.Parse("20060102T150405.000Z0700", filepath.Base(res.Dir))
	if err != nil || named.Before(before.Truncate(time.Millisecond)) {
		t.Errorf("run directory %s: want one named after the real time (%v), got %v, %v", filepath.Base(res.Dir), before, named, err)
	}
	if !strings.Contains(res.Summary, "Store: "+res.Dir) {
		t.Errorf("summary does not name the store:\n%s", res.Summary)
	}
}

func TestSeedsRunInParallel(t *testing.T) {
	for seed := range 4 {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			t.Parallel()
			res := run(t, append(partitioned, "--seed", fmt.Sprint(seed), "--time-limit", "5")...)
			if res.Exit != 0 {
				t.Errorf("exit %d:\n%s", res.Exit, res.Output)
			}
		})
	}
}

func TestBadFlagsAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--bin", "/bin/true"},
		{"--rate", "fast"},
		{"--nemesis", "clock"},
	} {
		_, err := sim.Run(t, testnode.Node, args...)
		var ue *cli.UsageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%v: %v, want a usage error naming %s", args, err, args[0])
		}
	}
}

// A node that exits before the end is reported as a crash, as a process
// would be.
func TestANodeThatReturnsEarlyIsACrash(t *testing.T) {
	res := run(t, "--node-count", "2", "--time-limit", "5", "--rate", "10", "--", "--misbehave", "crash", "--crash-after", "1")
	if res.Exit != 255 || res.Results.Crash == nil {
		t.Fatalf("exit %d, crash %+v; want 255 and the crash:\n%s", res.Exit, res.Results.Crash, res.Output)
	}
	if !strings.Contains(res.Output, "stopped on its own (exit status 1)") {
		t.Errorf("output does not report the crash:\n%s", res.Output)
	}
}

// A node that never answers init cannot be tested; Run says why.
func TestARunThatCannotStartIsAnError(t *testing.T) {
	_, err := sim.Run(t, testnode.Node, "--node-count", "1", "--time-limit", "5", "--", "--misbehave", "no-init")
	if err == nil || !strings.Contains(err.Error(), "did not answer its init message") {
		t.Errorf("err %v, want one that says the node did not answer init", err)
	}
}

// A node that exits before it answers init ends the run's setup, with
// or without a store: the error says so, and names no log file when
// there is none.
func TestANodeThatExitsAtInitEndsTheSetup(t *testing.T) {
	for _, store := range [][]string{nil, {"--store", t.TempDir()}} {
		args := append([]string{"--node-count", "3", "--time-limit", "1"}, store...)
		_, err := sim.Run(t, testnode.Node, append(args, "--", "--misbehave", "exit-at-init")...)
		if err == nil || !strings.Contains(err.Error(), "exited before it answered its init message") {
			t.Errorf("with %q: %v, want the setup to end, saying why", store, err)
		}
		if store == nil && strings.Contains(fmt.Sprint(err), "(see ") {
			t.Errorf("without a store the error points at a file: %v", err)
		}
	}
}
