package main

import (
	"fmt"
	"strconv"

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

// batchRun is one point of that trade-off, with what the design-space
// arithmetic expects of it (expect) and how long its values took to reach
// every node, from its journal.
type batchRun struct {
	Workload   string `json:"workload"`
	Module     string `json:"module"`
	IntervalMs int    `json:"intervalMs"`
	Command    string `json:"command"`
	lab.Figures
	Expect expectation `json:"expect"`
	Reach  reach       `json:"reachMs"`
}

// batchKinds name the design of each swept step, for expect.
var batchKinds = map[string]string{"broadcast-3e": "batched", "broadcast-piggyback": "piggyback"}

func (s batchingSection) Run(l *lab.Lab) (any, error) {
	var runs []batchRun
	for _, w := range s.swept {
		c, step, err := l.Workload(w)
		if err != nil {
			return nil, err
		}
		nodes, _ := strconv.Atoi(flagOf(c.Flags, "--node-count"))
		latency, _ := strconv.ParseFloat(flagOf(c.Flags, "--latency"), 64)
		star, err := designTopology("", nodes)
		if err != nil {
			return nil, err
		}
		for _, ms := range s.intervals {
			extra := append(l.SeedFlags(), "--", "--batch-interval", fmt.Sprintf("%dms", ms))
			r, err := l.Real(c, step, extra)
			if err != nil {
				return nil, fmt.Errorf("%s with a %d ms batch interval: %w", c.Name, ms, err)
			}
			run := batchRun{Workload: c.Name, Module: step, IntervalMs: ms, Command: lab.MakeCommand(c, step, extra), Figures: r.Figures,
				Expect: expect(batchKinds[step], measureShape(star), 0, 0, latency, float64(ms))}
			if run.Reach, err = reachOf(r.Dir); err != nil {
				return nil, err
			}
			runs = append(runs, run)
		}
	}
	return runs, nil
}
