package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// simCheckCommand runs each step against its own challenge twice per
// seed, for real through the harness and in simulation (the step's test
// binary, as make sim runs it), and prints both rows of figures: how far
// the simulation is from real runs is measured, not assumed.
func simCheckCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sim-check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var p paths
	p.flags(fs)
	seeds := fs.Int("seeds", 5, "runs per workload and kind, with --seed 1…N")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	p.store = "tmp/sim-check"
	l, closeLog, err := newLab(p, 1, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "sim-check:", err)
		return 2
	}
	defer closeLog()

	var rows []challenges.Row
	var realWall, simWall time.Duration
	failed := false
	for _, s := range l.Registry.Steps {
		c, err := challenges.Find(s.Workload())
		if err != nil {
			fmt.Fprintln(stderr, "sim-check:", err)
			return 2
		}
		real, sim := challenges.Row{Name: c.Name + " real"}, challenges.Row{Name: c.Name + " sim"}
		for seed := 1; seed <= *seeds; seed++ {
			began := time.Now()
			r, err := l.Real(c, s.Name, []string{"--seed", fmt.Sprint(seed)})
			realWall += time.Since(began)
			if err == nil {
				real.Samples = append(real.Samples, sample(r))
			}
			began = time.Now()
			r, err2 := l.Simulated(c, s.Name, seed, nil)
			simWall += time.Since(began)
			if err2 == nil {
				sim.Samples = append(sim.Samples, sample(r))
			}
			for _, e := range []error{err, err2} {
				if e != nil {
					fmt.Fprintf(stdout, "sim-check: %s seed %d: %v\n", c.Name, seed, e)
					failed = true
				}
			}
		}
		rows = append(rows, real, sim)
	}
	fmt.Fprintf(stdout, "\nmake sim-check: %d seed(s) per workload, each run for real (the harness, real time) and in simulation (virtual time); msgs-per-op is [:net :servers :msgs-per-op] (servers) and [:net :all :msgs-per-op] (all); latencies are [:workload :stable-latencies] in ms.\n\n", *seeds)
	challenges.WriteTable(stdout, rows)
	if runs := *seeds * len(l.Registry.Steps); runs > 0 {
		fmt.Fprintf(stdout, "\nA real run took %.1f s on average, a simulated one %.2f s (with its store written and the test binary started).\n",
			realWall.Seconds()/float64(runs), simWall.Seconds()/float64(runs))
	}
	if failed {
		return 1
	}
	return 0
}

// sample is a run's figures as the judge's tables take them.
func sample(r lab.Run) challenges.Sample {
	return challenges.Sample{
		Servers: r.Servers, All: r.All, P50: r.Latency.P50, P95: r.Latency.P95, P99: r.Latency.P99, Max: r.Latency.Max,
		Valid: r.Valid == "true", ValidText: r.Valid, LostCount: r.Lost, Met: r.Met(),
	}
}
