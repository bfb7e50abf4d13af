// Package sim runs a whole broadcast test in virtual time against nodes that
// are functions in this process: the same flags as `harness test`, the same
// network, nemesis, generator, checker and summary, but a 30-second run
// takes a fraction of a second, and a run can be repeated by its seed.
//
// A run happens inside a testing/synctest bubble, so it needs a
// *testing.T: a node's timers, the network's latencies and the generator's
// schedule all wait on the bubble's clock, which jumps ahead whenever every
// goroutine of the run is blocked. The node's own work therefore takes no
// time at all, which is the main difference from a real run (see the
// harness README). What the seed decides happens at the same virtual
// moments on every run, and the generator acts last at each moment
// (clock.Virtual's Settle), so a seed repeats its run.
//
// Each node runs as Node, in a goroutine of its own, with its own three
// streams. Anything it writes to the process-wide standard logger (package
// log) cannot be told apart from the other nodes' and is not a node's
// stderr: a test that simulates such nodes should discard it
// (log.SetOutput(io.Discard) in TestMain).
package sim

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/harness/clock"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/runner"
	"github.com/deamondev/gossip-glomers-tutorial/harness/transport"
)

// Node is a node program as a function: what its main would do with the
// process's arguments and streams. It must return once stdin ends.
type Node func(args []string, stdin io.Reader, stdout, stderr io.Writer) error

// Result is what one simulated run produced.
type Result struct {
	// Exit is the status `harness test` would exit with: 0 valid,
	// 1 invalid, 2 unknown, 255 a node crashed.
	Exit    int
	Results checker.Results // what results.edn holds
	History history.History
	Events  []journal.Event // every message the network routed
	Summary string          // the summary `harness test` prints at the end
	Output  string          // everything it prints: warnings, progress and the summary
	Seed    uint64          // the seed the run used, drawn at random if not given
	Dir     string          // the store directory, written only when --store is given
}

// Run runs one test in a synctest bubble of its own under t. args are the
// flags of `harness test` without the word "test" and without --bin:
// node stands for the program, and the words after "--" are its
// arguments. Nothing is written unless --store is among the flags; then
// the usual directory is written under it, named after the real time.
//
// The error is a bad flag (a *cli.UsageError) or a run that could not
// start (a node did not answer init, say); a run that lost values is not
// an error, its Result says so.
func Run(t *testing.T, node Node, args ...string) (Result, error) {
	return RunWith(t, node, Options{}, args...)
}

// Options are what a run can add to Run's.
type Options struct {
	// Console, if set, also gets everything the run prints, as it prints
	// it: inside the bubble, where time.Now reads the run's virtual time,
	// so a page can show the run at the pace it happened.
	Console io.Writer
	// ProgressEvery is the least virtual time between two progress
	// lines (5 s if zero); a line is printed only when its counts changed.
	ProgressEvery time.Duration
}

// RunWith is Run with options.
func RunWith(t *testing.T, node Node, o Options, args ...string) (Result, error) {
	opts, err := cli.ParseInProcess(args)
	if err != nil {
		return Result{}, err
	}
	opts.Bin = "a function in this process"
	started := time.Now() // the real time: inside the bubble it is virtual
	console := new(strings.Builder)
	var out io.Writer = console
	if o.Console != nil {
		out = io.MultiWriter(console, o.Console)
	}
	var res runner.Result
	synctest.Test(t, func(*testing.T) {
		res = runner.Run(context.Background(), runner.Config{
			Options: opts,
			Transport: transport.Pipe{Run: func(_ string, stdin io.Reader, stdout, stderr io.Writer) error {
				return node(opts.Args, stdin, stdout, stderr)
			}},
			Console:       out,
			ProgressEvery: o.ProgressEvery,
			Clock:         clock.Virtual,
			NoStore:       !opts.StoreGiven,
			StoreTime:     started,
		})
	})
	if res.Results == nil {
		return Result{Exit: res.Exit, Output: console.String(), Seed: opts.Seed},
			fmt.Errorf("the test could not run:\n%s", console.String())
	}
	return Result{
		Exit:    res.Exit,
		Results: *res.Results,
		History: res.History,
		Events:  res.Events,
		Summary: res.Summary,
		Output:  console.String(),
		Seed:    opts.Seed,
		Dir:     res.Dir,
	}, nil
}
