package main

import (
	"fmt"
	"path/filepath"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// failingSection is each step against the next step's challenge: the
// failure that the next post's change fixes, which the post shows before
// the fix. Its runs go to static/results/failing/<workload>/.
type failingSection struct{}

func (failingSection) Name() string { return "failing" }

func (failingSection) Run(l *lab.Lab) (any, error) {
	var runs []lab.ShownRun
	for _, p := range l.Registry.Pairs() {
		c, err := challenges.Find(p.To.Workload())
		if err != nil {
			return nil, err
		}
		r, _, err := l.Show(c, p.From.Name, nil, filepath.Join("failing", c.Name), nil)
		if err != nil {
			return nil, fmt.Errorf("%s against %s: %w", c.Name, p.From.Name, err)
		}
		runs = append(runs, r)
	}
	return runs, nil
}
