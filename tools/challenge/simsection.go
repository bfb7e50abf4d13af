package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// simShown is the simulation the 3c post shows: make sim sweeping seeds
// of 3c's partitions against 3b, which sends each value once and loses
// values when a partition drops a copy, then replaying one failing seed.
var simShown = struct {
	step, workload string
	seeds          int
}{"broadcast-3b", "broadcast-3c", 100}

// simResults is the sim section of data/results.json.
type simResults struct {
	Command  string `json:"command"` // the sweep, as a reader types it
	Module   string `json:"module"`
	Workload string `json:"workload"`
	Seeds    int    `json:"seeds"`
	Failed   int    `json:"failed"`  // seeds that missed a target
	Console  string `json:"console"` // under static/, what the sweep printed
	// Replay is the failing seed that lost the fewest values (the lowest
	// such seed), replayed with its store directory: its command is the
	// one the sweep printed for it.
	Replay resultRun `json:"replay"`
}

// failLine is a failing seed's line in make sim's output
// (simulate.Outcome.Failure): its seed, the values it lost, the replay.
var failLine = regexp.MustCompile(`^FAIL seed (\d+): .*; lost ([^;]*); replay: (.+)$`)

// simulation runs the sweep and the replay that the 3c post shows, into
// static/sim/.
func (r resultsRunner) simulation(static string) (*simResults, error) {
	c, err := challenges.Find(simShown.workload)
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(r.simDir, simShown.step+".test")
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("%w (make results builds it: make sim-bin MODULE=%s)", err, simShown.step)
	}
	s := &simResults{
		Command: fmt.Sprintf("make sim MODULE=%s WORKLOAD=%s SEEDS=%d", simShown.step, c.Name, simShown.seeds),
		Module:  simShown.step, Workload: c.Name, Seeds: simShown.seeds,
		Console: "/results/sim/sweep.txt",
	}
	outDir := filepath.Join(static, "sim")
	fmt.Printf("results: %s …", s.Command)
	var sweepOut bytes.Buffer
	fmt.Fprintf(&sweepOut, "$ %s\n", s.Command)
	if _, err := simRun(bin, simShown.step, c.Name, io.MultiWriter(&sweepOut, r.log), "-sim.seeds", fmt.Sprint(simShown.seeds)); err != nil {
		return nil, err
	}
	sweep := sweepOut.String()
	if !strings.Contains(sweep, "seeds met every target of "+c.Name) {
		return nil, fmt.Errorf("%s did not finish; see the log", s.Command)
	}
	if err := writeConsole(filepath.Join(outDir, "sweep.txt"), sweep); err != nil {
		return nil, err
	}
	seed, fewest, replay := 0, 0, ""
	for _, line := range strings.Split(sweep, "\n") {
		m := failLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		s.Failed++
		if lost := lostCount(m[2]); seed == 0 || lost < fewest {
			seed, _ = strconv.Atoi(m[1])
			fewest, replay = lost, m[3]
		}
	}
	fmt.Printf(" %d of %d seeds failed\n", s.Failed, s.Seeds)
	if seed == 0 {
		return nil, fmt.Errorf("%s: no seed failed, so there is nothing to replay (see %s)", s.Command, filepath.Join(outDir, "sweep.txt"))
	}

	fmt.Printf("results: %s …", replay)
	var out bytes.Buffer
	fmt.Fprintf(&out, "$ %s\n", replay)
	path, err := simulate(bin, simShown.step, c.Name, seed, filepath.Join(r.store, "sim"), io.MultiWriter(&out, r.log))
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	smp, err := measure(path)
	if err != nil {
		return nil, err
	}
	targets, err := judged(c, path)
	if err != nil {
		return nil, err
	}
	lost, err := lostValues(path)
	if err != nil {
		return nil, err
	}
	fmt.Printf(" lost %d values\n", len(lost))
	if err := copyRunFiles(dir, outDir); err != nil {
		return nil, err
	}
	if err := writeConsole(filepath.Join(outDir, "replay.txt"), out.String()); err != nil {
		return nil, err
	}
	rs, err := readSpread(dir)
	if err != nil {
		return nil, err
	}
	journeys, err := drawJourneys(r.harness, rs, dir, outDir, "/results/sim/", []journeyRule{lostValue}, lost)
	if err != nil {
		return nil, err
	}
	s.Replay = resultRun{
		Workload: c.Name, Module: simShown.step, Command: replay, Seed: seed,
		figures: figures{Valid: smp.ValidText, Servers: smp.Servers, All: smp.All,
			Latency: latencySummary{smp.P50, smp.P95, smp.P99, smp.Max}, Lost: smp.LostCount, Targets: targets},
		Files: "/results/sim/", Console: "/results/sim/replay.txt", Journeys: journeys, LostValues: lost,
		Schedule: scheduleOf(rs), Cuts: cuts(rs.marks),
	}
	return s, nil
}

// lostCount reads how many values a failing seed's line says were lost:
// "2 12 17", or "6 10 … (20 in all)" when it lists only some.
func lostCount(listed string) int {
	if m := regexp.MustCompile(`\((\d+) in all\)`).FindStringSubmatch(listed); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return len(strings.Fields(listed))
}
