package lab

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// ShownRun is a run a post shows: its figures, its console, its files
// under static/ and the journeys of values chosen by rules.
type ShownRun struct {
	Workload string `json:"workload"`
	Module   string `json:"module"`
	Command  string `json:"command"`
	Seed     int    `json:"seed"`
	Figures
	Traffic []TrafficRow `json:"traffic,omitempty"` // where the messages between servers went
	Files   string       `json:"files"`             // under static/: results.edn and plots
	Console string       `json:"console,omitempty"` // under static/: what make printed
	// Journeys are the journeys of values chosen for the posts
	// (journeys.go), drawn in Files.
	Journeys   []JourneyFile `json:"journeys,omitempty"`
	LostValues []int         `json:"lost,omitempty"` // the values the checker found lost
	// SeedRule says how the seed was chosen, for a partition run
	// (partitionseed.go); Schedule are its partitions and heals, Cuts how
	// many partitions.
	SeedRule string         `json:"seedRule,omitempty"`
	Schedule []ScheduleMark `json:"schedule,omitempty"`
	Cuts     int            `json:"cuts,omitempty"`
}

// Show runs c against step for a post, with the seed the seed rule gives
// and more harness flags, and keeps what the post shows under
// static/name/: results.edn, plots, console.txt, and the journeys of the
// values the rules choose and, if values were lost, of one of them. It
// also returns the run's own directory.
func (l *Lab) Show(c challenges.Challenge, step string, flags []string, name string, rules []JourneyRule) (ShownRun, string, error) {
	seed, why, err := l.seeds.seedFor(l, c)
	if err != nil {
		return ShownRun{}, "", err
	}
	extra := append([]string{"--seed", fmt.Sprint(seed)}, flags...)
	r, err := l.Real(c, step, extra)
	if err != nil {
		return ShownRun{}, "", err
	}
	out := ShownRun{Workload: c.Name, Module: step, Command: challenges.MakeCommand(c, step, extra), Seed: seed, Figures: r.Figures, SeedRule: why}
	return out, r.Dir, l.Keep(&out, r, name, rules)
}

// Keep copies what a post shows of run r into static/name/ and notes it in
// out: the files, the console, the journeys, the lost values and the
// partitions.
func (l *Lab) Keep(out *ShownRun, r Run, name string, rules []JourneyRule) error {
	dir, url := filepath.Join(l.Static, name), "/results/"+filepath.ToSlash(name)+"/"
	if err := copyRunFiles(r.Dir, dir); err != nil {
		return err
	}
	if err := WriteConsole(filepath.Join(dir, "console.txt"), r.Console); err != nil {
		return err
	}
	lost, err := lostValues(filepath.Join(r.Dir, "results.edn"))
	if err != nil {
		return err
	}
	if len(lost) > 0 {
		rules = append(slices.Clone(rules), LostValue)
	}
	rs, err := readSpread(r.Dir)
	if err != nil {
		return err
	}
	if out.Journeys, err = l.drawJourneys(rs, dir, url, rules, lost); err != nil {
		return err
	}
	out.Files, out.Console, out.LostValues = url, url+"console.txt", lost
	if HasPartitions(out.Workload) {
		out.Schedule, out.Cuts = scheduleOf(rs), cuts(rs.marks)
		if out.SeedRule != "" && out.Cuts < MinCuts {
			fmt.Fprintf(l.Say, "results: %s --seed %d: the real run had %d cuts, fewer than its simulated schedule: the posts show the real ones\n", out.Workload, out.Seed, out.Cuts)
		}
	}
	return nil
}

// lostValues are the values the checker found lost, [:workload :lost].
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

// copyRunFiles copies what the blog links to from a run's directory.
func copyRunFiles(from, to string) error {
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, name := range []string{"results.edn", "latency-raw.svg", "latency-quantiles.svg", "rate.svg"} {
		if err := copyFile(filepath.Join(from, name), filepath.Join(to, name)); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
