package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// shownRun runs c against step for a post to show, with the seed the
// seed rule gives and more harness flags. Its files (results.edn, plots,
// console.txt) go to static/name/, with the journeys of the values the
// rules choose and, if the checker found values lost, the journey of one
// of them. It returns the run and its store directory.
func (r resultsRunner) shownRun(c challenges.Challenge, step string, flags []string, static, name string, rules []journeyRule) (resultRun, string, error) {
	seed, why, err := r.seeds.seedFor(c, r.seed)
	if err != nil {
		return resultRun{}, "", err
	}
	extra := append([]string{"--seed", fmt.Sprint(seed)}, flags...)
	o, err := r.runOn(c, step, extra)
	if err != nil {
		return resultRun{}, "", err
	}
	dir, outDir, url := filepath.Dir(o.path), filepath.Join(static, name), "/results/"+name+"/"
	if err := copyRunFiles(dir, outDir); err != nil {
		return resultRun{}, "", err
	}
	if err := writeConsole(filepath.Join(outDir, "console.txt"), o.console); err != nil {
		return resultRun{}, "", err
	}
	lost, err := lostValues(o.path)
	if err != nil {
		return resultRun{}, "", err
	}
	if len(lost) > 0 {
		rules = append(slices.Clone(rules), lostValue)
	}
	rs, err := readSpread(dir)
	if err != nil {
		return resultRun{}, "", err
	}
	journeys, err := drawJourneys(r.harness, rs, dir, outDir, url, rules, lost)
	if err != nil {
		return resultRun{}, "", err
	}
	run := resultRun{
		Workload: c.Name, Module: step, Command: makeCommandOn(step, c, extra), Seed: seed, figures: o.figures,
		Files: url, Console: url + "console.txt", Journeys: journeys, LostValues: lost, SeedRule: why,
	}
	if hasPartitions(c) {
		run.Schedule, run.Cuts = scheduleOf(rs), cuts(rs.marks)
		if run.Cuts < minCuts {
			fmt.Printf("results: %s --seed %d: the real run had %d cuts, fewer than its simulated schedule: the posts show the real ones\n", c.Name, seed, run.Cuts)
		}
	}
	return run, dir, nil
}

// makeCommandOn is the make command that repeats a run of c against step
// with extra flags.
func makeCommandOn(step string, c challenges.Challenge, extra []string) string {
	return fmt.Sprintf("make MODULE=%s WORKLOAD=%s ARGS=\"%s\"", step, c.Name, strings.Join(extra, " "))
}

// lostValues are the values the checker found lost, [:workload :lost] of
// the results.edn at path.
func lostValues(path string) ([]int, error) {
	res, err := challenges.ReadResults(path)
	if err != nil {
		return nil, err
	}
	v, ok := challenges.Lookup(res, challenges.Keys("workload", "lost"))
	if !ok {
		return nil, fmt.Errorf("%s: no [:workload :lost]", path)
	}
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: [:workload :lost] is %T, want a list", path, v)
	}
	var lost []int
	for _, item := range items {
		n, ok := challenges.Number(item)
		if !ok {
			return nil, fmt.Errorf("%s: [:workload :lost] holds %v, not a number", path, item)
		}
		lost = append(lost, int(n))
	}
	return lost, nil
}
