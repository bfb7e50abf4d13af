package plot

import (
	"fmt"
	"sort"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// opPair is an invocation and its completion.
type opPair struct {
	invoke, complete history.Op
}

func (p opPair) latency() time.Duration { return p.complete.Time - p.invoke.Time }

// pairOps matches every invocation with the next op of the same process,
// in the order of the invocations. Invocations still open at the end are
// left out: they have no latency and no outcome.
//
// The nemesis writes both halves of its ops as :info, so for it an op
// opens a pair whenever none is open; for clients only :invoke does.
func pairOps(h history.History) ([]opPair, error) {
	open := make(map[int]int) // process -> slot in pairs of its open invocation
	var pairs []opPair
	var closed []bool
	for _, op := range h {
		slot, isOpen := open[op.Process]
		switch {
		case op.Type == history.Invoke && isOpen:
			return nil, fmt.Errorf("plot: history op %d: process %s invokes again while op %d is still open",
				op.Index, processName(op.Process), pairs[slot].invoke.Index)
		case op.Type == history.Invoke || (!isOpen && !op.IsClient()):
			open[op.Process] = len(pairs)
			pairs = append(pairs, opPair{invoke: op})
			closed = append(closed, false)
		case !isOpen:
			return nil, fmt.Errorf("plot: history op %d: process %s completes an op it never invoked",
				op.Index, processName(op.Process))
		default:
			pairs[slot].complete = op
			closed[slot] = true
			delete(open, op.Process)
		}
	}
	done := pairs[:0]
	for i, p := range pairs {
		if closed[i] {
			done = append(done, p)
		}
	}
	return done, nil
}

// clientPairs keeps the pairs of client ops.
func clientPairs(h history.History) ([]opPair, error) {
	pairs, err := pairOps(h)
	if err != nil {
		return nil, err
	}
	clients := pairs[:0]
	for _, p := range pairs {
		if p.invoke.IsClient() {
			clients = append(clients, p)
		}
	}
	return clients, nil
}

// lastTime is the time of the history's last op: the length of the time axis.
func lastTime(h history.History) time.Duration {
	var t time.Duration
	for _, op := range h {
		t = max(t, op.Time)
	}
	return t
}

func processName(p int) string {
	if p == history.NemesisProcess {
		return "nemesis"
	}
	return fmt.Sprint(p)
}

// Outcome colours, shared by every plot.
var outcomeColors = map[history.Type]string{
	history.OK:   "#81BFFC",
	history.Info: "#FFA400",
	history.Fail: "#FF1E90",
}

// outcomes is the order outcomes appear in legends.
var outcomes = []history.Type{history.OK, history.Info, history.Fail}

// fsOf lists the :f values of the pairs, broadcast and read first.
func fsOf(pairs []opPair) []string {
	seen := make(map[string]bool)
	for _, p := range pairs {
		seen[p.invoke.F] = true
	}
	var out []string
	for _, f := range []string{history.Broadcast, history.Read} {
		if seen[f] {
			out = append(out, f)
			delete(seen, f)
		}
	}
	var rest []string
	for f := range seen {
		rest = append(rest, f)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// fStyles gives each f of the run its marker shape and dash pattern, in a
// fixed order so broadcast and read always look the same.
func fStyles(fs []string) (shapes, dashes map[string]string) {
	shapeList := []string{circle, triangle, square, diamond}
	dashList := []string{"", "6 3", "2 3", "8 3 2 3"}
	shapes, dashes = make(map[string]string), make(map[string]string)
	for i, f := range fs {
		shapes[f] = shapeList[i%len(shapeList)]
		dashes[f] = dashList[i%len(dashList)]
	}
	return shapes, dashes
}
