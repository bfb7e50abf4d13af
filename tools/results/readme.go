package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// updateReadme rewrites the results table of a Markdown file, so that the
// numbers a reader sees there are always those of the last make results.
func updateReadme(path string, d *dataFile) error {
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
	var runs, failing []lab.ShownRun
	var batching []batchRun
	var variants []variantRun
	var repeats []repeatRun
	if err := errors.Join(d.get("runs", &runs), d.get("failing", &failing), d.get("batching", &batching),
		d.get("variants", &variants), d.get("repeats", &repeats)); err != nil {
		return err
	}
	f := challenges.FormatFloat
	var t strings.Builder
	t.WriteString(start + "\n")
	fmt.Fprintf(&t, "Run on %s by `%s`; each row's command repeats its run.\n\n", d.Generated, d.Command)
	t.WriteString("| workload | step | servers msgs-per-op | all msgs-per-op | median | p99 | max | lost | targets | command |\n")
	t.WriteString("|---|---|--:|--:|--:|--:|--:|--:|---|---|\n")
	for _, r := range runs {
		fmt.Fprintf(&t, "| %s | %s | %s | %s | %s ms | %s ms | %s ms | %s | %s | `%s` |\n", r.Workload, r.Module,
			f(r.Servers), f(r.All), f(r.Latency.P50), f(r.Latency.P99), f(r.Latency.Max), f(r.Lost), verdict(r.Targets), r.Command)
	}
	if len(failing) > 0 {
		t.WriteString("\nEach step against the next challenge (the failure the next step fixes):\n\n")
		t.WriteString("| workload | step | servers msgs-per-op | median | max | lost | targets | command |\n|---|---|--:|--:|--:|--:|---|---|\n")
		for _, r := range failing {
			fmt.Fprintf(&t, "| %s | %s | %s | %s ms | %s ms | %s | %s | `%s` |\n", r.Workload, r.Module, f(r.Servers),
				f(r.Latency.P50), f(r.Latency.Max), f(r.Lost), verdict(r.Targets), r.Command)
		}
	}
	if len(batching) > 0 {
		t.WriteString("\nThe batch interval against its costs (node flag `--batch-interval`):\n\n")
		t.WriteString("| step | interval | servers msgs-per-op | median | p99 | max | targets of its workload |\n|---|--:|--:|--:|--:|--:|---|\n")
		for _, r := range batching {
			fmt.Fprintf(&t, "| %s | %d ms | %s | %s ms | %s ms | %s ms | %s |\n", r.Module, r.IntervalMs, f(r.Servers),
				f(r.Latency.P50), f(r.Latency.P99), f(r.Latency.Max), verdict(r.Targets))
		}
	}
	if len(variants) > 0 {
		t.WriteString("\nUnder other conditions (the workload's targets, judged for comparison):\n\n")
		t.WriteString("| workload | step | condition | servers msgs-per-op | median | max | lost | targets |\n|---|---|---|--:|--:|--:|--:|---|\n")
		for _, r := range variants {
			fmt.Fprintf(&t, "| %s | %s | %s | %s | %s ms | %s ms | %s | %s |\n", r.Workload, r.Module, r.Variant, f(r.Servers),
				f(r.Latency.P50), f(r.Latency.Max), f(r.Lost), verdict(r.Targets))
		}
	}
	if len(repeats) > 0 {
		t.WriteString("\nOver several seeds:\n\n")
		t.WriteString("| workload | step | seed | servers msgs-per-op | median | max | lost | targets |\n|---|---|--:|--:|--:|--:|--:|---|\n")
		for _, r := range repeats {
			fmt.Fprintf(&t, "| %s | %s | %d | %s | %s ms | %s ms | %s | %s |\n", r.Workload, r.Module, r.Seed, f(r.Servers),
				f(r.Latency.P50), f(r.Latency.Max), f(r.Lost), verdict(r.Targets))
		}
	}
	text = text[:i] + t.String() + text[j:]
	return os.WriteFile(path, []byte(text), 0o644)
}

// verdict says which targets a run missed: "all pass", or "FAIL: " and
// the names of those it missed.
func verdict(ts []lab.TargetOutcome) string {
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
