// Package play runs a step's challenge in a reader's browser: the step's
// run function, the harness' simulation and the judge, in one program
// compiled to WebAssembly. The program is the step's test binary, with a
// test of this package's in place of the step's own tests (see
// cmd/playground), because the simulation's virtual time
// (testing/synctest) runs only under a *testing.T.
//
// A run happens in virtual time, exactly as `make sim` runs the same seed,
// and takes a fraction of its length; the page then plays it back at the
// pace it happened. What the page needs is sent as it comes: the lines the
// run prints, each with its virtual time, and at the end one Outcome.
package play

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
	"github.com/deamondev/gossip-glomers-tutorial/harness/plot"
	"github.com/deamondev/gossip-glomers-tutorial/harness/sim"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// A Request is what the page asks for: a challenge, a seed, and harness
// flags after the challenge's own (so they win), with the node's flags
// after "--".
type Request struct {
	Workload string   `json:"workload"`
	Seed     uint64   `json:"seed"`
	Args     []string `json:"args"`
}

// A Line is one write of the run's console, at its virtual time in
// milliseconds from the run's start (the journal's times count from there
// too).
type Line struct {
	T    float64 `json:"t"`
	Text string  `json:"text"`
}

// An Outcome is a finished run, as the page shows it.
type Outcome struct {
	Module   string `json:"module"` // the step, e.g. broadcast-3e
	Workload string `json:"workload"`
	Seed     uint64 `json:"seed"`
	// Replay runs this very run again with make sim; Real runs the
	// same flags and seed for real, through the harness.
	Replay string `json:"replay"`
	Real   string `json:"real"`

	Summary  string `json:"summary"`  // as `harness test` prints it
	Verdicts string `json:"verdicts"` // the PASS/FAIL lines, as make prints them
	Pass     bool   `json:"pass"`

	Nodes    []string  `json:"nodes"`
	Types    []string  `json:"types"`    // the message types Messages refers to
	Messages []Message `json:"messages"` // between servers, in the order sent
	Ops      []float64 `json:"ops"`      // when each client op completed ok
	Marks    []Mark    `json:"marks"`
	EndMs    float64   `json:"endMs"` // the last event's time

	// Followed is the value the page follows: a lost one if any, else
	// the one journey.Choose puts first. Reached says when it reached
	// each node (-1: never), in Nodes' order.
	Followed    int       `json:"followed"`
	FollowedWhy string    `json:"followedWhy"`
	Reached     []float64 `json:"reached"`

	MessagesSVG string `json:"messagesSvg"`
	JourneySVG  string `json:"journeySvg"`
}

// A Message is one message between servers: when it was sent, and when
// it was handed over or dropped (-1 for neither, as at the run's end),
// its endpoints as indexes into Nodes, and its type as an index into
// Types. An array, not an object: a run sends tens of thousands.
type Message [6]float64

// A Mark is a partition, a heal or the final reads. Cut lists, for each
// node in Nodes' order, the indexes of the nodes it no longer hears from.
type Mark struct {
	T    float64 `json:"t"`
	Kind string  `json:"kind"`
	Text string  `json:"text"`
	Cut  [][]int `json:"cut,omitempty"`
}

// Sink receives what a run sends the page, as it comes: its lines, then
// its outcome, or an error that says why there is none.
type Sink interface {
	Line(Line)
	Outcome(Outcome)
	Error(string)
}

// Run runs the request against node in the simulation, judges it, and
// sends the page its console lines and its outcome. The error is one the
// reader made (an unknown workload, a bad flag) or a run that could not
// start; a run that misses its targets is an outcome.
func Run(t *testing.T, node sim.Node, req Request, sink Sink) error {
	console := &console{sink: sink}
	o, err := simulate.RunWith(t, node, sim.Options{Console: console, ProgressEvery: 250 * time.Millisecond},
		req.Workload, req.Seed, req.Args...)
	if err != nil {
		return err
	}
	sink.Outcome(outcome(o))
	return nil
}

// console stamps each write with the virtual time it was made at.
type console struct {
	mu      sync.Mutex
	sink    Sink
	started time.Time
}

func (c *console) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now() // virtual: the console is written inside the run's bubble
	if c.started.IsZero() {
		c.started = now // the run's first line, at its start
	}
	c.sink.Line(Line{T: ms(now.Sub(c.started)), Text: string(p)})
	return len(p), nil
}

func outcome(o simulate.Outcome) Outcome {
	var verdicts bytes.Buffer
	fmt.Fprintf(&verdicts, "Targets of %s, judged from the simulated run's results:\n", o.Challenge.Name)
	challenges.PrintVerdicts(&verdicts, o.Verdicts)
	out := Outcome{
		Module:   simulate.Module(),
		Workload: o.Challenge.Name,
		Seed:     o.Seed,
		Replay:   o.Replay(),
		Real:     o.Real(),
		Summary:  o.Summary,
		Verdicts: verdicts.String(),
		Pass:     o.Pass,
	}
	nodes, spreads := journey.Spreads(o.Events, false)
	out.Nodes = nodes
	index := map[string]int{}
	for i, n := range nodes {
		index[n] = i
	}
	out.Messages, out.Types, out.EndMs = messages(o.Events, index)
	for _, op := range o.History {
		if op.Type == history.OK && op.IsClient() {
			out.Ops = append(out.Ops, ms(op.Time))
		}
	}
	marks := journal.Marks(o.History)
	for _, m := range marks {
		out.Marks = append(out.Marks, mark(m, nodes, index))
	}

	out.Followed, out.FollowedWhy = follow(o, spreads)
	for _, s := range spreads {
		if s.Value != out.Followed {
			continue
		}
		for _, n := range nodes {
			t, ok := s.Reached[n]
			out.Reached = append(out.Reached, map[bool]float64{true: ms(t), false: -1}[ok])
		}
	}

	// The page reads every list as an array, empty rather than null.
	for _, l := range []*[]float64{&out.Ops, &out.Reached} {
		if *l == nil {
			*l = []float64{}
		}
	}
	if out.Messages == nil {
		out.Messages, out.Types = []Message{}, []string{}
	}
	if out.Marks == nil {
		out.Marks = []Mark{}
	}

	var svg strings.Builder
	if err := plot.Messages(&svg, o.Events, marks); err == nil {
		out.MessagesSVG = svg.String()
	}
	if j, ok := journey.Follow(o.Events, marks, out.Followed); ok {
		svg.Reset()
		if err := plot.Journey(&svg, j); err == nil {
			out.JourneySVG = svg.String()
		}
	}
	return out
}

// follow picks the value to follow: the first the checker found lost,
// else the first journey.Choose names.
func follow(o simulate.Outcome, spreads []*journey.Spread) (int, string) {
	if lost := o.Results.Workload.Lost; len(lost) > 0 {
		return lost[0], fmt.Sprintf("lost: acknowledged, and missing from the final reads (%d value(s) lost)", len(lost))
	}
	if c := journey.Choose(o.Events); len(c) > 0 {
		return c[0].Value, c[0].Why
	}
	if len(spreads) > 0 {
		return spreads[0].Value, "the first value broadcast"
	}
	return -1, "no value was broadcast"
}

// messages lists the messages between servers with when each arrived or
// was dropped, and the time of the journal's last event.
func messages(events []journal.Event, index map[string]int) (list []Message, types []string, end float64) {
	at := map[int]int{} // message id → its place in list
	typeIndex := map[string]int{}
	for _, e := range events {
		end = max(end, ms(e.Time))
		m := e.Message
		if m.InvolvesClient() {
			continue
		}
		switch e.Kind {
		case journal.Send:
			typ := m.Type()
			ti, ok := typeIndex[typ]
			if !ok {
				ti = len(types)
				typeIndex[typ] = ti
				types = append(types, typ)
			}
			at[m.ID] = len(list)
			list = append(list, Message{ms(e.Time), -1, -1, float64(index[m.Src]), float64(index[m.Dest]), float64(ti)})
		case journal.Recv:
			list[at[m.ID]][1] = ms(e.Time)
		case journal.Drop:
			list[at[m.ID]][2] = ms(e.Time)
		}
	}
	return list, types, end
}

func mark(m journal.Mark, nodes []string, index map[string]int) Mark {
	out := Mark{T: ms(m.Time), Kind: string(m.Kind), Text: m.Text}
	if len(m.Grudge) > 0 {
		out.Cut = make([][]int, len(nodes))
		for i, n := range nodes {
			out.Cut[i] = []int{}
			for _, from := range m.Grudge[n] {
				if j, ok := index[from]; ok {
					out.Cut[i] = append(out.Cut[i], j)
				}
			}
			slices.Sort(out.Cut[i])
		}
	}
	return out
}

// ms is a duration in milliseconds, to the microsecond.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
