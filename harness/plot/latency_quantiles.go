package plot

import (
	"io"
	"math"
	"slices"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// The quantiles drawn, each in its own colour.
var (
	plotQuantiles  = []float64{0.5, 0.95, 0.99, 1}
	quantileLabels = []string{"p50", "p95", "p99", "max"}
	quantileColors = []string{"#2C7BB6", "#1A9641", "#E08214", "#D7191C"}
)

// quantileBuckets is about how many time buckets a run is cut into (see
// bucketWidth): Maelstrom's fixed 30 s would leave one bucket for a 20 s run.
const quantileBuckets = 10

// LatencyQuantiles draws latency-quantiles.svg: for each :f, the 0.5,
// 0.95, 0.99 and 1 quantiles of the latency of the client ops invoked in
// each time bucket, plotted at the bucket's middle; one colour per
// quantile, one dash pattern per :f. Every completed op counts, whatever its
// outcome: a timeout is latency a client really waited. Quantiles are
// nearest-rank: the smallest latency with at least that fraction of the
// bucket at or below it.
func LatencyQuantiles(w io.Writer, h history.History) error {
	pairs, err := clientPairs(h)
	if err != nil {
		return err
	}
	runEnd := lastTime(h)
	width := bucketWidth(runEnd, quantileBuckets)
	n := bucketCount(runEnd, width)

	fs := fsOf(pairs)
	_, dashes := fStyles(fs)
	byF := make(map[string][][]float64) // f -> bucket -> latencies (ms)
	for _, f := range fs {
		byF[f] = make([][]float64, n)
	}
	lo, hi := math.Inf(1), 0.0
	for _, p := range pairs {
		b := bucketOf(p.invoke.Time, width, n)
		ms := millis(p)
		byF[p.invoke.F][b] = append(byF[p.invoke.F][b], ms)
		if ms > 0 {
			lo = min(lo, ms)
		}
		hi = max(hi, ms)
	}

	partitions := Partitions(h, runEnd)
	xMax := (time.Duration(n) * width).Seconds()
	c := newChart("Latency quantiles", linear(0, xMax), logarithmic(lo, hi), partitions)
	var legend []legendEntry
	for _, f := range fs {
		for qi, q := range plotQuantiles {
			var segment []float64
			flush := func() {
				if len(segment) > 2 {
					c.polyline(segment, lineAttrs(quantileColors[qi], dashes[f]))
				}
				segment = segment[:0]
			}
			for b, lat := range byF[f] {
				if len(lat) == 0 {
					flush()
					continue
				}
				x := c.px((time.Duration(b)*width + width/2).Seconds())
				y := c.py(quantile(lat, q))
				c.marker(circle, x, y, quantileColors[qi])
				segment = append(segment, x, y)
			}
			flush()
			legend = append(legend, legendEntry{label: f + " " + quantileLabels[qi], color: quantileColors[qi], dash: dashes[f], line: true})
		}
	}
	if len(pairs) == 0 {
		c.empty("completed operations")
	}
	legend = append(legend, partitionLegend(partitions)...)
	return c.finish(w, "latency-quantiles.svg", "time (s)", "latency (ms)", legend)
}

// quantile returns the nearest-rank q-quantile of xs; it sorts xs.
func quantile(xs []float64, q float64) float64 {
	slices.Sort(xs)
	i := int(math.Ceil(q*float64(len(xs)))) - 1
	return xs[min(max(i, 0), len(xs)-1)]
}
