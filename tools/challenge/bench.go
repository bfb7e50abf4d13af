package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// sample is what one run measured.
type sample struct {
	Servers   float64
	All       float64
	P50, P95  float64
	P99, Max  float64
	Valid     bool
	ValidText string
	LostCount float64
}

// measure reads the figures of one run from its results.edn.
func measure(path string) (sample, error) {
	res, err := challenges.ReadResults(path)
	if err != nil {
		return sample{}, err
	}
	get := func(path []any) float64 {
		v, _ := challenges.Lookup(res, path)
		n, _ := challenges.Number(v)
		return n
	}
	lat := func(q any) float64 { return get(append(challenges.Keys("workload", "stable-latencies"), q)) }
	v, _ := challenges.Lookup(res, challenges.Keys("valid?"))
	return sample{
		Servers: get(challenges.Keys("net", "servers", "msgs-per-op")),
		All:     get(challenges.Keys("net", "all", "msgs-per-op")),
		P50:     lat(0.5), P95: lat(0.95), P99: lat(0.99), Max: lat(int64(1)),
		Valid: v == true, ValidText: fmt.Sprint(challenges.EDNText(v)),
		LostCount: get(challenges.Keys("workload", "lost-count")),
	}, nil
}

// benchCommand runs workloads over several seeds and prints one table of
// medians and worst cases.
func benchCommand(args []string) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	harness := fs.String("harness", "bin/harness", "the harness binary")
	binDir := fs.String("bin-dir", "bin", "directory holding one binary per step, named after it")
	seeds := fs.Int("seeds", 5, "runs per workload, with --seed 1…N")
	workloads := fs.String("workloads", "broadcast-3d,broadcast-3e,broadcast-piggyback,broadcast-piggyback-fast", "comma-separated workloads; each runs against its step")
	timeLimit := fs.String("time-limit", "", "override --time-limit (seconds)")
	store := fs.String("store", "tmp/bench-store", "store directory for the runs")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	logPath := filepath.Join(filepath.Dir(*store), "bench.log")
	log, err := createLog(logPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "challenge:", err)
		return 2
	}
	defer log.Close()

	type row struct {
		workload string
		samples  []sample
		met      int // runs that met every target
	}
	var rows []row
	failed := false
	for _, w := range strings.Split(*workloads, ",") {
		c, err := challenges.Find(w)
		if err != nil {
			fmt.Fprintln(os.Stderr, "challenge:", err)
			return 2
		}
		r := row{workload: w}
		for seed := 1; seed <= *seeds; seed++ {
			extra := []string{"--seed", fmt.Sprint(seed)}
			if *timeLimit != "" {
				extra = append(extra, "--time-limit", *timeLimit)
			}
			fmt.Printf("bench: %s seed %d …\n", w, seed)
			path, _, err := runWorkload(c, filepath.Join(*binDir, c.Step), *harness, "", *store, extra, log)
			if err != nil {
				fmt.Printf("bench: %s seed %d: %v (see %s)\n", w, seed, err, logPath)
				failed = true
				continue
			}
			s, err := measure(path)
			if err != nil {
				fmt.Printf("bench: %s seed %d: %v\n", w, seed, err)
				failed = true
				continue
			}
			r.samples = append(r.samples, s)
			if metAll(c, path) {
				r.met++
			}
		}
		rows = append(rows, r)
	}

	fmt.Printf("\nmake bench: %d seed(s) per workload; msgs-per-op is [:net :servers :msgs-per-op] (servers) and [:net :all :msgs-per-op] (all); latencies are [:workload :stable-latencies] in ms.\n\n", *seeds)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "workload\t\tservers\tall\tp50\tp95\tp99\tmax\tvalid\ttargets met\t")
	for _, r := range rows {
		printStat(tw, r.workload, "median", r.samples, median, fmt.Sprintf("%d/%d", r.met, *seeds))
		printStat(tw, "", "worst", r.samples, worst, "")
	}
	tw.Flush()
	fmt.Println("\n(targets met: the runs that met every target of their workload, as make MODULE=… WORKLOAD=… judges one.)")
	fmt.Printf("\nEach run's output: %s; results under %s\n", logPath, *store)
	if failed {
		return 1
	}
	return 0
}

func printStat(w io.Writer, name, label string, ss []sample, agg func([]float64) float64, met string) {
	col := func(f func(sample) float64) string {
		if len(ss) == 0 {
			return "-"
		}
		var xs []float64
		for _, s := range ss {
			xs = append(xs, f(s))
		}
		return trimFloat(agg(xs))
	}
	valid := 0
	for _, s := range ss {
		if s.Valid {
			valid++
		}
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d/%d\t%s\t\n", name, label,
		col(func(s sample) float64 { return s.Servers }),
		col(func(s sample) float64 { return s.All }),
		col(func(s sample) float64 { return s.P50 }),
		col(func(s sample) float64 { return s.P95 }),
		col(func(s sample) float64 { return s.P99 }),
		col(func(s sample) float64 { return s.Max }),
		valid, len(ss), met)
}

// metAll reports whether the run whose results.edn is at path met every
// target of c.
func metAll(c challenges.Challenge, path string) bool {
	res, err := challenges.ReadResults(path)
	if err != nil {
		return false
	}
	for _, v := range challenges.Judge(c, res) {
		if !v.Pass {
			return false
		}
	}
	return true
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func worst(xs []float64) float64 { return slices.Max(xs) }

func trimFloat(f float64) string {
	if f == float64(int64(f)) {
		return fmt.Sprint(int64(f))
	}
	return fmt.Sprintf("%.2f", f)
}
