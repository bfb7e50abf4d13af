package lab

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/judge"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// Binaries is make results' Runner: real runs through the harness and
// the judge, as make runs them, and simulated ones with the step's test
// binary, as make sim runs them.
type Binaries struct {
	Harness string // the harness binary
	BinDir  string // one binary per step, named after it
	SimDir  string // each step's test binary, <step>.test (go test -c)
	Store   string // where the runs are written
}

func (b Binaries) Real(c challenges.Challenge, step string, extra []string, out io.Writer) (string, error) {
	run, err := judge.Start(c, judge.Options{
		Bin: filepath.Join(b.BinDir, step), Harness: b.Harness, Store: filepath.Join(b.Store, "real"), Extra: extra, Out: out,
		// A terminal keeps only the last state of the progress line;
		// asking for it live keeps what a reader's terminal shows.
		Env: []string{"HARNESS_PROGRESS=live"},
	})
	if err != nil {
		return "", err
	}
	fmt.Fprintln(out)
	run.Verdict(out)
	if _, err := run.Results(); err != nil {
		return "", err
	}
	return run.Dir, nil
}

func (b Binaries) Simulate(c challenges.Challenge, step string, seed int, extra []string, out io.Writer) (string, error) {
	report, err := b.sim(c, step, out, append([]string{"-sim.seed", fmt.Sprint(seed), "-sim.store", filepath.Join(b.Store, "sim")}, flagsAfter(extra)...)...)
	if err != nil {
		return "", err
	}
	if report.Dir == "" {
		return "", fmt.Errorf("make sim SEED=%d of %s against %s wrote no run directory", seed, c.Name, step)
	}
	return report.Dir, nil
}

func (b Binaries) Sweep(c challenges.Challenge, step string, n int, extra []string, out io.Writer) (simulate.Report, error) {
	return b.sim(c, step, out, append([]string{"-sim.seeds", fmt.Sprint(n)}, flagsAfter(extra)...)...)
}

// sim runs a step's test binary as make sim does, and reads the report it
// writes. A run that misses a target exits non-zero: that is its answer,
// which the report holds, not an error.
func (b Binaries) sim(c challenges.Challenge, step string, out io.Writer, flags ...string) (simulate.Report, error) {
	report := filepath.Join(b.Store, "sim", fmt.Sprintf("%s-%s.json", step, c.Name))
	os.Remove(report)
	args := append([]string{"-test.run", "^TestSim$", "-sim.module", step, "-sim.workload", c.Name, "-sim.report", report}, flags...)
	cmd := exec.Command(b.testBinary(step), args...)
	cmd.Stdout, cmd.Stderr = out, out
	err := cmd.Run()
	if _, failed := errors.AsType[*exec.ExitError](err); err != nil && !failed {
		return simulate.Report{}, fmt.Errorf("run %s: %w", cmd.Path, err)
	}
	r, rerr := simulate.ReadReport(report)
	if rerr != nil {
		return r, fmt.Errorf("%s %s: %w (its output: %v)", cmd.Path, strings.Join(args, " "), rerr, err)
	}
	return r, nil
}

func (b Binaries) Simulates(step string) bool {
	out, err := exec.Command(b.testBinary(step), "-test.list", "^TestSim$").Output()
	return err == nil && strings.Contains(string(out), "TestSim")
}

func (b Binaries) testBinary(step string) string { return filepath.Join(b.SimDir, step+".test") }

// flagsAfter puts a run's flags after the "--" that ends a test binary's
// own: make sim's ARGS.
func flagsAfter(extra []string) []string {
	if len(extra) == 0 {
		return nil
	}
	return append([]string{"--"}, extra...)
}
