package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
)

// Summary is everything the end-of-run summary is written from.
type Summary struct {
	Results     checker.Results
	History     history.History
	Nodes       []string
	Concurrency int
	StorePath   string
	// Timing is how far the harness kept to its own schedule: delivery
	// and dispatch lag, and whether they may distort the latencies.
	Timing      timing.Report
	Seed        uint64
	Interrupted bool // the run was stopped early (Ctrl-C): there is no verdict
	Verbose     bool
}

// WriteSummary writes the plain-language summary of a finished run: a
// crash first if there was one, then the checker's verdict and why, the figures the
// Gossip Glomers targets are stated in, what became of the values (and, for
// each lost one, which nodes missed it), and where the run's files are.
func WriteSummary(w io.Writer, s Summary) {
	r := s.Results
	wl := r.Workload
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }

	if s.Interrupted {
		p("Checker: no verdict, the run was interrupted; the figures below cover the run up to the interruption.")
	} else if c := r.Crash; c != nil {
		writeCrash(w, c)
		p("Checker: no verdict, node %s crashed; the figures below cover the run up to the crash.", c.Node)
	} else {
		p("Checker: %s.", Verdict(r))
	}
	if r.Valid != checker.Valid {
		for _, why := range reasons(r) {
			p("  - %s", why)
		}
	}

	if mpo := r.Net.Servers.MsgsPerOp; mpo != nil && r.Net.All.MsgsPerOp != nil {
		p("Messages per op: servers %.2f (the figure Gossip Glomers targets), all %.2f", *mpo, *r.Net.All.MsgsPerOp)
	} else {
		p("Messages per op: none (no client op was invoked)")
	}
	if q := wl.StableLatencies; q != nil {
		p("Stable latency: median %d ms, p95 %d ms, p99 %d ms, max %d ms", q[1], q[2], q[3], q[4])
	} else {
		p("Stable latency: none (no value became stable)")
	}
	writeDistortion(w, s.Timing, wl.StableLatencies)
	if q := wl.LostLatencies; q != nil {
		p("Lost latency: median %d ms, max %d ms (from known to the last read that still held it)", q[1], q[4])
	}
	p("Values: %d attempted, %d stable, %d lost, %d stale, %d never read",
		wl.AttemptCount, wl.StableCount, len(wl.Lost), len(wl.Stale), len(wl.NeverRead))
	writeLost(w, s)
	if s.Verbose {
		writeStale(w, wl)
		if len(wl.NeverRead) > 0 {
			p("  never read (no read ever showed them): %s", listInts(wl.NeverRead, 20))
		}
	}

	st := r.Stats
	p("Ops: %d (ok %d, fail %d, info %d); availability %s",
		st.Count, st.OKCount, st.FailCount, st.InfoCount, percent(r.Availability.OKFraction))
	if s.Verbose {
		for _, f := range sortedKeys(st.ByF) {
			c := st.ByF[f]
			p("  %s: %d (ok %d, fail %d, info %d)", f, c.Count, c.OKCount, c.FailCount, c.InfoCount)
		}
	}
	for _, g := range r.Exceptions.Groups {
		p("Exception: %d × %s", g.Count, g.Class)
	}

	network := fmt.Sprintf("Network: %d nodes, %d client threads", len(s.Nodes), s.Concurrency)
	switch n := partitions(s.History); n {
	case 0:
	case 1:
		network += ", 1 partition"
	default:
		network += fmt.Sprintf(", %d partitions", n)
	}
	p("%s; %d messages, %d between servers", network, r.Net.All.MsgCount, r.Net.Servers.MsgCount)
	p("Timing: %s", timingLine(s.Timing))
	p("Seed: %d (repeat the run's random choices with --seed %d)", s.Seed, s.Seed)
	if s.StorePath == "" {
		p("Store: none (this run wrote no files)")
	} else {
		p("Store: %s", s.StorePath)
	}
}

// writeCrash puts the crash where it cannot be missed: which node, how it
// ended, where its log is, and its last words.
func writeCrash(w io.Writer, c *checker.Crash) {
	how := fmt.Sprintf("exited with status %d", c.ExitStatus)
	if c.ExitStatus == -1 {
		how = "was killed by a signal"
		if c.Signal != "" {
			how = "was killed by signal " + c.Signal
		}
	}
	fmt.Fprintf(w, "Node %s crashed: it %s before the harness stopped it.\n", c.Node, how)
	if c.LogPath != "" {
		fmt.Fprintf(w, "  Its log: %s\n", c.LogPath)
	}
	for _, stream := range []struct {
		name  string
		lines []string
	}{{"stderr", c.Stderr}, {"stdout", c.Stdout}} {
		if len(stream.lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "  Its last lines on %s:\n", stream.name)
		for _, l := range stream.lines {
			fmt.Fprintf(w, "    %s\n", l)
		}
	}
}

// writeLost explains each lost value (up to maxLostShown) by the nodes whose
// final reads missed it.
func writeLost(w io.Writer, s Summary) {
	lost := s.Results.Workload.Lost
	if len(lost) == 0 {
		return
	}
	fmt.Fprintln(w, "Lost values, by the final reads of each node:")
	reads := finalReads(s.History)
	for _, v := range lost[:min(len(lost), maxLostShown)] {
		fmt.Fprintf(w, "  %d: %s\n", v, locate(v, reads, s.Concurrency, s.Nodes))
	}
	if more := len(lost) - maxLostShown; more > 0 {
		fmt.Fprintf(w, "  and %d more\n", more)
	}
}

// writeStale lists the values that took longest to become stable.
func writeStale(w io.Writer, wl checker.SetFull) {
	for _, e := range wl.WorstStale {
		if e.StableLatency != nil {
			fmt.Fprintf(w, "  stale %d: a read still missed it %d ms after it was known\n", e.Element, *e.StableLatency)
		}
	}
}

// partitions counts the partitions the nemesis applied.
func partitions(h history.History) int {
	n := 0
	for _, op := range h {
		if _, ok := op.Value.(history.Isolated); ok && op.F == history.StartPartition {
			n++
		}
	}
	return n
}

// ms writes a duration in milliseconds with one decimal.
func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

// percent writes a fraction as a percentage with one decimal, never
// rounding a fraction below 1 up to "100.0%".
func percent(f float32) string {
	s := fmt.Sprintf("%.1f%%", f*100)
	if f < 1 && s == "100.0%" {
		s = "99.9%"
	}
	return s
}

// listInts writes up to limit numbers, then how many more there are.
func listInts(xs []int, limit int) string {
	var parts []string
	for _, x := range xs[:min(len(xs), limit)] {
		parts = append(parts, fmt.Sprint(x))
	}
	s := strings.Join(parts, ", ")
	if more := len(xs) - limit; more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
