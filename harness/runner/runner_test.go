package runner_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/runner"
	"github.com/deamondev/gossip-glomers-tutorial/harness/testnode"
	"github.com/deamondev/gossip-glomers-tutorial/harness/transport"
)

// These tests run the whole harness in this process: nodes are functions
// wired to the runner through transport.Pipe, and synctest's fake clock
// lets a 20 s run and its 10 s recovery pass in a moment of real time.

func TestRunInProcessValidWithGossip(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res, console := runInProcess(t, gossiping...)
		if res.Exit != runner.ExitValid {
			t.Fatalf("exit %d, want %d (valid); console:\n%s", res.Exit, runner.ExitValid, console)
		}
		r := res.Results
		if r == nil {
			t.Fatal("no results")
		}
		if n := len(r.Workload.Lost); n != 0 {
			t.Errorf(":lost-count %d, want 0; lost %v", n, r.Workload.Lost)
		}
		if r.Workload.StableCount == 0 || r.Workload.StableCount != r.Workload.AttemptCount {
			t.Errorf("%d of %d values stable, want all of them (and some)", r.Workload.StableCount, r.Workload.AttemptCount)
		}
		// At --rate 10 for 20 s about 200 ops run; the fake clock makes
		// the schedule exact enough to ask for most of them.
		if r.Stats.Count < 150 {
			t.Errorf("%d ops, want about 200 (rate 10 for 20 s) plus 5 final reads", r.Stats.Count)
		}
		if r.Net.Servers.MsgCount == 0 {
			t.Error("no message between servers: the nodes' gossip was not routed")
		}
		assertStoreWritten(t, res.Dir)
		if !strings.Contains(console, "Checker: valid, nothing lost.") {
			t.Errorf("console lacks the valid verdict:\n%s", console)
		}
		if m := regexp.MustCompile(`, (\d+) partitions?;`).FindStringSubmatch(console); m == nil {
			t.Errorf("the summary counts no partition, yet --nemesis partition was on:\n%s", console)
		}
	})
}

func TestRunInProcessInvalidWithoutGossip(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res, console := runInProcess(t, "--gossip", "none")
		if res.Exit != runner.ExitInvalid {
			t.Fatalf("exit %d, want %d (invalid); console:\n%s", res.Exit, runner.ExitInvalid, console)
		}
		r := res.Results
		if r.Valid != checker.Invalid || r.Workload.Valid != checker.Invalid {
			t.Errorf("verdict %v, workload %v; want both invalid", r.Valid, r.Workload.Valid)
		}
		if len(r.Workload.Lost) == 0 {
			t.Error("no lost values, yet every value stayed on the node that got it")
		}
		if r.Net.Servers.MsgCount != 0 {
			t.Errorf("%d messages between servers from nodes that never gossip", r.Net.Servers.MsgCount)
		}
		if !strings.Contains(console, "Lost values, by the final reads of each node:") {
			t.Errorf("console does not explain the lost values:\n%s", console)
		}
	})
}

// Cancelling the run's context (Ctrl-C) stops it early: the nodes are
// stopped, what was collected is written, the exit status says the run did
// not finish, and no goroutine of the run is left behind (synctest.Test
// would report one that is blocked for good).
// As in Maelstrom (client.clj, open!; db.clj): with N nodes, init comes
// from clients c0…c{N-1}, topology
// from c{N}…c{2N-1}, the first worker client is c{2N}, and every client
// numbers its requests from 1.
func TestRunInProcessNamesClientsAsMaelstrom(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res, console := runInProcess(t, gossiping...)
		if res.Exit != runner.ExitValid {
			t.Fatalf("exit %d; console:\n%s", res.Exit, console)
		}
		firstMsgID := map[string]int{}
		lowestWorker := -1
		for _, q := range clientRequests(t, res.Dir) {
			c, _ := strconv.Atoi(q.src[1:])
			node, _ := strconv.Atoi(q.node[1:])
			switch q.typ {
			case "init":
				if c != node {
					t.Errorf("init to %s came from %s, want c%d", q.node, q.src, node)
				}
			case "topology":
				if c != 5+node {
					t.Errorf("topology to %s came from %s, want c%d", q.node, q.src, 5+node)
				}
			default:
				if c < 10 {
					t.Errorf("%s from %s: worker clients start at c10", q.typ, q.src)
				}
				if lowestWorker < 0 || c < lowestWorker {
					lowestWorker = c
				}
			}
			if _, ok := firstMsgID[q.src]; !ok {
				firstMsgID[q.src] = q.msgID
			}
		}
		if lowestWorker != 10 {
			t.Errorf("lowest worker client c%d, want c10", lowestWorker)
		}
		for src, id := range firstMsgID {
			if id != 1 {
				t.Errorf("%s's first request has msg_id %d, want 1", src, id)
			}
		}
		if len(firstMsgID) < 15 {
			t.Errorf("only %d clients seen, want at least 5 init + 5 topology + 5 workers", len(firstMsgID))
		}
	})
}

func TestRunInProcessInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		res, console := runInProcessContext(ctx, t, gossiping...)
		if res.Exit != runner.ExitCrash {
			t.Errorf("exit %d, want %d for an interrupted run", res.Exit, runner.ExitCrash)
		}
		if !strings.Contains(console, "Interrupted") {
			t.Errorf("console does not say the run was interrupted:\n%s", console)
		}
		if _, err := os.Stat(filepath.Join(res.Dir, "history.txt")); err != nil {
			t.Errorf("history of the interrupted run: %v", err)
		}
	})
}

// A broadcast that ends :fail or :info keeps its value in the history, as
// Jepsen's completions do: the value is what tells a reader which broadcast
// was refused.
func TestRunInProcessKeepsTheValueOfFailedBroadcasts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res, console := runInProcess(t, "--gossip", "none", "--misbehave", "refuse")
		if res.Results == nil {
			t.Fatalf("no results; console:\n%s", console)
		}
		if c := res.Results.Stats.ByF["broadcast"]; c.Count == 0 || c.FailCount != c.Count {
			t.Fatalf("broadcasts %+v, want every one failed", c)
		}
		raw, err := os.ReadFile(filepath.Join(res.Dir, "history.txt"))
		if err != nil {
			t.Fatal(err)
		}
		failed := regexp.MustCompile("(?m)^\\d+\t:fail\t:broadcast\t(\\S+)\t\\[:temporarily-unavailable \"testnode refuses every broadcast\"\\]$")
		ms := failed.FindAllStringSubmatch(string(raw), -1)
		if len(ms) != res.Results.Stats.ByF["broadcast"].Count {
			t.Fatalf("%d :fail broadcast lines in history.txt, want %d:\n%s", len(ms), res.Results.Stats.ByF["broadcast"].Count, raw)
		}
		for _, m := range ms {
			if _, err := strconv.Atoi(m[1]); err != nil {
				t.Errorf("a failed broadcast's value is %s, want the value it tried to broadcast", m[1])
			}
		}
	})
}

// A node that stops reading its input for a while fills its pipe and holds
// back the messages to it: the summary warns that the harness fell behind
// its schedule, names that node as the likely cause, and results.edn keeps
// the figures.
func TestRunInProcessWarnsWhenANodeStopsReading(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		args := func(id string) []string {
			if id == "n2" {
				return slices.Concat(gossiping, []string{"--misbehave", "stall", "--stall-at", "5s", "--stall-for", "3s"})
			}
			return gossiping
		}
		res, console := runInProcessWith(context.Background(), t, args, func(*runner.Config) {})
		if res.Results == nil || res.Results.Timing == nil {
			t.Fatalf("no timing in the results; console:\n%s", console)
		}
		tm := res.Results.Timing
		if !tm.Behind || len(tm.SlowReaders) != 1 || tm.SlowReaders[0].Node != "n2" {
			t.Errorf("timing %+v: want behind, with n2 the one slow reader", tm)
		}
		for _, want := range []string{
			`\nWARNING: the harness fell behind its own schedule, so the latencies above may be overstated\.\n`,
			`\n  - Likely cause: node n2 did not read its input for a while: writes to it waited \d\.\d s in all with its pipe full, and \d+ of the \d+ messages to it were late\.\n`,
			`\n  - By how much: deliveries were late by \d+\.\d ms on average, `,
		} {
			if !regexp.MustCompile(want).MatchString(console) {
				t.Errorf("console does not match %q:\n%s", want, console)
			}
		}
		if strings.Contains(console, "machine was busy") {
			t.Errorf("the machine is blamed for n2's stall:\n%s", console)
		}
		raw, err := os.ReadFile(filepath.Join(res.Dir, "results.edn"))
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`:timing \{:behind-schedule\? true, :delivery-lag \{:count \d+, :mean-ms [\d.]+, :p50-ms [\d.]+, :p99-ms [\d.]+, :max-ms [\d.]+\}, .*:slow-readers \[\{:node "n2", :blocked-ms [\d.]+,`).Match(raw) {
			t.Errorf("results.edn does not record the lag and the slow reader:\n%s", raw)
		}
	})
}

// A run without a store writes no file at all, and still returns its
// results, history and summary.
func TestRunInProcessWithoutAStoreWritesNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var storeRoot string
		res, console := runInProcessWith(context.Background(), t, same(gossiping), func(c *runner.Config) {
			c.NoStore = true
			storeRoot = c.Options.Store
		})
		if _, err := os.Stat(storeRoot); !os.IsNotExist(err) {
			t.Errorf("the store %s: %v, want nothing there", storeRoot, err)
		}
		if res.Exit != runner.ExitValid || res.Results == nil || res.Results.Valid != checker.Valid {
			t.Fatalf("exit %d; console:\n%s", res.Exit, console)
		}
		if res.Dir != "" {
			t.Errorf("Dir %q, want none", res.Dir)
		}
		if len(res.History) < 2*res.Results.Stats.Count {
			t.Errorf("history of %d ops for %d invocations", len(res.History), res.Results.Stats.Count)
		}
		if !strings.Contains(res.Summary, "Checker: valid") || !strings.Contains(res.Summary, "Store: none") {
			t.Errorf("summary:\n%s", res.Summary)
		}
		if !strings.Contains(console, res.Summary) {
			t.Errorf("the console lacks the summary the result holds:\n%s", console)
		}
	})
}

// A run whose nodes keep up prints no warning.
func TestRunInProcessNoWarningOnTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res, console := runInProcess(t, gossiping...)
		if strings.Contains(console, "WARNING") || res.Results.Timing.Behind {
			t.Errorf("a run that kept to time warns:\n%s", console)
		}
	})
}

// A run under synctest reads a fixed virtual date from its clock;
// StoreTime names its directory instead.
func TestRunInProcessStoreTimeNamesTheDirectory(t *testing.T) {
	named := time.Date(2026, 11, 23, 20, 47, 31, 822e6, time.UTC)
	synctest.Test(t, func(t *testing.T) {
		res, console := runInProcessWith(context.Background(), t, same(gossiping), func(c *runner.Config) {
			c.StoreTime = named
		})
		if filepath.Base(res.Dir) != "20261123T204731.822Z" {
			t.Errorf("run directory %s, want one named after StoreTime; console:\n%s", res.Dir, console)
		}
		if !strings.Contains(res.Summary, "Store: "+res.Dir) {
			t.Errorf("summary does not name the store:\n%s", res.Summary)
		}
	})
}

// gossiping are the flags of a test node that sends every value it has
// to every other node twice a second: partitions only delay it.
var gossiping = []string{"--gossip", "anti-entropy", "--interval", "500ms"}

// runInProcess runs 5 of the harness' test nodes (package testnode), each
// with args, in this process for 20 s at 10 ops/s under the partition
// nemesis, and returns the result and what the console showed.
func runInProcess(t *testing.T, args ...string) (runner.Result, string) {
	t.Helper()
	return runInProcessContext(context.Background(), t, args...)
}

func runInProcessContext(ctx context.Context, t *testing.T, args ...string) (runner.Result, string) {
	t.Helper()
	return runInProcessWith(ctx, t, same(args), func(*runner.Config) {})
}

// same gives every node the same arguments.
func same(args []string) func(string) []string {
	return func(string) []string { return args }
}

// runInProcessWith runs the test nodes, each with the arguments args gives
// its id, with a change to the config.
func runInProcessWith(ctx context.Context, t *testing.T, args func(id string) []string, change func(*runner.Config)) (runner.Result, string) {
	t.Helper()
	opts := cli.Options{
		Workload:        "broadcast",
		Bin:             "(in-process test node)",
		Nodes:           []string{"n0", "n1", "n2", "n3", "n4"},
		Concurrency:     5,
		TimeLimit:       20 * time.Second,
		Rate:            10,
		LatencyDist:     "constant",
		Nemesis:         []string{"partition"},
		NemesisInterval: 2 * time.Second,
		Topology:        "grid",
		Seed:            42,
		SeedGiven:       true,
		Store:           filepath.Join(t.TempDir(), "store"),
	}
	console := new(strings.Builder)
	cfg := runner.Config{
		Options: opts,
		Transport: transport.Pipe{Run: func(id string, stdin io.Reader, stdout, stderr io.Writer) error {
			return testnode.Node(args(id), stdin, stdout, stderr)
		}},
		Console: console,
	}
	change(&cfg)
	res := runner.Run(ctx, cfg)
	return res, console.String()
}

func assertStoreWritten(t *testing.T, dir string) {
	t.Helper()
	for _, name := range []string{"results.edn", "results.json", "history.txt", "history.edn", "jepsen.log", "node-logs/n4.log"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("store: %v", err)
		}
	}
}

// request is a client's request to a node, as the run's journal has it.
type request struct {
	node, src, typ string
	msgID          int
}

// clientRequests reads the requests clients sent to nodes, in the order
// they were sent, from the journal of the run in dir.
func clientRequests(t *testing.T, dir string) []request {
	t.Helper()
	events, _, err := journal.ReadFile(filepath.Join(dir, journal.FileName))
	if err != nil {
		t.Fatal(err)
	}
	var out []request
	for _, e := range events {
		m := e.Message
		if e.Kind != journal.Send || !journal.IsClient(m.Src) || journal.IsClient(m.Dest) {
			continue
		}
		var b struct {
			Type  string `json:"type"`
			MsgID int    `json:"msg_id"`
		}
		if err := json.Unmarshal(m.Body, &b); err != nil {
			t.Fatalf("message %d: %v", m.ID, err)
		}
		out = append(out, request{node: m.Dest, src: m.Src, typ: b.Type, msgID: b.MsgID})
	}
	return out
}

// The journal and the history count from the same moment, although the
// network journals from the run's start and the history from after the
// nodes' init: a client's request is sent, in the journal, at the moment
// the history says its op was invoked, and so a partition's mark (from the
// history) and the messages it cut line up.
func TestRunInProcessJournalCountsFromTheHistorysStart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res, console := runInProcessWith(context.Background(), t, same(gossiping), func(c *runner.Config) {
			c.Options.TimeLimit = 5 * time.Second
			c.Transport = transport.Pipe{Run: func(id string, stdin io.Reader, stdout, stderr io.Writer) error {
				time.Sleep(70 * time.Millisecond) // a node that takes a while to start, as a process does
				return testnode.Node(gossiping, stdin, stdout, stderr)
			}}
		})
		if res.Results == nil {
			t.Fatalf("no results:\n%s", console)
		}
		first := res.History[slices.IndexFunc(res.History, func(op history.Op) bool { return op.IsClient() })]
		for _, e := range res.Events {
			if e.Kind == journal.Send && journal.IsClient(e.Message.Src) && e.Message.Type() == first.F {
				if e.Time != first.Time {
					t.Errorf("the first %s is sent at %v in the journal, invoked at %v in the history", first.F, e.Time, first.Time)
				}
				return
			}
		}
		t.Fatalf("the journal has no %s from a client", first.F)
	})
}
