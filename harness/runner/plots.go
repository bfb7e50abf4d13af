package runner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
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
		marks := journal.Marks(h)
		draw("messages.svg", func(w io.Writer) error { return plot.Messages(w, events, marks) })
		draw("timeline.html", func(w io.Writer) error { return plot.Timeline(w, h) })
		if err := journal.WriteFile(r.dir.File(journal.FileName), events, marks); err != nil {
			r.log.Warnf("saving the journal: %v", err)
		}
		r.drawJourneys(events, marks)
	}
	return p
}

// drawJourneys draws the journeys of the values most worth a look (see
// journey.Choose) and says which they are.
func (r *run) drawJourneys(events []journal.Event, marks []journal.Mark) {
	var drawn []string
	for _, c := range journey.Choose(events) {
		j, _ := journey.Follow(events, marks, c.Value)
		name := fmt.Sprintf("journey-%d.svg", c.Value)
		if err := writeTo(r.dir.File(name), func(w io.Writer) error { return plot.Journey(w, j) }); err != nil {
			r.log.Warnf("drawing %s: %v", name, err)
			continue
		}
		drawn = append(drawn, fmt.Sprintf("%s (%s)", name, c.Why))
	}
	if len(drawn) > 0 {
		r.log.Filef("Journeys drawn: %s", strings.Join(drawn, "; "))
	}
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
