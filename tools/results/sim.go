package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// simSection is make sim finding a lost value, as the 3c post shows it: a
// sweep of seeds of a challenge against a step that loses values, then a
// replay of one failing seed.
type simSection struct{ simShown }

func (simSection) Name() string { return "sim" }

// simShown is the sweep the section makes.
type simShown struct {
	Step, Workload string
	Seeds          int
}

// simResults is the section.
type simResults struct {
	Command  string `json:"command"` // the sweep, as a reader types it
	Module   string `json:"module"`
	Workload string `json:"workload"`
	Seeds    int    `json:"seeds"`
	Failed   int    `json:"failed"`  // seeds that missed a target
	Console  string `json:"console"` // under static/: what the sweep printed
	// Replay is the failing seed that lost the fewest values (the lowest
	// such seed), replayed with its store directory: its command is the
	// one the sweep printed for it.
	Replay lab.ShownRun `json:"replay"`
}

func (s simSection) Run(l *lab.Lab) (any, error) {
	shown := s.simShown
	c, err := challenges.Find(shown.Workload)
	if err != nil {
		return nil, err
	}
	out := &simResults{
		Command: fmt.Sprintf("make sim MODULE=%s WORKLOAD=%s SEEDS=%d", shown.Step, c.Name, shown.Seeds),
		Module:  shown.Step, Workload: c.Name, Seeds: shown.Seeds, Console: "/results/sim/sweep.txt",
	}
	fmt.Fprintf(l.Say, "results: %s …", out.Command)
	var sweep bytes.Buffer
	fmt.Fprintf(&sweep, "$ %s\n", out.Command)
	report, err := l.Runner.Sweep(c, shown.Step, shown.Seeds, nil, io.MultiWriter(&sweep, l.Log))
	if err != nil {
		fmt.Fprintln(l.Say)
		return nil, err
	}
	dir := filepath.Join(l.Static, "sim")
	if err := lab.WriteConsole(filepath.Join(dir, "sweep.txt"), sweep.String()); err != nil {
		return nil, err
	}
	out.Failed = len(report.Failures)
	fmt.Fprintf(l.Say, " %d of %d seeds failed\n", out.Failed, out.Seeds)
	if out.Failed == 0 {
		return nil, fmt.Errorf("%s: no seed failed, so there is nothing to replay (see %s)", out.Command, filepath.Join(dir, "sweep.txt"))
	}
	f := report.Failures[0]
	for _, g := range report.Failures[1:] {
		if len(g.Lost) < len(f.Lost) {
			f = g
		}
	}

	fmt.Fprintf(l.Say, "results: %s …", f.Replay)
	var console bytes.Buffer
	fmt.Fprintf(&console, "$ %s\n", f.Replay)
	runDir, err := l.Runner.Simulate(c, shown.Step, int(f.Seed), report.Args, io.MultiWriter(&console, l.Log))
	if err != nil {
		fmt.Fprintln(l.Say)
		return nil, err
	}
	r, err := l.Read(c, runDir, console.String())
	if err != nil {
		return nil, err
	}
	out.Replay = lab.ShownRun{Workload: c.Name, Module: shown.Step, Command: f.Replay, Seed: int(f.Seed), Figures: r.Figures}
	return out, l.Keep(&out.Replay, r, "sim", nil)
}
