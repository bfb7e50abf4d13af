package plot

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// body is a message body taken apart for the diagram.
type body struct {
	typ    string
	fields map[string]any // nil when the body is not a JSON object
	raw    json.RawMessage
}

// parseBody reads a body; a missing one counts as {} (Maelstrom accepts
// that), and one that is not a JSON object is kept only as raw text.
func parseBody(raw json.RawMessage) body {
	b := body{raw: raw, fields: map[string]any{}}
	if len(bytes.TrimSpace(raw)) == 0 {
		return b
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&b.fields); err != nil || b.fields == nil {
		b.fields = nil
		return b
	}
	b.typ, _ = b.fields["type"].(string)
	return b
}

func (b body) isError() bool { return b.typ == "error" }

// label is what the diagram writes on a message's arrow: the error text
// for errors, else the type and the rest of the body without the RPC
// bookkeeping, as Clojure would print it. An empty rest is left out
// rather than printed as "{}".
func (b body) label() string {
	if b.fields == nil {
		return string(b.raw)
	}
	if text, ok := b.fields["text"].(string); ok && b.isError() && text != "" {
		return text
	}
	rest := make(map[string]any, len(b.fields))
	for k, v := range b.fields {
		switch k {
		case "type", "msg_id", "in_reply_to":
		default:
			rest[k] = v
		}
	}
	if len(rest) == 0 {
		return b.typ
	}
	return strings.TrimSpace(b.typ + " " + edn(rest, true))
}

// compact is the body as one line of JSON, for hover titles.
func (b body) compact() string {
	var out bytes.Buffer
	if err := json.Compact(&out, b.raw); err != nil {
		return string(b.raw)
	}
	if out.Len() == 0 {
		return "{}"
	}
	return out.String()
}

// edn prints a decoded JSON value the way Clojure prints the parsed body:
// the body's own keys are keywords, nested keys stay strings. Map keys are
// sorted so the output does not change from run to run.
func edn(v any, keywordKeys bool) string {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			key := strconv.Quote(k)
			if keywordKeys {
				key = ":" + k
			}
			parts[i] = key + " " + edn(v[k], false)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = edn(e, false)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case string:
		return strconv.Quote(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return "nil"
	default:
		return "?"
	}
}
