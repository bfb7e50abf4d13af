// Package generator decides which operation runs when, on which worker
// thread, as Maelstrom's broadcast test does:
//
//   - main phase: client ops staggered at --rate (a uniform gap in
//     [0, 2/rate) between dispatches, never a catch-up burst), each a
//     broadcast or a read with equal chance, broadcast values 0, 1, 2, …
//     in dispatch order; with --nemesis partition, a start-partition at
//     once and then start/stop alternating with gaps in [0, 2·interval);
//     all of it until --time-limit after the first op;
//   - final phase: wait for every op in flight, heal the network, wait
//     10 s for recovery, then one final read per client thread, all at
//     once in random order.
//
// What an op does is not its business: it hands each op to the Client or
// Nemesis function it was given and records the invocation and the
// completion in the history.
package generator

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/clock"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// Recovery is how long the final phase waits, after the heal, before the
// final reads.
const Recovery = 10 * time.Second

// Invocation is a client op handed to a worker thread.
type Invocation struct {
	Thread  int
	Process int
	F       string
	Value   any // the message of a broadcast; nil for a read
	Final   bool
}

// Config is everything the generator needs.
type Config struct {
	Threads         int
	Rate            float64 // client ops per second, all threads together
	TimeLimit       time.Duration
	Nemesis         bool
	NemesisInterval time.Duration
	RNG             *rand.Rand
	// Clock waits for each op's moment: clock.Precise in real runs, the
	// zero Clock or clock.Virtual under testing/synctest.
	Clock clock.Clock

	// Client runs one op on the thread's own client and blocks until it
	// completes. It is called from the thread's goroutine only.
	Client func(Invocation) history.Completion
	// ChoosePartition draws the shape of the next partition;
	// StartPartition applies it and returns the cut it made;
	// StopPartition heals the network.
	ChoosePartition func() history.Keyword
	StartPartition  func(history.Keyword) history.Isolated
	StopPartition   func()
	// Phase, if set, is told when the final phase moves on: "drain"
	// (waiting for ops in flight), "recovery" and "final reads".
	Phase func(name string)
}

// Generator runs the phases. Use New, then Main, then Final.
type Generator struct {
	cfg      Config
	rec      *history.Recorder
	threads  []*thread
	done     chan completed
	workers  func() // stops the worker goroutines
	stopOnce sync.Once

	mu           sync.Mutex
	nextValue    int
	dispatchLags []time.Duration
}

// completed tells the scheduler that a thread's op has ended, and how.
type completed struct {
	thread int
	typ    history.Type
}

type thread struct {
	process int
	busy    bool
	ops     chan Invocation
}

// New prepares the worker threads; they start with processes 0…Threads-1.
func New(cfg Config, rec *history.Recorder) *Generator {
	g := &Generator{cfg: cfg, rec: rec, done: make(chan completed, cfg.Threads)}
	for k := range cfg.Threads {
		g.threads = append(g.threads, &thread{process: k, ops: make(chan Invocation, 1)})
	}
	return g
}

// startWorkers starts a goroutine per thread that executes what it is given.
func (g *Generator) startWorkers(ctx context.Context) (stop func()) {
	var wg sync.WaitGroup
	for k, t := range g.threads {
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case inv, ok := <-t.ops:
					if !ok {
						return
					}
					c := g.cfg.Client(inv)
					g.rec.Append(history.Op{
						Process: inv.Process, Type: c.Type, F: inv.F, Value: c.Value,
						Final: inv.Final, Error: c.Error, Exception: c.Exception,
					})
					g.done <- completed{k, c.Type}
				}
			}
		})
	}
	return func() {
		for _, t := range g.threads {
			close(t.ops)
		}
		wg.Wait()
	}
}

// dispatch records the invocation and hands it to thread k.
func (g *Generator) dispatch(k int, f string, value any, final bool) {
	t := g.threads[k]
	t.busy = true
	inv := Invocation{Thread: k, Process: t.process, F: f, Value: value, Final: final}
	g.rec.Append(history.Op{Process: t.process, Type: history.Invoke, F: f, Value: value, Final: final})
	t.ops <- inv
}

// complete marks thread k free and moves it to a new process if its op
// ended :info, as Jepsen does: the old process may still be acting.
func (g *Generator) complete(c completed) {
	t := g.threads[c.thread]
	t.busy = false
	if c.typ == history.Info {
		t.process += g.cfg.Threads
	}
}

// Stop ends the worker goroutines and waits for them, and so for the op
// each has in flight. Final calls it; a run cut short must call it, after
// whatever makes those ops end (closing the network), before it reads the
// history. Calling it again does nothing.
func (g *Generator) Stop() {
	if g.workers != nil {
		g.stopOnce.Do(g.workers)
	}
}

// DispatchLags returns, for each client op of the main phase, how late it
// was dispatched against the moment the schedule allowed it.
func (g *Generator) DispatchLags() []time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]time.Duration(nil), g.dispatchLags...)
}

func (g *Generator) phase(name string) {
	if g.cfg.Phase != nil {
		g.cfg.Phase(name)
	}
}
