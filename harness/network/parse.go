package network

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/internal/jsonscan"
)

// Line is a message as a node wrote it on its stdout.
type Line struct {
	Src  string
	Dest string
	Body json.RawMessage
}

// ParseLine checks one stdout line against Maelstrom's closed message
// schema: a JSON object with string src and dest, an object body (missing
// is taken as {}), an optional integer id (ignored: the network numbers
// messages itself) and nothing else. The error says what is wrong. The
// body returned shares line's memory.
//
// Every message a node sends passes through here, and a node that sends
// its whole state to every peer sends lines of many kilobytes, so the line
// is scanned once to validate it and once more, without decoding, to find
// its fields; the body is kept as the node wrote it, compacted only if it
// holds whitespace.
func ParseLine(line []byte) (Line, error) {
	if !json.Valid(line) {
		return Line{}, describeInvalid(line)
	}
	var l Line
	var src, dest, id []byte
	var bodySpaces bool
	var extra []string
	isObject := jsonscan.Members(line, func(key string, value []byte, spaces bool) {
		switch key {
		case "src":
			src = value
		case "dest":
			dest = value
		case "body":
			l.Body, bodySpaces = value, spaces
		case "id":
			id = value
		default:
			if !slices.Contains(extra, key) {
				extra = append(extra, key)
			}
		}
	})
	if !isObject {
		return Line{}, describeInvalid(line)
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		return Line{}, fmt.Errorf("unexpected top-level field(s) %s: only src, dest, body (and id) are allowed; node-specific data belongs in body", strings.Join(quoteAll(extra), ", "))
	}
	for _, f := range []struct {
		name string
		raw  []byte
		dst  *string
	}{{"src", src, &l.Src}, {"dest", dest, &l.Dest}} {
		if f.raw == nil {
			return Line{}, fmt.Errorf("missing %q", f.name)
		}
		s, ok := jsonscan.Unquote(f.raw)
		if !ok {
			return Line{}, fmt.Errorf("%q must be a string, got %s", f.name, f.raw)
		}
		*f.dst = s
	}
	if id != nil {
		var n int64
		if err := json.Unmarshal(id, &n); err != nil {
			return Line{}, fmt.Errorf(`"id" must be an integer, got %s`, id)
		}
	}
	switch {
	case l.Body == nil:
		l.Body = json.RawMessage("{}")
	case l.Body[0] != '{':
		return Line{}, fmt.Errorf(`"body" must be a JSON object, got %s`, clip(l.Body))
	case bodySpaces:
		compact := new(bytes.Buffer)
		if err := json.Compact(compact, l.Body); err == nil {
			l.Body = compact.Bytes()
		}
	}
	return l, nil
}

// describeInvalid says why a line is not a single JSON object. It is only
// called for bad lines, so it may decode the line the slow way.
func describeInvalid(line []byte) error {
	var fields map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&fields); err != nil || fields == nil {
		return fmt.Errorf("not a JSON object: %s", describeJSONError(err))
	}
	if dec.More() {
		return fmt.Errorf("more than one JSON value on the line")
	}
	return fmt.Errorf("not a JSON object: %s", clip(line))
}

func describeJSONError(err error) string {
	if err == nil {
		return "null"
	}
	return fmt.Sprintf("%v", err)
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

func clip(b []byte) string {
	const max = 80
	if len(b) <= max {
		return string(b)
	}
	return string(b[:max]) + "…"
}
