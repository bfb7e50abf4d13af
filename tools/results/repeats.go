package main

import (
	"fmt"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// repeatsSection is challenges run over seeds 1…seeds, each judged.
type repeatsSection struct {
	repeated []string
	seeds    int
}

func (repeatsSection) Name() string { return "repeats" }

// repeatRun is one seed of it.
type repeatRun struct {
	Workload string `json:"workload"`
	Module   string `json:"module"`
	Seed     int    `json:"seed"`
	Command  string `json:"command"`
	lab.Figures
	Pass bool `json:"pass"` // every target of the challenge met
}

func (s repeatsSection) Run(l *lab.Lab) (any, error) {
	var runs []repeatRun
	for _, w := range s.repeated {
		c, step, err := l.Workload(w)
		if err != nil {
			return nil, err
		}
		for seed := 1; seed <= s.seeds; seed++ {
			extra := []string{"--seed", fmt.Sprint(seed)}
			r, err := l.Real(c, step, extra)
			if err != nil {
				return nil, fmt.Errorf("%s --seed %d: %w", c.Name, seed, err)
			}
			runs = append(runs, repeatRun{Workload: c.Name, Module: step, Seed: seed, Command: challenges.MakeCommand(c, step, extra), Figures: r.Figures, Pass: r.Met()})
		}
	}
	return runs, nil
}
