// Command challenge is the judge: it runs a Gossip Glomers broadcast
// challenge's workload against a node (through the harness, or a real
// Maelstrom) and judges the run against the challenge's targets. The
// workloads' flags and targets are in package challenges; running and
// judging in package judge; `make sim`'s simulated runs in package
// simulate.
//
//	challenge list [-timed | -untimed]      the workloads (judged on latency, or not)
//	challenge step WORKLOAD                 the step built to meet it (steps.toml)
//	challenge flags WORKLOAD                a workload's flags
//	challenge judge WORKLOAD results.edn    judge a run made elsewhere
//	challenge run   -workload W -bin PATH   run and judge (make MODULE=… WORKLOAD=…)
//	challenge seeds -workload W -bin PATH   run and judge over seeds 1…N
//	challenge bench -bin-dir DIR            each workload against its step over seeds: a table
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/judge"
	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  challenge list [-timed | -untimed]        print the workloads (only those judged on latency, or only the others)
  challenge step WORKLOAD                   print the step built to meet it (steps.toml)
  challenge flags WORKLOAD                  print the workload's flags (the node's after --)
  challenge judge WORKLOAD results.edn      print PASS/FAIL per target
  challenge run -workload W -bin PATH [-harness PATH | -maelstrom PATH] [-store DIR] [-- extra flags]
  challenge seeds -workload W -bin PATH [-seeds N] [-store DIR] [-- extra flags]
  challenge bench [-harness PATH] [-bin-dir DIR] [-seeds N] [-workloads W,W] [-time-limit S]`

// Exit statuses: the challenge is met, it is not (or there was nothing to
// judge), the command line is wrong.
const (
	exitMet    = 0
	exitNotMet = 1
	exitUsage  = 2
)

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "list":
		var names []string
		for _, c := range challenges.All {
			timed := c.Timed()
			if len(args) == 1 || args[1] == "-timed" && timed || args[1] == "-untimed" && !timed {
				names = append(names, c.Name)
			}
		}
		if len(args) > 2 || len(args) == 2 && args[1] != "-timed" && args[1] != "-untimed" {
			fmt.Fprintln(stderr, usage)
			return exitUsage
		}
		fmt.Fprintln(stdout, strings.Join(names, " "))
		return exitMet
	case "step":
		if len(args) != 2 {
			fmt.Fprintln(stderr, usage)
			return exitUsage
		}
		reg, err := registry()
		var s steps.Step
		if err == nil {
			s, err = reg.StepOf(args[1])
		}
		if err != nil {
			fmt.Fprintln(stderr, "challenge:", err)
			return exitUsage
		}
		fmt.Fprintln(stdout, s.Name)
		return exitMet
	case "flags", "judge":
		want := map[string]int{"flags": 2, "judge": 3}[args[0]]
		if len(args) != want {
			fmt.Fprintln(stderr, usage)
			return exitUsage
		}
		c, err := challenges.Find(args[1])
		if err != nil {
			fmt.Fprintln(stderr, "challenge:", err)
			return exitUsage
		}
		if args[0] == "flags" {
			fmt.Fprintln(stdout, strings.Join(append(c.Flags, c.Args(nil)...), " "))
			return exitMet
		}
		return status(judge.File(stdout, c, args[2], 0))
	case "run":
		return runCommand(args[1:], stdout, stderr)
	case "seeds":
		return seedsCommand(args[1:], stdout, stderr)
	case "bench":
		return benchCommand(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "challenge: unknown command %q\n%s\n", args[0], usage)
	return exitUsage
}

func status(met bool) int {
	if met {
		return exitMet
	}
	return exitNotMet
}
