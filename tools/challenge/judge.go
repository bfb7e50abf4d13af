package main

import (
	"fmt"
	"io"
	"os"

	"olympos.io/encoding/edn"
)

func kw(name string) edn.Keyword { return edn.Keyword(name) }

// readResults parses a results.edn written by Maelstrom or by our harness.
// Maelstrom writes history ops as tagged records (#jepsen.history.Op{…});
// decoding into interface values keeps them as edn.Tag, which we never need.
func readResults(path string) (any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var v any
	if err := edn.NewDecoder(f).Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: not valid EDN: %w", path, err)
	}
	if _, ok := v.(map[any]any); !ok {
		return nil, fmt.Errorf("%s: want a map at the top level, got %T", path, v)
	}
	return v, nil
}

// lookup follows path through nested maps. Numeric keys match by value,
// so 1 finds the key 1 whether it was read as an integer or a float.
func lookup(v any, path []any) (any, bool) {
	for _, key := range path {
		m, ok := v.(map[any]any)
		if !ok {
			return nil, false
		}
		val, found := m[key]
		if k, isNum := number(key); !found && isNum {
			for mk, mv := range m {
				if n, ok := number(mk); ok && n == k {
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

func number(v any) (float64, bool) {
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

// verdict is one target's outcome.
type verdict struct {
	Target target
	Value  any // nil when missing
	Pass   bool
}

// judge checks every target of c against the parsed results.
func judge(c challenge, results any) []verdict {
	var out []verdict
	for _, t := range c.Targets {
		v, found := lookup(results, t.Path)
		vd := verdict{Target: t}
		if found {
			vd.Value = v
			if t.Want != nil {
				if want, ok := number(t.Want); ok {
					got, isNum := number(v)
					vd.Pass = isNum && got == want
				} else {
					vd.Pass = v == t.Want
				}
			} else if got, ok := number(v); ok {
				vd.Pass = got < t.Below
			}
		}
		out = append(out, vd)
	}
	return out
}

// printVerdicts writes one PASS/FAIL line per target and reports whether
// all passed.
func printVerdicts(w io.Writer, c challenge, vs []verdict) bool {
	all := true
	for _, v := range vs {
		word := "PASS"
		if !v.Pass {
			word, all = "FAIL", false
		}
		fmt.Fprintf(w, "%s  %-20s %s\n", word, v.Target.Name, describe(v))
	}
	return all
}

func describe(v verdict) string {
	t := v.Target
	got := "missing from results.edn"
	if v.Value != nil {
		got = fmt.Sprint(ednText(v.Value))
		if t.Unit != "" {
			got += " " + t.Unit
		}
	}
	where := ""
	for _, k := range t.Path {
		where += " " + fmt.Sprint(ednText(k))
	}
	if t.Want != nil {
		return fmt.Sprintf("%s (want %v; [%s])", got, ednText(t.Want), where[1:])
	}
	limit := fmt.Sprint(t.Below)
	if t.Unit != "" {
		limit += " " + t.Unit
	}
	return fmt.Sprintf("%s (want < %s; [%s])", got, limit, where[1:])
}

func ednText(v any) any {
	switch x := v.(type) {
	case edn.Keyword:
		return ":" + string(x)
	default:
		return x
	}
}
