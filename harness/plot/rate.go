package plot

import (
	"io"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// rateBuckets is about how many time buckets a run is cut into (see
// bucketWidth): Maelstrom's fixed 10 s would leave four for a 20 s run.
const rateBuckets = 20

// Rate draws rate.svg: client completions per second, counted in time
// buckets by completion time and plotted at each bucket's middle; one line
// per :f and outcome, coloured by outcome and dashed by :f. Every count is
// divided by the full bucket width, so a last bucket the run only partly
// covers reads low.
func Rate(w io.Writer, h history.History) error {
	pairs, err := clientPairs(h)
	if err != nil {
		return err
	}
	runEnd := lastTime(h)
	width := bucketWidth(runEnd, rateBuckets)
	n := bucketCount(runEnd, width)

	type series struct {
		f string
		t history.Type
	}
	counts := make(map[series][]int)
	hi := 0.0
	for _, p := range pairs {
		s := series{p.invoke.F, p.complete.Type}
		if counts[s] == nil {
			counts[s] = make([]int, n)
		}
		b := bucketOf(p.complete.Time, width, n)
		counts[s][b]++
		hi = max(hi, float64(counts[s][b])/width.Seconds())
	}

	partitions := Partitions(h, runEnd)
	c := newChart("Rate", linear(0, (time.Duration(n)*width).Seconds()), linear(0, hi*1.05), partitions)
	fs := fsOf(pairs)
	shapes, dashes := fStyles(fs)
	var legend []legendEntry
	for _, f := range fs {
		for _, t := range outcomes {
			cs := counts[series{f, t}]
			if cs == nil {
				continue
			}
			var xy []float64
			for b, count := range cs {
				xy = append(xy, c.px((time.Duration(b)*width + width/2).Seconds()), c.py(float64(count)/width.Seconds()))
			}
			c.polyline(xy, lineAttrs(outcomeColor(t), dashes[f]))
			for i := 0; i < len(xy); i += 2 {
				c.marker(shapes[f], xy[i], xy[i+1], outcomeColor(t))
			}
			legend = append(legend, legendEntry{label: f + " " + string(t), color: outcomeColor(t), shape: shapes[f], dash: dashes[f], line: true})
		}
	}
	if len(pairs) == 0 {
		c.empty("completed operations")
	}
	legend = append(legend, partitionLegend(partitions)...)
	return c.finish(w, "rate.svg", "time (s)", "completions per second", legend)
}
