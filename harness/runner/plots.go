package runner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/plot"
)

// drawPlots writes the pictures of the run into the store. As in
// Maelstrom, a plot that cannot be drawn makes the perf result (and so the
// run) unknown rather than failing the run. A run without a store still
// draws the perf plots, into nothing, so that its perf result is the same;
// the diagram and the timeline judge nothing and are skipped.
func (r *run) drawPlots(h history.History, events []journal.Event) checker.Perf {
	draw := func(name string, fn func(io.Writer) error) checker.Validity {
		var err error
		if r.dir == nil {
			err = fn(io.Discard)
		} else {
			err = writeTo(r.dir.File(name), fn)
		}
		if err != nil {
			r.log.Warnf("drawing %s: %v", name, err)
			return checker.Unknown
		}
		return checker.Valid
	}
	var p checker.Perf
	p.LatencyGraph = draw("latency-raw.svg", func(w io.Writer) error { return plot.LatencyRaw(w, h) }).
		Merge(draw("latency-quantiles.svg", func(w io.Writer) error { return plot.LatencyQuantiles(w, h) }))
	p.RateGraph = draw("rate.svg", func(w io.Writer) error { return plot.Rate(w, h) })
	p.Valid = p.LatencyGraph.Merge(p.RateGraph)
	if r.dir != nil {
		draw("messages.svg", func(w io.Writer) error { return plot.Messages(w, events) })
		draw("timeline.html", func(w io.Writer) error { return plot.Timeline(w, h) })
	}
	return p
}

func writeTo(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := fn(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// cpuTime is the processor time the harness process has used so far (its
// nodes are other processes and not counted).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuUse says how much of one core the harness itself used: the cost of
// the measurement, not of the nodes.
func cpuUse(cpu, wall time.Duration) string {
	return fmt.Sprintf("%v of processor time over %v (%.1f%% of one core)", cpu.Round(time.Millisecond), wall.Round(time.Millisecond), 100*cpu.Seconds()/wall.Seconds())
}
