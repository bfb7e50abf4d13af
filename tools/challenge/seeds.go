package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/judge"
)

// seedsCommand runs one workload once per seed and judges every run: a
// claim such as "3c never loses a value under partitions" needs more than
// one lucky schedule.
func seedsCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("seeds", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workload := fs.String("workload", "", "challenge name")
	seeds := fs.Int("seeds", 10, "runs, with --seed 1…N")
	o := judge.Options{}
	fs.StringVar(&o.Bin, "bin", "", "the node program")
	fs.StringVar(&o.Harness, "harness", "bin/harness", "the harness binary")
	fs.StringVar(&o.Store, "store", "tmp/seeds-store", "where the runs are written")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	c, err := challenges.Find(*workload)
	if err != nil || o.Bin == "" {
		fmt.Fprintln(stderr, "challenge: seeds needs -workload and -bin:", err)
		return exitUsage
	}
	logPath := filepath.Join(o.Store, "runs.log")
	log, err := createLog(logPath)
	if err != nil {
		fmt.Fprintln(stderr, "challenge:", err)
		return exitUsage
	}
	defer log.Close()
	o.Out = log
	passed := 0
	for seed := 1; seed <= *seeds; seed++ {
		o.Extra = append([]string{"--seed", fmt.Sprint(seed)}, fs.Args()...)
		word, what := "FAIL", ""
		if run, err := judge.Start(c, o); err != nil {
			what = err.Error()
		} else if path, err := run.Results(); err != nil {
			what = err.Error()
		} else if res, err := challenges.ReadResults(path); err != nil {
			what = err.Error()
		} else {
			vs := challenges.Judge(c, res)
			line, met := challenges.Outcome(vs)
			if met {
				word, passed = "PASS", passed+1
			}
			what = fmt.Sprintf("%s (%s)", line, run.Dir)
		}
		fmt.Fprintf(stdout, "%s  %s --seed %d: %s\n", word, c.Name, seed, what)
	}
	fmt.Fprintf(stdout, "%s: %d of %d seeds met the challenge (the runs' output: %s)\n", c.Name, passed, *seeds, logPath)
	return status(passed == *seeds)
}

// createLog creates a file for runs' output, and its directory.
func createLog(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.Create(path)
}
