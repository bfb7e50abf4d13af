// Package simulate runs a Gossip Glomers challenge against a node in the
// harness' simulation (package sim: the whole test in virtual time, in this
// process) and judges each run with the challenge's own targets, as
// `make MODULE=… WORKLOAD=…` judges a real run. The steps' tests call it
// with their run functions, and its Command is what `make sim` runs.
package simulate

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/sim"
	"github.com/deamondev/gossip-glomers-tutorial/harness/store"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// Outcome is one simulated run, judged.
type Outcome struct {
	sim.Result
	Challenge challenges.Challenge
	Args      []string             // the harness flags beyond the challenge's and the seed
	Verdicts  []challenges.Verdict // one per target of the challenge
	Sample    challenges.Sample    // the figures the tables show
	Pass      bool                 // every target met
}

// Run simulates the challenge named workload against node with one seed
// and judges it. args are more harness flags, after the challenge's own
// (so they win), and the node's arguments after "--", after the
// challenge's node flags.
func Run(t *testing.T, node sim.Node, workload string, seed uint64, args ...string) Outcome {
	t.Helper()
	o, err := RunWith(t, node, sim.Options{}, workload, seed, args...)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// RunWith is Run with the simulation's options, and returns what Run
// fails t with: an unknown workload, a bad flag, a run that could not start.
func RunWith(t *testing.T, node sim.Node, opts sim.Options, workload string, seed uint64, args ...string) (Outcome, error) {
	c, err := challenges.Find(workload)
	if err != nil {
		return Outcome{}, err
	}
	flags := append(slices.Clone(c.Flags), "--seed", fmt.Sprint(seed))
	res, err := sim.RunWith(t, node, opts, append(flags, c.Args(args)...)...)
	if err != nil {
		return Outcome{}, fmt.Errorf("%s, seed %d: %w", workload, seed, err)
	}
	o, err := judge(c, res)
	if err != nil {
		return Outcome{}, fmt.Errorf("%s, seed %d: %w", workload, seed, err)
	}
	o.Args = args
	return o, nil
}

// judge reads the run's results as results.edn states them, with the
// harness' own encoder and the judge's own parser: the same path a real
// run's results take to `make`'s PASS/FAIL lines.
func judge(c challenges.Challenge, res sim.Result) (Outcome, error) {
	var edn bytes.Buffer
	if err := store.EncodeResults(&edn, res.Results); err != nil {
		return Outcome{}, err
	}
	parsed, err := challenges.ParseResults(&edn)
	if err != nil {
		return Outcome{}, fmt.Errorf("reading back results.edn: %w", err)
	}
	o := Outcome{Result: res, Challenge: c, Verdicts: challenges.Judge(c, parsed), Sample: challenges.Measure(parsed), Pass: true}
	for _, v := range o.Verdicts {
		o.Pass = o.Pass && v.Pass
	}
	o.Sample.Met = o.Pass
	return o, nil
}

// Seeds simulates the challenge with seeds 1…n, in parallel subtests of t
// (as many at once as -test.parallel allows, by default one per core),
// and returns the outcomes in seed order.
func Seeds(t *testing.T, node sim.Node, workload string, n int, args ...string) []Outcome {
	t.Helper()
	outcomes := make([]Outcome, n)
	t.Run(workload, func(t *testing.T) {
		for i := range outcomes {
			seed := uint64(i + 1)
			t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
				t.Parallel()
				outcomes[i] = Run(t, node, workload, seed, args...)
			})
		}
	})
	return outcomes
}

// Pass simulates the challenge with seeds 1…n and fails t for every seed
// that misses a target, with the command that replays it.
func Pass(t *testing.T, node sim.Node, workload string, n int, args ...string) []Outcome {
	t.Helper()
	outcomes := Seeds(t, node, workload, n, args...)
	for _, o := range outcomes {
		if !o.Pass {
			t.Errorf("%s", o.Failure())
		}
	}
	return outcomes
}

// Failure says in one line which targets the run missed, which values it
// lost, and how to replay it.
func (o Outcome) Failure() string {
	f := o.failure()
	line := fmt.Sprintf("FAIL seed %d: %s", f.Seed, strings.Join(f.Missed, "; "))
	if len(f.Lost) > 0 {
		line += fmt.Sprintf("; lost %s", ints(f.Lost, 10))
	}
	if f.Crashed != "" {
		line += fmt.Sprintf("; node %s crashed", f.Crashed)
	}
	return line + "; replay: " + f.Replay
}

// Replay is the command that runs this seed again and writes its store
// directory.
func (o Outcome) Replay() string {
	return challenges.SimCommand(o.Challenge, Module(), o.Seed, o.Args)
}

// Real is the command that runs the same flags and seed for real,
// through the harness.
func (o Outcome) Real() string {
	return challenges.MakeCommand(o.Challenge, Module(), append([]string{"--seed", fmt.Sprint(o.Seed)}, o.Args...))
}

// ints lists up to max values, and how many more there are.
func ints(xs []int, max int) string {
	var b strings.Builder
	for i, x := range xs {
		if i == max {
			fmt.Fprintf(&b, " … (%d in all)", len(xs))
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprint(&b, x)
	}
	return b.String()
}
