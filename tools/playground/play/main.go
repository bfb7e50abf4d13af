package play

import (
	"encoding/json"
	"flag"
	"io"
	"log"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/sim"
)

var requestFlag = flag.String("play.request", "", "the run to make, as JSON: {\"workload\": …, \"seed\": …, \"args\": […]}")

// Main is the one test of the browser's program: it runs the request
// given as -play.request against node and sends what happens to the page
// (or, outside a page, to stdout as JSON lines). The test fails only when
// there is no outcome to show; a run that misses its targets passes.
func Main(t *testing.T, node sim.Node) {
	// The Maelstrom library logs every message it sends to the standard
	// logger, which in a browser is the developer console: thousands of
	// lines a second that would slow the run down.
	log.SetOutput(io.Discard)
	sink := newSink()
	var req Request
	if err := json.Unmarshal([]byte(*requestFlag), &req); err != nil {
		sink.Error("the request is not valid JSON: " + err.Error())
		t.FailNow()
	}
	if err := Run(t, node, req, sink); err != nil {
		sink.Error(err.Error())
		t.FailNow()
	}
}

// jsonLines is the sink outside a page: one JSON object a line, with the
// kind of what it holds ("line", "outcome" or "error") and the thing.
type jsonLines struct {
	enc *json.Encoder
}

func (j jsonLines) send(kind string, v any) {
	j.enc.Encode(struct {
		Kind string `json:"kind"`
		Data any    `json:"data"`
	}{kind, v})
}

func (j jsonLines) Line(l Line)       { j.send("line", l) }
func (j jsonLines) Outcome(o Outcome) { j.send("outcome", o) }
func (j jsonLines) Error(s string)    { j.send("error", s) }
