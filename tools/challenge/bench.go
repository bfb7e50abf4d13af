package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/judge"
	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

// benchCommand runs workloads against their steps over several seeds and
// prints one table of medians and worst cases.
func benchCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	binDir := fs.String("bin-dir", "bin", "directory holding one binary per step, named after it")
	seeds := fs.Int("seeds", 5, "runs per workload, with --seed 1…N")
	workloads := fs.String("workloads", "broadcast-3d,broadcast-3e,broadcast-piggyback,broadcast-piggyback-fast", "comma-separated workloads; each runs against the step that lists it in steps.toml")
	timeLimit := fs.String("time-limit", "", "override --time-limit (seconds)")
	o := judge.Options{}
	fs.StringVar(&o.Harness, "harness", "bin/harness", "the harness binary")
	fs.StringVar(&o.Store, "store", "tmp/bench-store", "where the runs are written")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	reg, err := registry()
	if err != nil {
		fmt.Fprintln(stderr, "challenge:", err)
		return exitUsage
	}
	logPath := filepath.Join(filepath.Dir(o.Store), "bench.log")
	log, err := createLog(logPath)
	if err != nil {
		fmt.Fprintln(stderr, "challenge:", err)
		return exitUsage
	}
	defer log.Close()
	o.Out = log

	var rows []challenges.Row
	failed := false
	for _, w := range strings.Split(*workloads, ",") {
		c, err := challenges.Find(w)
		var step steps.Step
		if err == nil {
			step, err = reg.StepOf(w)
		}
		if err != nil {
			fmt.Fprintln(stderr, "challenge:", err)
			return exitUsage
		}
		o.Bin = filepath.Join(*binDir, step.Name)
		r := challenges.Row{Name: w}
		for seed := 1; seed <= *seeds; seed++ {
			o.Extra = []string{"--seed", fmt.Sprint(seed)}
			if *timeLimit != "" {
				o.Extra = append(o.Extra, "--time-limit", *timeLimit)
			}
			fmt.Fprintf(stdout, "bench: %s seed %d …\n", w, seed)
			s, err := sample(c, o)
			if err != nil {
				fmt.Fprintf(stdout, "bench: %s seed %d: %v (see %s)\n", w, seed, err, logPath)
				failed = true
				continue
			}
			r.Samples = append(r.Samples, s)
		}
		rows = append(rows, r)
	}

	fmt.Fprintf(stdout, "\nmake bench: %d seed(s) per workload; msgs-per-op is [:net :servers :msgs-per-op] (servers) and [:net :all :msgs-per-op] (all); latencies are [:workload :stable-latencies] in ms.\n\n", *seeds)
	challenges.WriteTable(stdout, rows)
	fmt.Fprintln(stdout, "\n(targets met: the runs that met every target of their workload, as make MODULE=… WORKLOAD=… judges one.)")
	fmt.Fprintf(stdout, "\nEach run's output: %s; results under %s\n", logPath, o.Store)
	return status(!failed)
}

// sample runs c and reads what the run measured.
func sample(c challenges.Challenge, o judge.Options) (challenges.Sample, error) {
	run, err := judge.Start(c, o)
	if err != nil {
		return challenges.Sample{}, err
	}
	path, err := run.Results()
	if err != nil {
		return challenges.Sample{}, err
	}
	res, err := challenges.ReadResults(path)
	if err != nil {
		return challenges.Sample{}, err
	}
	s := challenges.Measure(res)
	s.Met = challenges.MetAll(c, res)
	return s, nil
}

// registry reads steps.toml from the repository this runs in.
func registry() (steps.Registry, error) { return steps.Nearest(".") }
