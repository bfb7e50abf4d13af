package plot

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
)

// quietAfter is the pause between two messages of a journey that gets a
// band of its own, saying how long nothing carried the value: waits for a
// partition to heal or for a resend read better as one line than as a
// stretch of empty rows.
const quietAfter = 500 * time.Millisecond

// Journey draws the journey of one value (journey-<value>.svg): the same
// Lamport diagram as messages.svg, with only the messages that carried the
// value, from the client's broadcast until the last node had it. Black
// arrows brought it to a node for the first time (the path it took), grey
// ones carried it to a node that had it already, red ones were dropped by
// a partition. Times in the gutter count from the broadcast.
func Journey(w io.Writer, j journey.Journey) error {
	lanes := slices.Clone(j.Nodes)
	slices.SortFunc(lanes, nodeid.Compare)
	d := &lamport{
		lanes:    append(lanes, clientsLane),
		origin:   j.Start,
		relative: true,
		title:    journeyTitle(j),
	}
	// Each kind of message is named once, on its first arrow: the colours
	// say the rest, and 24 arrows named "gossip" only hide each other.
	named := map[string]bool{}
	d.style = func(m *journal.Message) arrowStyle {
		typ := m.Type()
		label := ""
		if !named[typ] {
			named[typ], label = true, typ
		}
		switch {
		case journal.IsClient(m.Src):
			return arrowStyle{color: clientColor, width: 2, label: fmt.Sprintf("%s %d", typ, j.Value)}
		case j.First[m.ID]:
			return arrowStyle{color: otherColor, width: 2, label: label}
		}
		return arrowStyle{color: copyColor, width: 1, label: label}
	}
	d.rows = append(d.rows, lrow{header: true, time: j.Start})
	if in, ok := partitionInForce(j.Marks, j.Start); ok {
		d.rows = append(d.rows, lrow{band: fmt.Sprintf("%s (since %.3f s)", in.Text, in.Time.Seconds()), time: j.Start})
	}
	var marks []journal.Mark // those on the way
	for _, m := range j.Marks {
		if m.Time >= j.Start && m.Time <= j.End {
			marks = append(marks, m)
		}
	}
	var last time.Duration
	for i := range j.Events {
		e := &j.Events[i]
		quiet := i > 0 && e.Time-last > quietAfter
		if quiet {
			d.rows = append(d.rows, lrow{band: fmt.Sprintf("⋯ %.3f s with no message carrying %d ⋯", (e.Time - last).Seconds(), j.Value), quiet: true, time: last})
		}
		for len(marks) > 0 && marks[0].Time <= e.Time {
			d.rows = append(d.rows, lrow{band: marks[0].Text, time: marks[0].Time})
			marks = marks[1:]
		}
		if quiet {
			d.rows = append(d.rows, lrow{header: true, time: e.Time})
		}
		d.rows = append(d.rows, lrow{event: e, time: e.Time})
		last = e.Time
	}
	for i := range d.rows {
		d.rows[i].partitioned = partitionedAt(j.Marks, d.rows[i].time)
	}
	return d.draw(w, fmt.Sprintf("journey-%d.svg", j.Value))
}

// journeyTitle says what the diagram shows and what it leaves out.
func journeyTitle(j journey.Journey) []string {
	origin := "the client's broadcast"
	for _, e := range j.Events {
		if journal.IsClient(e.Message.Src) {
			origin = fmt.Sprintf("%s's broadcast to %s", e.Message.Src, e.Message.Dest)
			break
		}
	}
	nodes := len(j.Nodes)
	lines := []string{fmt.Sprintf("The journey of value %d: from %s until the last of its %d nodes had it, %.3f s later",
		j.Value, origin, nodes, (j.End - j.Start).Seconds())}
	if len(j.Missing) > 0 {
		lines[0] = fmt.Sprintf("The journey of value %d: from %s; %d of the %d nodes never had it: %s",
			j.Value, origin, len(j.Missing), nodes, strings.Join(j.Missing, " "))
	}
	lines = append(lines, "Black: it reached a node for the first time. Grey: a copy to a node that had it. Red ×: dropped by a partition.")
	var left []string
	if j.Omitted > 0 {
		left = append(left, fmt.Sprintf("%d more copies sent on the way are left out", j.Omitted))
	}
	switch {
	case j.Later == 1:
		left = append(left, "1 message carried it after every node had it")
	case j.Later > 1:
		left = append(left, fmt.Sprintf("%d messages carried it after every node had it", j.Later))
	}
	if len(left) > 0 {
		lines = append(lines, strings.Join(left, "; ")+".")
	}
	return lines
}
