// Command steps writes the files that cannot read steps.toml themselves
// (go.work's list of steps, hugo.toml's mounts of their code) and lists
// the steps for the Makefile.
//
// Usage, from the repository root:
//
//	go run ./tools/steps/cmd/steps          # write them (make steps)
//	go run ./tools/steps/cmd/steps -check   # exit 1 if any is stale
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("steps", flag.ContinueOnError)
	flags.SetOutput(stderr)
	check := flags.Bool("check", false, "write nothing; exit 1 if a file written from "+steps.File+" is stale")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	root, err := steps.FindRoot(".")
	if err == nil {
		var reg steps.Registry
		if reg, err = steps.Load(root); err == nil {
			var changed []string
			changed, err = reg.Sync(!*check)
			for _, f := range changed {
				if *check {
					fmt.Fprintf(stderr, "stale: %s (make steps writes it from %s)\n", f, steps.File)
				} else {
					fmt.Fprintf(stdout, "wrote %s\n", f)
				}
			}
			if err == nil && *check && len(changed) > 0 {
				return 1
			}
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "steps:", err)
		return 1
	}
	return 0
}
