package store

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
)

// resultsTree orders r's data the way Maelstrom's results.edn does: the
// checkers in the order of the checker map in core.clj's maelstrom-test,
// then :valid? (Jepsen's compose).
func resultsTree(r checker.Results) (omap, error) {
	exceptions, err := exceptionsTree(r.Exceptions)
	if err != nil {
		return nil, fmt.Errorf(":exceptions: %w", err)
	}
	workload, err := workloadTree(r.Workload)
	if err != nil {
		return nil, fmt.Errorf(":workload: %w", err)
	}
	m := omap{}.
		add("perf", perfTree(r.Perf)).
		add("timeline", validOnly(r.Timeline)).
		add("exceptions", exceptions).
		add("stats", statsTree(r.Stats)).
		add("availability", omap{}.
			add("valid?", validity(r.Availability.Valid)).
			add("ok-fraction", r.Availability.OKFraction)).
		add("net", netTree(r.Net)).
		add("workload", workload)
	if r.Crash != nil {
		m = m.add("crash", crashTree(*r.Crash))
	}
	if r.Timing != nil {
		m = m.add("timing", timingTree(*r.Timing))
	}
	return m.add("valid?", validity(r.Valid)), nil
}

// validity is true, false, or the keyword :unknown.
func validity(v checker.Validity) any {
	switch v {
	case checker.Valid:
		return true
	case checker.Invalid:
		return false
	}
	return keyword("unknown")
}

func validOnly(v checker.Validity) omap {
	return omap{}.add("valid?", validity(v))
}

func perfTree(p checker.Perf) omap {
	return omap{}.
		add("latency-graph", validOnly(p.LatencyGraph)).
		add("rate-graph", validOnly(p.RateGraph)).
		add("valid?", validity(p.Valid))
}

// exceptionsTree has an :exceptions entry only when some op carried one,
// as Jepsen's checker does.
func exceptionsTree(e checker.Exceptions) (omap, error) {
	m := validOnly(e.Valid)
	if len(e.Groups) == 0 {
		return m, nil
	}
	groups := make(vector, len(e.Groups))
	for i, g := range e.Groups {
		example, err := opTree(g.Example)
		if err != nil {
			return nil, err
		}
		groups[i] = omap{}.add("count", g.Count).add("class", g.Class).add("example", example)
	}
	return m.add("exceptions", groups), nil
}

func countsTree(c checker.Counts) omap {
	return omap{}.
		add("valid?", validity(c.Valid)).
		add("count", c.Count).
		add("ok-count", c.OKCount).
		add("fail-count", c.FailCount).
		add("info-count", c.InfoCount)
}

// statsTree lists :by-f sorted by f, as Jepsen's stats checker does.
func statsTree(s checker.Stats) omap {
	byF := omap{}
	for _, f := range slices.Sorted(maps.Keys(s.ByF)) {
		byF = byF.add(f, countsTree(s.ByF[f]))
	}
	return countsTree(s.Counts).add("by-f", byF)
}

func netTree(n checker.Net) omap {
	return omap{}.
		add("all", netGroupTree(n.All)).
		add("clients", netGroupTree(n.Clients)).
		add("servers", netGroupTree(n.Servers)).
		add("valid?", validity(n.Valid))
}

func netGroupTree(g checker.NetGroup) omap {
	m := omap{}.
		add("send-count", g.SendCount).
		add("recv-count", g.RecvCount).
		add("msg-count", g.MsgCount)
	if g.MsgsPerOp != nil {
		m = m.add("msgs-per-op", *g.MsgsPerOp)
	}
	return m
}

// workloadTree follows the order in which Clojure prints set-full's hash
// map (as real Maelstrom runs print it), with :lost-latencies placed after :stable-latencies.
func workloadTree(w checker.SetFull) (omap, error) {
	worst := make(list, len(w.WorstStale))
	for i, e := range w.WorstStale {
		el, err := elementTree(e)
		if err != nil {
			return nil, fmt.Errorf(":worst-stale element %d: %w", e.Element, err)
		}
		worst[i] = el
	}
	m := omap{}.
		add("worst-stale", worst).
		add("duplicated-count", w.DuplicatedCount).
		add("valid?", validity(w.Valid)).
		add("lost-count", len(w.Lost)).
		add("lost", intList(w.Lost)).
		add("stable-count", w.StableCount).
		add("stale-count", len(w.Stale)).
		add("stale", intList(w.Stale)).
		add("never-read-count", len(w.NeverRead))
	if w.StableLatencies != nil {
		m = m.add("stable-latencies", quantilesTree(*w.StableLatencies))
	}
	if w.LostLatencies != nil {
		m = m.add("lost-latencies", quantilesTree(*w.LostLatencies))
	}
	return m.
		add("attempt-count", w.AttemptCount).
		add("never-read", intList(w.NeverRead)).
		add("duplicated", omap{}), nil
}

func intList(xs []int) list {
	l := make(list, len(xs))
	for i, x := range xs {
		l[i] = x
	}
	return l
}

// quantilesTree keys each value by its point, printed as Clojure prints
// the numbers 0, 0.5, 0.95, 0.99 and 1.
func quantilesTree(q checker.Quantiles) omap {
	m := make(omap, len(q))
	for i, v := range q {
		point := strconv.FormatFloat(checker.QuantilePoints[i], 'f', -1, 64)
		m[i] = entry{numberKey(point), v}
	}
	return m
}

func elementTree(e checker.Element) (omap, error) {
	known, err := optionalOp(e.Known)
	if err != nil {
		return nil, fmt.Errorf(":known: %w", err)
	}
	lastAbsent, err := optionalOp(e.LastAbsent)
	if err != nil {
		return nil, fmt.Errorf(":last-absent: %w", err)
	}
	return omap{}.
		add("element", e.Element).
		add("outcome", keyword(e.Outcome)).
		add("stable-latency", optionalInt(e.StableLatency)).
		add("lost-latency", optionalInt(e.LostLatency)).
		add("known", known).
		add("last-absent", lastAbsent), nil
}

func optionalInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// crashTree describes a node that stopped on its own; Maelstrom has no
// such entry because it writes no results after a crash.
func crashTree(c checker.Crash) omap {
	return omap{}.
		add("node", c.Node).
		add("exit-status", c.ExitStatus).
		add("signal", optionalString(c.Signal)).
		add("stdout", stringVector(c.Stdout)).
		add("stderr", stringVector(c.Stderr)).
		add("log-path", optionalString(c.LogPath))
}

func optionalString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func stringVector(lines []string) vector {
	v := make(vector, len(lines))
	for i, l := range lines {
		v[i] = l
	}
	return v
}
