package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
)

// timingLine reports the harness's own lateness, and the limits it is held
// to, so a reader can tell whether the latencies are the nodes' or the
// harness's.
func timingLine(t timing.Report) string {
	if t.Virtual {
		return "virtual time (a simulated run: every delivery and client operation happened exactly when it was due)"
	}
	var parts []string
	for _, l := range []struct {
		name string
		lag  timing.Lag
		of   string
	}{{"delivery lag", t.Delivery, "messages"}, {"dispatch lag", t.Dispatch, "client ops"}} {
		if l.lag.Count == 0 {
			parts = append(parts, l.name+" not measured")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s p50 %s, p99 %s, max %s (%d %s)",
			l.name, ms(l.lag.P50), ms(l.lag.P99), ms(l.lag.Max), l.lag.Count, l.of))
	}
	line := strings.Join(parts, "; ")
	if t.Delivery.Count > 0 {
		line += fmt.Sprintf("; warning above delivery lag p99 %s or max %s", ms(t.Limits.P99), ms(t.Limits.Max))
	}
	return line
}

// writeDistortion warns, in words, when the harness fell behind its own
// schedule by more than its limits: what was late, the likely cause, and
// by how much the latencies may be overstated. It writes nothing when the
// run kept to time.
func writeDistortion(w io.Writer, t timing.Report, stable *checker.Quantiles) {
	if !t.Behind {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("WARNING: the harness fell behind its own schedule, so the latencies above may be overstated.")
	p99, most := limitBases(t)
	p("  - Late: delivery lag p99 %s, max %s; this run warns above %s at p99 (%s) or %s at most (%s).",
		ms(t.Delivery.P99), ms(t.Delivery.Max), ms(t.Limits.P99), p99, ms(t.Limits.Max), most)
	for _, cause := range causes(t) {
		p("  - Likely cause: %s.", cause)
	}
	p("  - By how much: %s.", overstatement(t, stable))
}

// limitBases say which term of timing.LimitsFor set each limit.
func limitBases(t timing.Report) (p99, most string) {
	p99, most = "the floor of 5 ms", "the floor of 50 ms"
	switch t.Limits.P99 {
	case t.StableP99 / 20:
		p99 = fmt.Sprintf("5%% of the p99 stable latency, %d ms", t.StableP99.Milliseconds())
	case t.Latency / 20:
		p99 = fmt.Sprintf("5%% of --latency %d ms", t.Latency.Milliseconds())
	}
	switch t.Limits.Max {
	case t.StableMax / 10:
		most = fmt.Sprintf("10%% of the max stable latency, %d ms", t.StableMax.Milliseconds())
	case t.Latency / 2:
		most = fmt.Sprintf("50%% of --latency %d ms", t.Latency.Milliseconds())
	}
	return p99, most
}

// maxSlowReaders is how many slow readers the warning names.
const maxSlowReaders = 3

// causes names what most likely held the deliveries back: nodes that did
// not read their input (their writes blocked), a busy machine, or both.
func causes(t timing.Report) []string {
	var out []string
	for _, s := range t.SlowReaders[:min(len(t.SlowReaders), maxSlowReaders)] {
		out = append(out, fmt.Sprintf("node %s did not read its input for a while: writes to it waited %s in all with its pipe full, and %d of the %d messages to it were late",
			s.Node, seconds(s.Blocked), s.Late, s.Delivered))
	}
	if more := len(t.SlowReaders) - maxSlowReaders; more > 0 {
		out[len(out)-1] += fmt.Sprintf(" (and %d more such nodes)", more)
	}
	if !t.SlowReadersExplain() {
		var figures []string
		if t.Cores > 0 {
			figures = append(figures, fmt.Sprintf("load average %.1f on %d cores", t.Load, t.Cores))
		}
		if t.CPU > 0 {
			figures = append(figures, fmt.Sprintf("the harness itself used %.0f%% of one core", 100*t.CPU))
		}
		if t.Blocked >= t.Limits.Max {
			figures = append(figures, fmt.Sprintf("the nodes were slow to read their input: writes to them waited %s in all with their pipes full", seconds(t.Blocked)))
		}
		busy := "the machine was busy"
		if !t.OtherWork() {
			busy = "the harness did not get a processor in time, though the machine was not busy: the run's own bursts of deliveries, and the nodes they wake, queue for its processors"
		}
		if len(figures) > 0 {
			busy += " (" + strings.Join(figures, "; ") + ")"
		}
		out = append(out, busy)
	}
	return out
}

// overstatement estimates how much the late deliveries may add to the
// latencies. A latency adds up the lag of every delivery on its path: a
// typical value gets the mean lag per delivery, over about as many links
// of --latency as its latency spans (fewer if the nodes also wait, to
// batch), and the slowest values get the worst lag, or more.
func overstatement(t timing.Report, stable *checker.Quantiles) string {
	d := t.Delivery
	late := fmt.Sprintf("deliveries were late by %s on average, %s at p99 and %s at most",
		ms(d.Mean), ms(d.P99), ms(d.Max))
	if stable == nil || t.Latency <= 0 {
		return fmt.Sprintf("%s; a latency adds up the lag of every delivery on its path, so the slowest values may be %s too high, or more",
			late, ms(d.Max))
	}
	median := time.Duration(stable[1]) * time.Millisecond
	links := max(1, int(math.Round(float64(median)/float64(t.Latency))))
	span := fmt.Sprintf("at most about %d links of %d ms", links, t.Latency.Milliseconds())
	if links == 1 {
		span = fmt.Sprintf("about one link of %d ms", t.Latency.Milliseconds())
	}
	return fmt.Sprintf("%s; a latency adds up the lag of every delivery on its path, so the median stable latency (%d ms, %s) may be about %s too high, and the slowest values %s, or more",
		late, stable[1], span, ms(time.Duration(links)*d.Mean), ms(d.Max))
}

// seconds writes a duration in seconds with one decimal, or in
// milliseconds when shorter than a second.
func seconds(d time.Duration) string {
	if d < time.Second {
		return ms(d)
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
