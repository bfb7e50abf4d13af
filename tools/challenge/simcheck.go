package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// simCheckCommand runs each step against its own challenge twice per seed,
// for real through the harness and in simulation (the step's test binary,
// as make sim runs it), and prints both rows of figures: how far the
// simulation is from real runs is measured, not assumed.
func simCheckCommand(args []string) int {
	fs := flag.NewFlagSet("sim-check", flag.ContinueOnError)
	harness := fs.String("harness", "bin/harness", "the harness binary")
	binDir := fs.String("bin-dir", "bin", "directory holding one binary per step, named after it")
	simDir := fs.String("sim-dir", "bin/sim", "directory holding each step's test binary, <step>.test (go test -c)")
	seeds := fs.Int("seeds", 5, "runs per workload and kind, with --seed 1…N")
	workloads := fs.String("workloads", "broadcast-3a,broadcast-3b,broadcast-3c,broadcast-3d,broadcast-3e", "comma-separated workloads; each runs against the step of the same name")
	store := fs.String("store", "tmp/sim-check", "where the runs are written")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	logPath := filepath.Join(*store, "runs.log")
	log, err := createLog(logPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "challenge:", err)
		return 2
	}
	defer log.Close()

	var rows []challenges.Row
	var realWall, simWall time.Duration
	runs := 0
	failed := false
	for _, w := range strings.Split(*workloads, ",") {
		c, err := challenges.Find(w)
		if err != nil {
			fmt.Fprintln(os.Stderr, "challenge:", err)
			return 2
		}
		step := c.Step
		real, sim := challenges.Row{Name: w + " real"}, challenges.Row{Name: w + " sim"}
		for seed := 1; seed <= *seeds; seed++ {
			fmt.Printf("sim-check: %s seed %d …\n", w, seed)
			began := time.Now()
			path, _, err := runWorkload(c, filepath.Join(*binDir, step), *harness, "", filepath.Join(*store, "real"), []string{"--seed", fmt.Sprint(seed)}, log)
			realWall += time.Since(began)
			if err == nil {
				err = addSample(&real, c, path)
			}
			if err != nil {
				fmt.Printf("sim-check: %s seed %d, real: %v (see %s)\n", w, seed, err, logPath)
				failed = true
			}
			began = time.Now()
			fmt.Fprintf(log, "$ make sim MODULE=%s WORKLOAD=%s SEED=%d\n", step, w, seed)
			path, err = simulate(filepath.Join(*simDir, step+".test"), step, w, seed, filepath.Join(*store, "sim"), log)
			simWall += time.Since(began)
			if err == nil {
				err = addSample(&sim, c, path)
			}
			if err != nil {
				fmt.Printf("sim-check: %s seed %d, simulated: %v (see %s)\n", w, seed, err, logPath)
				failed = true
			}
			runs++
		}
		rows = append(rows, real, sim)
	}

	fmt.Printf("\nmake sim-check: %d seed(s) per workload, each run for real (the harness, real time) and in simulation (virtual time); msgs-per-op is [:net :servers :msgs-per-op] (servers) and [:net :all :msgs-per-op] (all); latencies are [:workload :stable-latencies] in ms.\n\n", *seeds)
	challenges.WriteTable(os.Stdout, rows)
	if runs > 0 {
		fmt.Printf("\nA real run took %.1f s on average, a simulated one %.2f s (with its store written and the test binary started).\n",
			realWall.Seconds()/float64(runs), simWall.Seconds()/float64(runs))
	}
	fmt.Printf("Each run's output: %s; results under %s\n", logPath, *store)
	if failed {
		return 1
	}
	return 0
}

// simulate replays one seed of workload against step in simulation with
// the step's test binary, as make sim SEED=… does, and returns the path of
// the results.edn it wrote. extra are more harness flags (make sim's ARGS),
// and the node's after a "--".
func simulate(testBin, step, workload string, seed int, store string, out io.Writer, extra ...string) (string, error) {
	flags := []string{"-sim.seed", fmt.Sprint(seed), "-sim.store", store}
	if len(extra) > 0 {
		flags = append(append(flags, "--"), extra...)
	}
	code, err := simRun(testBin, step, workload, out, flags...)
	if err != nil {
		return "", err
	}
	return lastResults(store, code)
}

// simRun runs make sim's test binary of a step (its TestSim) on workload
// with more flags, its output going to out, and returns its exit status:
// a run that misses a target exits non-zero, which is its answer, not an
// error.
func simRun(testBin, step, workload string, out io.Writer, flags ...string) (int, error) {
	args := append([]string{"-test.run", "^TestSim$", "-sim.module", step, "-sim.workload", workload}, flags...)
	cmd := exec.Command(testBin, args...)
	cmd.Stdout, cmd.Stderr = out, out
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		return exitErr.ExitCode(), nil
	case err != nil:
		return 0, fmt.Errorf("run %s: %w", testBin, err)
	}
	return 0, nil
}

// addSample reads a run's figures into a row.
func addSample(row *challenges.Row, c challenges.Challenge, resultsPath string) error {
	s, err := measure(resultsPath)
	if err != nil {
		return err
	}
	s.Met = metAll(c, resultsPath)
	row.Samples = append(row.Samples, s)
	return nil
}
