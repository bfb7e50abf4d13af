// Package cli reads the harness command line: the sub-command, Maelstrom's
// flags for the broadcast workload with their defaults and checks, and the
// harness's own additions (--seed, --store, --verbose). It never runs
// anything; main turns a UsageError into exit status 254 and ErrHelp into
// the help text.
package cli

import "time"

// ExitUsage is the exit status for a bad command line, as Maelstrom uses.
const ExitUsage = 254

// Defaults, matching Maelstrom's where Maelstrom has the flag.
const (
	DefaultTimeLimit       = 60 * time.Second
	DefaultRate            = 5.0
	DefaultLatencyDist     = "constant"
	DefaultNemesisInterval = 10 * time.Second
	DefaultTopology        = "grid"
	DefaultConcurrency     = "1n"
	DefaultStore           = "store"
)

// DefaultNodes is the node list when neither --node-count nor any of
// --node, --nodes, --nodes-file is given. Note it starts at n1: only
// --node-count numbers nodes from n0.
var DefaultNodes = []string{"n1", "n2", "n3", "n4", "n5"}

// Availability is the --availability requirement: either every op must
// succeed (Total), or at least the fraction Min of them.
type Availability struct {
	Total bool
	Min   float64
}

// Options is a checked command line, ready to run.
type Options struct {
	Workload        string        // always "broadcast": the only workload this harness runs
	Bin             string        // canonical absolute path of the node binary (symlinks resolved)
	Args            []string      // passed to the node after Bin: positional words and all after "--"
	Nodes           []string      // server node ids, in order
	Concurrency     int           // client worker threads, with "Kn" already multiplied out
	TimeLimit       time.Duration // length of the main phase, whole seconds
	Rate            float64       // total client ops per second
	Latency         time.Duration // mean inter-server latency, whole milliseconds
	LatencyDist     string        // constant, uniform or exponential
	Nemesis         []string      // faults to inject, sorted and without repeats
	NemesisInterval time.Duration // mean time between nemesis ops
	Topology        string        // one of Topologies
	LogStderr       bool          // copy node stderr to the console too
	LogNetSend      bool          // log every message when it is sent
	LogNetRecv      bool          // log every message when it is delivered
	Availability    *Availability // nil: availability never fails the run
	Seed            uint64        // drives the generator's and the nemesis' random choices
	SeedGiven       bool          // false when Seed was drawn at random
	Store           string        // directory the run's files go under
	StoreGiven      bool          // --store was on the line (a simulation writes files only then)
	Verbose         bool          // print extra detail in the summary
}

// Workloads are Maelstrom's workloads; this harness runs only broadcast,
// but knowing the others lets us say "not supported" instead of "unknown".
var Workloads = []string{
	"broadcast", "echo", "g-counter", "g-set", "kafka", "lin-kv",
	"pn-counter", "txn-list-append", "txn-rw-register", "unique-ids",
}

// Topologies are the values --topology accepts.
var Topologies = []string{"line", "grid", "tree", "tree2", "tree3", "tree4", "total"}

// LatencyDists are the values --latency-dist accepts.
var LatencyDists = []string{"constant", "uniform", "exponential"}

// Faults are the elements --nemesis accepts.
var Faults = []string{"partition"}
