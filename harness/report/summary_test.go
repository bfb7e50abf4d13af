package report

import (
	"strings"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
)

func f32(f float32) *float32 { return &f }

// passing is the results of a small valid run with made-up but consistent numbers.
func passing() checker.Results {
	return checker.Results{
		Valid: checker.Valid,
		Stats: checker.Stats{
			Counts: checker.Counts{Count: 2001, OKCount: 1990, FailCount: 3, InfoCount: 8},
			ByF: map[string]checker.Counts{
				"broadcast": {Count: 1000, OKCount: 995, FailCount: 0, InfoCount: 5},
				"read":      {Count: 1001, OKCount: 995, FailCount: 3, InfoCount: 3},
			},
		},
		Availability: checker.Availability{OKFraction: 0.995},
		Net: checker.Net{
			All:     checker.NetGroup{MsgCount: 29015, MsgsPerOp: f32(14.5)},
			Servers: checker.NetGroup{MsgCount: 24812, MsgsPerOp: f32(12.4)},
		},
		Workload: checker.SetFull{
			AttemptCount:    1000,
			StableCount:     998,
			Stale:           []int{3, 4},
			NeverRead:       []int{998, 999},
			StableLatencies: &checker.Quantiles{0, 12, 340, 480, 590},
		},
	}
}

func summaryText(s Summary) string {
	var b strings.Builder
	WriteSummary(&b, s)
	return b.String()
}

func wantLines(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("summary lacks %q:\n%s", w, text)
		}
	}
}

func TestSummaryValid(t *testing.T) {
	text := summaryText(Summary{
		Results:     passing(),
		Nodes:       []string{"n1", "n2", "n3", "n4", "n5"},
		Concurrency: 5,
		StorePath:   "store/broadcast/20261123T101010.000Z/",
		Timing: timing.Report{
			Delivery: timing.Lag{Count: 24812, P50: 300 * time.Microsecond, P99: 2 * time.Millisecond, Max: 7500 * time.Microsecond},
			Dispatch: timing.Lag{Count: 2001, P50: 0, P99: time.Millisecond, Max: 3 * time.Millisecond},
			Limits:   timing.LimitsFor(100*time.Millisecond, 480*time.Millisecond, 590*time.Millisecond),
		},
		Seed: 42,
	})
	wantLines(t, text,
		"Checker: valid, nothing lost.\n",
		"Messages per op: servers 12.40 (the figure Gossip Glomers targets), all 14.50\n",
		"Stable latency: median 12 ms, p95 340 ms, p99 480 ms, max 590 ms\n",
		"Values: 1000 attempted, 998 stable, 0 lost, 2 stale, 2 never read\n",
		"Ops: 2001 (ok 1990, fail 3, info 8); availability 99.5%\n",
		"Network: 5 nodes, 5 client threads; 29015 messages, 24812 between servers\n",
		"delivery lag p50 0.3 ms, p99 2.0 ms, max 7.5 ms (24812 messages)",
		"dispatch lag p50 0.0 ms, p99 1.0 ms, max 3.0 ms (2001 client ops); warning above delivery lag p99 24.0 ms or max 59.0 ms\n",
		"Seed: 42 ",
		"Store: store/broadcast/20261123T101010.000Z/\n",
	)
	for _, absent := range []string{"Lost values", "  - ", "crashed", "broadcast: 1000", "WARNING"} {
		if strings.Contains(text, absent) {
			t.Errorf("valid summary contains %q:\n%s", absent, text)
		}
	}
	if !strings.HasPrefix(text, "Checker:") {
		t.Errorf("summary does not start with the verdict:\n%s", text)
	}
}

func TestSummaryVerbose(t *testing.T) {
	r := passing()
	lat := int64(340)
	r.Workload.WorstStale = []checker.Element{{Element: 3, Outcome: checker.Stable, StableLatency: &lat}}
	text := summaryText(Summary{Results: r, Nodes: []string{"n1"}, Concurrency: 1, Verbose: true})
	wantLines(t, text,
		"  broadcast: 1000 (ok 995, fail 0, info 5)\n",
		"  read: 1001 (ok 995, fail 3, info 3)\n",
		"  stale 3: a read still missed it 340 ms after it was known\n",
		"  never read (no read ever showed them): 998, 999\n",
	)
}

// finalRead is a successful final read by a process.
func finalRead(index, process int, values ...int) history.Op {
	return history.Op{Index: index, Process: process, Type: history.OK, F: history.Read, Final: true, Value: values}
}

func TestSummaryLostValuesNameTheNodes(t *testing.T) {
	r := passing()
	r.Valid = checker.Invalid
	r.Workload.Valid = checker.Invalid
	r.Workload.Lost = []int{7, 9}
	r.Workload.LostLatencies = &checker.Quantiles{1, 2, 3, 4, 5}
	h := history.History{
		{Index: 0, Process: 1, Type: history.OK, F: history.Read, Value: []int{7, 9}}, // not final: ignored
		finalRead(1, 0, 1, 7, 9), // n1
		finalRead(2, 1, 1),       // n2
		finalRead(3, 7, 1, 9),    // 7 mod 5 = 2: n3
		{Index: 4, Process: 3, Type: history.Fail, F: history.Read, Final: true}, // n4's final read failed
		finalRead(5, 4, 1, 7, 9), // n5
		{Index: 6, Process: history.NemesisProcess, Type: history.Info, F: history.StartPartition,
			Value: history.Isolated{Grudge: history.Grudge{"n1": {"n2"}}}},
	}
	text := summaryText(Summary{
		Results: r, History: h,
		Nodes:       []string{"n1", "n2", "n3", "n4", "n5"},
		Concurrency: 5,
	})
	wantLines(t, text,
		"Checker: invalid, 2 values lost.\n",
		"  - 2 of 1000 broadcast values were lost",
		"Values: 1000 attempted, 998 stable, 2 lost, 2 stale, 2 never read\n",
		"Lost latency: median 2 ms, max 5 ms",
		"Lost values, by the final reads of each node:\n",
		"  7: missing on n2, n3; present on n1, n5; no final read from n4\n",
		"  9: missing on n2; present on n1, n3, n5; no final read from n4\n",
		"Network: 5 nodes, 5 client threads, 1 partition;",
	)
}

func TestSummaryLostValuesAreCapped(t *testing.T) {
	r := passing()
	r.Valid, r.Workload.Valid = checker.Invalid, checker.Invalid
	for v := range 13 {
		r.Workload.Lost = append(r.Workload.Lost, v)
	}
	text := summaryText(Summary{Results: r, History: history.History{finalRead(0, 0)}, Nodes: []string{"n0"}, Concurrency: 1})
	wantLines(t, text, "  9: missing on n0\n", "  and 3 more\n")
	if strings.Contains(text, "  10: ") {
		t.Errorf("more than 10 lost values explained:\n%s", text)
	}
}

func TestSummaryUnknown(t *testing.T) {
	tests := []struct {
		name     string
		workload checker.SetFull
		want     string
	}{
		{"rate 0", checker.SetFull{Valid: checker.Unknown}, "no value was ever broadcast"},
		{"no reads", checker.SetFull{Valid: checker.Unknown, AttemptCount: 40, NeverRead: make([]int, 40)},
			"40 values were broadcast, but no read ever showed one as stable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := checker.Results{Valid: checker.Unknown, Workload: tt.workload, Availability: checker.Availability{OKFraction: 1}}
			text := summaryText(Summary{Results: r, Nodes: []string{"n0"}, Concurrency: 1})
			wantLines(t, text,
				"Checker: unknown, no decision.\n",
				"  - "+tt.want,
				"Messages per op: none (no client op was invoked)\n",
				"Stable latency: none (no value became stable)\n",
				"availability 100.0%",
				"Timing: delivery lag not measured; dispatch lag not measured\n",
			)
		})
	}
}

func TestSummaryOtherReasons(t *testing.T) {
	r := passing()
	r.Valid = checker.Invalid
	r.Stats.Valid = checker.Invalid
	r.Stats.ByF["read"] = checker.Counts{Valid: checker.Invalid, Count: 6, FailCount: 4, InfoCount: 2}
	r.Availability = checker.Availability{Valid: checker.Invalid, OKFraction: 0.9996}
	r.Perf.Valid = checker.Unknown
	r.Exceptions.Groups = []checker.ExceptionGroup{{Count: 3, Class: "malformed-response"}}
	text := summaryText(Summary{Results: r})
	wantLines(t, text,
		"  - no read op succeeded (6 tried: 4 failed, 2 unknown).\n",
		"  - availability: only 0.9996 of the ops succeeded",
		"  - drawing the latency and rate plots failed.\n",
		"availability 99.9%", // never rounded up to 100.0% when short of it
		"Exception: 3 × malformed-response\n",
	)
}

func TestSummaryCrashComesFirst(t *testing.T) {
	r := passing()
	r.Valid = checker.Unknown
	r.Crash = &checker.Crash{
		Node: "n3", ExitStatus: 2, LogPath: "store/broadcast/x/node-logs/n3.log",
		Stderr: []string{"panic: boom", "goroutine 1 [running]:"},
	}
	text := summaryText(Summary{Results: r, Nodes: []string{"n1", "n2", "n3"}, Concurrency: 3})
	want := "Node n3 crashed: it exited with status 2 before the harness stopped it.\n" +
		"  Its log: store/broadcast/x/node-logs/n3.log\n" +
		"  Its last lines on stderr:\n" +
		"    panic: boom\n" +
		"    goroutine 1 [running]:\n" +
		"Checker: no verdict, node n3 crashed;"
	if !strings.HasPrefix(text, want) {
		t.Errorf("crash summary starts:\n%s\nwant it to start:\n%s", text, want)
	}

	r.Crash = &checker.Crash{Node: "n1", ExitStatus: -1, Signal: "SIGSEGV"}
	wantLines(t, summaryText(Summary{Results: r}), "Node n1 crashed: it was killed by signal SIGSEGV")
}

// The checker's verdict never speaks for the challenge's targets: "every
// check passed" above a judge's FAIL line read as a contradiction.
func TestVerdictNamesTheCheckersOutcome(t *testing.T) {
	invalid := func(lost ...int) checker.Results {
		return checker.Results{Valid: checker.Invalid, Workload: checker.SetFull{Valid: checker.Invalid, Lost: lost}}
	}
	tests := []struct {
		r    checker.Results
		want string
	}{
		{checker.Results{Valid: checker.Valid}, "valid, nothing lost"},
		{invalid(4), "invalid, 1 value lost"},
		{invalid(4, 5, 6), "invalid, 3 values lost"},
		{invalid(), "invalid"},
		{checker.Results{Valid: checker.Unknown}, "unknown, no decision"},
	}
	for _, tt := range tests {
		if got := Verdict(tt.r); got != tt.want {
			t.Errorf("Verdict(valid %v, lost %v) = %q, want %q", tt.r.Valid, tt.r.Workload.Lost, got, tt.want)
		}
		if strings.Contains(Verdict(tt.r), "every check") {
			t.Errorf("Verdict claims every check passed: %q", Verdict(tt.r))
		}
	}
}

func TestNodeOf(t *testing.T) {
	nodes := []string{"n0", "n1", "n2"}
	tests := []struct {
		process, concurrency int
		want                 string
	}{
		{0, 3, "n0"}, {2, 3, "n2"}, {5, 3, "n2"}, // process 5 is thread 2 after an :info
		{4, 6, "n1"}, // 2n: threads 3-5 go round the nodes again
		{7, 6, "n1"},
		{1, 0, "?"},
	}
	for _, tt := range tests {
		if got := nodeOf(tt.process, tt.concurrency, nodes); got != tt.want {
			t.Errorf("nodeOf(%d, %d) = %s, want %s", tt.process, tt.concurrency, got, tt.want)
		}
	}
}

// A run that fell behind its schedule says so under its latencies: what
// was late against which limit, the likely cause, and by how much the
// latencies may be overstated.
func TestSummaryWarnsWhenTheHarnessFellBehind(t *testing.T) {
	ms := time.Millisecond
	behind := timing.Report{
		Delivery: timing.Lag{Count: 38000, Mean: 1500 * time.Microsecond, P50: ms / 10, P99: 12 * ms, Max: 197 * ms},
		Dispatch: timing.Lag{Count: 1900, P50: ms / 10, P99: 9 * ms, Max: 30 * ms},
		Limits:   timing.LimitsFor(100*ms, 80*ms, 700*ms), Latency: 100 * ms, StableP99: 80 * ms, StableMax: 700 * ms,
		Behind: true, Late: 900, CPU: 0.19, Load: 17.1, Cores: 2,
	}
	r := passing()
	r.Workload.StableLatencies = &checker.Quantiles{0, 343, 500, 580, 700}
	text := summaryText(Summary{Results: r, Nodes: []string{"n0"}, Concurrency: 1, Timing: behind})
	wantLines(t, text,
		"Stable latency: median 343 ms, p95 500 ms, p99 580 ms, max 700 ms\n"+
			"WARNING: the harness fell behind its own schedule, so the latencies above may be overstated.\n",
		"  - Late: delivery lag p99 12.0 ms, max 197.0 ms; this run warns above 5.0 ms at p99 (5% of --latency 100 ms) or 70.0 ms at most (10% of the max stable latency, 700 ms).\n",
		"  - Likely cause: the machine was busy (load average 17.1 on 2 cores; the harness itself used 19% of one core).\n",
		"  - By how much: deliveries were late by 1.5 ms on average, 12.0 ms at p99 and 197.0 ms at most; a latency adds up the lag of every delivery on its path, so the median stable latency (343 ms, at most about 3 links of 100 ms) may be about 4.5 ms too high, and the slowest values 197.0 ms, or more.\n",
	)

	quiet := behind
	quiet.Load = 0.9
	text = summaryText(Summary{Results: r, Nodes: []string{"n0"}, Concurrency: 1, Timing: quiet})
	wantLines(t, text,
		"  - Likely cause: the harness did not get a processor in time, though the machine was not busy: the run's own bursts of deliveries, and the nodes they wake, queue for its processors (load average 0.9 on 2 cores; the harness itself used 19% of one core).\n")

	behind.SlowReaders = []timing.SlowReader{{Node: "n3", Blocked: 2900 * ms, BlockedWrites: 3, Late: 800, Delivered: 1500}}
	text = summaryText(Summary{Results: r, Nodes: []string{"n0"}, Concurrency: 1, Timing: behind})
	wantLines(t, text,
		"  - Likely cause: node n3 did not read its input for a while: writes to it waited 2.9 s in all with its pipe full, and 800 of the 1500 messages to it were late.\n")
	if strings.Contains(text, "machine was busy") {
		t.Errorf("800 of 900 late deliveries were to n3, yet the machine is blamed:\n%s", text)
	}
}

// A simulated run says so instead of printing lags that are zero by
// construction, and keeps the limits out of it: nothing can be late.
func TestTimingLineOfASimulatedRun(t *testing.T) {
	line := timingLine(timing.Report{Virtual: true, Delivery: timing.NewLag([]time.Duration{0, 0})})
	if !strings.Contains(line, "virtual time") || strings.Contains(line, "warning above") {
		t.Errorf("timingLine of a simulated run = %q, want it to say virtual time and give no limits", line)
	}
}
