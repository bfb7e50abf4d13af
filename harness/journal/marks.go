package journal

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
)

// A Mark is a moment that shapes what the messages around it mean: a
// partition starting, the network healing, the final reads beginning.
type Mark struct {
	Time time.Duration
	Kind MarkKind
	// Text says what happened, such as "partition (majority): n0 n1 n2 |
	// n3 n4".
	Text string
	// Grudge is the cut a partition applied: each node, and the nodes it
	// no longer hears from.
	Grudge history.Grudge
}

// MarkKind tells marks apart.
type MarkKind string

const (
	Partition  MarkKind = "partition"
	Heal       MarkKind = "heal"
	FinalReads MarkKind = "final-reads"
)

// Marks finds the marks in a history: each partition the nemesis applied
// and each heal, when they took effect, and the first final read.
func Marks(h history.History) []Mark {
	var marks []Mark
	var spec history.Keyword
	for _, op := range h {
		switch {
		case op.F == history.StartPartition && op.Type == history.Info:
			switch v := op.Value.(type) {
			case history.Keyword:
				spec = v // the invocation names the shape
			case history.Isolated:
				marks = append(marks, Mark{Time: op.Time, Kind: Partition, Text: describeCut(spec, v.Grudge), Grudge: v.Grudge})
			}
		case op.F == history.StopPartition && op.Type == history.Info && op.Value != nil:
			marks = append(marks, Mark{Time: op.Time, Kind: Heal, Text: "network healed"})
		case op.Final && op.Type == history.Invoke && !slices.ContainsFunc(marks, func(m Mark) bool { return m.Kind == FinalReads }):
			marks = append(marks, Mark{Time: op.Time, Kind: FinalReads, Text: "final reads"})
		}
	}
	return marks
}

// describeCut names a partition's shape and, when the cut splits the
// nodes into groups that hear each other, the groups.
func describeCut(spec history.Keyword, g history.Grudge) string {
	name := "partition"
	if spec != "" {
		name += " (" + string(spec) + ")"
	}
	groups, ok := components(g)
	if !ok {
		return name + ": each node cut from some others"
	}
	parts := make([]string, len(groups))
	for i, grp := range groups {
		parts[i] = strings.Join(grp, " ")
	}
	return name + ": " + strings.Join(parts, " | ")
}

// components splits the nodes of a grudge into groups whose members all
// hear each other and hear no one outside, if the cut has that shape.
func components(g history.Grudge) ([][]string, bool) {
	cut := func(a, b string) bool { return slices.Contains(g[a], b) || slices.Contains(g[b], a) }
	seen := make(map[string]bool)
	for dest, srcs := range g {
		seen[dest] = true
		for _, s := range srcs {
			seen[s] = true
		}
	}
	nodes := slices.SortedFunc(maps.Keys(seen), nodeid.Compare)
	var groups [][]string
	for _, n := range nodes {
		placed := false
		for i, grp := range groups {
			if !cut(n, grp[0]) {
				groups[i] = append(grp, n)
				placed = true
				break
			}
		}
		if !placed {
			groups = append(groups, []string{n})
		}
	}
	for _, grp := range groups {
		for _, a := range grp {
			for _, b := range grp {
				if a != b && cut(a, b) {
					return nil, false
				}
			}
		}
	}
	if len(groups) < 2 {
		return nil, false
	}
	slices.SortStableFunc(groups, func(a, b []string) int { return nodeid.Compare(a[0], b[0]) })
	return groups, true
}

func (m Mark) String() string { return fmt.Sprintf("%.3f s: %s", m.Time.Seconds(), m.Text) }
