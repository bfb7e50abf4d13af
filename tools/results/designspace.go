package main

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/generator"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
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
	// HubAloneShare is the share of the cuts the partition nemesis draws
	// on the chart's cluster that leave the hub (the first node) alone,
	// cut off from every other node, counted over many draws.
	HubAloneShare float64 `json:"hubAloneShare"`
	WallMin       float64 `json:"wallMinutes"` // what the whole section took
}

// A design is one way to spread values: a step, and what it is told.
type design struct {
	Name     string // the chart labels a design run at several intervals with its interval too
	Kind     string // flood (gossip each value along a graph), batched (3e), piggyback or full-state
	Step     string // a step, or "testnode", the harness' own test node
	Workload string // the challenge whose flags it runs with (all of them 3d's flags)
	Topology string // --topology, for the steps that follow Maelstrom's; "" for the star
	// Interval is how often the node sends: the batched steps'
	// --batch-interval ("" for the step's default), or a full-state
	// node's round, which NodeArgs set.
	Interval string
	NodeArgs []string // more flags for the node
	// Condition names a run under other conditions than the challenge's,
	// given by Flags (harness flags, such as another latency
	// distribution); such a run is compared in a table, not charted.
	Condition string
	Flags     []string
}

// designConfig is what the section runs: the designs on the challenges'
// cluster (the chart), each also simulated at ScaleNodes, some under
// partitions over PartitionSeeds seeds, and some under other conditions.
type designConfig struct {
	Nodes            int // the chart's cluster; 0 for the challenges' own --node-count
	Designs          []design
	ScaleNodes       []int
	PartitionDesigns []string // by name, at their default interval
	PartitionSeeds   int
	Conditions       []design // each the design of its name, under its condition, for real
}

// designDefaults are make results' designs: 3c's gossip along each of
// Maelstrom's topologies (3b's gossip loses values under partitions, 3c's
// is the same gossip with acknowledgements and resends), 3d's star, 3e's
// batched star at its default interval and two others, the epilogue's
// star where only the hub batches, and the most common answer to these
// challenges outside the series: every node sends its whole set to every
// other node each round (the harness' test node does that). Under an
// exponential link latency the star and the grid are run once more.
func designDefaults() designConfig {
	exponential := []string{"--latency-dist", "exponential"}
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
			fullState,
		},
		ScaleNodes:       []int{10, 25, 50},
		PartitionDesigns: []string{"grid", "total", "star", "3e", "piggyback", "full state"},
		PartitionSeeds:   5,
		Conditions: []design{
			{Name: "grid", Kind: "flood", Step: "broadcast-3c", Workload: "broadcast-3d", Topology: "grid", Condition: "latency exponential", Flags: exponential},
			{Name: "star", Kind: "flood", Step: "broadcast-3d", Workload: "broadcast-3d", Condition: "latency exponential", Flags: exponential},
		},
	}
}

// fullState is anti-entropy: every 500 ms each node sends every value it
// holds to every other node. It needs no acknowledgement and no resend: a
// value lost with one round goes again with the next.
var fullState = design{Name: "full state", Kind: "full-state", Step: "testnode", Workload: "broadcast-3d", Topology: "total",
	Interval: "500ms", NodeArgs: []string{"--gossip", "anti-entropy", "--interval", "500ms"}}

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
	// Reach is how long the values took to reach every node, from the
	// client's broadcast to the last node's copy, read from the run's
	// journal: what Expect predicts, where stable latency ends at a read.
	Reach     reach     `json:"reachMs"`
	Condition string    `json:"condition,omitempty"`
	Load      *nodeLoad `json:"load,omitempty"` // the chart's points only

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
	if cfg.Nodes != 0 {
		nodes = cfg.Nodes
	}
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
	for _, d := range cfg.Conditions {
		p, err := s.designRun(l, d, nodes, latency, l.SeedFlags(), "real")
		if err != nil {
			return nil, err
		}
		out.Points = append(out.Points, p)
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
	lone, err := hubAloneSeed(l, base, nodes)
	if err != nil {
		return nil, err
	}
	for _, name := range cfg.PartitionDesigns {
		d, err := partitionDesign(cfg.Designs, name)
		if err != nil {
			return nil, err
		}
		row, err := s.partitionRuns(l, d, nodes, latency, lone)
		if err != nil {
			return nil, err
		}
		out.Partitions = append(out.Partitions, row)
	}
	out.HubAloneShare = hubAloneShare(nodes, 20000)
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
	extra = append(extra, d.Flags...)
	nodeArgs := d.NodeArgs
	if d.Interval != "" && d.Kind != "full-state" {
		nodeArgs = append(slices.Clone(nodeArgs), "--batch-interval", d.Interval)
	}
	if len(nodeArgs) > 0 {
		extra = append(append(extra, "--"), nodeArgs...)
	}
	p := designPoint{Kind: d.Kind, Module: d.Step, Nodes: n, Mode: mode, Condition: d.Condition}
	var r lab.Run
	if mode == "real" {
		r, err = l.Real(c, d.Step, extra)
		p.Command = challenges.MakeCommand(c, d.Step, extra)
	} else {
		seed, rest := lab.SplitSeed(extra)
		r, err = l.Simulated(c, d.Step, seed, rest)
		p.Command = challenges.SimCommand(c, d.Step, uint64(seed), rest)
	}
	if err == nil {
		p.Figures, p.runDir = r.Figures, r.Dir
		p.Reach, err = reachOf(r.Dir)
	}
	if err == nil {
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
	c, err := challenges.Find(d.Workload)
	if err != nil {
		return err
	}
	rate, _ := strconv.ParseFloat(flagOf(c.Flags, "--rate"), 64)
	timeLimit, _ := strconv.ParseFloat(flagOf(c.Flags, "--time-limit"), 64)
	p.Expect = expect(d.Kind, p.Shape, load{p.BroadcastShare, rate, timeLimit}, float64(latencyMs), float64(p.IntervalMs))
	return nil
}

// load is what the workload asks of a design: the share of operations
// that are broadcasts, and the operations' rate and length.
type load struct {
	broadcastShare, ratePerSec, timeLimitSec float64
}

// expectation is what a design's arithmetic predicts for a run, to set
// beside what the run measured.
type expectation struct {
	// MsgsPerOp is for the designs whose messages do not depend on
	// timing: gossip and acknowledgements per value, for the share of
	// operations that are broadcasts, or full-state rounds.
	MsgsPerOp float64 `json:"msgsPerOp,omitempty"`
	// MedianMs and MaxMs are the time a value takes to reach every node,
	// its reach, for the typical value and the slowest.
	MedianMs float64 `json:"medianMs"`
	MaxMs    float64 `json:"maxMs"`
}

// expect works a design's arithmetic out, for a cluster whose links all
// take latencyMs and whose nodes start together. Flooding gossip reaches
// the farthest node in as many hops as the graph is deep. A batched star's
// value waits for its leaf's tick (up to an interval), crosses a link,
// waits for the hub's tick, which comes at the same point of the hub's
// cycle for every batch (the interval less a link), and crosses a link to
// the other leaves: 1.5 intervals and a link for the typical value, two
// intervals and a link at most. With piggyback only the hub waits, up to
// an interval, between two links; a full-state node sends every value in
// its next round, one link away from every node, and keeps sending its
// rounds through the recovery, when no operation runs. A stable latency
// ends before the reach, at the start of the last read that missed the
// value.
func expect(kind string, s shape, l load, latencyMs, intervalMs float64) expectation {
	e := expectation{
		MedianMs: float64(s.MedianHops) * latencyMs,
		MaxMs:    float64(s.Hops) * latencyMs,
	}
	switch kind {
	case "flood":
		e.MsgsPerOp = 2 * float64(s.GossipPerValue) * l.broadcastShare
	case "batched":
		hubWait := intervalMs - math.Mod(latencyMs, intervalMs) // a batch that lands on the tick waits a whole interval
		e.MedianMs = intervalMs/2 + latencyMs + hubWait + latencyMs
		e.MaxMs = intervalMs + latencyMs + hubWait + latencyMs
	case "piggyback":
		e.MedianMs = latencyMs + intervalMs/2 + latencyMs
		e.MaxMs = latencyMs + intervalMs + latencyMs
	case "full-state":
		rounds := (l.timeLimitSec + generator.Recovery.Seconds()) / (intervalMs / 1000)
		e.MsgsPerOp = 2 * float64(s.Links) * rounds / (l.ratePerSec * l.timeLimitSec)
		e.MedianMs = intervalMs/2 + latencyMs
		e.MaxMs = intervalMs + latencyMs
	}
	return e
}

// partitionDesign is the design of a name run under partitions: the only
// one of that name, or the one at its step's default interval.
func partitionDesign(designs []design, name string) (design, error) {
	var named []design
	for _, d := range designs {
		if d.Name == name {
			named = append(named, d)
		}
	}
	if len(named) == 1 {
		return named[0], nil
	}
	for _, d := range named {
		if d.Interval == "" {
			return d, nil
		}
	}
	return design{}, fmt.Errorf("PartitionDesigns: no design %q at its default interval", name)
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
		if !slices.Contains(names, p.Design) && p.Condition == "" {
			names = append(names, p.Design)
		}
	}
	for _, name := range names {
		real := slices.IndexFunc(points, func(p designPoint) bool {
			return p.Design == name && p.Nodes == nodes && p.Mode == "real" && p.Condition == ""
		})
		if real < 0 {
			return fmt.Errorf("no real run of %s on %d nodes", name, nodes)
		}
		chosen := real
		if points[real].Behind {
			if sim := slices.IndexFunc(points, func(p designPoint) bool {
				return p.Design == name && p.Nodes == nodes && p.Mode == "simulated" && p.Condition == ""
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

// reach is how long a run's values took to reach every node.
type reach struct {
	MedianMs float64 `json:"medianMs"`
	MaxMs    float64 `json:"maxMs"`
}

// reachOf reads, from the journal of the run in dir, how long each value
// that reached every node took, from its client's broadcast to the last
// node's copy, and returns the median and the most.
func reachOf(dir string) (reach, error) {
	events, _, err := journal.ReadFile(filepath.Join(dir, journal.FileName))
	if err != nil {
		return reach{}, err
	}
	nodes, spreads := journey.Spreads(events, false)
	var took []time.Duration
	for _, s := range spreads {
		if s.Everywhere(len(nodes)) {
			took = append(took, s.Took())
		}
	}
	if len(took) == 0 {
		return reach{}, nil
	}
	slices.Sort(took)
	return reach{MedianMs: millis(took[(len(took)-1)/2]), MaxMs: millis(took[len(took)-1])}, nil
}
