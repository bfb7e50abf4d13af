package lab

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// MinCuts is how many partitions a partition run of make results must
// see. The nemesis waits a random gap of up to twice --nemesis-interval
// (20 s by default) between its moves, so a 20-second run may be one cut
// that lasts it all: it shows a partition, but not what the posts explain,
// the heals and the resends between cuts. So a partition workload runs
// with the first seed (from -seed on) whose schedule has at least two
// cuts, and so a heal between them.
const MinCuts = 2

// maxSeedTries bounds the search; in our runs a seed with two cuts came
// within the first few.
const maxSeedTries = 50

// seedRule chooses the seed of each partition workload's runs. The
// schedule of partitions is drawn from the seed by the harness'
// generator; simulating the workload against the harness' own test node
// (make sim's machinery) reads it in a moment of virtual time, before the
// real run spends half a minute. A real run can stray from it: the
// generator draws client operations and nemesis moves from one random
// source, and when the two fall due at nearly the same moment, real
// timing decides which draws first. So the data record the real run's own
// schedule (scheduleOf).
type seedRule struct {
	chosen map[string]int
}

// seedFor returns the seed a run of c uses: the lab's, or, for a
// partition workload, the first seed from the lab's on whose schedule has
// MinCuts cuts. why says how it was chosen ("" when it was not).
func (s *seedRule) seedFor(l *Lab, c challenges.Challenge) (seed int, why string, err error) {
	if !HasPartitions(c.Name) {
		return l.Seed, "", nil
	}
	why = fmt.Sprintf("the first seed from %d whose partition schedule has at least %d cuts", l.Seed, MinCuts)
	if seed, ok := s.chosen[c.Name]; ok {
		return seed, why, nil
	}
	for seed := l.Seed; seed < l.Seed+maxSeedTries; seed++ {
		// The test node floods each value once: the cheapest node to
		// simulate, and the schedule does not depend on it.
		dir, err := l.Runner.Simulate(c, "testnode", seed, []string{"--", "--gossip", "flood"}, l.Log)
		if err != nil {
			return 0, "", fmt.Errorf("%s --seed %d in simulation: %w", c.Name, seed, err)
		}
		_, marks, err := journal.ReadFile(filepath.Join(dir, journal.FileName))
		if err != nil {
			return 0, "", err
		}
		if cuts(marks) >= MinCuts {
			if s.chosen == nil {
				s.chosen = map[string]int{}
			}
			s.chosen[c.Name] = seed
			return seed, why, nil
		}
	}
	return 0, "", fmt.Errorf("%s: no seed from %d to %d has a schedule of %d cuts", c.Name, l.Seed, l.Seed+maxSeedTries-1, MinCuts)
}

// HasPartitions reports whether a workload runs with the partition
// nemesis.
func HasPartitions(workload string) bool {
	c, err := challenges.Find(workload)
	if err != nil {
		return false
	}
	i := slices.Index(c.Flags, "--nemesis")
	return i >= 0 && i+1 < len(c.Flags) && c.Flags[i+1] == "partition"
}

func cuts(marks []journal.Mark) int {
	n := 0
	for _, m := range marks {
		if m.Kind == journal.Partition {
			n++
		}
	}
	return n
}

// ScheduleMark is one partition or heal of a run, as the posts show it.
type ScheduleMark struct {
	AtS  float64 `json:"atS"` // seconds on the run's clock, as the harness' diagrams show them
	Kind string  `json:"kind"`
	Text string  `json:"text"`
}

// scheduleOf lists the partitions and heals of a run; the last heal is
// the one after the main phase.
func scheduleOf(rs *runSpread) []ScheduleMark {
	var out []ScheduleMark
	for _, m := range rs.marks {
		if m.Kind != journal.Partition && m.Kind != journal.Heal {
			continue
		}
		at := float64(m.Time.Milliseconds()) / 1000
		out = append(out, ScheduleMark{AtS: at, Kind: string(m.Kind), Text: m.Text})
	}
	return out
}
