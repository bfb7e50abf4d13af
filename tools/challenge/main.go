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
//	challenge results -harness PATH -bin-dir DIR -data FILE -static DIR [-traffic W,W] [-batch-intervals MS,MS -sweep W,W] [-variants W,W] [-repeat W,W -repeat-seeds N]
package main

import (
	"fmt"
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
  challenge results -harness PATH -bin-dir DIR -data FILE -static DIR [-readme FILE]
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
			return judgeFile(c, args[2])
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
	case "results":
		return resultsCommand(args[1:])
	case "readme":
		return readmeCommand(args[1:])
	}
	fmt.Fprintf(os.Stderr, "challenge: unknown command %q\n%s\n", args[0], usage)
	return 2
}

// judgeFile prints the verdicts for one results.edn; 0 when all pass.
func judgeFile(c challenges.Challenge, path string) int {
	res, err := challenges.ReadResults(path)
	if err != nil {
		fmt.Printf("FAIL  %-20s %v\n", "results", err)
		return 1
	}
	fmt.Printf("Targets of %s, judged from %s:\n", c.Name, path)
	ok := challenges.PrintVerdicts(os.Stdout, challenges.Judge(c, res))
	if all, found := challenges.Lookup(res, challenges.Keys("net", "all", "msgs-per-op")); found {
		fmt.Printf("info  %-20s %v (not a target: it also counts client messages; [:net :all :msgs-per-op])\n", "all msgs-per-op", all)
	}
	if !ok {
		return 1
	}
	return 0
}
