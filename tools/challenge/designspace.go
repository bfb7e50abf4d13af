package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// designSpace is the designSpace section of data/results.json: every
// design of the series on one cluster, the challenges' own (the chart of
// the design-space post), and on smaller and larger ones (how each
// scales), with the arithmetic of its shape, how its messages spread over
// the nodes, and how long values took to cross partitions.
type designSpace struct {
	Nodes      int            `json:"nodes"`      // the chart's cluster: the challenges' --node-count
	ScaleNodes []int          `json:"scaleNodes"` // the clusters of the scaling runs
	LatencyMs  int            `json:"latencyMs"`  // the challenges' --latency, on every link
	Seed       int            `json:"seed"`       // of every run but the partition seeds
	Points     []designPoint  `json:"points"`
	Partitions []partitionRow `json:"partitions"`
	WallMin    float64        `json:"wallMinutes"` // what the whole section took
}

// A design is one way to spread values: a step, and what it is told.
type design struct {
	Name     string // the chart labels a design run at several intervals with its interval too
	Kind     string // flood (gossip each value along a graph), batched (3e) or piggyback
	Step     string
	Workload string // the challenge whose flags it runs with (all of them 3d's flags)
	Topology string // --topology, for the steps that follow Maelstrom's; "" for the star
	Interval string // the node's --batch-interval; "" for the step's default
}

// designs are the points of the design-space chart: 3c's gossip along
// each of Maelstrom's topologies (3b's gossip loses values under
// partitions, 3c's is the same gossip with acknowledgements and resends),
// 3d's star, 3e's batched star at its default interval and two others, and
// the epilogue's star where only the hub batches.
var designs = []design{
	{Name: "line", Kind: "flood", Step: "broadcast-3c", Workload: "broadcast-3d", Topology: "line"},
	{Name: "grid", Kind: "flood", Step: "broadcast-3c", Workload: "broadcast-3d", Topology: "grid"},
	{Name: "tree2", Kind: "flood", Step: "broadcast-3c", Workload: "broadcast-3d", Topology: "tree2"},
	{Name: "tree3", Kind: "flood", Step: "broadcast-3c", Workload: "broadcast-3d", Topology: "tree3"},
	{Name: "tree4", Kind: "flood", Step: "broadcast-3c", Workload: "broadcast-3d", Topology: "tree4"},
	{Name: "total", Kind: "flood", Step: "broadcast-3c", Workload: "broadcast-3d", Topology: "total"},
	{Name: "star", Kind: "flood", Step: "broadcast-3d", Workload: "broadcast-3d"},
	{Name: "3e", Kind: "batched", Step: "broadcast-3e", Workload: "broadcast-3e", Interval: "100ms"},
	{Name: "3e", Kind: "batched", Step: "broadcast-3e", Workload: "broadcast-3e"},
	{Name: "3e", Kind: "batched", Step: "broadcast-3e", Workload: "broadcast-3e", Interval: "1000ms"},
	{Name: "piggyback", Kind: "piggyback", Step: "broadcast-piggyback", Workload: "broadcast-piggyback"},
}

// scaleNodes are the cluster sizes every design is also simulated at.
var scaleNodes = []int{10, 25, 50}

// partitionDesigns are run under --nemesis partition (at their default
// interval), on partitionSeeds seeds each, to measure how long a value
// takes to reach the nodes a partition left it able to reach, with and
// without the hub.
var (
	partitionDesigns = []string{"grid", "total", "star", "3e", "piggyback"}
	partitionSeeds   = 5
)

// designPoint is one run of a design.
type designPoint struct {
	// Design names it on the chart and in the tables: its name, and for
	// a batching design run at several intervals the one it ran with
	// ("3e, 250 ms").
	Design string `json:"design"`
	Kind   string `json:"kind"`
	Module string `json:"module"`
	Nodes  int    `json:"nodes"`
	// Mode is "real" (the harness, in real time, as make runs a
	// challenge) or "simulated" (the same node code in the harness'
	// simulation, in virtual time: make sim).
	Mode string `json:"mode"`
	// Behind is set on a real run whose harness fell behind its own
	// schedule (its summary warned; results.edn's [:timing
	// :behind-schedule?]): its latencies are overstated.
	Behind bool `json:"behindSchedule"`
	// Chart marks the point the design-space chart draws for its design:
	// the real run on the challenges' cluster, or the simulated one if the
	// real run fell behind.
	Chart   bool   `json:"chart"`
	Command string `json:"command"`
	figures
	IntervalMs int `json:"intervalMs,omitempty"` // the batch interval the node ran with
	// BroadcastShare is the share of client operations that were
	// broadcasts (the rest are reads, which send nothing between servers).
	BroadcastShare float64     `json:"broadcastShare"`
	Shape          shape       `json:"shape"`
	Expect         expectation `json:"expect"`
	Load           *nodeLoad   `json:"load,omitempty"` // the chart's points only

	runDir string // the run's store directory
}

// designRunner runs the designs for the section: the runner of make
// results, and what every run of a design needs besides.
type designRunner struct {
	resultsRunner
	latencyMs int // the challenges' link latency
}

// designSpace runs the section. Real runs use the binaries in r.binDir,
// simulated ones each step's test binary in its sim directory; a step
// whose tests have no TestSim is run for real instead.
func (r resultsRunner) designSpace() (*designSpace, error) {
	began := time.Now()
	base, err := challenges.Find(designs[0].Workload)
	if err != nil {
		return nil, err
	}
	nodes, _ := strconv.Atoi(flagValue(base.Flags, "--node-count", "0"))
	latency, _ := strconv.Atoi(flagValue(base.Flags, "--latency", "0"))
	dr := designRunner{resultsRunner: r, latencyMs: latency}
	out := &designSpace{Nodes: nodes, ScaleNodes: scaleNodes, LatencyMs: latency, Seed: r.seed}

	for _, d := range designs {
		real, err := dr.designRun(d, nodes, r.seedFlags(), "real")
		if err != nil {
			return nil, err
		}
		out.Points = append(out.Points, real)
		for _, n := range scaleNodes {
			mode := "simulated"
			if !canSimulate(dr.simDir, d.Step) {
				mode = "real"
				if n == nodes {
					continue // that run is the one above
				}
			}
			p, err := dr.designRun(d, n, r.seedFlags(), mode)
			if err != nil {
				return nil, err
			}
			out.Points = append(out.Points, p)
		}
	}
	if err := chooseChartPoints(out.Points, nodes); err != nil {
		return nil, err
	}
	for i := range out.Points {
		if p := &out.Points[i]; p.Chart {
			if p.Load, err = loadOf(p.runDir); err != nil {
				return nil, fmt.Errorf("%s: %w", p.Design, err)
			}
		}
	}
	for _, name := range partitionDesigns {
		i := slices.IndexFunc(designs, func(d design) bool { return d.Name == name && d.Interval == "" })
		if i < 0 {
			return nil, fmt.Errorf("partitionDesigns: no design %q at its default interval", name)
		}
		row, err := dr.partitionRuns(designs[i], nodes)
		if err != nil {
			return nil, err
		}
		out.Partitions = append(out.Partitions, row)
	}
	out.WallMin = time.Since(began).Minutes()
	fmt.Printf("results: the design space took %s\n", time.Since(began).Round(time.Second))
	return out, nil
}

// designRun runs design d on n nodes with extra harness flags, for real
// or in simulation, and returns its point with the figures measured.
func (r designRunner) designRun(d design, n int, extra []string, mode string) (designPoint, error) {
	c, err := challenges.Find(d.Workload)
	if err != nil {
		return designPoint{}, err
	}
	c.Step = d.Step // its flags, against the design's step
	if n != 0 {
		extra = append(extra, "--node-count", strconv.Itoa(n))
	}
	if d.Topology != "" {
		extra = append(extra, "--topology", d.Topology)
	}
	if d.Interval != "" {
		extra = append(extra, "--", "--batch-interval", d.Interval)
	}
	p := designPoint{Kind: d.Kind, Module: c.Step, Nodes: n, Mode: mode}
	var path string
	if mode == "real" {
		path, p.figures, err = r.run(c, extra)
		p.Command = makeCommand(c, extra)
	} else {
		path, p.figures, err = r.simulateRun(c, extra)
		p.Command = simCommand(c, extra)
	}
	if err == nil {
		p.runDir = filepath.Dir(path)
		err = r.describe(&p, d)
	}
	if err != nil {
		return p, fmt.Errorf("%s on %d nodes (%s): %w", d.Name, n, mode, err)
	}
	return p, nil
}

// describe adds what the run's results.edn and the design's shape say
// beyond the figures: whether the harness fell behind, the share of
// broadcasts, the interval the node batched at, and the graph's
// arithmetic.
func (r designRunner) describe(p *designPoint, d design) error {
	res, err := challenges.ReadResults(filepath.Join(p.runDir, "results.edn"))
	if err != nil {
		return err
	}
	behind, _ := challenges.Lookup(res, challenges.Keys("timing", "behind-schedule?"))
	p.Behind = p.Mode == "real" && behind == true
	count, _ := challenges.Lookup(res, challenges.Keys("stats", "count"))
	broadcasts, _ := challenges.Lookup(res, challenges.Keys("stats", "by-f", "broadcast", "count"))
	if all, ok := challenges.Number(count); ok && all > 0 {
		b, _ := challenges.Number(broadcasts)
		p.BroadcastShare = b / all
	}
	p.Design = d.Name
	if d.Kind != "flood" {
		ms, err := r.intervalOf(d)
		if err != nil {
			return err
		}
		p.IntervalMs = ms
		if intervalsOf(d.Name) > 1 {
			p.Design = fmt.Sprintf("%s, %d ms", d.Name, ms)
		}
	}
	top, err := designTopology(d.Topology, p.Nodes)
	if err != nil {
		return err
	}
	p.Shape = measureShape(top)
	p.Expect = expect(d.Kind, p.Shape, p.BroadcastShare, float64(r.latencyMs), float64(p.IntervalMs))
	return nil
}

// expectation is what a design's arithmetic predicts for a run, to set
// beside what the run measured.
type expectation struct {
	// MsgsPerOp is for the designs that gossip each value on its own:
	// every gossip message and its acknowledgement, for the share of
	// operations that are broadcasts.
	MsgsPerOp float64 `json:"msgsPerOp,omitempty"`
	// MedianMs and MaxMs are the time a value takes to reach every node:
	// the hops from the node a client gave it to the farthest one, the
	// median and the most over those nodes, at latency each, and for the
	// batching designs the waits for a flush.
	MedianMs float64 `json:"medianMs"`
	MaxMs    float64 `json:"maxMs"`
}

// expect works a design's arithmetic out. A batched star's value waits
// for a flush at the leaf and again at the hub, up to an interval each
// and half of one on average; with piggyback only the hub waits. These
// are expectations, not bounds: stable latency ends at the start of the
// last read that missed a value, and the nodes' own work takes time.
func expect(kind string, s shape, broadcastShare, latencyMs, intervalMs float64) expectation {
	e := expectation{
		MedianMs: float64(s.MedianHops) * latencyMs,
		MaxMs:    float64(s.Hops) * latencyMs,
	}
	switch kind {
	case "flood":
		e.MsgsPerOp = 2 * float64(s.GossipPerValue) * broadcastShare
	case "batched":
		e.MedianMs += intervalMs
		e.MaxMs += 2 * intervalMs
	case "piggyback":
		e.MedianMs += intervalMs / 2
		e.MaxMs += intervalMs
	}
	return e
}

// intervalsOf counts the designs of a name: a batching design run at
// several intervals is labelled with each.
func intervalsOf(name string) int {
	n := 0
	for _, d := range designs {
		if d.Name == name {
			n++
		}
	}
	return n
}

// intervalOf is the batch interval design d runs with, in ms: its own, or
// the step's default, which the step's binary states in its -h (the flag
// package's "(default 250ms)").
func (r designRunner) intervalOf(d design) (int, error) {
	if d.Interval != "" {
		return durationMs(d.Interval)
	}
	help, _ := exec.Command(filepath.Join(r.binDir, d.Step), "-h").CombinedOutput()
	text, found := flagDefault(string(help), "batch-interval")
	if !found {
		return 0, fmt.Errorf("%s -h names no default for -batch-interval:\n%s", d.Step, help)
	}
	return durationMs(text)
}

// flagDefault finds a flag's default in the help text of Go's flag
// package: the flag's line "  -name type", then its usage, ending in
// "(default value)".
func flagDefault(help, name string) (string, bool) {
	_, rest, found := strings.Cut(help, "  -"+name+" ")
	if !found {
		return "", false
	}
	if next := strings.Index(rest, "\n  -"); next >= 0 {
		rest = rest[:next]
	}
	_, value, found := strings.Cut(rest, "(default ")
	value, _, closed := strings.Cut(value, ")")
	return value, found && closed
}

func durationMs(text string) (int, error) {
	d, err := time.ParseDuration(text)
	if err != nil {
		return 0, fmt.Errorf("batch interval %q: %w", text, err)
	}
	return int(d.Milliseconds()), nil
}

// chooseChartPoints marks, for each design, the point the chart draws: the
// real run on the chart's cluster, unless its harness fell behind and a
// simulated run of that cluster is there to take its place.
func chooseChartPoints(points []designPoint, nodes int) error {
	var names []string
	for _, p := range points {
		if !slices.Contains(names, p.Design) {
			names = append(names, p.Design)
		}
	}
	for _, name := range names {
		real := slices.IndexFunc(points, func(p designPoint) bool {
			return p.Design == name && p.Nodes == nodes && p.Mode == "real"
		})
		if real < 0 {
			return fmt.Errorf("no real run of %s on %d nodes", name, nodes)
		}
		chosen := real
		if points[real].Behind {
			if sim := slices.IndexFunc(points, func(p designPoint) bool {
				return p.Design == name && p.Nodes == nodes && p.Mode == "simulated"
			}); sim >= 0 {
				chosen = sim
			}
		}
		points[chosen].Chart = true
	}
	return nil
}

// canSimulate reports whether a step's test binary has the TestSim that
// make sim runs.
func canSimulate(simDir, step string) bool {
	out, err := exec.Command(filepath.Join(simDir, step+".test"), "-test.list", "^TestSim$").Output()
	return err == nil && strings.Contains(string(out), "TestSim")
}

// simulateRun runs c with extra flags in simulation, writing its store
// directory, prints one line of what it measured, and returns the path of
// its results.edn and its figures.
func (r designRunner) simulateRun(c challenges.Challenge, extra []string) (string, figures, error) {
	seed, rest := splitSeed(extra)
	fmt.Printf("results: %s against %s in simulation, seed %s, %s …", c.Name, c.Step, seed, strings.Join(rest, " "))
	n, _ := strconv.Atoi(seed)
	path, err := simulate(filepath.Join(r.simDir, c.Step+".test"), c.Step, c.Name, n, filepath.Join(r.store, "sim"), r.log, commandLine(c, rest)...)
	if err != nil {
		fmt.Println()
		return "", figures{}, err
	}
	fig, err := reportRun(path)
	return path, fig, err
}

// reportRun reads a run's figures and prints them on the line its run
// began.
func reportRun(path string) (figures, error) {
	s, err := measure(path)
	if err != nil {
		fmt.Println()
		return figures{}, err
	}
	fmt.Printf(" valid %s, servers msgs-per-op %s, median %s ms, max %s ms\n", s.ValidText, trimFloat(s.Servers), trimFloat(s.P50), trimFloat(s.Max))
	return figures{
		Valid: s.ValidText, Servers: s.Servers, All: s.All,
		Latency: latencySummary{s.P50, s.P95, s.P99, s.Max}, Lost: s.LostCount,
	}, nil
}

// simCommand is the make command that replays a simulated run of c with
// extra flags, as make sim prints it.
func simCommand(c challenges.Challenge, extra []string) string {
	seed, rest := splitSeed(extra)
	cmd := fmt.Sprintf("make sim MODULE=%s WORKLOAD=%s SEED=%s", c.Step, c.Name, seed)
	if len(rest) > 0 {
		cmd += fmt.Sprintf(" ARGS='%s'", strings.Join(rest, " "))
	}
	return cmd
}

// splitSeed takes --seed out of a run's flags: make sim takes it as SEED.
func splitSeed(extra []string) (seed string, rest []string) {
	seed = flagValue(extra, "--seed", "1")
	for i := 0; i < len(extra); i++ {
		if extra[i] == "--seed" {
			i++
			continue
		}
		rest = append(rest, extra[i])
	}
	return seed, rest
}

// loadOf measures how a run's messages between servers spread over its
// nodes, from the run's journal.
func loadOf(runDir string) (*nodeLoad, error) {
	events, _, err := journal.ReadFile(filepath.Join(runDir, journal.FileName))
	if err != nil {
		return nil, err
	}
	l := measureLoad(events)
	return &l, nil
}
