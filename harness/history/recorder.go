package history

import (
	"sync"
	"time"
)

// Completion is how a client op ended, as the workload saw it.
type Completion struct {
	Type      Type
	Value     any
	Error     *Error
	Exception string
}

// Recorder appends ops to a history as they happen, numbering them and
// stamping them with the time since Start. It is safe for concurrent use.
type Recorder struct {
	start time.Time

	mu      sync.Mutex
	ops     History
	counts  map[Type]int // client completions by type
	invoked int          // client invocations
}

// NewRecorder starts an empty history whose times count from start.
func NewRecorder(start time.Time) *Recorder {
	return &Recorder{start: start, counts: make(map[Type]int)}
}

// Append stamps op with the next index and the current time, records it
// and returns it as recorded.
func (r *Recorder) Append(op Op) Op {
	now := time.Since(r.start)
	r.mu.Lock()
	defer r.mu.Unlock()
	op.Index = len(r.ops)
	op.Time = now
	r.ops = append(r.ops, op)
	if op.IsClient() {
		if op.Type == Invoke {
			r.invoked++
		} else {
			r.counts[op.Type]++
		}
	}
	return op
}

// History returns a copy of the ops recorded so far.
func (r *Recorder) History() History {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append(History(nil), r.ops...)
}

// Counts returns how many client ops were invoked so far and how many
// completed ok, fail and info.
func (r *Recorder) Counts() (invoked, ok, fail, info int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.invoked, r.counts[OK], r.counts[Fail], r.counts[Info]
}
