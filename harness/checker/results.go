// Package checker judges a finished run the way Maelstrom does for the
// broadcast workload: the set-full workload checker, the op statistics, the
// availability check, the net statistics, and their composition into one
// verdict. It only reads the history and the journal; drawing the plots is
// the plot package's job.
package checker

import (
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
)

// Validity is a :valid? value. The zero value is Valid.
type Validity int

const (
	Valid Validity = iota
	Unknown
	Invalid
)

// Merge returns the worse of two verdicts: invalid beats unknown beats valid.
func (v Validity) Merge(o Validity) Validity { return max(v, o) }

func (v Validity) String() string {
	switch v {
	case Valid:
		return "valid"
	case Invalid:
		return "invalid"
	default:
		return "unknown"
	}
}

// QuantilePoints are the points of every latency distribution in results.edn.
var QuantilePoints = [5]float64{0, 0.5, 0.95, 0.99, 1}

// Quantiles holds one value per QuantilePoints entry, in milliseconds.
type Quantiles [5]int64

// Results is everything results.edn holds, in Maelstrom's key order.
type Results struct {
	Perf         Perf
	Timeline     Validity
	Exceptions   Exceptions
	Stats        Stats
	Availability Availability
	Net          Net
	Workload     SetFull
	Valid        Validity
	// Crash is set when a node exited or crashed during the run; Maelstrom
	// writes no results then, we write them marked as crashed.
	Crash *Crash
	// Timing is how far the harness itself fell behind its schedule (ours,
	// not a checker: it never changes the verdict).
	Timing *timing.Report
}

// Crash describes a node that stopped before the harness stopped it.
type Crash struct {
	Node       string
	ExitStatus int // -1 when it was killed by a signal
	Signal     string
	Stdout     []string // its last lines, oldest first
	Stderr     []string
	LogPath    string
}

// Perf is the result of drawing the latency and rate plots.
type Perf struct {
	LatencyGraph Validity
	RateGraph    Validity
	Valid        Validity
}

// Exceptions groups the :info ops that carry an exception.
type Exceptions struct {
	Valid  Validity
	Groups []ExceptionGroup // most frequent first
}

// ExceptionGroup is one kind of exception and one op that carried it.
type ExceptionGroup struct {
	Count   int
	Class   string
	Example history.Op
}

// Counts are op completion counts.
type Counts struct {
	Valid     Validity
	Count     int
	OKCount   int
	FailCount int
	InfoCount int
}

// Stats counts client completions overall and per :f.
type Stats struct {
	Counts
	ByF map[string]Counts
}

// Availability is the fraction of invocations that completed ok.
type Availability struct {
	Valid      Validity
	OKFraction float32
}

// NetGroup counts the messages of one group (all, clients, servers).
type NetGroup struct {
	SendCount int
	RecvCount int
	MsgCount  int
	// MsgsPerOp is nil for the clients group and when no op was invoked.
	MsgsPerOp *float32
}

// Net is Maelstrom's network statistics (net/checker.clj).
type Net struct {
	All     NetGroup
	Clients NetGroup
	Servers NetGroup
	Valid   Validity
}

// Outcome classifies one broadcast value.
type Outcome string

const (
	Stable    Outcome = "stable"
	Lost      Outcome = "lost"
	NeverRead Outcome = "never-read"
)

// Element is the set-full checker's finding for one value.
type Element struct {
	Element       int
	Outcome       Outcome
	StableLatency *int64 // ms; stable elements only
	LostLatency   *int64 // ms; lost elements only
	Known         *history.Op
	LastAbsent    *history.Op
	LastPresent   *history.Op
}

// SetFull is the :workload result.
type SetFull struct {
	Valid        Validity
	AttemptCount int
	StableCount  int
	Lost         []int // ascending
	NeverRead    []int
	Stale        []int
	// WorstStale holds up to 8 stale elements, largest stable latency first.
	WorstStale      []Element
	StableLatencies *Quantiles // nil when no element is stable
	LostLatencies   *Quantiles // nil when no element is lost
	// DuplicatedCount is always 0: Jepsen's set-full never reports
	// duplicates (in checker.clj its test for a repeated value can never
	// hold), and we match it.
	DuplicatedCount int
}
