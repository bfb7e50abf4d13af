package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// seedsCommand runs one workload once per seed and judges every run: a
// claim such as "3c never loses a value under partitions" needs more than
// one lucky schedule.
func seedsCommand(args []string) int {
	fs := flag.NewFlagSet("seeds", flag.ContinueOnError)
	workload := fs.String("workload", "", "challenge name")
	bin := fs.String("bin", "", "the node binary")
	harness := fs.String("harness", "bin/harness", "the harness binary")
	seeds := fs.Int("seeds", 10, "runs, with --seed 1…N")
	store := fs.String("store", "tmp/seeds-store", "store directory for the runs")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	c, err := challenges.Find(*workload)
	if err != nil || *bin == "" {
		fmt.Fprintln(os.Stderr, "challenge: seeds needs -workload and -bin:", err)
		return 2
	}
	logPath := filepath.Join(*store, "runs.log")
	log, err := createLog(logPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "challenge:", err)
		return 2
	}
	defer log.Close()
	passed := 0
	for seed := 1; seed <= *seeds; seed++ {
		extra := append([]string{"--seed", fmt.Sprint(seed)}, fs.Args()...)
		path, _, err := runWorkload(c, *bin, *harness, "", *store, extra, log)
		if err != nil {
			fmt.Printf("FAIL  %s --seed %d: %v (output in %s)\n", c.Name, seed, err, logPath)
			continue
		}
		res, err := challenges.ReadResults(path)
		if err != nil {
			fmt.Printf("FAIL  %s --seed %d: %v\n", c.Name, seed, err)
			continue
		}
		all := true
		summary := ""
		for _, v := range challenges.Judge(c, res) {
			all = all && v.Pass
			summary += fmt.Sprintf("  %s=%v", v.Target.Name, challenges.EDNText(v.Value))
		}
		word := "PASS"
		if all {
			passed++
		} else {
			word = "FAIL"
		}
		fmt.Printf("%s  %s --seed %d:%s (%s)\n", word, c.Name, seed, summary, filepath.Dir(path))
	}
	fmt.Printf("%s: %d of %d seeds passed\n", c.Name, passed, *seeds)
	if passed != *seeds {
		return 1
	}
	return 0
}
