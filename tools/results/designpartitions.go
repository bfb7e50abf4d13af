package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nemesis"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// partitionRow is one design under --nemesis partition, over several
// seeds: for the values broadcast in each situation, how long each took
// to reach every node it could reach directly, that is every node the
// partition in force when it was broadcast left able to hear the node a
// client gave it to (all of them with no partition).
type partitionRow struct {
	Design string `json:"design"`
	Module string `json:"module"`
	Mode   string `json:"mode"` // real or simulated, as in designPoint
	Hub    string `json:"hub"`  // the node the classes are relative to
	Seeds  int    `json:"seeds"`
	// HubAloneSeed is the seed run besides seeds 1…Seeds whose schedule
	// leaves the hub alone for a while, so that every design meets that
	// cut too; 0 if one of those seeds already does.
	HubAloneSeed int          `json:"hubAloneSeed,omitempty"`
	Commands     []string     `json:"commands"`
	Lost         float64      `json:"lostCount"` // over every seed
	Classes      []reachClass `json:"classes"`
}

// reachClass is the values of one situation: broadcast with no partition
// in force, or during one at a node cut off from the hub (while the hub was
// alone, or not), or during one at a node the hub still heard.
type reachClass struct {
	Class    string  `json:"class"`
	Values   int     `json:"values"`
	MedianMs float64 `json:"medianMs"`
	MaxMs    float64 `json:"maxMs"`
	// Never counts the values that never reached some node they could
	// reach: a lost value, if any.
	Never int `json:"never"`
}

// The situations, in the order the tables show them.
const (
	noPartition = "no partition"
	cutFromHub  = "partition, cut off from the hub"
	hubAlone    = "partition, the hub alone"
	withHub     = "partition, heard by the hub"
)

// partitionRuns runs design d under --nemesis partition with seeds
// 1…PartitionSeeds and lone (a seed whose schedule leaves the hub alone),
// in simulation where its step can be, and measures
// each value's reach from the runs' journals. The hub is the first node,
// which the steps from 3d on make their hub; for a design without one it
// is just one node among many, which is the comparison.
func (s designSpaceSection) partitionRuns(l *lab.Lab, d design, nodes, latencyMs, lone int) (partitionRow, error) {
	mode := "simulated"
	if !l.Runner.Simulates(d.Step) {
		mode = "real"
	}
	row := partitionRow{Module: d.Step, Mode: mode, Hub: lab.Hub, Seeds: s.PartitionSeeds}
	seeds := make([]int, s.PartitionSeeds)
	for i := range seeds {
		seeds[i] = i + 1
	}
	if lone > s.PartitionSeeds {
		row.HubAloneSeed = lone
		seeds = append(seeds, lone)
	}
	var reaches reaches
	for _, seed := range seeds {
		p, err := s.designRun(l, d, nodes, latencyMs, []string{"--seed", fmt.Sprint(seed), "--nemesis", "partition"}, mode)
		if err != nil {
			return row, err
		}
		row.Design = p.Design
		row.Commands = append(row.Commands, p.Command)
		row.Lost += p.Lost
		if err := reaches.add(p.runDir, nodes); err != nil {
			return row, fmt.Errorf("%s, seed %d: %w", d.Name, seed, err)
		}
	}
	row.Classes = reaches.classes()
	return row, nil
}

// reaches gathers, over runs, how long each value took to reach the nodes
// it could reach, by the situation it was broadcast in.
type reaches struct {
	took  map[string][]time.Duration
	never map[string]int // values that never reached one of them
}

// add reads the journal of the run in runDir, a cluster of nodes.
func (r *reaches) add(runDir string, nodes int) error {
	events, marks, err := journal.ReadFile(filepath.Join(runDir, journal.FileName))
	if err != nil {
		return err
	}
	if r.took == nil {
		r.took, r.never = map[string][]time.Duration{}, map[string]int{}
	}
	_, spreads := journey.Spreads(events, false)
	for _, v := range spreads {
		class, reach := situation(v, marks, nodeid.Numbered(nodes), lab.Hub)
		if len(reach) < 2 {
			continue // a node cut off from every other: nothing to reach
		}
		if t, ok := reachTime(v, reach); ok {
			r.took[class] = append(r.took[class], t)
		} else {
			r.never[class]++
		}
	}
	return nil
}

// classes sums the situations up, in the order the tables show them.
func (r reaches) classes() []reachClass {
	var out []reachClass
	for _, class := range []string{noPartition, cutFromHub, hubAlone, withHub} {
		ts := slices.Sorted(slices.Values(r.took[class]))
		c := reachClass{Class: class, Values: len(ts) + r.never[class], Never: r.never[class]}
		if len(ts) > 0 {
			c.MedianMs = millis(ts[(len(ts)-1)/2])
			c.MaxMs = millis(ts[len(ts)-1])
		}
		out = append(out, c)
	}
	return out
}

// situation says in which situation value s was broadcast, and which nodes
// could hear its origin then: the partition in force is the one of the
// last partition mark before the broadcast, unless a heal came after it.
func situation(s *journey.Spread, marks []journal.Mark, nodes []string, hub string) (string, []string) {
	var grudge history.Grudge
	for _, m := range marks {
		if m.Time > s.Start {
			break
		}
		switch m.Kind {
		case journal.Partition:
			grudge = m.Grudge
		case journal.Heal:
			grudge = nil
		}
	}
	var reach []string
	for _, n := range nodes {
		if !slices.Contains(grudge[n], s.Origin) {
			reach = append(reach, n)
		}
	}
	switch {
	case grudge == nil:
		return noPartition, reach
	case len(grudge[hub]) == len(nodes)-1 && s.Origin != hub:
		return hubAlone, reach
	case slices.Contains(grudge[hub], s.Origin):
		return cutFromHub, reach
	}
	return withHub, reach
}

// reachTime is how long s took to reach every node of reach; ok is false
// if one of them never had it.
func reachTime(s *journey.Spread, reach []string) (time.Duration, bool) {
	var last time.Duration
	for _, n := range reach {
		t, ok := s.Reached[n]
		if !ok {
			return 0, false
		}
		last = max(last, t)
	}
	return last - s.Start, true
}

// millis is d in milliseconds, to the microsecond.
func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// hubAloneShare draws the nemesis' partitions on a cluster of n nodes
// draws times, as its schedule does (each shape equally likely), and
// returns the share that cut the hub off from every other node.
func hubAloneShare(n, draws int) float64 {
	nodes := nodeid.Numbered(n)
	rng := rand.New(rand.NewPCG(1, 2))
	alone := 0
	for range draws {
		spec := nemesis.Specs[rng.IntN(len(nemesis.Specs))]
		if len(nemesis.Grudge(spec, nodes, rng)[lab.Hub]) == n-1 {
			alone++
		}
	}
	return float64(alone) / float64(draws)
}

// hubAloneSeed is the first seed whose partition schedule for c on a
// cluster of n nodes leaves the hub alone for a while, read from the
// journal of a simulated run of the harness' test node (the schedule does
// not depend on the node).
func hubAloneSeed(l *lab.Lab, c challenges.Challenge, n int) (int, error) {
	const tries = 200
	for seed := 1; seed <= tries; seed++ {
		dir, err := l.Runner.Simulate(c, "testnode", seed, []string{"--node-count", fmt.Sprint(n), "--nemesis", "partition", "--", "--gossip", "flood"}, l.Log)
		if err != nil {
			return 0, err
		}
		_, marks, err := journal.ReadFile(filepath.Join(dir, journal.FileName))
		if err != nil {
			return 0, err
		}
		for _, m := range marks {
			if m.Kind == journal.Partition && len(m.Grudge[lab.Hub]) == n-1 {
				return seed, nil
			}
		}
	}
	return 0, fmt.Errorf("no seed of %d leaves the hub alone", tries)
}
