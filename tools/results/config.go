package main

import (
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// Config is what make results runs: the sizes of its experiments. make
// results runs defaults(); the pipeline's test a small one.
type Config struct {
	Seed int // of every run that names no other
	// Traffic are the workloads whose runs also count their messages
	// between servers, by type and direction.
	Traffic []string
	// Swept are the workloads run once per batch interval in Intervals
	// (ms), given to the node as --batch-interval.
	Swept     []string
	Intervals []int
	// Varied are the workloads run once under each of Variants.
	Varied   []string
	Variants []variant
	// Repeated are the workloads run with --seed 1…RepeatSeeds.
	Repeated    []string
	RepeatSeeds int
	// SimShown is the simulation the 3c post shows: make sim sweeping
	// seeds, then replaying one that lost values.
	SimShown simShown
	Design   designConfig
	Recovery recoveryConfig
}

// A variant is a condition other than the challenge's own (another
// latency distribution, more nodes): flags that replace the challenge's.
type variant struct {
	Name  string
	Flags []string
}

func defaults() Config {
	return Config{
		Seed:      1,
		Traffic:   []string{"broadcast-3e", "broadcast-piggyback"},
		Swept:     []string{"broadcast-3e", "broadcast-piggyback"},
		Intervals: []int{100, 200, 300, 500, 800, 1200},
		Varied:    []string{"broadcast-3e", "broadcast-piggyback"},
		Variants: []variant{
			{"latency uniform in [0, 200) ms", []string{"--latency-dist", "uniform"}},
			{"latency exponential, mean 100 ms", []string{"--latency-dist", "exponential"}},
			{"50 nodes", []string{"--node-count", "50"}},
		},
		Repeated:    []string{"broadcast-piggyback-partition"},
		RepeatSeeds: 10,
		// 3b sends each value once, so a partition that drops a copy
		// loses it: the sweep finds such seeds.
		SimShown: simShown{Step: "broadcast-3b", Workload: "broadcast-3c", Seeds: 100},
		Design:   designDefaults(),
		Recovery: recoveryConfig{Workload: "broadcast-piggyback-partition", Seeds: 20,
			Intervals: []time.Duration{4 * time.Second, 8 * time.Second, 9 * time.Second, 10 * time.Second, 12 * time.Second}},
	}
}

// journeyRules are the journeys each workload's run draws: a rule over
// the run's data, so that a new run picks its own values.
var journeyRules = map[string][]lab.JourneyRule{
	"broadcast-3b":           {lab.GridGossip},
	"broadcast-3c":           {lab.ResentAfterHeal},
	"broadcast-3d":           {lab.StarTwoHops},
	"broadcast-3e-partition": {lab.BatchResentAfterHeal},
	"broadcast-piggyback":    {lab.AckOnGossip},
}
