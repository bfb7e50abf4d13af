// Package history holds the record of a test run: every operation a client
// or the nemesis invoked, and how it completed, in the order the harness saw
// it. The checker reads it, the store writes it, the plots draw it.
//
// The shape follows Jepsen's op maps, so that history.edn and results.edn
// read the same as Maelstrom's.
package history

import "time"

// Type is an op's :type.
type Type string

// The four op types. An invocation is followed by exactly one completion of
// the same process: ok (it happened), fail (it certainly did not happen) or
// info (nobody knows).
const (
	Invoke Type = "invoke"
	OK     Type = "ok"
	Fail   Type = "fail"
	Info   Type = "info"
)

// NemesisProcess is the Process of nemesis ops; it is written as :nemesis.
const NemesisProcess = -1

// The :f of the broadcast workload's ops and of the partition nemesis' ops.
const (
	Broadcast      = "broadcast"
	Read           = "read"
	StartPartition = "start-partition"
	StopPartition  = "stop-partition"
)

// Op is one entry of the history.
type Op struct {
	// Index is the op's dense, 0-based position in the history.
	Index int
	// Time is measured from the reference point taken just before the
	// clients and the nemesis were set up.
	Time time.Duration
	// Process is the Jepsen process: thread k starts as process k and moves
	// to process+concurrency after every :info completion. NemesisProcess
	// for the nemesis.
	Process int
	Type    Type
	F       string
	// Value is one of: nil; int (the message of a broadcast); []int (the
	// messages a read returned); Keyword (a nemesis spec or outcome);
	// Isolated (the cut a partition applied).
	Value any
	// Final marks the reads of the final phase (:final? true).
	Final bool
	// Error explains a fail or info completion; nil otherwise.
	Error *Error
	// Exception is set when the completion was caused by a response the
	// harness could not accept (a malformed RPC response).
	Exception string
}

// IsClient reports whether the op belongs to a client worker (not the nemesis).
func (o Op) IsClient() bool { return o.Process != NemesisProcess }

// Keyword is a Clojure keyword value, written without its colon.
type Keyword string

// Grudge says, for each node, which nodes it no longer hears from.
type Grudge map[string][]string

// Isolated is the completion value of a start-partition: [:isolated grudge].
type Isolated struct{ Grudge Grudge }

// ErrorKind says how an Error is written.
type ErrorKind int

const (
	// Timeout: no reply in time, written :net-timeout.
	Timeout ErrorKind = iota
	// Reply: the node answered with an error body, written [:name "text"].
	Reply
	// Malformed: the node's answer broke the RPC's schema, written as a
	// plain string starting "indeterminate: Malformed RPC response.".
	Malformed
)

// Error is an op's :error.
type Error struct {
	Kind ErrorKind
	// Code is the node's error code (Reply only).
	Code int
	// Name is the keyword of the code (Reply) or "net-timeout" (Timeout).
	Name string
	// Text is the node's text (Reply) or what was wrong (Malformed).
	Text string
}

// History is a run's ops in order.
type History []Op

// Pairs matches each invocation with its completion, by process. The result
// maps an invocation's index to its completion's index; invocations that
// never completed are absent.
func (h History) Pairs() map[int]int {
	open := make(map[int]int) // process -> index of its open invocation
	pairs := make(map[int]int)
	for _, op := range h {
		if op.Type == Invoke {
			open[op.Process] = op.Index
			continue
		}
		if inv, ok := open[op.Process]; ok {
			pairs[inv] = op.Index
			delete(open, op.Process)
		}
	}
	return pairs
}
