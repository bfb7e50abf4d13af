// Command challenge runs the Gossip Glomers broadcast challenges (their
// flags and targets are in package challenges). The Makefile uses it to run a challenge's
// workload against a step (through the harness, or a real Maelstrom) and to
// judge the run's results.edn against the challenge's targets.
//
//	challenge flags WORKLOAD
//	challenge judge WORKLOAD results.edn
//	challenge list
//	challenge seeds -workload W -bin PATH [-seeds N] [-- extra flags]
//	challenge run   -workload W -bin PATH [-harness PATH | -maelstrom PATH] [-store DIR] [-- extra flags]
//	challenge bench -harness PATH -bin-dir DIR [-seeds N] [-workloads W,W]
//	challenge sim-check -harness PATH -bin-dir DIR -sim-dir DIR [-seeds N] [-workloads W,W]
//	challenge results -harness PATH -bin-dir DIR -sim-dir DIR -data FILE -static DIR [-only SECTION,…] [-traffic W,W] [-batch-intervals MS,MS -sweep W,W] [-variants W,W] [-repeat W,W -repeat-seeds N]
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

func main() {
	os.Exit(dispatch(os.Args[1:]))
}

const usage = `usage:
  challenge list                            print the workloads
  challenge flags WORKLOAD                  print the workload's flags (the node's after --)
  challenge judge WORKLOAD results.edn      print PASS/FAIL per target
  challenge run -workload W -bin PATH [-harness PATH | -maelstrom PATH] [-store DIR] [-- extra flags]
  challenge seeds -workload W -bin PATH [-seeds N] [-store DIR] [-- extra flags]
  challenge bench -harness PATH -bin-dir DIR [-seeds N] [-workloads W,W] [-time-limit S]
  challenge sim-check -harness PATH -bin-dir DIR -sim-dir DIR [-seeds N] [-workloads W,W]
  challenge results -harness PATH -bin-dir DIR -sim-dir DIR -data FILE -static DIR [-readme FILE] [-only SECTION,…]
                    [-traffic W,W] [-batch-intervals MS,MS -sweep W,W] [-variants W,W] [-repeat W,W -repeat-seeds N]
  challenge readme -data FILE -readme FILE  rewrite a README's results table from data/results.json`

func dispatch(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, usage)
		return 2
	}
	switch args[0] {
	case "flags", "judge":
		want := map[string]int{"flags": 2, "judge": 3}[args[0]]
		if len(args) != want {
			fmt.Fprintln(os.Stderr, usage)
			return 2
		}
		c, err := challenges.Find(args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "challenge:", err)
			return 2
		}
		if args[0] == "judge" {
			return judgeFile(os.Stdout, c, args[2], 0)
		}
		fmt.Println(strings.Join(commandLine(c, c.Flags), " "))
		return 0
	case "list":
		for _, c := range challenges.All {
			fmt.Print(c.Name, " ")
		}
		fmt.Println()
		return 0
	case "run":
		return runCommand(args[1:])
	case "seeds":
		return seedsCommand(args[1:])
	case "bench":
		return benchCommand(args[1:])
	case "sim-check":
		return simCheckCommand(args[1:])
	case "results":
		return resultsCommand(args[1:])
	case "readme":
		return readmeCommand(args[1:])
	}
	fmt.Fprintf(os.Stderr, "challenge: unknown command %q\n%s\n", args[0], usage)
	return 2
}

// judgeFile prints the verdicts for one results.edn, ending in the one
// line that says whether the challenge passed; 0 when it did. runExit is
// the exit status of the run that wrote the file: a run that failed
// cannot pass the challenge, whatever its targets say.
func judgeFile(w io.Writer, c challenges.Challenge, path string, runExit int) int {
	res, err := challenges.ReadResults(path)
	if err != nil {
		fmt.Fprintf(w, "FAIL: the challenge could not be judged: %v\n", err)
		return 1
	}
	fmt.Fprintf(w, "Targets of %s, judged from %s:\n", c.Name, path)
	vs := challenges.Judge(c, res)
	challenges.PrintTargets(w, vs)
	line, pass := challenges.Outcome(vs)
	if pass && runExit != 0 {
		line, pass = fmt.Sprintf("FAIL: every target passes, but the run itself exited with status %d; see its output above", runExit), false
	}
	fmt.Fprintln(w, line)
	if !pass {
		return 1
	}
	return 0
}
