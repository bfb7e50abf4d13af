package plot

import (
	"io"
	"math"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// LatencyRaw draws latency-raw.svg: one point per completed client op, at
// its invocation time and its latency, coloured by outcome and shaped by
// :f, over the shaded partitions. The latency axis is logarithmic because
// a timeout is a thousand times slower than a healthy reply, and both
// should stay readable.
func LatencyRaw(w io.Writer, h history.History) error {
	pairs, err := clientPairs(h)
	if err != nil {
		return err
	}
	runEnd := lastTime(h)
	lo, hi := math.Inf(1), 0.0
	for _, p := range pairs {
		ms := millis(p)
		if ms > 0 {
			lo = min(lo, ms)
		}
		hi = max(hi, ms)
	}
	partitions := Partitions(h, runEnd)
	c := newChart("Raw latency", linear(0, runEnd.Seconds()), logarithmic(lo, hi), partitions)

	fs := fsOf(pairs)
	shapes, _ := fStyles(fs)
	seen := make(map[string]map[history.Type]bool)
	for _, p := range pairs {
		f, t := p.invoke.F, p.complete.Type
		c.marker(shapes[f], c.px(p.invoke.Time.Seconds()), c.py(millis(p)), outcomeColor(t))
		if seen[f] == nil {
			seen[f] = make(map[history.Type]bool)
		}
		seen[f][t] = true
	}
	if len(pairs) == 0 {
		c.empty("completed operations")
	}

	var legend []legendEntry
	for _, f := range fs {
		for _, t := range outcomes {
			if seen[f][t] {
				legend = append(legend, legendEntry{label: f + " " + string(t), color: outcomeColor(t), shape: shapes[f]})
			}
		}
	}
	legend = append(legend, partitionLegend(partitions)...)
	return c.finish(w, "latency-raw.svg", "time (s)", "latency (ms)", legend)
}

// millis is an op's latency in milliseconds.
func millis(p opPair) float64 { return float64(p.latency()) / 1e6 }

// outcomeColor is the colour of a completion type; anything unexpected is grey.
func outcomeColor(t history.Type) string {
	if c, ok := outcomeColors[t]; ok {
		return c
	}
	return "#888888"
}
