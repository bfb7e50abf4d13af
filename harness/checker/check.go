package checker

import (
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// Input is everything a finished run offers for judging.
type Input struct {
	History      history.History
	Events       []journal.Event
	Availability *Requirement // nil: any availability is acceptable
	// Perf is the outcome of drawing the plots, which the caller does.
	Perf Perf
	// Crash is set when a node stopped before the harness stopped it.
	Crash *Crash
}

// Check runs every checker and merges their verdicts: one invalid checker
// makes the run invalid, else one unknown makes it unknown. A run in which a
// node crashed is at best unknown: Maelstrom would not have judged it at all,
// so the harness must not call it valid, though it may still show it broken.
func Check(in Input) Results {
	r := Results{
		Perf:         in.Perf,
		Timeline:     Valid,
		Exceptions:   CheckExceptions(in.History),
		Stats:        CheckStats(in.History),
		Availability: CheckAvailability(in.History, in.Availability),
		Net:          CheckNet(in.Events, in.History),
		Workload:     CheckSetFull(in.History),
		Crash:        in.Crash,
	}
	for _, v := range []Validity{
		r.Perf.Valid, r.Timeline, r.Exceptions.Valid, r.Stats.Valid,
		r.Availability.Valid, r.Net.Valid, r.Workload.Valid,
	} {
		r.Valid = r.Valid.Merge(v)
	}
	if in.Crash != nil {
		r.Valid = r.Valid.Merge(Unknown)
	}
	return r
}
