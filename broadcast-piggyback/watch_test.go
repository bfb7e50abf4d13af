package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/simulate"
)

// watchSeeds simulates the challenge named workload with seeds 1…n, each
// under a watch of its own, in parallel as simulate.Seeds does, and fails
// t for every seed that misses a target.
func watchSeeds(t *testing.T, workload string, n int) []*watch {
	t.Helper()
	watches := make([]*watch, n)
	t.Run(workload, func(t *testing.T) {
		for i := range watches {
			seed := uint64(i + 1)
			t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
				t.Parallel()
				w := &watch{}
				w.Outcome = simulate.Run(t, w.node, workload, seed)
				watches[i] = w
			})
		}
	})
	for _, w := range watches {
		if w != nil && !w.Pass {
			t.Errorf("%s", w.Failure())
		}
	}
	return slices.DeleteFunc(watches, func(w *watch) bool { return w == nil })
}

// watch sees every message the nodes of one simulated run read and write,
// at the virtual moment they do: each node runs behind a pipe of the
// watch's own. With cut set, it drops the messages that arrive over a cut
// link, as the harness' partitions drop them.
type watch struct {
	simulate.Outcome // the judged run, once it is over

	// cut reports whether the link from src to dest is cut at a moment,
	// counted from the first message of the run; nil cuts nothing.
	cut func(src, dest string, at time.Duration) bool

	mu       sync.Mutex
	start    time.Time                    // when the first message reached a node
	arrived  map[int]map[string]time.Time // for each value, when each node first got it
	gossiped map[[2]string][]int          // the values each link (from, to) carried in gossip, resends included
	nodes    []string                     // the nodes, as their init reached them
	lastRead time.Time                    // when the last read reached a node: the final reads
	dropped  int                          // messages the cut dropped
}

// message is what the watch reads of a message.
type message struct {
	Src  string `json:"src"`
	Dest string `json:"dest"`
	Body struct {
		Type     string `json:"type"`
		Message  *int   `json:"message"`
		Messages []int  `json:"messages"`
	} `json:"body"`
}

// node is run behind the watch: what the harness delivers goes through
// arrive, what the node writes through sent.
func (w *watch) node(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	in, toNode := io.Pipe()
	defer in.Close() // if the node returns early, the copy below stops
	go func() {
		lines := bufio.NewScanner(stdin)
		lines.Buffer(nil, 1<<24)
		for lines.Scan() {
			if !w.arrive(lines.Bytes()) {
				continue
			}
			if _, err := toNode.Write(append(lines.Bytes(), '\n')); err != nil {
				break
			}
		}
		toNode.CloseWithError(lines.Err())
	}()
	return run(args, in, &lineWriter{w: stdout, line: w.sent}, stderr)
}

// arrive notes a message that reached a node, and reports whether it gets
// through the cut.
func (w *watch) arrive(line []byte) bool {
	var m message
	if err := json.Unmarshal(line, &m); err != nil {
		return true // not the watch's to judge
	}
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.start.IsZero() {
		w.start = now
	}
	if w.cut != nil && w.cut(m.Src, m.Dest, now.Sub(w.start)) {
		w.dropped++
		return false
	}
	switch m.Body.Type {
	case "broadcast":
		if m.Body.Message != nil {
			w.got(m.Dest, now, *m.Body.Message)
		}
	case "gossip":
		w.got(m.Dest, now, m.Body.Messages...)
	case "read":
		w.lastRead = now
	case "init":
		w.nodes = append(w.nodes, m.Dest)
	}
	return true
}

// got notes that node holds values from now on, unless it had them.
// w.mu is held.
func (w *watch) got(node string, now time.Time, values ...int) {
	if w.arrived == nil {
		w.arrived = make(map[int]map[string]time.Time)
	}
	for _, v := range values {
		if w.arrived[v] == nil {
			w.arrived[v] = make(map[string]time.Time)
		}
		if _, ok := w.arrived[v][node]; !ok {
			w.arrived[v][node] = now
		}
	}
}

// sent notes the values of a gossip message a node wrote.
func (w *watch) sent(line []byte) {
	var m message
	if err := json.Unmarshal(line, &m); err != nil || m.Body.Type != "gossip" {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.gossiped == nil {
		w.gossiped = make(map[[2]string][]int)
	}
	link := [2]string{m.Src, m.Dest}
	w.gossiped[link] = append(w.gossiped[link], m.Body.Messages...)
}

// resent returns how many times a link carried a value it had carried
// before.
func (w *watch) resent() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, values := range w.gossiped {
		n += len(values) - len(slices.Compact(slices.Sorted(slices.Values(values))))
	}
	return n
}

// spread fails t unless every node got every value, at any time, and
// returns how long each value took from its broadcast to the last node:
// from its first arrival, as a client's message has no latency.
func (w *watch) spread(t *testing.T) map[int]time.Duration {
	t.Helper()
	w.everywhereBy(t, math.MaxInt64)
	w.mu.Lock()
	defer w.mu.Unlock()
	spread := make(map[int]time.Duration)
	for v, at := range w.arrived {
		spread[v] = slices.MaxFunc(slices.Collect(maps.Values(at)), time.Time.Compare).Sub(
			slices.MinFunc(slices.Collect(maps.Values(at)), time.Time.Compare))
	}
	return spread
}

// everywhereBy fails t unless every node got every value by the moment by,
// counted from the run's first message, or within recovery of the value's
// broadcast if that came later.
func (w *watch) everywhereBy(t *testing.T, by time.Duration) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.arrived) == 0 || len(w.nodes) == 0 {
		t.Fatalf("seed %d: the watch saw no value or no node", w.Seed)
	}
	late := 0
	for _, v := range slices.Sorted(maps.Keys(w.arrived)) {
		at := w.arrived[v]
		broadcast := slices.MinFunc(slices.Collect(maps.Values(at)), time.Time.Compare).Sub(w.start)
		deadline := max(by, broadcast+recovery)
		for _, node := range w.nodes {
			got, ok := at[node]
			if ok && got.Sub(w.start) <= deadline {
				continue
			}
			if late++; late <= 5 {
				when := "never"
				if ok {
					when = fmt.Sprintf("at %v", got.Sub(w.start))
				}
				t.Errorf("seed %d: value %d, broadcast at %v, reached %s %s, want by %v", w.Seed, v, broadcast, node, when, deadline)
			}
		}
	}
	if late > 5 {
		t.Errorf("seed %d: %d late arrivals in all", w.Seed, late)
	}
}

// lastHeal returns when the harness healed the network for the last time,
// counted from the run's first message: the final reads reached the nodes
// (a client's message has no latency) as long after it as the history
// says they were invoked after it.
func (w *watch) lastHeal(t *testing.T) time.Duration {
	t.Helper()
	heal, final := -1, -1
	for i, op := range w.History {
		if op.F == "stop-partition" {
			heal = i
		}
		if op.Final && final < 0 {
			final = i
		}
	}
	if heal < 0 || final < 0 {
		t.Fatalf("seed %d: the history has no heal or no final read", w.Seed)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lastRead.Sub(w.start) - (w.History[final].Time - w.History[heal].Time)
}

// lineWriter passes writes on to w, and hands each complete line to line.
type lineWriter struct {
	w    io.Writer
	line func([]byte)

	mu  sync.Mutex
	buf []byte
}

func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.buf = append(l.buf, p...)
	for {
		line, rest, ok := bytes.Cut(l.buf, []byte{'\n'})
		if !ok {
			break
		}
		l.line(line)
		l.buf = rest
	}
	l.mu.Unlock()
	return l.w.Write(p)
}
