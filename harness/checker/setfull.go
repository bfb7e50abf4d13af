package checker

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// maxWorstStale is how many stale elements the result lists in detail.
const maxWorstStale = 8

// elementState is what set-full remembers about one broadcast value while it
// walks the history. Reads are remembered by their invocations, which order
// them by when they began.
type elementState struct {
	known       *history.Op // first completion showing the value was added
	lastPresent *history.Op // the latest-invoked ok read that contained it
	lastAbsent  *history.Op // the latest-invoked ok read that did not
}

// CheckSetFull is Jepsen's set-full checker (checker.clj, set-full) as
// Maelstrom runs it for the broadcast workload (workload/broadcast.clj, with
// :linearizable? false). A value is known once its broadcast is acknowledged
// (or a read shows it first); it is lost if the latest read that missed it
// began after the latest read that showed it and after it was known, and
// stable if a read that showed it began after every read that missed it.
// Reads that miss a known value before that are stale, which is allowed. Only client ops count, taken in
// history order; ops whose value has the wrong type for their :f are skipped.
func CheckSetFull(h history.History) SetFull {
	elements := make(map[int]*elementState)
	pending := make(map[int]*history.Op) // process -> its open invocation
	for i := range h {
		op := &h[i]
		if !op.IsClient() {
			continue
		}
		if op.Type == history.Invoke {
			pending[op.Process] = op
			if v, ok := op.Value.(int); ok && op.F == history.Broadcast {
				elements[v] = &elementState{} // a repeated value starts over
			}
			continue
		}
		inv := pending[op.Process]
		delete(pending, op.Process)
		if op.Type != history.OK {
			// Neither a failed nor an indeterminate op tells us anything
			// about the set.
			continue
		}
		switch op.F {
		case history.Broadcast:
			v, ok := op.Value.(int)
			if e := elements[v]; ok && e != nil && e.known == nil {
				e.known = op
			}
		case history.Read:
			values, ok := op.Value.([]int)
			if ok && inv != nil && inv.F == history.Read {
				observeRead(elements, inv, op, values)
			}
		}
	}
	return setFullResults(elements)
}

// observeRead updates every value attempted so far with what one ok read
// saw. Values the read returned that nobody broadcast are ignored, and a
// value returned twice counts once: set-full looks for neither.
func observeRead(elements map[int]*elementState, inv, done *history.Op, values []int) {
	seen := make(map[int]bool, len(values))
	for _, v := range values {
		seen[v] = true
	}
	for v, e := range elements {
		if seen[v] {
			if e.known == nil {
				e.known = done
			}
			if e.lastPresent == nil || inv.Index > e.lastPresent.Index {
				e.lastPresent = inv
			}
		} else if e.lastAbsent == nil || inv.Index > e.lastAbsent.Index {
			e.lastAbsent = inv
		}
	}
}

// setFullResults classifies each value and sums the classes up.
func setFullResults(elements map[int]*elementState) SetFull {
	r := SetFull{
		AttemptCount: len(elements),
		Lost:         []int{},
		NeverRead:    []int{},
		Stale:        []int{},
		WorstStale:   []Element{},
	}
	var stale []Element
	var stableMs, lostMs []int64
	for _, v := range slices.Sorted(maps.Keys(elements)) {
		el := classify(v, elements[v])
		switch el.Outcome {
		case Stable:
			r.StableCount++
			stableMs = append(stableMs, *el.StableLatency)
			if *el.StableLatency > 0 {
				r.Stale = append(r.Stale, v)
				stale = append(stale, el)
			}
		case Lost:
			r.Lost = append(r.Lost, v)
			lostMs = append(lostMs, *el.LostLatency)
		default:
			r.NeverRead = append(r.NeverRead, v)
		}
	}
	// The worst first; among equal latencies the smaller value first, so
	// the list does not depend on map order.
	slices.SortStableFunc(stale, func(a, b Element) int {
		return cmp.Compare(*b.StableLatency, *a.StableLatency)
	})
	r.WorstStale = append(r.WorstStale, stale[:min(len(stale), maxWorstStale)]...)
	if len(stableMs) > 0 {
		q := QuantilesOf(stableMs)
		r.StableLatencies = &q
	}
	if len(lostMs) > 0 {
		q := QuantilesOf(lostMs)
		r.LostLatencies = &q
	}
	switch {
	case len(r.Lost) > 0:
		r.Valid = Invalid
	case r.StableCount == 0:
		// Nothing was ever seen to stick, so nothing can be claimed.
		r.Valid = Unknown
	default:
		r.Valid = Valid
	}
	return r
}

// classify decides one value's outcome. Stable and lost compare the latest
// read invocations that saw and missed the value: whichever began last wins.
func classify(v int, e *elementState) Element {
	el := Element{
		Element:     v,
		Outcome:     NeverRead,
		Known:       copyOp(e.known),
		LastAbsent:  copyOp(e.lastAbsent),
		LastPresent: copyOp(e.lastPresent),
	}
	present, absent := indexOf(e.lastPresent), indexOf(e.lastAbsent)
	switch {
	case e.lastPresent != nil && absent < present:
		el.Outcome = Stable
		ms := latencyMs(e.known, e.lastAbsent)
		el.StableLatency = &ms
	case e.known != nil && e.lastAbsent != nil && present < absent && e.known.Index < absent:
		el.Outcome = Lost
		ms := latencyMs(e.known, e.lastPresent)
		el.LostLatency = &ms
	}
	return el
}

// latencyMs is how long after the value became known the reference read
// began, plus one nanosecond, truncated to whole milliseconds and never
// negative. Without a reference read it is 0: the clock starts at zero, and
// every known time is at or after it.
func latencyMs(known, ref *history.Op) int64 {
	var end, start time.Duration
	if ref != nil {
		end = ref.Time + 1
	}
	if known != nil {
		start = known.Time
	}
	return int64(max(0, end-start) / time.Millisecond)
}

// indexOf is an op's index, or -1 for no op, which sorts before every op.
func indexOf(op *history.Op) int {
	if op == nil {
		return -1
	}
	return op.Index
}

// copyOp keeps results from aliasing the caller's history, and names a
// broadcast as Maelstrom's checker does.
func copyOp(op *history.Op) *history.Op {
	if op == nil {
		return nil
	}
	c := *op
	if c.F == history.Broadcast {
		c.F = setAdd
	}
	return &c
}

// setAdd is the :f of a broadcast as Maelstrom's checker sees it: it
// renames every broadcast to a set add before set-full runs, so the ops
// it reports (in :worst-stale) say :add.
const setAdd = "add"
