package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
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

// designConfig is what the section runs: the designs on the challenges'
// cluster (the chart), each also simulated at ScaleNodes, and some under
// partitions over PartitionSeeds seeds.
type designConfig struct {
	Designs          []design
	ScaleNodes       []int
	PartitionDesigns []string // by name, at their default interval
	PartitionSeeds   int
}

// designDefaults are make results' designs: 3c's gossip along each of
// Maelstrom's topologies (3b's gossip loses values under partitions, 3c's
// is the same gossip with acknowledgements and resends), 3d's star, 3e's
// batched star at its default interval and two others, and the epilogue's
// star where only the hub batches.
func designDefaults() designConfig {
	return designConfig{
		Designs: []design{
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
		},
		ScaleNodes:       []int{10, 25, 50},
		PartitionDesigns: []string{"grid", "total", "star", "3e", "piggyback"},
		PartitionSeeds:   5,
	}
}

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
	lab.Figures
	IntervalMs int `json:"intervalMs,omitempty"` // the batch interval the node ran with
	// BroadcastShare is the share of client operations that were
	// broadcasts (the rest are reads, which send nothing between servers).
	BroadcastShare float64     `json:"broadcastShare"`
	Shape          shape       `json:"shape"`
	Expect         expectation `json:"expect"`
	Load           *nodeLoad   `json:"load,omitempty"` // the chart's points only

	runDir string // the run's store directory
}

// designSpaceSection is every design of the series on one chart, and
// how each scales and crosses partitions. Real runs are the lab's; a
// design whose step cannot run in simulation is run for real instead.
type designSpaceSection struct{ designConfig }

func (designSpaceSection) Name() string { return "designSpace" }

func (s designSpaceSection) Run(l *lab.Lab) (any, error) {
	began := time.Now()
	cfg := s.designConfig
	if len(cfg.Designs) == 0 {
		return nil, fmt.Errorf("no designs to run")
	}
	base, err := challenges.Find(cfg.Designs[0].Workload)
	if err != nil {
		return nil, err
	}
	nodes, _ := strconv.Atoi(flagOf(base.Flags, "--node-count"))
	latency, _ := strconv.Atoi(flagOf(base.Flags, "--latency"))
	out := &designSpace{Nodes: nodes, ScaleNodes: cfg.ScaleNodes, LatencyMs: latency, Seed: l.Seed}

	for _, d := range cfg.Designs {
		real, err := s.designRun(l, d, nodes, latency, l.SeedFlags(), "real")
		if err != nil {
			return nil, err
		}
		out.Points = append(out.Points, real)
		for _, n := range cfg.ScaleNodes {
			mode := "simulated"
			if !l.Runner.Simulates(d.Step) {
				mode = "real"
				if n == nodes {
					continue // that run is the one above
				}
			}
			p, err := s.designRun(l, d, n, latency, l.SeedFlags(), mode)
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
	for _, name := range cfg.PartitionDesigns {
		i := slices.IndexFunc(cfg.Designs, func(d design) bool { return d.Name == name && d.Interval == "" })
		if i < 0 {
			return nil, fmt.Errorf("PartitionDesigns: no design %q at its default interval", name)
		}
		row, err := s.partitionRuns(l, cfg.Designs[i], nodes, latency)
		if err != nil {
			return nil, err
		}
		out.Partitions = append(out.Partitions, row)
	}
	out.WallMin = time.Since(began).Minutes()
	fmt.Fprintf(l.Say, "results: the design space took %s\n", time.Since(began).Round(time.Second))
	return out, nil
}

// designRun runs design d on n nodes with extra harness flags, for real
// or in simulation, and returns its point with the figures measured.
func (s designSpaceSection) designRun(l *lab.Lab, d design, n, latencyMs int, extra []string, mode string) (designPoint, error) {
	c, err := challenges.Find(d.Workload)
	if err != nil {
		return designPoint{}, err
	}
	if n != 0 {
		extra = append(slices.Clone(extra), "--node-count", strconv.Itoa(n))
	}
	if d.Topology != "" {
		extra = append(extra, "--topology", d.Topology)
	}
	if d.Interval != "" {
		extra = append(extra, "--", "--batch-interval", d.Interval)
	}
	p := designPoint{Kind: d.Kind, Module: d.Step, Nodes: n, Mode: mode}
	var r lab.Run
	if mode == "real" {
		r, err = l.Real(c, d.Step, extra)
		p.Command = lab.MakeCommand(c, d.Step, extra)
	} else {
		seed, rest := lab.SplitSeed(extra)
		r, err = l.Simulated(c, d.Step, seed, rest)
		p.Command = lab.SimCommand(c, d.Step, seed, rest)
	}
	if err == nil {
		p.Figures, p.runDir = r.Figures, r.Dir
		err = s.describe(l, &p, d, latencyMs)
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
func (s designSpaceSection) describe(l *lab.Lab, p *designPoint, d design, latencyMs int) error {
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
		interval, err := intervalOf(l.Registry.Root, d)
		if err != nil {
			return err
		}
		p.IntervalMs = int(interval.Milliseconds())
		if s.intervalsOf(d.Name) > 1 {
			p.Design = fmt.Sprintf("%s, %d ms", d.Name, p.IntervalMs)
		}
	}
	top, err := designTopology(d.Topology, p.Nodes)
	if err != nil {
		return err
	}
	p.Shape = measureShape(top)
	p.Expect = expect(d.Kind, p.Shape, p.BroadcastShare, float64(latencyMs), float64(p.IntervalMs))
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
func (s designSpaceSection) intervalsOf(name string) int {
	n := 0
	for _, d := range s.Designs {
		if d.Name == name {
			n++
		}
	}
	return n
}

// intervalOf is the batch interval design d runs with: its own, or the
// default its step's code sets, the constant batchInterval.
func intervalOf(root string, d design) (time.Duration, error) {
	if d.Interval != "" {
		return time.ParseDuration(d.Interval)
	}
	return lab.DurationConst(filepath.Join(root, d.Step), "batchInterval")
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

// flagOf is a flag's value in a workload's flags, or "".
func flagOf(flags []string, name string) string {
	if i := slices.Index(flags, name); i >= 0 && i+1 < len(flags) {
		return flags[i+1]
	}
	return ""
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
