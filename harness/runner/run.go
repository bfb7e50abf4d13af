// Package runner runs one broadcast test from start to end: it starts the
// nodes, initialises them, sends the topology, runs the generator's phases
// through the network, stops everything, and then judges and stores the
// run. It is the only package that knows all the others; each of them
// knows only its own concept.
package runner

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/harness/clock"
	"github.com/deamondev/gossip-glomers-tutorial/harness/generator"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nemesis"
	"github.com/deamondev/gossip-glomers-tutorial/harness/network"
	"github.com/deamondev/gossip-glomers-tutorial/harness/report"
	"github.com/deamondev/gossip-glomers-tutorial/harness/store"
	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
	"github.com/deamondev/gossip-glomers-tutorial/harness/transport"
	"github.com/deamondev/gossip-glomers-tutorial/harness/workload/broadcast"
)

// Exit statuses, as Maelstrom's.
const (
	ExitValid   = 0
	ExitInvalid = 1
	ExitUnknown = 2
	ExitCrash   = 255
)

// Config is one run.
type Config struct {
	Options   cli.Options
	Transport transport.Transport
	// Console gets the progress line, warnings and the summary. Run
	// serialises its writes, so any writer will do.
	Console  io.Writer
	Terminal bool
	// ProgressEvery is how often a plain progress line is printed when the
	// console is not a terminal.
	ProgressEvery time.Duration
	// Clock waits for message deadlines and op dispatch times:
	// clock.Precise for real runs, clock.Virtual (or the zero Clock) under
	// testing/synctest.
	Clock clock.Clock
	// NoStore runs without writing a file: no store directory, no node
	// logs, history or results files, no plots. The results, history and
	// summary are still returned, and are the same. A simulation of many
	// seeds runs this way.
	NoStore bool
	// StoreTime names the run's directory; when zero, the run's start
	// names it. Under testing/synctest the clock reads a fixed virtual
	// date, so a simulation passes the real time instead.
	StoreTime time.Time
}

// Result is what a run produced.
type Result struct {
	Exit    int
	Dir     string // the run's store directory, if one was made
	Results *checker.Results
	History history.History
	Events  []journal.Event // every message the network routed
	Summary string          // the summary printed at the end
}

type run struct {
	cfg Config
	dir *store.Dir
	log *logger
	net *network.Network

	nodes        []*node
	setupClients []*network.Client
	badLines     atomic.Int64

	mu    sync.Mutex
	crash *checker.Crash // the first node that stopped on its own
}

// Run runs the test. Cancelling ctx (Ctrl-C) stops it early: the nodes are
// stopped and what was collected is still judged and written.
func Run(ctx context.Context, cfg Config) Result {
	o := cfg.Options
	if cfg.ProgressEvery == 0 {
		cfg.ProgressEvery = 5 * time.Second
	}
	cfg.Console = &syncWriter{w: cfg.Console}
	r := &run{cfg: cfg, log: &logger{console: cfg.Console, terminal: cfg.Terminal}}
	start := time.Now()
	where := "no store (nothing is written)"
	if !cfg.NoStore {
		named := cfg.StoreTime
		if named.IsZero() {
			named = start
		}
		dir, err := store.Create(o.Store, o.Workload, named)
		if err != nil {
			fmt.Fprintf(cfg.Console, "ERROR cannot create the store directory: %v\n", err)
			return Result{Exit: ExitCrash}
		}
		r.dir = dir
		if f, err := os.Create(dir.File("jepsen.log")); err == nil {
			r.log.file = f
		}
		where = "store " + dir.Path
	}
	defer r.log.close()
	r.log.Infof("Running %s against %d node(s) of %s (seed %d); %s", o.Workload, len(o.Nodes), o.Bin, o.Seed, where)

	topology, err := broadcast.Topology(o.Topology, o.Nodes)
	if err != nil {
		return r.abort(err)
	}
	latency, err := network.NewLatency(o.Latency, o.LatencyDist, rand.New(rand.NewPCG(o.Seed, 3)))
	if err != nil {
		return r.abort(err)
	}
	jrnl := new(journal.Journal)
	r.net = network.New(network.Config{Journal: jrnl, Latency: latency, Start: start, Trace: r.trace(), Clock: cfg.Clock})

	defer r.stopAll() // whatever happens, no node outlives the run
	for _, id := range o.Nodes {
		n, err := r.startNode(id)
		if err != nil {
			return r.abort(err)
		}
		r.nodes = append(r.nodes, n)
	}
	if err := r.initNodes(); err != nil {
		return r.abort(err)
	}
	// History times count from just before the clients are set up.
	historyStart := time.Now()
	rec := history.NewRecorder(historyStart)
	if err := r.sendTopology(topology); err != nil {
		return r.abort(err)
	}

	phase := atomic.Value{}
	phase.Store(phaseStart{"main", time.Now()})
	gen := r.generator(rec, func(name string) {
		phase.Store(phaseStart{name, time.Now()})
		r.log.Filef("Final phase: %s", name)
	})
	progress := report.NewProgress(cfg.Console, cfg.Terminal, cfg.ProgressEvery)
	mainStart := time.Now()
	stopProgress := r.showProgress(progress, rec, &phase)

	cpuBefore := timing.ProcessCPU() // the harness' alone: its nodes are other processes
	gen.Main(ctx)
	mainCPU := measureMain(timing.ProcessCPU()-cpuBefore, time.Since(mainStart))
	if ctx.Err() == nil {
		gen.Final(ctx)
	}
	stopProgress()
	progress.Done()
	interrupted := ctx.Err() != nil
	if interrupted {
		r.log.Warnf("Interrupted: stopping the nodes and writing what was collected.")
	}

	crash := r.teardown()
	gen.Stop() // ops cut short by an interrupt end once the network is closed
	h := rec.History()
	if r.dir != nil {
		if err := r.dir.WriteHistory(h); err != nil {
			r.log.Warnf("writing the history: %v", err)
		}
	}
	// The network journals from the run's start, before the nodes were
	// started and initialised; the journal's times move to the history's
	// reference, so that a partition (a mark, from the history) and the
	// messages it dropped line up. Only init and its replies come before.
	events := jrnl.Events()
	for i := range events {
		events[i].Time -= historyStart.Sub(start)
	}
	perf := r.drawPlots(h, events)
	results := checker.Check(checker.Input{
		History:      h,
		Events:       events,
		Availability: requirement(o.Availability),
		Perf:         perf,
		Crash:        crash,
	})
	results.Timing = r.assessTiming(gen, mainCPU, results.Workload.StableLatencies)
	storePath := ""
	if r.dir != nil {
		if err := r.dir.WriteResults(results); err != nil {
			r.log.Warnf("writing the results: %v", err)
		}
		storePath = r.dir.Path
	}
	var summary strings.Builder
	report.WriteSummary(&summary, report.Summary{
		Results:     results,
		History:     h,
		Nodes:       o.Nodes,
		Concurrency: o.Concurrency,
		StorePath:   storePath,
		Timing:      *results.Timing,
		Seed:        o.Seed,
		Verbose:     o.Verbose,
		Interrupted: interrupted,
	})
	io.WriteString(cfg.Console, summary.String())
	if n := r.badLines.Load(); n > 0 {
		r.log.Warnf("%d line(s) the nodes printed were dropped, as invalid or addressed to an unknown endpoint (such as a client that had timed out); see the warnings above%s", n, see(r.storeFile("jepsen.log")))
	}
	if o.Verbose {
		r.log.Infof("Harness CPU in the main phase: %s", mainCPU)
	}
	exit := exitStatus(results)
	if interrupted {
		exit = ExitCrash
	}
	return Result{Exit: exit, Dir: storePath, Results: &results, History: h, Events: events, Summary: summary.String()}
}

func exitStatus(r checker.Results) int {
	switch {
	case r.Crash != nil:
		return ExitCrash
	case r.Valid == checker.Valid:
		return ExitValid
	case r.Valid == checker.Invalid:
		return ExitInvalid
	default:
		return ExitUnknown
	}
}

// generator wires the generator to the workload's clients and the nemesis.
func (r *run) generator(rec *history.Recorder, phase func(string)) *generator.Generator {
	o := r.cfg.Options
	nemesisRNG := rand.New(rand.NewPCG(o.Seed, 2))
	w := newWorkers(r.net, o.Nodes)
	return generator.New(generator.Config{
		Threads:         o.Concurrency,
		Rate:            o.Rate,
		TimeLimit:       o.TimeLimit,
		Nemesis:         len(o.Nemesis) > 0,
		NemesisInterval: o.NemesisInterval,
		RNG:             rand.New(rand.NewPCG(o.Seed, 1)),
		Clock:           r.cfg.Clock,
		Client:          w.invoke,
		ChoosePartition: func() history.Keyword {
			return history.Keyword(nemesis.Specs[nemesisRNG.IntN(len(nemesis.Specs))])
		},
		StartPartition: func(spec history.Keyword) history.Isolated {
			g := nemesis.Grudge(nemesis.Spec(spec), o.Nodes, nemesisRNG)
			r.net.Partition(g)
			r.log.Filef("Partition %s: %v", spec, g)
			return history.Isolated{Grudge: g}
		},
		StopPartition: func() {
			r.net.Heal()
			r.log.Filef("Network healed")
		},
		Phase: phase,
	}, rec)
}

// phaseStart is the phase a run is in, and when it began.
type phaseStart struct {
	name  string
	start time.Time
}

// showProgress updates the progress line until the returned func is called.
func (r *run) showProgress(p *report.Progress, rec *history.Recorder, phase *atomic.Value) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			_, ok, fail, info := rec.Counts()
			ph := phase.Load().(phaseStart)
			total := map[string]time.Duration{"main": r.cfg.Options.TimeLimit, "recovery": generator.Recovery}[ph.name]
			elapsed := time.Since(ph.start)
			if total > 0 {
				elapsed = min(elapsed, total)
			}
			p.Update(report.Snapshot{
				Phase: ph.name, Elapsed: elapsed, Total: total,
				OK: ok, Fail: fail, Info: info, Partitioned: r.net.Partitioned(),
			})
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// crashed is called by a node's watcher when it exits on its own.
func (r *run) crashed(c *checker.Crash) {
	r.mu.Lock()
	first := r.crash == nil
	if first {
		r.crash = c
	}
	r.mu.Unlock()
	status := fmt.Sprintf("exit status %d", c.ExitStatus)
	if c.Signal != "" {
		status = "signal " + c.Signal
	}
	full := ""
	if c.LogPath != "" {
		full = "\n    Full log: " + c.LogPath
	}
	r.log.Warnf("Node %s stopped on its own (%s) while the test was running. Its last stderr lines:\n%s%s",
		c.Node, status, indent(c.Stderr, 10), full)
}

// teardown stops the network and every node, and returns the crash to
// report, if a node stopped on its own.
func (r *run) teardown() *checker.Crash {
	r.stopAll()
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.crash
}

func (r *run) stopAll() {
	for _, c := range r.setupClients {
		c.Close()
	}
	r.setupClients = nil
	var wg sync.WaitGroup
	for _, n := range r.nodes {
		wg.Go(n.stop)
	}
	wg.Wait()
	if r.net != nil {
		r.net.Close()
	}
}

// abort ends a run that could not start: the nodes are stopped, the
// reason is printed, and the store keeps the node logs.
func (r *run) abort(err error) Result {
	r.stopAll()
	r.log.Warnf("The test could not run: %v", err)
	if r.dir == nil {
		return Result{Exit: ExitCrash}
	}
	r.log.Infof("Node logs: %s", r.dir.File("node-logs"))
	return Result{Exit: ExitCrash, Dir: r.dir.Path}
}

// storeFile is the path of a file in the run's directory, or "" when the
// run writes no store.
func (r *run) storeFile(name string) string {
	if r.dir == nil {
		return ""
	}
	return r.dir.File(name)
}

// nodeLog is the path of a node's log, or "" when the run writes no store.
func (r *run) nodeLog(id string) string {
	if r.dir == nil {
		return ""
	}
	return r.dir.NodeLog(id)
}

// see points a message at a file, when there is one: " (see path)".
func see(path string) string {
	if path == "" {
		return ""
	}
	return " (see " + path + ")"
}

func (r *run) trace() func(journal.Kind, *journal.Message) {
	o := r.cfg.Options
	if !o.LogNetSend && !o.LogNetRecv {
		return nil
	}
	return func(kind journal.Kind, m *journal.Message) {
		if (kind == journal.Send && o.LogNetSend) || (kind == journal.Recv && o.LogNetRecv) {
			r.log.Infof("%s %s → %s %s", kind, m.Src, m.Dest, m.Body)
		}
	}
}

func requirement(a *cli.Availability) *checker.Requirement {
	if a == nil {
		return nil
	}
	return &checker.Requirement{Total: a.Total, Min: a.Min}
}

func indent(lines []string, last int) string {
	if len(lines) > last {
		lines = lines[len(lines)-last:]
	}
	if len(lines) == 0 {
		return "    (none)"
	}
	out := ""
	for i, l := range lines {
		if i > 0 {
			out += "\n"
		}
		out += "    | " + l
	}
	return out
}
