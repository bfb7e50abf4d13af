package runner_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/harness/runner"
	"github.com/deamondev/gossip-glomers-tutorial/harness/transport"
)

// These tests run the whole harness in this process: nodes are functions
// wired to the runner through transport.Pipe, and synctest's fake clock
// lets a 20 s run and its 10 s recovery pass in a moment of real time.

func TestRunInProcessValidWithGossip(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res, console := runInProcess(t, behaviour{gossip: 500 * time.Millisecond})
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
		res, console := runInProcess(t, behaviour{})
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
		seen := new(requests)
		res, console := runInProcess(t, behaviour{gossip: 500 * time.Millisecond, seen: seen})
		if res.Exit != runner.ExitValid {
			t.Fatalf("exit %d; console:\n%s", res.Exit, console)
		}
		firstMsgID := map[string]int{}
		lowestWorker := -1
		for _, q := range seen.list {
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
		res, console := runInProcessContext(ctx, t, behaviour{gossip: 500 * time.Millisecond})
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
		res, console := runInProcess(t, behaviour{refuse: true})
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
		failed := regexp.MustCompile("(?m)^\\d+\t:fail\t:broadcast\t(\\S+)\t\\[:temporarily-unavailable \"refusing on purpose\"\\]$")
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
		res, console := runInProcess(t, behaviour{gossip: 500 * time.Millisecond, stallNode: "n2", stallAt: 5 * time.Second, stallFor: 3 * time.Second})
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
		res, console := runInProcessWith(context.Background(), t, behaviour{gossip: 500 * time.Millisecond}, func(c *runner.Config) {
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
		res, console := runInProcess(t, behaviour{gossip: 500 * time.Millisecond})
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
		res, console := runInProcessWith(context.Background(), t, behaviour{gossip: 500 * time.Millisecond}, func(c *runner.Config) {
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

// runInProcess runs 5 in-process nodes for 20 s at 10 ops/s under the
// partition nemesis and returns the result and what the console showed.
func runInProcess(t *testing.T, b behaviour) (runner.Result, string) {
	t.Helper()
	return runInProcessContext(context.Background(), t, b)
}

func runInProcessContext(ctx context.Context, t *testing.T, b behaviour) (runner.Result, string) {
	t.Helper()
	return runInProcessWith(ctx, t, b, func(*runner.Config) {})
}

// runInProcessWith is runInProcessContext with a change to the config.
func runInProcessWith(ctx context.Context, t *testing.T, b behaviour, change func(*runner.Config)) (runner.Result, string) {
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
			nb := b
			if id != b.stallNode {
				nb.stallFor = 0
			}
			return serveNode(stdin, stdout, stderr, nb)
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

// behaviour is how a test node acts.
type behaviour struct {
	// gossip is the period of its anti-entropy; 0 means it never gossips.
	gossip time.Duration
	// refuse makes it answer every broadcast with a definite error.
	refuse bool
	// flood sends every new value a client broadcasts to every other
	// node, once.
	flood bool
	// seen, if set, records every client request the nodes get.
	seen *requests
	// stallNode stops reading its input stallAt after it starts, for
	// stallFor.
	stallNode         string
	stallAt, stallFor time.Duration
}

// requests records the client requests nodes got, in arrival order.
type requests struct {
	mu   sync.Mutex
	list []request
}

type request struct {
	node, src, typ string
	msgID          int
}

func (r *requests) add(q request) {
	r.mu.Lock()
	r.list = append(r.list, q)
	r.mu.Unlock()
}

// serveNode is a small broadcast node: it keeps every value it hears and,
// with a gossip period, sends all of them to every other node each period
// (anti-entropy, so partitions only delay it). It returns when stdin ends.
func serveNode(stdin io.Reader, stdout, stderr io.Writer, b behaviour) error {
	n := &testNode{out: stdout, refuse: b.refuse, flood: b.flood, seen: b.seen, values: map[int]bool{}}
	done := make(chan struct{})
	var wg sync.WaitGroup
	if b.gossip > 0 {
		wg.Go(func() { n.gossipEvery(b.gossip, done) })
	}
	defer wg.Wait()
	defer close(done)
	lines := bufio.NewScanner(stdin)
	stallAt := time.Now().Add(b.stallAt)
	for lines.Scan() {
		if b.stallFor > 0 && time.Now().After(stallAt) {
			time.Sleep(b.stallFor)
			b.stallFor = 0
		}
		if err := n.handle(lines.Bytes()); err != nil {
			fmt.Fprintf(stderr, "test node: %v\n", err)
		}
	}
	return lines.Err()
}

type testNode struct {
	outMu  sync.Mutex
	out    io.Writer
	refuse bool
	flood  bool
	seen   *requests

	mu     sync.Mutex
	id     string
	peers  []string
	values map[int]bool
}

type message struct {
	Src  string          `json:"src"`
	Dest string          `json:"dest"`
	Body json.RawMessage `json:"body"`
}

type body struct {
	Type     string   `json:"type"`
	MsgID    int      `json:"msg_id"`
	NodeID   string   `json:"node_id"`
	NodeIDs  []string `json:"node_ids"`
	Message  int      `json:"message"`
	Messages []int    `json:"messages"`
}

func (n *testNode) handle(line []byte) error {
	var m message
	var b body
	if err := json.Unmarshal(line, &m); err != nil {
		return err
	}
	if err := json.Unmarshal(m.Body, &b); err != nil {
		return err
	}
	if n.seen != nil && strings.HasPrefix(m.Src, "c") {
		node := m.Dest
		n.seen.add(request{node: node, src: m.Src, typ: b.Type, msgID: b.MsgID})
	}
	reply := map[string]any{"in_reply_to": b.MsgID}
	n.mu.Lock()
	switch {
	case b.Type == "init":
		n.id = b.NodeID
		n.peers = slices.DeleteFunc(b.NodeIDs, func(p string) bool { return p == b.NodeID })
		reply["type"] = "init_ok"
	case b.Type == "topology":
		reply["type"] = "topology_ok"
	case b.Type == "broadcast" && n.refuse:
		reply["type"] = "error"
		reply["code"] = 11
		reply["text"] = "refusing on purpose"
	case b.Type == "broadcast":
		if n.flood && !n.values[b.Message] {
			for _, p := range n.peers {
				defer n.send(n.id, p, map[string]any{"type": "gossip", "messages": []int{b.Message}})
			}
		}
		n.values[b.Message] = true
		reply["type"] = "broadcast_ok"
	case b.Type == "read":
		reply["type"] = "read_ok"
		reply["messages"] = append([]int{}, slices.Sorted(maps.Keys(n.values))...) // [] rather than null
	case b.Type == "gossip":
		for _, v := range b.Messages {
			n.values[v] = true
		}
		reply = nil
	default:
		reply = nil
	}
	id := n.id
	n.mu.Unlock()
	if reply != nil {
		n.send(id, m.Src, reply)
	}
	return nil
}

func (n *testNode) gossipEvery(period time.Duration, done <-chan struct{}) {
	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		n.mu.Lock()
		id, peers := n.id, n.peers
		values := slices.Sorted(maps.Keys(n.values))
		n.mu.Unlock()
		for _, p := range peers {
			n.send(id, p, map[string]any{"type": "gossip", "messages": values})
		}
	}
}

func (n *testNode) send(src, dest string, b map[string]any) {
	line, _ := json.Marshal(map[string]any{"src": src, "dest": dest, "body": b})
	n.outMu.Lock()
	defer n.outMu.Unlock()
	n.out.Write(append(line, '\n'))
}
