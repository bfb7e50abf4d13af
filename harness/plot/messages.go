package plot

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
)

// The message diagram's limits. A 25-node run journals some 50 000
// events and more, far beyond what anyone can read as arrows, so the
// diagram shows parts of the run: its start, each partition and heal, and
// the final reads, maxShown events in all (about 1.5 MB of SVG).
const (
	maxShown    = 3000
	labelLength = 48
)

// Messages draws messages.svg, a Lamport diagram of the journal (see
// lamport): one lane per node and one for all clients, time flowing down
// one row per event, an arrow for every message from the row it was sent
// in to the row it was received in, or dropped by a partition (a red ×).
// init and init_ok are left out, as in Maelstrom.
//
// A journal longer than maxShown events is shown in parts, each opening
// with what happened then: the start of the run, every partition and
// heal, the middle of the run if nothing else happened, and the final
// reads; a band between parts says what is left out. Rows under a
// partition are shaded.
func Messages(w io.Writer, events []journal.Event, marks []journal.Mark) error {
	var kept []journal.Event
	for i, e := range events {
		if e.Message == nil {
			return fmt.Errorf("plot: journal event %d has no message", i)
		}
		if t := e.Message.Type(); t == "init" || t == "init_ok" {
			continue
		}
		kept = append(kept, e)
	}
	d := &lamport{lanes: lanesOf(kept), style: messageStyle}
	parts := partsToShow(kept, marks, maxShown)
	shown := 0
	for _, p := range parts {
		shown += p[1] - p[0]
	}
	d.title = []string{"Messages between the nodes (and, in the last lane, every client)"}
	switch {
	case len(kept) == 0:
		d.title = append(d.title, "No messages.")
	case shown < len(kept):
		d.title = append(d.title, fmt.Sprintf("%d of the run's %d events, in %d parts: hover over an arrow for its message", shown, len(kept), len(parts)))
	default:
		d.title = append(d.title, fmt.Sprintf("All %d events: hover over an arrow for its message", len(kept)))
	}
	d.rows = messageRows(kept, marks, parts)
	return d.draw(w, "messages.svg")
}

// partsToShow chooses the ranges [from, to) of events to draw, at most
// limit events in all: from the start of the run, from each mark, and
// from the middle of the run when there is no mark in between.
func partsToShow(events []journal.Event, marks []journal.Mark, limit int) [][2]int {
	n := len(events)
	if n <= limit {
		return [][2]int{{0, n}}
	}
	at := func(t time.Duration) int {
		return sort.Search(n, func(i int) bool { return events[i].Time >= t })
	}
	starts := []int{0}
	middle := true
	for _, m := range marks {
		starts = append(starts, at(m.Time))
		if m.Kind != journal.FinalReads {
			middle = false
		}
	}
	if middle {
		starts = append(starts, at((events[0].Time+events[n-1].Time)/2))
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	// Each start gets an equal share of the limit, and a part cut short
	// by the next start (or the end) leaves the rest of its share to the
	// others: shares are handed out smallest room first.
	room := make([]int, len(starts))
	for i, from := range starts {
		end := n
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		room[i] = end - from
	}
	byRoom := make([]int, len(starts))
	for i := range byRoom {
		byRoom[i] = i
	}
	slices.SortStableFunc(byRoom, func(a, b int) int { return room[a] - room[b] })
	share := make([]int, len(starts))
	left := limit
	for k, i := range byRoom {
		share[i] = min(room[i], left/(len(starts)-k))
		left -= share[i]
	}
	var parts [][2]int
	for i, from := range starts {
		to := from + share[i]
		if len(parts) > 0 && parts[len(parts)-1][1] == from {
			parts[len(parts)-1][1] = to // contiguous: one part
			continue
		}
		if to > from {
			parts = append(parts, [2]int{from, to})
		}
	}
	return parts
}

// messageRows lays the parts out as rows: lane names at the top of each
// part and every headerEvery events, a band for each mark where it falls
// in a part, and a band for every stretch left out.
func messageRows(events []journal.Event, marks []journal.Mark, parts [][2]int) []lrow {
	var rows []lrow
	nextMark := 0
	gap := func(from, to int) {
		t0, t1 := events[from].Time, events[to-1].Time
		rows = append(rows, lrow{gap: true, time: t0, partitioned: partitionedAt(marks, t0),
			band: fmt.Sprintf("⋯ %d events not shown, from %.3f s to %.3f s ⋯", to-from, t0.Seconds(), t1.Seconds())})
		for nextMark < len(marks) && marks[nextMark].Time < events[to-1].Time {
			nextMark++ // a mark in the gap
		}
	}
	prev := 0
	for _, p := range parts {
		if p[0] > prev {
			gap(prev, p[0])
		}
		sinceHeader := headerEvery
		for i := p[0]; i < p[1]; i++ {
			e := events[i]
			for nextMark < len(marks) && marks[nextMark].Time <= e.Time {
				m := marks[nextMark]
				rows = append(rows, lrow{band: m.Text, time: m.Time, partitioned: partitionedAt(marks, m.Time)})
				nextMark++
				sinceHeader = headerEvery
			}
			if sinceHeader >= headerEvery {
				rows = append(rows, lrow{header: true, time: e.Time, partitioned: partitionedAt(marks, e.Time)})
				sinceHeader = 0
			}
			rows = append(rows, lrow{event: &events[i], time: e.Time, partitioned: partitionedAt(marks, e.Time)})
			sinceHeader++
		}
		prev = p[1]
	}
	if prev < len(events) {
		gap(prev, len(events))
	}
	if len(rows) == 0 {
		rows = append(rows, lrow{header: true})
	}
	return rows
}

// partitionedAt reports whether a partition was in force at t.
func partitionedAt(marks []journal.Mark, t time.Duration) bool {
	_, on := partitionInForce(marks, t)
	return on
}

// partitionInForce returns the partition in force at t, if there is one.
func partitionInForce(marks []journal.Mark, t time.Duration) (journal.Mark, bool) {
	var in journal.Mark
	on := false
	for _, m := range marks {
		if m.Time > t {
			break
		}
		switch m.Kind {
		case journal.Partition:
			in, on = m, true
		case journal.Heal:
			on = false
		}
	}
	return in, on
}
