package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// runCommand runs one workload against a node binary, then judges it.
func runCommand(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	workload := fs.String("workload", "", "challenge name, e.g. broadcast-3e")
	bin := fs.String("bin", "", "the node binary")
	harness := fs.String("harness", "bin/harness", "the harness binary")
	maelstrom := fs.String("maelstrom", "", "a real Maelstrom to use instead of the harness")
	store := fs.String("store", "store", "store directory (harness only; Maelstrom always uses ./store)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	c, err := challenges.Find(*workload)
	if err != nil {
		fmt.Fprintln(os.Stderr, "challenge:", err)
		return 2
	}
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "challenge: -bin is required")
		return 2
	}
	results, code, err := runWorkload(c, *bin, *harness, *maelstrom, *store, fs.Args(), os.Stdout)
	fmt.Println()
	if err != nil {
		fmt.Printf("FAIL: the challenge could not be judged: %v\n", err)
		return 1
	}
	return judgeFile(os.Stdout, c, results, code)
}

// runWorkload runs the challenge's flags plus extra against bin, through
// the harness or Maelstrom, with the output going to out. Extra flags after
// a "--" go to the node, after the challenge's own node flags, so that they
// win. It returns the path of the run's results.edn and the runner's exit
// status. When out is a terminal (an *os.File), the runner writes to it
// directly and redraws its progress line in place.
func runWorkload(c challenges.Challenge, bin, harness, maelstrom, store string, extra []string, out io.Writer) (string, int, error) {
	runner := harness
	base := append([]string{"--bin", bin}, c.Flags...)
	if maelstrom != "" {
		runner = maelstrom
	} else {
		base = append(base, "--store", store)
	}
	flags := mergeFlags(base, commandLine(c, extra))
	// Maelstrom always writes to ./store; the harness where --store says.
	store = flagValue(flags, "--store", "store")
	args := append([]string{"test", "-w", "broadcast"}, flags...)
	fmt.Fprintf(out, "$ %s %s\n", runner, quoteArgs(args))
	cmd := exec.Command(runner, args...)
	cmd.Stdout, cmd.Stderr = out, out
	err := cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	case err != nil:
		return "", 0, fmt.Errorf("run %s: %w", runner, err)
	}
	results, err := lastResults(store, code)
	return results, code, err
}

// lastResults returns the results.edn of the run that last started in
// store. store/current is set when a run starts, store/latest once it has
// written its results: if they differ, that run got no further than
// setting up, and the results.edn under latest belongs to an earlier run.
// If they agree, results.edn must be there.
func lastResults(store string, code int) (string, error) {
	current, errC := filepath.EvalSymlinks(filepath.Join(store, "current"))
	latest, errL := filepath.EvalSymlinks(filepath.Join(store, "latest"))
	results := filepath.Join(latest, "results.edn")
	_, errR := os.Stat(results)
	if errC != nil || errL != nil || current != latest || errR != nil {
		return "", fmt.Errorf("the run (exit status %d) wrote no results.edn; see its output above", code)
	}
	return results, nil
}

// commandLine returns the flags that follow the challenge's own: extra's
// flags for the runner, then, after a "--", the challenge's node flags and
// extra's.
func commandLine(c challenges.Challenge, extra []string) []string {
	runnerFlags, nodeFlags := extra, []string(nil)
	if i := slices.Index(extra, "--"); i >= 0 {
		runnerFlags, nodeFlags = extra[:i], extra[i+1:]
	}
	nodeFlags = append(slices.Clone(c.NodeFlags), nodeFlags...)
	if len(nodeFlags) == 0 {
		return runnerFlags
	}
	return append(append(slices.Clone(runnerFlags), "--"), nodeFlags...)
}

// createLog creates a file for runs' output, and its directory.
func createLog(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.Create(path)
}

func quoteArgs(args []string) string {
	s := ""
	for i, a := range args {
		if i > 0 {
			s += " "
		}
		if a == "" || containsSpace(a) {
			a = fmt.Sprintf("%q", a)
		}
		s += a
	}
	return s
}

func containsSpace(s string) bool {
	for _, r := range s {
		if r == ' ' || r == '\t' {
			return true
		}
	}
	return false
}
