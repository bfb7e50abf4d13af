package report

import (
	"slices"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// maxLostShown is how many lost values the summary explains one by one.
const maxLostShown = 10

// finalReads are the final-phase reads that succeeded: the last word of
// each node on what it holds.
func finalReads(h history.History) []history.Op {
	var reads []history.Op
	for _, op := range h {
		if op.Final && op.Type == history.OK && op.F == history.Read && op.IsClient() {
			reads = append(reads, op)
		}
	}
	return reads
}

// nodeOf is the node a client process talks to: thread = process mod
// concurrency, and threads are spread over the nodes in order.
func nodeOf(process, concurrency int, nodes []string) string {
	if concurrency <= 0 || len(nodes) == 0 || process < 0 {
		return "?"
	}
	return nodes[(process%concurrency)%len(nodes)]
}

// whereIs says, for one value, which nodes' final reads held it and which
// missed it, and which nodes had no successful final read at all. A node
// with two final reads (concurrency 2n) can appear in both of the first two.
type whereIs struct {
	missing, present, unread []string
}

func locate(value int, reads []history.Op, concurrency int, nodes []string) whereIs {
	missing := map[string]bool{}
	present := map[string]bool{}
	for _, op := range reads {
		values, ok := op.Value.([]int)
		if !ok {
			continue
		}
		node := nodeOf(op.Process, concurrency, nodes)
		if slices.Contains(values, value) {
			present[node] = true
		} else {
			missing[node] = true
		}
	}
	var w whereIs
	for _, n := range nodes {
		if missing[n] {
			w.missing = append(w.missing, n)
		}
		if present[n] {
			w.present = append(w.present, n)
		}
		if !missing[n] && !present[n] {
			w.unread = append(w.unread, n)
		}
	}
	return w
}

func (w whereIs) String() string {
	var parts []string
	if len(w.missing) > 0 {
		parts = append(parts, "missing on "+strings.Join(w.missing, ", "))
	} else {
		parts = append(parts, "no final read missed it (an earlier read did)")
	}
	if len(w.present) > 0 {
		parts = append(parts, "present on "+strings.Join(w.present, ", "))
	}
	if len(w.unread) > 0 {
		parts = append(parts, "no final read from "+strings.Join(w.unread, ", "))
	}
	return strings.Join(parts, "; ")
}
