package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// resultsFile is data/results.json: what the blog shows, written only by
// real runs of `make results`.
type resultsFile struct {
	Generated string `json:"generated"` // when the last make results ran
	Command   string `json:"command"`
	// Sections says when each section below was last written: make
	// results ONLY=… re-runs some sections and keeps the others.
	Sections map[string]string `json:"sections"`
	Runs     []resultRun       `json:"runs"`
	Batching []batchRun        `json:"batching,omitempty"`
	Variants []variantRun      `json:"variants,omitempty"`
	Repeats  []repeatRun       `json:"repeats,omitempty"`
	Failing  []resultRun       `json:"failing,omitempty"` // each step against the next challenge (failing.go)
	Sim      *simResults       `json:"sim,omitempty"`     // make sim finding a lost value (simsection.go)
	// DesignSpace is every design on one chart, and how each scales
	// (designspace.go).
	DesignSpace *designSpace `json:"designSpace,omitempty"`
}

// figures are what one run measured, as the blog shows them.
type figures struct {
	Valid   string         `json:"valid"`
	Servers float64        `json:"serversMsgsPerOp"`
	All     float64        `json:"allMsgsPerOp"`
	Latency latencySummary `json:"stableLatencyMs"`
	Lost    float64        `json:"lostCount"`
	// Targets are the run's challenge's targets, judged on this run.
	Targets []targetOutcome `json:"targets"`
}

// resultRun is one challenge run against its step.
type resultRun struct {
	Workload string `json:"workload"`
	Module   string `json:"module"`
	Command  string `json:"command"`
	Seed     int    `json:"seed"`
	figures
	Traffic []trafficRow `json:"traffic,omitempty"` // where the messages between servers went
	Files   string       `json:"files"`             // under static/, the run's results.edn and plots
	Console string       `json:"console,omitempty"` // under static/, what the run printed (console.go)
	// Journeys are the journeys of values chosen for the posts
	// (journeys.go), drawn in Files.
	Journeys   []journeyFile `json:"journeys,omitempty"`
	LostValues []int         `json:"lost,omitempty"` // the values the checker found lost
	// SeedRule says how the seed was chosen, for a partition run
	// (partitionseed.go); Schedule are its partitions and heals, Cuts how
	// many partitions.
	SeedRule string         `json:"seedRule,omitempty"`
	Schedule []scheduleMark `json:"schedule,omitempty"`
	Cuts     int            `json:"cuts,omitempty"`
}

type latencySummary struct {
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

type targetOutcome struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Want  string `json:"want"`
	Pass  bool   `json:"pass"`
}

// batchRun is one point of a step's batch-interval trade-off: its challenge
// run with another --batch-interval.
type batchRun struct {
	Workload   string `json:"workload"`
	Module     string `json:"module"`
	IntervalMs int    `json:"intervalMs"`
	Command    string `json:"command"`
	figures
}

// variantRun is a challenge run under other conditions than the
// challenge's (another latency distribution, more nodes): a figure, not a
// target.
type variantRun struct {
	Variant  string `json:"variant"`
	Workload string `json:"workload"`
	Module   string `json:"module"`
	Command  string `json:"command"`
	figures
}

// repeatRun is one seed of a challenge run over several seeds.
type repeatRun struct {
	Workload string `json:"workload"`
	Module   string `json:"module"`
	Seed     int    `json:"seed"`
	Command  string `json:"command"`
	figures
	Pass bool `json:"pass"` // every target of the challenge met
}

// variants are the conditions `make results -variants` runs a challenge
// under besides its own flags. Later flags win, so each replaces the
// challenge's value.
var variants = []struct {
	Name  string
	Flags []string
}{
	{"latency uniform in [0, 200) ms", []string{"--latency-dist", "uniform"}},
	{"latency exponential, mean 100 ms", []string{"--latency-dist", "exponential"}},
	{"50 nodes", []string{"--node-count", "50"}},
}

// resultsCommand runs every challenge against its own step and writes what
// the blog shows: data/results.json and, per run, results.edn and plots.
// The runs' output goes to a log beside the store; one line per run is
// printed.
func resultsCommand(args []string) int {
	fs := flag.NewFlagSet("results", flag.ContinueOnError)
	harness := fs.String("harness", "bin/harness", "the harness binary")
	binDir := fs.String("bin-dir", "bin", "directory holding one binary per step")
	data := fs.String("data", "data/results.json", "the JSON file to write")
	static := fs.String("static", "static/results", "directory for the runs' files")
	store := fs.String("store", "tmp/results-store", "store directory for the runs")
	seed := fs.Int("seed", 1, "--seed of every run")
	intervals := fs.String("batch-intervals", "", "comma-separated batch intervals in ms to sweep (node flag --batch-interval)")
	sweep := fs.String("sweep", "broadcast-3e", "comma-separated workloads whose step takes --batch-interval, swept over -batch-intervals")
	traffic := fs.String("traffic", "", "comma-separated workloads whose runs also count the messages between servers by type and direction (--log-net-send)")
	variantsOf := fs.String("variants", "", "comma-separated workloads also run under each variant: other latency distributions, 50 nodes")
	repeat := fs.String("repeat", "", "comma-separated workloads also run with --seed 1…N (N = -repeat-seeds)")
	repeatSeeds := fs.Int("repeat-seeds", 10, "seeds for -repeat")
	simDir := fs.String("sim-dir", "bin/sim", "directory of make sim's test binaries (<step>.test, and testnode.test for the partition seeds)")
	readme := fs.String("readme", "", "a Markdown file whose results table (between <!-- results:start --> and <!-- results:end -->) is rewritten")
	only := fs.String("only", "", "comma-separated sections to run ("+strings.Join(sectionNames, ", ")+"); the others are kept from -data")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	sections, err := chooseSections(*only)
	if err != nil {
		fmt.Fprintln(os.Stderr, "results:", err)
		return 2
	}
	swept, err := findAll(*sweep)
	ms, err2 := intervalsMs(*intervals)
	varied, err3 := findAll(*variantsOf)
	repeated, err4 := findAll(*repeat)
	if err := errors.Join(err, err2, err3, err4); err != nil {
		fmt.Fprintln(os.Stderr, "results:", err)
		return 2
	}
	logPath := filepath.Join(filepath.Dir(*store), "results.log")
	log, err := createLog(logPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "results:", err)
		return 2
	}
	defer log.Close()
	fmt.Printf("results: each run's output goes to %s\n", logPath)

	r := resultsRunner{harness: *harness, binDir: *binDir, store: *store, log: log, seed: *seed, simDir: *simDir,
		seeds: &seedRule{probe: filepath.Join(*simDir, "testnode.test"), scratch: filepath.Join(*store, "seeds"), log: log}}
	out, err := readResultsFile(*data, *only != "")
	if err != nil {
		fmt.Fprintln(os.Stderr, "results:", err)
		return 2
	}
	out.Generated, out.Command = time.Now().UTC().Format(time.RFC3339), "make results"
	for _, name := range sections {
		switch name {
		case "runs":
			out.Runs, err = r.challenges(list(*traffic), *static)
		case "batching":
			out.Batching, err = r.sweeps(swept, ms)
		case "variants":
			out.Variants, err = r.variants(varied)
		case "repeats":
			out.Repeats, err = r.repeats(repeated, *repeatSeeds)
		case "failing":
			out.Failing, err = r.failing(*static)
		case "sim":
			out.Sim, err = r.simulation(*static)
		case "designSpace":
			out.DesignSpace, err = r.designSpace()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "results:", err)
			return 1
		}
		out.Sections[name] = out.Generated
	}

	b, _ := json.MarshalIndent(out, "", "  ")
	if err := os.MkdirAll(filepath.Dir(*data), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "results:", err)
		return 1
	}
	if err := os.WriteFile(*data, append(b, '\n'), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "results:", err)
		return 1
	}
	if *readme != "" {
		if err := updateReadme(*readme, out); err != nil {
			fmt.Fprintln(os.Stderr, "results:", err)
			return 1
		}
	}
	fmt.Printf("results: wrote %s and %s/\n", *data, *static)
	return 0
}

// sectionNames are the sections of data/results.json, in the order make
// results runs them.
var sectionNames = []string{"runs", "batching", "variants", "repeats", "failing", "sim", "designSpace"}

// chooseSections returns the sections -only names, or all of them.
func chooseSections(only string) ([]string, error) {
	if only == "" {
		return sectionNames, nil
	}
	names := list(only)
	for _, n := range names {
		if !slices.Contains(sectionNames, n) {
			return nil, fmt.Errorf("-only %s: no section %q; the sections are %s", only, n, strings.Join(sectionNames, ", "))
		}
	}
	return names, nil
}

// readResultsFile reads the results file that make results wrote before,
// so that a run of some sections keeps the others; with keep false, or
// when there is no file yet, it starts empty.
func readResultsFile(path string, keep bool) (resultsFile, error) {
	out := resultsFile{Sections: map[string]string{}}
	if !keep {
		return out, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		return out, fmt.Errorf("%s: %w (make results without ONLY writes it anew)", path, err)
	}
	if out.Sections == nil {
		out.Sections = map[string]string{}
	}
	return out, nil
}

// resultsRunner runs the challenges for make results, each against its step.
type resultsRunner struct {
	harness, binDir, store string
	log                    *os.File  // the runs' output
	seed                   int       // of every run but the repeats (and partition runs, see seeds)
	simDir                 string    // make sim's test binaries
	seeds                  *seedRule // the seed of partition runs
}

// challenges runs every challenge once, judges it and copies its files
// under static, with the journeys of values its post shows. The runs of
// the workloads in counted also count their messages between servers.
func (r resultsRunner) challenges(counted []string, static string) ([]resultRun, error) {
	var runs []resultRun
	for _, c := range challenges.All {
		var extra []string
		if slices.Contains(counted, c.Name) {
			extra = append(extra, "--log-net-send")
		}
		run, dir, err := r.shownRun(c, c.Step, extra, static, c.Name, journeyRules[c.Name])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		if slices.Contains(counted, c.Name) {
			if run.Traffic, err = countTraffic(filepath.Join(dir, "jepsen.log")); err != nil {
				return nil, fmt.Errorf("%s: %w", c.Name, err)
			}
		}
		runs = append(runs, run)
	}
	return runs, nil
}

// sweeps runs each challenge once per batch interval, given to its node as
// --batch-interval.
func (r resultsRunner) sweeps(cs []challenges.Challenge, intervals []int) ([]batchRun, error) {
	var runs []batchRun
	for _, c := range cs {
		for _, ms := range intervals {
			extra := append(r.seedFlags(), "--", "--batch-interval", fmt.Sprintf("%dms", ms))
			_, fig, err := r.run(c, extra)
			if err != nil {
				return nil, fmt.Errorf("%s with a %d ms batch interval: %w", c.Name, ms, err)
			}
			runs = append(runs, batchRun{Workload: c.Name, Module: c.Step, IntervalMs: ms, Command: makeCommand(c, extra), figures: fig})
		}
	}
	return runs, nil
}

// variants runs each challenge once under each of the variants.
func (r resultsRunner) variants(cs []challenges.Challenge) ([]variantRun, error) {
	var runs []variantRun
	for _, c := range cs {
		for _, v := range variants {
			extra := append(r.seedFlags(), v.Flags...)
			_, fig, err := r.run(c, extra)
			if err != nil {
				return nil, fmt.Errorf("%s with %s: %w", c.Name, v.Name, err)
			}
			runs = append(runs, variantRun{Variant: v.Name, Workload: c.Name, Module: c.Step, Command: makeCommand(c, extra), figures: fig})
		}
	}
	return runs, nil
}

// repeats runs each challenge with --seed 1…seeds and judges every run.
func (r resultsRunner) repeats(cs []challenges.Challenge, seeds int) ([]repeatRun, error) {
	var runs []repeatRun
	for _, c := range cs {
		for seed := 1; seed <= seeds; seed++ {
			extra := []string{"--seed", fmt.Sprint(seed)}
			path, fig, err := r.run(c, extra)
			if err != nil {
				return nil, fmt.Errorf("%s --seed %d: %w", c.Name, seed, err)
			}
			runs = append(runs, repeatRun{Workload: c.Name, Module: c.Step, Seed: seed, Command: makeCommand(c, extra), figures: fig, Pass: metAll(c, path)})
		}
	}
	return runs, nil
}

func (r resultsRunner) seedFlags() []string {
	return []string{"--seed", fmt.Sprint(r.seed)}
}

// run runs c with extra flags, prints one line of what it measured, and
// returns the path of its results.edn and its figures.
func (r resultsRunner) run(c challenges.Challenge, extra []string) (string, figures, error) {
	o, err := r.runOn(c, c.Step, extra)
	return o.path, o.figures, err
}

// runOutcome is one run of make results: where its results.edn is, what
// it measured, and its console: what `make MODULE=… WORKLOAD=…` would
// have printed, the runner's output and the judge's verdicts.
type runOutcome struct {
	path string
	figures
	console string
}

// runOn runs c against step's binary with extra flags, judges it, and
// prints one line of what it measured.
func (r resultsRunner) runOn(c challenges.Challenge, step string, extra []string) (runOutcome, error) {
	fmt.Printf("results: %s against %s, %s …", c.Name, step, strings.Join(commandLine(c, extra), " "))
	var console bytes.Buffer
	out := io.MultiWriter(r.log, &console)
	path, code, err := runWorkload(c, filepath.Join(r.binDir, step), r.harness, "", r.store, extra, out)
	if err != nil {
		fmt.Println()
		return runOutcome{}, err
	}
	fmt.Fprintln(out)
	judgeFile(out, c, path, code)
	s, err := measure(path)
	if err != nil {
		fmt.Println()
		return runOutcome{}, err
	}
	targets, err := judged(c, path)
	if err != nil {
		fmt.Println()
		return runOutcome{}, err
	}
	fmt.Printf(" valid %s, servers msgs-per-op %s, median %s ms, max %s ms\n", s.ValidText, trimFloat(s.Servers), trimFloat(s.P50), trimFloat(s.Max))
	return runOutcome{path: path, console: console.String(), figures: figures{
		Valid: s.ValidText, Servers: s.Servers, All: s.All,
		Latency: latencySummary{s.P50, s.P95, s.P99, s.Max}, Lost: s.LostCount, Targets: targets,
	}}, nil
}

// judged is every target of c, judged on the results.edn at path.
func judged(c challenges.Challenge, path string) ([]targetOutcome, error) {
	res, err := challenges.ReadResults(path)
	if err != nil {
		return nil, err
	}
	var out []targetOutcome
	for _, v := range challenges.Judge(c, res) {
		want := fmt.Sprint(challenges.EDNText(v.Target.Want))
		if v.Target.Want == nil {
			want = v.Target.Limit()
		}
		out = append(out, targetOutcome{Name: v.Target.Name, Value: fmt.Sprint(challenges.EDNText(v.Value)), Want: want, Pass: v.Pass})
	}
	return out, nil
}

// makeCommand is the make command that repeats a run of c with extra flags.
func makeCommand(c challenges.Challenge, extra []string) string {
	return fmt.Sprintf("make MODULE=%s WORKLOAD=%s ARGS=\"%s\"", c.Step, c.Name, strings.Join(extra, " "))
}

// findAll returns the challenges a comma-separated flag value names.
func findAll(names string) ([]challenges.Challenge, error) {
	var cs []challenges.Challenge
	for _, name := range list(names) {
		c, err := challenges.Find(name)
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// intervalsMs parses -batch-intervals: milliseconds, comma-separated.
func intervalsMs(s string) ([]int, error) {
	var ms []int
	for _, item := range list(s) {
		n, err := strconv.Atoi(item)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("-batch-intervals: %q is not a positive number of milliseconds", item)
		}
		ms = append(ms, n)
	}
	return ms, nil
}

// list splits a comma-separated flag value, ignoring empty items.
func list(s string) []string {
	var items []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}

// readmeCommand rewrites a README's results table from an existing
// data/results.json, without running anything.
func readmeCommand(args []string) int {
	fs := flag.NewFlagSet("readme", flag.ContinueOnError)
	data := fs.String("data", "data/results.json", "the results file make results wrote")
	readme := fs.String("readme", "README.md", "the Markdown file to update")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	b, err := os.ReadFile(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "readme:", err)
		return 1
	}
	var r resultsFile
	if err := json.Unmarshal(b, &r); err != nil {
		fmt.Fprintf(os.Stderr, "readme: %s: %v\n", *data, err)
		return 1
	}
	if err := updateReadme(*readme, r); err != nil {
		fmt.Fprintln(os.Stderr, "readme:", err)
		return 1
	}
	return 0
}

// updateReadme rewrites the results table of a Markdown file, so that the
// numbers a reader sees there are always those of the last real run.
func updateReadme(path string, r resultsFile) error {
	const start, end = "<!-- results:start -->", "<!-- results:end -->"
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(b)
	i, j := strings.Index(text, start), strings.Index(text, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s: no %s … %s section to fill", path, start, end)
	}
	var t strings.Builder
	t.WriteString(start + "\n")
	fmt.Fprintf(&t, "Run on %s by `%s`; each row's command repeats its run.\n\n", r.Generated, r.Command)
	t.WriteString("| workload | step | servers msgs-per-op | all msgs-per-op | median | p99 | max | lost | targets | command |\n")
	t.WriteString("|---|---|--:|--:|--:|--:|--:|--:|---|---|\n")
	for _, run := range r.Runs {
		fmt.Fprintf(&t, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | `%s` |\n", run.Workload, run.Module,
			trimFloat(run.Servers), trimFloat(run.All), trimFloat(run.Latency.P50), trimFloat(run.Latency.P99),
			trimFloat(run.Latency.Max), trimFloat(run.Lost), verdict(run.Targets), run.Command)
	}
	if len(r.Failing) > 0 {
		t.WriteString("\nEach step against the next challenge (the failure the next step fixes):\n\n")
		t.WriteString("| workload | step | servers msgs-per-op | median | max | lost | targets | command |\n|---|---|--:|--:|--:|--:|---|---|\n")
		for _, f := range r.Failing {
			fmt.Fprintf(&t, "| %s | %s | %s | %s | %s | %s | %s | `%s` |\n", f.Workload, f.Module, trimFloat(f.Servers),
				trimFloat(f.Latency.P50), trimFloat(f.Latency.Max), trimFloat(f.Lost), verdict(f.Targets), f.Command)
		}
	}
	if len(r.Batching) > 0 {
		t.WriteString("\nThe batch interval against its costs (node flag `--batch-interval`):\n\n")
		t.WriteString("| step | interval | servers msgs-per-op | median | p99 | max | targets of its workload |\n|---|--:|--:|--:|--:|--:|---|\n")
		for _, b := range r.Batching {
			fmt.Fprintf(&t, "| %s | %d ms | %s | %s | %s | %s | %s |\n", b.Module, b.IntervalMs, trimFloat(b.Servers),
				trimFloat(b.Latency.P50), trimFloat(b.Latency.P99), trimFloat(b.Latency.Max), verdict(b.Targets))
		}
	}
	if len(r.Variants) > 0 {
		t.WriteString("\nUnder other conditions (the workload's targets, judged for comparison):\n\n")
		t.WriteString("| workload | step | condition | servers msgs-per-op | median | max | lost | targets |\n|---|---|---|--:|--:|--:|--:|---|\n")
		for _, v := range r.Variants {
			fmt.Fprintf(&t, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", v.Workload, v.Module, v.Variant, trimFloat(v.Servers),
				trimFloat(v.Latency.P50), trimFloat(v.Latency.Max), trimFloat(v.Lost), verdict(v.Targets))
		}
	}
	if len(r.Repeats) > 0 {
		t.WriteString("\nOver several seeds:\n\n")
		t.WriteString("| workload | step | seed | servers msgs-per-op | median | max | lost | targets |\n|---|---|--:|--:|--:|--:|--:|---|\n")
		for _, rp := range r.Repeats {
			fmt.Fprintf(&t, "| %s | %s | %d | %s | %s | %s | %s | %s |\n", rp.Workload, rp.Module, rp.Seed, trimFloat(rp.Servers),
				trimFloat(rp.Latency.P50), trimFloat(rp.Latency.Max), trimFloat(rp.Lost), verdict(rp.Targets))
		}
	}
	text = text[:i] + t.String() + text[j:]
	return os.WriteFile(path, []byte(text), 0o644)
}

// verdict says which targets a run missed: "all pass", or "FAIL: " and
// the names of those it missed.
func verdict(ts []targetOutcome) string {
	if len(ts) == 0 {
		return "not judged (run make results again)"
	}
	var missed []string
	for _, t := range ts {
		if !t.Pass {
			missed = append(missed, t.Name)
		}
	}
	if len(missed) == 0 {
		return "all pass"
	}
	return "FAIL: " + strings.Join(missed, ", ")
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return " " + u
}

// copyRunFiles copies what the blog links to from a run's store directory.
func copyRunFiles(from, to string) error {
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, name := range []string{"results.edn", "latency-raw.svg", "latency-quantiles.svg", "rate.svg"} {
		if err := copyFile(filepath.Join(from, name), filepath.Join(to, name)); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
