package challenges

import (
	"fmt"
	"io"
	"os"

	"olympos.io/encoding/edn"
)

// kw is a keyword of results.edn, such as :valid?.
func kw(name string) edn.Keyword { return edn.Keyword(name) }

// Keys is a path into results.edn written as its keywords, e.g.
// Keys("net", "servers", "msgs-per-op") for [:net :servers :msgs-per-op].
func Keys(names ...string) []any {
	path := make([]any, len(names))
	for i, n := range names {
		path[i] = kw(n)
	}
	return path
}

// ReadResults parses a results.edn written by Maelstrom or by our harness.
// Maelstrom writes history ops as tagged records (#jepsen.history.Op{…});
// decoding into interface values keeps them as edn.Tag, which we never need.
func ReadResults(path string) (any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	v, err := ParseResults(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// ParseResults parses the text of a results.edn.
func ParseResults(r io.Reader) (any, error) {
	var v any
	if err := edn.NewDecoder(r).Decode(&v); err != nil {
		return nil, fmt.Errorf("not valid EDN: %w", err)
	}
	if _, ok := v.(map[any]any); !ok {
		return nil, fmt.Errorf("want a map at the top level, got %T", v)
	}
	return v, nil
}

// Lookup follows path through nested maps. Numeric keys match by value,
// so 1 finds the key 1 whether it was read as an integer or a float.
func Lookup(v any, path []any) (any, bool) {
	for _, key := range path {
		m, ok := v.(map[any]any)
		if !ok {
			return nil, false
		}
		val, found := m[key]
		if k, isNum := Number(key); !found && isNum {
			for mk, mv := range m {
				if n, ok := Number(mk); ok && n == k {
					val, found = mv, true
					break
				}
			}
		}
		if !found {
			return nil, false
		}
		v = val
	}
	return v, true
}

// Number returns v as a float64, if it is a number.
func Number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	case float64:
		return n, true
	case float32:
		return float64(n), true
	}
	return 0, false
}
