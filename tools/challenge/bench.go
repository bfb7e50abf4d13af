package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// sample is what one run measured.
type sample = challenges.Sample

// measure reads the figures of one run from its results.edn.
func measure(path string) (sample, error) {
	res, err := challenges.ReadResults(path)
	if err != nil {
		return sample{}, err
	}
	return challenges.Measure(res), nil
}

// metAll reports whether the run whose results.edn is at path met every
// target of c.
func metAll(c challenges.Challenge, path string) bool {
	res, err := challenges.ReadResults(path)
	return err == nil && challenges.MetAll(c, res)
}

// benchCommand runs workloads over several seeds and prints one table of
// medians and worst cases.
func benchCommand(args []string) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	harness := fs.String("harness", "bin/harness", "the harness binary")
	binDir := fs.String("bin-dir", "bin", "directory holding one binary per step, named after it")
	seeds := fs.Int("seeds", 5, "runs per workload, with --seed 1…N")
	workloads := fs.String("workloads", "broadcast-3d,broadcast-3e,broadcast-piggyback,broadcast-piggyback-fast", "comma-separated workloads; each runs against its step")
	timeLimit := fs.String("time-limit", "", "override --time-limit (seconds)")
	store := fs.String("store", "tmp/bench-store", "store directory for the runs")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	logPath := filepath.Join(filepath.Dir(*store), "bench.log")
	log, err := createLog(logPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "challenge:", err)
		return 2
	}
	defer log.Close()

	var rows []challenges.Row
	failed := false
	for _, w := range strings.Split(*workloads, ",") {
		c, err := challenges.Find(w)
		if err != nil {
			fmt.Fprintln(os.Stderr, "challenge:", err)
			return 2
		}
		r := challenges.Row{Name: w}
		for seed := 1; seed <= *seeds; seed++ {
			extra := []string{"--seed", fmt.Sprint(seed)}
			if *timeLimit != "" {
				extra = append(extra, "--time-limit", *timeLimit)
			}
			fmt.Printf("bench: %s seed %d …\n", w, seed)
			path, _, err := runWorkload(c, filepath.Join(*binDir, c.Step), *harness, "", *store, extra, log)
			if err != nil {
				fmt.Printf("bench: %s seed %d: %v (see %s)\n", w, seed, err, logPath)
				failed = true
				continue
			}
			s, err := measure(path)
			if err != nil {
				fmt.Printf("bench: %s seed %d: %v\n", w, seed, err)
				failed = true
				continue
			}
			s.Met = metAll(c, path)
			r.Samples = append(r.Samples, s)
		}
		rows = append(rows, r)
	}

	fmt.Printf("\nmake bench: %d seed(s) per workload; msgs-per-op is [:net :servers :msgs-per-op] (servers) and [:net :all :msgs-per-op] (all); latencies are [:workload :stable-latencies] in ms.\n\n", *seeds)
	challenges.WriteTable(os.Stdout, rows)
	fmt.Println("\n(targets met: the runs that met every target of their workload, as make MODULE=… WORKLOAD=… judges one.)")
	fmt.Printf("\nEach run's output: %s; results under %s\n", logPath, *store)
	if failed {
		return 1
	}
	return 0
}

// trimFloat writes a figure as the tables do.
var trimFloat = challenges.FormatFloat
