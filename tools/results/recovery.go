package main

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
)

// recoverySection is how long a step may wait before it resends: its
// partition challenge in simulation over seeds 1…seeds, once per retry
// interval, given to the node as --retry-interval. A value that a
// partition kept from a node must reach it between the last heal and the
// final reads, 10 s later, so a retry interval that leaves no room for
// the resend loses values.
type recoverySection struct{ recoveryConfig }

// recoveryConfig is the workload, its retry intervals and the seeds.
type recoveryConfig struct {
	Workload  string
	Intervals []time.Duration
	Seeds     int
}

func (recoverySection) Name() string { return "recovery" }

// recoveryRow is one retry interval, over every seed.
type recoveryRow struct {
	Workload string  `json:"workload"`
	Module   string  `json:"module"`
	RetryMs  int     `json:"retryMs"`
	Seeds    int     `json:"seeds"`
	Failed   int     `json:"failed"`    // seeds that missed a target
	Lost     int     `json:"lostCount"` // values lost over every seed
	Command  string  `json:"command"`
	Default  bool    `json:"default"` // the interval the step's code sets
	BoundMs  float64 `json:"boundMs"` // the longest that is sure to deliver (see Run)
}

// Run sweeps the intervals. The bound is the retry interval beyond which a
// value sent just before the last heal may miss the final reads: 10 s less
// the retry loop's tick, the hub's batch interval and a link each way,
// read from the step's code and the workload's flags.
func (s recoverySection) Run(l *lab.Lab) (any, error) {
	c, step, err := l.Workload(s.Workload)
	if err != nil {
		return nil, err
	}
	dir := l.Registry.Root + "/" + step
	def, err := lab.DurationConst(dir, "retryInterval")
	tick, err2 := lab.DurationConst(dir, "retryTick")
	batch, err3 := lab.DurationConst(dir, "batchInterval")
	if err == nil {
		err = err2
	}
	if err == nil {
		err = err3
	}
	if err != nil {
		return nil, err
	}
	latency, err := time.ParseDuration(flagOf(c.Flags, "--latency") + "ms")
	if err != nil {
		return nil, err
	}
	const finalReadsAfter = 10 * time.Second // Maelstrom's wait after the last heal
	bound := finalReadsAfter - tick - batch - 2*latency
	var rows []recoveryRow
	for _, ri := range s.Intervals {
		args := []string{"--", "--retry-interval", ri.String()}
		cmd := fmt.Sprintf("make sim MODULE=%s WORKLOAD=%s SEEDS=%d ARGS='%s'", step, c.Name, s.Seeds, "-- --retry-interval "+ri.String())
		fmt.Fprintf(l.Say, "results: %s …", cmd)
		var out bytes.Buffer
		report, err := l.Runner.Sweep(c, step, s.Seeds, args, io.MultiWriter(&out, l.Log))
		if err != nil {
			fmt.Fprintln(l.Say)
			return nil, err
		}
		row := recoveryRow{Workload: c.Name, Module: step, RetryMs: int(ri.Milliseconds()), Seeds: s.Seeds,
			Failed: len(report.Failures), Command: cmd, Default: ri == def, BoundMs: float64(bound.Milliseconds())}
		for _, f := range report.Failures {
			row.Lost += len(f.Lost)
		}
		fmt.Fprintf(l.Say, " %d of %d seeds lost values\n", row.Failed, row.Seeds)
		rows = append(rows, row)
	}
	return rows, nil
}
