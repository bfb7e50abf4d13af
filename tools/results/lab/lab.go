// Package lab makes the runs of make results and keeps what the blog
// shows of them: a run's figures judged against its challenge, its
// console as a reader's terminal shows it, the journeys of values chosen
// by rules over its journal, where its messages went. The sections of
// data/results.json (package main) are built on it; it knows none of
// them.
package lab

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

// A Runner makes single runs, each writing its directory in a store. The
// Binaries runner below is make results'; the pipeline's test runs every
// run in simulation in its own process.
type Runner interface {
	// Real runs c against step with extra flags (make's ARGS), as
	// `make MODULE=step WORKLOAD=c ARGS=…` does, and returns the run's
	// directory. out gets what make prints, the judge's lines included.
	Real(c challenges.Challenge, step string, extra []string, out io.Writer) (dir string, err error)
	// Simulate runs it in simulation with a seed, as `make sim SEED=…`
	// does; extra holds no --seed, and c's node flags are the runner's to
	// add, as they are for a real run.
	Simulate(c challenges.Challenge, step string, seed int, extra []string, out io.Writer) (dir string, err error)
	// Sweep runs `make sim` over seeds 1…n, with extra flags (make's
	// ARGS), and returns its report.
	Sweep(c challenges.Challenge, step string, n int, extra []string, out io.Writer) (simulate.Report, error)
	// Simulates reports whether step can run in simulation.
	Simulates(step string) bool
}

// A Lab makes the runs of make results and keeps what the blog shows of
// them.
type Lab struct {
	Registry steps.Registry
	Runner   Runner
	Seed     int       // of every run that names no other (Show chooses partition runs' own)
	Static   string    // where the files the posts show go (static/results)
	Log      io.Writer // what every run printed
	Say      io.Writer // a line per run, for the person waiting
	seeds    seedRule
}

// A Run is one run of make results: where its files are, what it
// measured, and what `make` printed for it.
type Run struct {
	Dir string
	Figures
	Console string
}

// Real runs c against step with extra flags, for real, and reads what
// it measured.
func (l *Lab) Real(c challenges.Challenge, step string, extra []string) (Run, error) {
	fmt.Fprintf(l.Say, "results: %s against %s, %s …", c.Name, step, strings.Join(c.Args(extra), " "))
	var console bytes.Buffer
	dir, err := l.Runner.Real(c, step, extra, io.MultiWriter(l.Log, &console))
	if err != nil {
		fmt.Fprintln(l.Say)
		return Run{}, err
	}
	return l.Read(c, dir, console.String())
}

// Simulated runs c against step in simulation, and reads what it
// measured.
func (l *Lab) Simulated(c challenges.Challenge, step string, seed int, extra []string) (Run, error) {
	fmt.Fprintf(l.Say, "results: %s against %s in simulation, seed %d, %s …", c.Name, step, seed, strings.Join(extra, " "))
	var console bytes.Buffer
	dir, err := l.Runner.Simulate(c, step, seed, extra, io.MultiWriter(l.Log, &console))
	if err != nil {
		fmt.Fprintln(l.Say)
		return Run{}, err
	}
	return l.Read(c, dir, console.String())
}

// Read reads what the run in dir measured, judged on c's targets, with
// console, what make printed for it.
func (l *Lab) Read(c challenges.Challenge, dir, console string) (Run, error) {
	f, err := Measured(c, filepath.Join(dir, "results.edn"))
	if err != nil {
		fmt.Fprintln(l.Say)
		return Run{}, err
	}
	fmt.Fprintf(l.Say, " %s\n", f.line())
	return Run{Dir: dir, Figures: f, Console: console}, nil
}

// SeedFlags are the flags of a run with the lab's seed.
func (l *Lab) SeedFlags() []string { return []string{"--seed", fmt.Sprint(l.Seed)} }

// Workload is a workload and the step built to meet it.
func (l *Lab) Workload(name string) (challenges.Challenge, string, error) {
	c, err := challenges.Find(name)
	if err != nil {
		return c, "", err
	}
	s, err := l.Registry.StepOf(name)
	return c, s.Name, err
}

// SplitSeed takes --seed out of a run's flags: make sim takes it as SEED.
func SplitSeed(extra []string) (seed int, rest []string) {
	seed = 1
	for i := 0; i < len(extra); i++ {
		if extra[i] == "--seed" && i+1 < len(extra) {
			seed, _ = strconv.Atoi(extra[i+1])
			i++
			continue
		}
		rest = append(rest, extra[i])
	}
	return seed, rest
}
