package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// A Section is one part of data/results.json: it makes its runs and
// returns what the blog shows of them, which is written under its name.
type Section interface {
	Name() string
	Run(l *lab.Lab) (any, error)
}

// sections are make results' sections with the sizes cfg gives them, in
// the order it runs them and the file holds them.
func sections(cfg Config) []Section {
	return []Section{
		runsSection{traffic: cfg.Traffic},
		batchingSection{swept: cfg.Swept, intervals: cfg.Intervals},
		variantsSection{varied: cfg.Varied, variants: cfg.Variants},
		repeatsSection{repeated: cfg.Repeated, seeds: cfg.RepeatSeeds},
		failingSection{},
		simSection{cfg.SimShown},
		designSpaceSection{cfg.Design},
		recoverySection{cfg.Recovery},
	}
}

func names(all []Section) []string {
	var out []string
	for _, s := range all {
		out = append(out, s.Name())
	}
	return out
}

// choose returns the sections only names (comma-separated), or all.
func choose(all []Section, only string) ([]Section, error) {
	if only == "" {
		return all, nil
	}
	var chosen []Section
	for _, name := range strings.Split(only, ",") {
		i := slices.IndexFunc(all, func(s Section) bool { return s.Name() == strings.TrimSpace(name) })
		if i < 0 {
			return nil, fmt.Errorf("ONLY=%s: no section %q; the sections are %s", only, name, strings.Join(names(all), ", "))
		}
		chosen = append(chosen, all[i])
	}
	return chosen, nil
}
