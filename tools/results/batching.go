package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
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
	// LateAtHub is, for the steps whose leaves send at once, the share of
	// the leaves' values that waited at the hub for more than nine tenths
	// of an interval: those that reached it just after a flush. Values
	// arriving at random times would wait that long one time in ten.
	LateAtHub float64 `json:"lateAtHub,omitempty"`
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
			run := batchRun{Workload: c.Name, Module: step, IntervalMs: ms, Command: challenges.MakeCommand(c, step, extra), Figures: r.Figures,
				Expect: expect(batchKinds[step], measureShape(star), load{}, latency, float64(ms))}
			if run.Reach, err = reachOf(r.Dir); err != nil {
				return nil, err
			}
			if batchKinds[step] == "piggyback" {
				if run.LateAtHub, err = lateAtHub(r.Dir, time.Duration(ms)*time.Millisecond); err != nil {
					return nil, err
				}
			}
			runs = append(runs, run)
		}
	}
	return runs, nil
}

// lateAtHub reads, from the journal of the run in dir, how long each value
// a client gave a leaf waited at the hub, from its arrival there to the
// hub's first gossip of it, and returns the share that waited more than
// nine tenths of interval.
func lateAtHub(dir string, interval time.Duration) (float64, error) {
	events, _, err := journal.ReadFile(filepath.Join(dir, journal.FileName))
	if err != nil {
		return 0, err
	}
	_, spreads := journey.Spreads(events, true)
	late, all := 0, 0
	for _, s := range spreads {
		arrived, ok := s.Reached[lab.Hub]
		if s.Origin == lab.Hub || !ok {
			continue
		}
		for _, c := range s.Carriers {
			if c.Src == lab.Hub && c.Sent >= arrived {
				all++
				if c.Sent-arrived > interval*9/10 {
					late++
				}
				break
			}
		}
	}
	if all == 0 {
		return 0, nil
	}
	return float64(late) / float64(all), nil
}
