//go:build js && wasm

package play

import (
	"encoding/json"
	"os"
	"syscall/js"
)

// newSink returns the page's sink when the page has set one up (the web
// worker defines playSend), else JSON lines on stdout (under Node.js).
func newSink() Sink {
	send := js.Global().Get("playSend")
	if send.Type() != js.TypeFunction {
		return jsonLines{json.NewEncoder(os.Stdout)}
	}
	return page{send}
}

// page hands each thing to the worker's playSend(kind, json) as JSON
// text: one call, and one JSON.parse on the other side, costs far less
// than building the object through syscall/js field by field.
type page struct{ send js.Value }

func (p page) post(kind string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		kind, b = "error", []byte(`"cannot encode the outcome"`)
	}
	p.send.Invoke(kind, string(b))
}

func (p page) Line(l Line)       { p.post("line", l) }
func (p page) Outcome(o Outcome) { p.post("outcome", o) }
func (p page) Error(s string)    { p.post("error", s) }
