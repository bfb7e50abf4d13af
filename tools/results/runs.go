package main

import (
	"fmt"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// runsSection is every step on each of its workloads: the run each post
// shows, with its console, its journeys and, for the workloads in traffic,
// where its messages went.
type runsSection struct{ traffic []string }

func (runsSection) Name() string { return "runs" }

func (s runsSection) Run(l *lab.Lab) (any, error) {
	var runs []lab.ShownRun
	for _, step := range l.Registry.Steps {
		for _, w := range step.Workloads {
			c, err := challenges.Find(w)
			if err != nil {
				return nil, err
			}
			r, dir, err := l.Show(c, step.Name, nil, c.Name, journeyRules[c.Name])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.Name, err)
			}
			if slices.Contains(s.traffic, c.Name) {
				if r.Traffic, err = lab.CountTraffic(dir); err != nil {
					return nil, fmt.Errorf("%s: %w", c.Name, err)
				}
			}
			runs = append(runs, r)
		}
	}
	return runs, nil
}
