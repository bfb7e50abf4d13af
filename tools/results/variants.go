package main

import (
	"fmt"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// variantsSection is challenges run under other conditions than their
// own (another latency distribution, more nodes): figures, judged on the
// challenge's targets for comparison.
type variantsSection struct {
	varied   []string
	variants []variant
}

func (variantsSection) Name() string { return "variants" }

// variantRun is one such run.
type variantRun struct {
	Variant  string `json:"variant"`
	Workload string `json:"workload"`
	Module   string `json:"module"`
	Command  string `json:"command"`
	lab.Figures
}

func (s variantsSection) Run(l *lab.Lab) (any, error) {
	var runs []variantRun
	for _, w := range s.varied {
		c, step, err := l.Workload(w)
		if err != nil {
			return nil, err
		}
		for _, v := range s.variants {
			extra := append(l.SeedFlags(), v.Flags...) // later flags win
			r, err := l.Real(c, step, extra)
			if err != nil {
				return nil, fmt.Errorf("%s with %s: %w", c.Name, v.Name, err)
			}
			runs = append(runs, variantRun{Variant: v.Name, Workload: c.Name, Module: step, Command: challenges.MakeCommand(c, step, extra), Figures: r.Figures})
		}
	}
	return runs, nil
}
