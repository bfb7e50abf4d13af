package main

import (
	"fmt"

	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// batchingSection is a step's batch interval against its costs: its
// challenge run once per interval (ms), given to the node as
// --batch-interval.
type batchingSection struct {
	swept     []string
	intervals []int
}

func (batchingSection) Name() string { return "batching" }

// batchRun is one point of that trade-off.
type batchRun struct {
	Workload   string `json:"workload"`
	Module     string `json:"module"`
	IntervalMs int    `json:"intervalMs"`
	Command    string `json:"command"`
	lab.Figures
}

func (s batchingSection) Run(l *lab.Lab) (any, error) {
	var runs []batchRun
	for _, w := range s.swept {
		c, step, err := l.Workload(w)
		if err != nil {
			return nil, err
		}
		for _, ms := range s.intervals {
			extra := append(l.SeedFlags(), "--", "--batch-interval", fmt.Sprintf("%dms", ms))
			r, err := l.Real(c, step, extra)
			if err != nil {
				return nil, fmt.Errorf("%s with a %d ms batch interval: %w", c.Name, ms, err)
			}
			runs = append(runs, batchRun{Workload: c.Name, Module: step, IntervalMs: ms, Command: lab.MakeCommand(c, step, extra), Figures: r.Figures})
		}
	}
	return runs, nil
}
