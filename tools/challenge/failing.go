package main

import (
	"fmt"
	"path/filepath"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// failingRuns are each step against the next challenge: the failure that
// the next post's change fixes, which the post shows before the fix.
var failingRuns = []struct{ step, workload string }{
	{"broadcast-3a", "broadcast-3b"},
	{"broadcast-3b", "broadcast-3c"},
	{"broadcast-3c", "broadcast-3d"},
	{"broadcast-3d", "broadcast-3e"},
	{"broadcast-3e", "broadcast-piggyback"},
}

// failing runs every pair of failingRuns once, like the runs of the
// challenges (the seed rule, the console, the journey of a lost value),
// into static/failing/<workload>/.
func (r resultsRunner) failing(static string) ([]resultRun, error) {
	var runs []resultRun
	for _, f := range failingRuns {
		c, err := challenges.Find(f.workload)
		if err != nil {
			return nil, err
		}
		run, _, err := r.shownRun(c, f.step, nil, static, filepath.Join("failing", c.Name), nil)
		if err != nil {
			return nil, fmt.Errorf("%s against %s: %w", c.Name, f.step, err)
		}
		runs = append(runs, run)
	}
	return runs, nil
}
