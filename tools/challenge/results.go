package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// resultsFile is data/results.json: what the blog shows, written only by
// real runs of `make results`.
type resultsFile struct {
	Generated string      `json:"generated"`
	Command   string      `json:"command"`
	Runs      []resultRun `json:"runs"`
	Batching  []batchRun  `json:"batching,omitempty"`
}

type resultRun struct {
	Workload string          `json:"workload"`
	Module   string          `json:"module"`
	Command  string          `json:"command"`
	Seed     int             `json:"seed"`
	Valid    string          `json:"valid"`
	Servers  float64         `json:"serversMsgsPerOp"`
	All      float64         `json:"allMsgsPerOp"`
	Latency  latencySummary  `json:"stableLatencyMs"`
	Lost     float64         `json:"lostCount"`
	Targets  []targetOutcome `json:"targets"`
	Files    string          `json:"files"` // under static/, the run's results.edn and plots
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

// batchRun is one point of the 3e batch-interval trade-off.
type batchRun struct {
	IntervalMs int            `json:"intervalMs"`
	Command    string         `json:"command"`
	Servers    float64        `json:"serversMsgsPerOp"`
	Latency    latencySummary `json:"stableLatencyMs"`
	Valid      string         `json:"valid"`
}

// resultsCommand runs every challenge against its own step and writes what
// the blog shows: data/results.json and, per run, results.edn and plots.
func resultsCommand(args []string) int {
	fs := flag.NewFlagSet("results", flag.ContinueOnError)
	harness := fs.String("harness", "bin/harness", "the harness binary")
	binDir := fs.String("bin-dir", "bin", "directory holding one binary per step")
	data := fs.String("data", "data/results.json", "the JSON file to write")
	static := fs.String("static", "static/results", "directory for the runs' files")
	store := fs.String("store", "tmp/results-store", "store directory for the runs")
	seed := fs.Int("seed", 1, "--seed of every run")
	intervals := fs.String("batch-intervals", "", "comma-separated 3e batch intervals in ms to sweep (node flag --batch-interval)")
	readme := fs.String("readme", "", "a Markdown file whose results table (between <!-- results:start --> and <!-- results:end -->) is rewritten")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	out := resultsFile{Generated: time.Now().UTC().Format(time.RFC3339), Command: "make results"}
	for _, c := range challenges.All {
		step := strings.TrimSuffix(c.Name, "-partition")
		extra := []string{"--seed", fmt.Sprint(*seed)}
		fmt.Printf("results: %s against %s …\n", c.Name, step)
		path, _, err := runWorkload(c, filepath.Join(*binDir, step), *harness, "", *store, extra, os.Stdout)
		if err != nil {
			fmt.Fprintf(os.Stderr, "results: %s: %v\n", c.Name, err)
			return 1
		}
		s, err := measure(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "results: %s: %v\n", c.Name, err)
			return 1
		}
		res, _ := challenges.ReadResults(path)
		run := resultRun{
			Workload: c.Name, Module: step,
			Command: fmt.Sprintf("make MODULE=%s WORKLOAD=%s ARGS=\"--seed %d\"", step, c.Name, *seed),
			Seed:    *seed, Valid: s.ValidText, Servers: s.Servers, All: s.All,
			Latency: latencySummary{s.P50, s.P95, s.P99, s.Max}, Lost: s.LostCount,
			Files: "/results/" + c.Name + "/",
		}
		for _, v := range challenges.Judge(c, res) {
			want := fmt.Sprint(challenges.EDNText(v.Target.Want))
			if v.Target.Want == nil {
				want = fmt.Sprintf("< %v%s", v.Target.Below, unitSuffix(v.Target.Unit))
			}
			run.Targets = append(run.Targets, targetOutcome{Name: v.Target.Name, Value: fmt.Sprint(challenges.EDNText(v.Value)), Want: want, Pass: v.Pass})
		}
		if err := copyRunFiles(filepath.Dir(path), filepath.Join(*static, c.Name)); err != nil {
			fmt.Fprintf(os.Stderr, "results: %s: %v\n", c.Name, err)
			return 1
		}
		out.Runs = append(out.Runs, run)
	}
	if *intervals != "" {
		c, _ := challenges.Find("broadcast-3e")
		for _, ms := range strings.Split(*intervals, ",") {
			extra := []string{"--seed", fmt.Sprint(*seed), "--", "--batch-interval", ms + "ms"}
			fmt.Printf("results: broadcast-3e with a %s ms batch interval …\n", ms)
			path, _, err := runWorkload(c, filepath.Join(*binDir, "broadcast-3e"), *harness, "", *store, extra, os.Stdout)
			if err != nil {
				fmt.Fprintf(os.Stderr, "results: batch interval %s: %v\n", ms, err)
				return 1
			}
			s, err := measure(path)
			if err != nil {
				fmt.Fprintf(os.Stderr, "results: batch interval %s: %v\n", ms, err)
				return 1
			}
			var n int
			fmt.Sscan(ms, &n)
			out.Batching = append(out.Batching, batchRun{
				IntervalMs: n,
				Command:    fmt.Sprintf("make MODULE=broadcast-3e WORKLOAD=broadcast-3e ARGS=\"--seed %d -- --batch-interval %sms\"", *seed, ms),
				Servers:    s.Servers, Latency: latencySummary{s.P50, s.P95, s.P99, s.Max}, Valid: s.ValidText,
			})
		}
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
		verdict := "all pass"
		for _, tg := range run.Targets {
			if !tg.Pass {
				verdict = "FAIL: " + tg.Name
				break
			}
		}
		fmt.Fprintf(&t, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | `%s` |\n", run.Workload, run.Module,
			trimFloat(run.Servers), trimFloat(run.All), trimFloat(run.Latency.P50), trimFloat(run.Latency.P99),
			trimFloat(run.Latency.Max), trimFloat(run.Lost), verdict, run.Command)
	}
	if len(r.Batching) > 0 {
		t.WriteString("\n3e's batch interval against its costs (node flag `--batch-interval`):\n\n")
		t.WriteString("| interval | servers msgs-per-op | median | p99 | max | valid |\n|--:|--:|--:|--:|--:|---|\n")
		for _, b := range r.Batching {
			fmt.Fprintf(&t, "| %d ms | %s | %s | %s | %s | %s |\n", b.IntervalMs, trimFloat(b.Servers),
				trimFloat(b.Latency.P50), trimFloat(b.Latency.P99), trimFloat(b.Latency.Max), b.Valid)
		}
	}
	text = text[:i] + t.String() + text[j:]
	return os.WriteFile(path, []byte(text), 0o644)
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
