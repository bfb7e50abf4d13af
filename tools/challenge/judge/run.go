// Package judge runs a challenge's workload against a node, through the
// harness or a real Maelstrom, and judges the run it started against the
// challenge's targets: what `make MODULE=… WORKLOAD=…` does. It judges
// only a run it saw begin: a runner that stops before its checker wrote
// results.edn (a usage error, a failed setup) leaves nothing to judge,
// whatever older runs the store holds.
package judge

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// Options say how to run a workload.
type Options struct {
	Bin       string // the node program
	Harness   string // the harness binary; bin/harness if empty
	Maelstrom string // a real Maelstrom to run instead of the harness
	Store     string // where the harness writes its runs; Maelstrom always writes ./store
	// Extra are more flags for the runner (make's ARGS), which win over
	// the challenge's, and after a "--" the node's, which come after the
	// challenge's node flags and so win too.
	Extra []string
	Env   []string  // more environment for the runner, as KEY=value
	Out   io.Writer // the runner's output; os.Stdout keeps its terminal
}

// A Run is a finished run of a workload.
type Run struct {
	Challenge challenges.Challenge
	Command   []string // the runner and its arguments
	Exit      int      // the runner's exit status
	// Dir is the directory the run made in its store, or "" if the runner
	// stopped before it began one.
	Dir string
}

// Start runs c as o says and returns the run once the runner has exited.
// The error is for a runner that could not be started at all; a run that
// failed is a Run with its exit status.
func Start(c challenges.Challenge, o Options) (Run, error) {
	runner := o.Harness
	if runner == "" {
		runner = "bin/harness"
	}
	base := append([]string{"--bin", o.Bin}, c.Flags...)
	store := o.Store
	if store == "" {
		store = cli.DefaultStore
	}
	if o.Maelstrom == "" {
		base = append(base, "--store", store)
	}
	flags := mergeFlags(base, c.Args(o.Extra))
	if o.Maelstrom != "" {
		runner, store = o.Maelstrom, "store"
		var left []string
		flags, left = withoutHarnessOnly(flags)
		if len(left) > 0 {
			fmt.Fprintf(o.Out, "judge: left out %s: only the harness has it, and Maelstrom would refuse it\n", strings.Join(left, " "))
		}
	} else {
		store = flagValue(flags, "--store", store)
	}
	args := append([]string{"test", "-w", "broadcast"}, flags...)
	run := Run{Challenge: c, Command: append([]string{runner}, args...)}
	fmt.Fprintf(o.Out, "$ %s\n", quoteArgs(run.Command))

	before := runDirs(store)
	cmd := exec.Command(runner, args...)
	cmd.Stdout, cmd.Stderr = o.Out, o.Out
	cmd.Env = append(os.Environ(), o.Env...)
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		run.Exit = exit.ExitCode()
	case err != nil:
		return run, fmt.Errorf("run %s: %w", runner, err)
	}
	for _, d := range runDirs(store) {
		if !slices.Contains(before, d) {
			run.Dir = d // the names are start times: the last new one is this run's
		}
	}
	return run, nil
}

// runDirs lists the runs a store holds, oldest first: Maelstrom and the
// harness name each run's directory after its start time.
func runDirs(store string) []string {
	entries, _ := os.ReadDir(filepath.Join(store, "broadcast"))
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(store, "broadcast", e.Name()))
		}
	}
	return dirs
}

// Results is the run's results.edn, or an error that says in one line why
// the run left none to judge.
func (r Run) Results() (string, error) {
	if r.Dir == "" {
		return "", fmt.Errorf("%s exited with status %d before it began a run (a usage error or a failed setup; its output is above)", filepath.Base(r.Command[0]), r.Exit)
	}
	path := filepath.Join(r.Dir, "results.edn")
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("%s exited with status %d before its checker wrote %s (its output is above)", filepath.Base(r.Command[0]), r.Exit, path)
	}
	return path, nil
}

// Verdict judges the run: a line per target of its challenge and one line
// that says whether the challenge is met, or one line that says why there
// is nothing to judge. It reports whether the challenge is met.
func (r Run) Verdict(w io.Writer) bool {
	path, err := r.Results()
	if err != nil {
		fmt.Fprintf(w, "FAIL: nothing to judge: %v\n", err)
		return false
	}
	return File(w, r.Challenge, path, r.Exit)
}

// File judges one results.edn against c's targets, ending in the one line
// that says whether the challenge is met. runExit is the exit status of
// the run that wrote it: a run that failed cannot meet the challenge,
// whatever its targets say.
func File(w io.Writer, c challenges.Challenge, path string, runExit int) bool {
	res, err := challenges.ReadResults(path)
	if err != nil {
		fmt.Fprintf(w, "FAIL: the challenge could not be judged: %v\n", err)
		return false
	}
	fmt.Fprintf(w, "Targets of %s, judged from %s:\n", c.Name, path)
	vs := challenges.Judge(c, res)
	challenges.PrintTargets(w, vs)
	line, pass := challenges.Outcome(vs)
	if pass && runExit != 0 {
		line, pass = fmt.Sprintf("FAIL: every target passes, but the run itself exited with status %d; see its output above", runExit), false
	}
	fmt.Fprintln(w, line)
	return pass
}

// quoteArgs writes a command line as a shell would need it.
func quoteArgs(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t") {
			a = fmt.Sprintf("%q", a)
		}
		quoted[i] = a
	}
	return strings.Join(quoted, " ")
}
