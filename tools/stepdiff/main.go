// Command stepdiff diffs the tutorial's steps, as the blog posts show them
// and as make diff prints them, so that a post's "what changed" section
// is always computed from the real code and never typed by hand.
//
// For every pair of neighbouring steps of steps.toml it writes
// assets/diffs/<from>..<to>/<file>.diff for each Go file and go.mod that
// differs, in the format of diff -u without timestamps. A file only in
// one step is diffed against /dev/null, so it shows whole. Diffs no
// longer wanted are deleted.
//
// Usage, from the repository root:
//
//	go run ./tools/stepdiff                    # regenerate (make diffs)
//	go run ./tools/stepdiff -check             # exit 1 listing stale diffs
//	go run ./tools/stepdiff -from A -to B      # print the diff of two steps (make diff)
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
	flags := flag.NewFlagSet("stepdiff", flag.ContinueOnError)
	flags.SetOutput(stderr)
	root := flags.String("root", ".", "repository root holding the broadcast-* step directories")
	out := flags.String("out", "assets/diffs", "directory the diffs are written to")
	check := flags.Bool("check", false, "write nothing; exit 1 if any diff is missing, out of date or obsolete")
	from := flags.String("from", "", "with -to: print the diff from this step to that one, and write nothing")
	to := flags.String("to", "", "see -from")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "stepdiff: unexpected argument %q\n", flags.Arg(0))
		return 2
	}
	if *from != "" || *to != "" {
		return printDiff(*root, *from, *to, stdout, stderr)
	}

	want, err := plan(*root)
	if err != nil {
		fmt.Fprintf(stderr, "stepdiff: %v\n", err)
		return 1
	}
	if *check {
		bad, err := stale(*out, want)
		if err != nil {
			fmt.Fprintf(stderr, "stepdiff: %v\n", err)
			return 1
		}
		for _, b := range bad {
			fmt.Fprintf(stderr, "stale: %s\n", b)
		}
		if len(bad) > 0 {
			fmt.Fprintf(stderr, "stepdiff: %d stale diff(s) in %s; run make diffs\n", len(bad), *out)
			return 1
		}
		fmt.Fprintf(stdout, "stepdiff: %d diff(s) in %s up to date\n", len(want), *out)
		return 0
	}
	changed, err := write(*out, want)
	for _, c := range changed {
		fmt.Fprintln(stdout, c)
	}
	if err != nil {
		fmt.Fprintf(stderr, "stepdiff: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "stepdiff: %d diff(s) in %s, %d change(s)\n", len(want), *out, len(changed))
	return 0
}

// printDiff prints the diff from one step to another, file by file.
func printDiff(root, from, to string, stdout, stderr io.Writer) int {
	reg, err := steps.Load(root)
	for _, name := range []string{from, to} {
		if err == nil {
			_, err = reg.Find(name)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "stepdiff: %v\n", err)
		return 2
	}
	files, err := between(root, from, to)
	if err != nil {
		fmt.Fprintf(stderr, "stepdiff: %v\n", err)
		return 1
	}
	for _, f := range files {
		fmt.Fprint(stdout, f.diff)
	}
	return 0
}
