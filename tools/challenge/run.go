package main

import (
	"errors"
	"flag"
	"fmt"
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
	if err != nil {
		fmt.Printf("\nFAIL  %-20s %v\n", "run", err)
		return 1
	}
	fmt.Println()
	verdict := judgeFile(c, results)
	if code != 0 && verdict == 0 {
		fmt.Printf("note: the run itself exited with status %d\n", code)
	}
	return verdict
}

// runWorkload runs the challenge's flags plus extra against bin, through
// the harness or Maelstrom, with the output going to out. Extra flags after
// a "--" go to the node, after the challenge's own node flags, so that they
// win. It returns the path of the run's results.edn and the runner's exit
// status.
func runWorkload(c challenges.Challenge, bin, harness, maelstrom, store string, extra []string, out *os.File) (string, int, error) {
	runner := harness
	args := []string{"test", "-w", "broadcast", "--bin", bin}
	args = append(args, c.Flags...)
	if maelstrom != "" {
		runner = maelstrom
		store = "store"
	} else {
		args = append(args, "--store", store)
	}
	args = append(args, commandLine(c, extra)...)
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
	// store/current is set when a run starts, store/latest once it has
	// written its history and again its results: if they differ, this run
	// got no further than setting up, and the results.edn under latest
	// belongs to an earlier run. If they agree, results.edn must be there.
	current, errC := filepath.EvalSymlinks(filepath.Join(store, "current"))
	latest, errL := filepath.EvalSymlinks(filepath.Join(store, "latest"))
	results := filepath.Join(latest, "results.edn")
	_, errR := os.Stat(results)
	if errC != nil || errL != nil || current != latest || errR != nil {
		return "", code, fmt.Errorf("the run (exit status %d) wrote no results.edn; see its output above", code)
	}
	return results, code, nil
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
