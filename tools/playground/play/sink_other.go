//go:build !(js && wasm)

package play

import (
	"encoding/json"
	"os"
)

func newSink() Sink { return jsonLines{json.NewEncoder(os.Stdout)} }
