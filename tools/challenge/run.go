package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/judge"
)

// runCommand runs one workload against a node, then judges the run.
func runCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workload := fs.String("workload", "", "challenge name, e.g. broadcast-3e")
	o := judge.Options{Out: stdout}
	fs.StringVar(&o.Bin, "bin", "", "the node program")
	fs.StringVar(&o.Harness, "harness", "bin/harness", "the harness binary")
	fs.StringVar(&o.Maelstrom, "maelstrom", "", "a real Maelstrom to run instead of the harness")
	fs.StringVar(&o.Store, "store", "store", "where the harness writes its runs (Maelstrom always writes ./store)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	c, err := challenges.Find(*workload)
	if err != nil {
		fmt.Fprintln(stderr, "challenge:", err)
		return exitUsage
	}
	if o.Bin == "" {
		fmt.Fprintln(stderr, "challenge: -bin is required")
		return exitUsage
	}
	o.Extra = fs.Args()
	if stdout == os.Stdout {
		o.Out = os.Stdout // the runner sees the terminal, and redraws its progress line
	}
	run, err := judge.Start(c, o)
	fmt.Fprintln(stdout)
	if err != nil {
		fmt.Fprintf(stdout, "FAIL: nothing to judge: %v\n", err)
		return exitNotMet
	}
	return status(run.Verdict(stdout))
}
