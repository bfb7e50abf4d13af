package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/testnode"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

// inProcess is a Runner for the tests: every run, real or not, is a
// simulated run in this process of the harness' test node standing in for
// the step, on a cluster made small by the flags small puts first.
type inProcess struct {
	t     *testing.T
	store string
	small []string
}

// standIns are the test node's ways of spreading values that stand in
// for the steps: 3a keeps values to itself, 3b sends each once and loses
// values under partitions, the others resend until every node has them.
var standIns = map[string][]string{
	"broadcast-3a": {"--gossip", "none"},
	"broadcast-3b": {"--gossip", "flood"},
}

func (r inProcess) node(step string) func([]string, io.Reader, io.Writer, io.Writer) error {
	return func(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
		own := standIns[step]
		if own == nil {
			own = []string{"--gossip", "anti-entropy", "--interval", "1s"}
		}
		for i := 0; i < len(args); i++ {
			switch args[i] {
			case "--batch-interval": // the steps' batch interval is the test node's round
				own = append(own, "--interval")
			case "--retry-interval": // the test node has no resends to time
				i++
			default:
				own = append(own, args[i])
			}
		}
		return testnode.Node(own, stdin, stdout, stderr)
	}
}

func (r inProcess) Real(c challenges.Challenge, step string, extra []string, out io.Writer) (string, error) {
	seed, rest := lab.SplitSeed(extra)
	return r.Simulate(c, step, seed, rest, out)
}

func (r inProcess) Simulate(c challenges.Challenge, step string, seed int, extra []string, out io.Writer) (string, error) {
	args := append([]string{"--store", r.store}, r.small...)
	o := simulate.Run(r.t, r.node(step), c.Name, uint64(seed), append(args, extra...)...)
	fmt.Fprint(out, o.Output)
	challenges.PrintVerdicts(out, o.Verdicts)
	return o.Dir, nil
}

func (r inProcess) Sweep(c challenges.Challenge, step string, n int, extra []string, out io.Writer) (simulate.Report, error) {
	report := simulate.Report{Module: step, Workload: c.Name, Seeds: n}
	for seed := 1; seed <= n; seed++ {
		o := simulate.Run(r.t, r.node(step), c.Name, uint64(seed), append(slices.Clone(r.small), extra...)...)
		if o.Pass {
			report.Met++
			continue
		}
		fmt.Fprintln(out, o.Failure())
		report.Failures = append(report.Failures, simulate.Failure{Seed: o.Seed, Lost: o.Results.Workload.Lost, Replay: fmt.Sprintf("make sim SEED=%d", seed)})
	}
	return report, nil
}

func (inProcess) Simulates(string) bool { return true }

// smallConfig is make results with one of each kind of run.
func smallConfig() Config {
	return Config{
		Seed: 1, Traffic: []string{"broadcast-3e"},
		Swept: []string{"broadcast-3e"}, Intervals: []int{500},
		Varied: []string{"broadcast-3e"}, Variants: []variant{{"latency uniform", []string{"--latency-dist", "uniform"}}},
		Repeated: []string{"broadcast-piggyback-partition"}, RepeatSeeds: 2,
		SimShown: simShown{Step: "broadcast-3b", Workload: "broadcast-3c", Seeds: 10},
		Recovery: recoveryConfig{Workload: "broadcast-piggyback-partition", Seeds: 2, Intervals: []time.Duration{4 * time.Second, 12 * time.Second}},
		Design: designConfig{
			Designs: []design{
				{Name: "line", Kind: "flood", Step: "broadcast-3c", Workload: "broadcast-3d", Topology: "line"},
				{Name: "star", Kind: "flood", Step: "broadcast-3d", Workload: "broadcast-3d"},
				{Name: "3e", Kind: "batched", Step: "broadcast-3e", Workload: "broadcast-3e"},
				{Name: "3e", Kind: "batched", Step: "broadcast-3e", Workload: "broadcast-3e", Interval: "1000ms"},
			},
			Nodes: 5, ScaleNodes: []int{4, 8}, PartitionDesigns: []string{"star"}, PartitionSeeds: 2,
			Conditions: []design{{Name: "star", Kind: "flood", Step: "broadcast-3d", Workload: "broadcast-3d", Condition: "latency exponential", Flags: []string{"--latency-dist", "exponential"}}},
		},
	}
}

// The whole of make results, every section, in simulation on small
// clusters: a broken section, or data a post reads gone missing, fails
// here rather than in the 40 minutes of make results.
func TestPipeline(t *testing.T) {
	reg, err := steps.Nearest(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := paths{data: filepath.Join(dir, "results.json"), static: filepath.Join(dir, "static"), readme: filepath.Join(dir, "README.md")}
	if err := os.WriteFile(p.readme, []byte("# x\n<!-- results:start -->\n<!-- results:end -->\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var said bytes.Buffer
	cfg := smallConfig()
	all := sections(cfg)
	l := &lab.Lab{Registry: reg, Seed: cfg.Seed, Static: p.static, Log: io.Discard, Say: &said,
		Runner: inProcess{t: t, store: filepath.Join(dir, "store"),
			small: []string{"--node-count", "5", "--time-limit", "3", "--rate", "20", "--nemesis-interval", "0.5"}}}
	if err := write(l, all, names(all), p, false); err != nil {
		t.Fatalf("%v\n%s", err, said.String())
	}

	d, err := readData(p.data, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names(all) {
		if d.Sections[name] == "" || d.data[name] == nil {
			t.Errorf("section %s is not in the file", name)
		}
	}
	var runs, failing []lab.ShownRun
	var sim simResults
	var space designSpace
	if err := errors.Join(d.get("runs", &runs), d.get("failing", &failing), d.get("sim", &sim), d.get("designSpace", &space)); err != nil {
		t.Fatal(err)
	}
	if got, want := len(runs), len(reg.Workloads()); got != want {
		t.Errorf("%d runs, want one per workload of the registry, %d", got, want)
	}
	for _, r := range runs {
		if _, err := os.Stat(filepath.Join(p.static, strings.TrimPrefix(r.Console, "/results/"))); err != nil || len(r.Targets) == 0 {
			t.Errorf("%s: console %v, %d targets", r.Workload, err, len(r.Targets))
		}
		if lab.HasPartitions(r.Workload) && (r.Cuts < lab.MinCuts || r.SeedRule == "") {
			t.Errorf("%s: %d cuts, seed rule %q", r.Workload, r.Cuts, r.SeedRule)
		}
		if slices.Contains(cfg.Traffic, r.Workload) && len(r.Traffic) == 0 {
			t.Errorf("%s: no traffic counted", r.Workload)
		}
	}
	if len(failing) != len(reg.Pairs()) || failing[0].Lost == 0 || len(failing[0].Journeys) == 0 {
		t.Errorf("failing runs: %d, want %d; the first (3a against 3b's challenge) lost %v values, with journeys %v", len(failing), len(reg.Pairs()), failing[0].Lost, failing[0].Journeys)
	}
	if sim.Failed == 0 || len(sim.Replay.LostValues) == 0 || len(sim.Replay.Journeys) == 0 {
		t.Errorf("sim: %d seeds failed; the replay lost %v, journeys %v", sim.Failed, sim.Replay.LostValues, sim.Replay.Journeys)
	}
	charted, intervals := 0, map[string]int{}
	for _, pt := range space.Points {
		if pt.Chart {
			charted++
			intervals[pt.Design] = pt.IntervalMs
		}
	}
	// 3e's default interval is read from its code.
	if charted != len(cfg.Design.Designs) || len(space.Partitions) != 1 || intervals["3e, 1000 ms"] != 1000 || len(intervals) != 4 {
		t.Errorf("design space: %d points on the chart for %d designs, %d partition rows, intervals %v",
			charted, len(cfg.Design.Designs), len(space.Partitions), intervals)
	}
	readme, _ := os.ReadFile(p.readme)
	if n := strings.Count(string(readme), "| all pass |") + strings.Count(string(readme), "| FAIL: "); n < len(runs) {
		t.Errorf("the README's tables have %d judged rows, want at least %d:\n%s", n, len(runs), readme)
	}

	// ONLY=… runs some sections and keeps the others as they were.
	before := d.data["runs"]
	if err := write(l, []Section{all[3]}, names(all), p, true); err != nil {
		t.Fatal(err)
	}
	again, _ := readData(p.data, true)
	if !bytes.Equal(compact(t, again.data["runs"]), compact(t, before)) || again.Sections["runs"] != d.Sections["runs"] {
		t.Error("make results ONLY=repeats changed the runs section")
	}
}

func compact(t *testing.T, raw json.RawMessage) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
