package store

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"olympos.io/encoding/edn"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
)

// richResults sets every optional part of the results.
func richResults() checker.Results {
	r := workedExampleResults()
	r.Timeline = checker.Unknown
	r.Exceptions.Groups = []checker.ExceptionGroup{{Count: 1, Class: "x", Example: history.Op{
		Index: 3, Type: history.Info, Process: history.NemesisProcess, F: history.StartPartition,
		Value: history.Isolated{Grudge: history.Grudge{"n1": {"n3", "n2"}, "n2": {"n1"}, "n3": {"n1"}}},
	}}}
	r.Crash = &checker.Crash{Node: "n3", ExitStatus: 1, Stderr: []string{"bad <&> output"}}
	return r
}

func encodeJSON(t *testing.T, r checker.Results) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := EncodeResultsJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The JSON file must hold exactly the data of the EDN file: parse both and
// compare, with keywords read as strings and sets as sorted arrays.
func TestJSONHoldsTheEDNData(t *testing.T) {
	for name, r := range map[string]checker.Results{
		"skeleton": skeletonResults(),
		"worked":   workedExampleResults(),
		"rich":     richResults(),
	} {
		t.Run(name, func(t *testing.T) {
			text := encodeJSON(t, r)
			if !json.Valid(text) {
				t.Fatalf("not valid JSON:\n%s", text)
			}
			var fromJSON any
			if err := json.Unmarshal(text, &fromJSON); err != nil {
				t.Fatal(err)
			}
			var fromEDN any
			if err := edn.UnmarshalString(encodeEDN(t, r), &fromEDN); err != nil {
				t.Fatal(err)
			}
			if want := jsonShape(fromEDN); !reflect.DeepEqual(fromJSON, want) {
				t.Errorf("JSON data\n%v\ndiffers from EDN data\n%v", fromJSON, want)
			}
		})
	}
}

// jsonShape turns parsed EDN into what encoding/json gives for the same data.
func jsonShape(v any) any {
	switch v := v.(type) {
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[jsonKey(k)] = jsonShape(x)
		}
		return out
	case map[any]bool:
		var items []string
		for k := range v {
			items = append(items, k.(string))
		}
		slices.SortFunc(items, nodeid.Compare)
		out := []any{}
		for _, s := range items {
			out = append(out, s)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = jsonShape(x)
		}
		return out
	case edn.Keyword:
		return string(v)
	case int64:
		return float64(v)
	}
	return v
}

func jsonKey(k any) string {
	switch k := k.(type) {
	case edn.Keyword:
		return string(k)
	case int64:
		return strconv.FormatInt(k, 10)
	case float64:
		return strconv.FormatFloat(k, 'f', -1, 64)
	}
	return k.(string)
}

// Parsing loses the order, so compare the order of the JSON's keys with
// the tree both files are printed from.
func TestJSONKeepsKeyOrder(t *testing.T) {
	r := richResults()
	tree, err := resultsTree(r)
	if err != nil {
		t.Fatal(err)
	}
	want := treeKeys(tree, nil)
	got := jsonKeys(t, json.NewDecoder(bytes.NewReader(encodeJSON(t, r))), nil)
	if !slices.Equal(got, want) {
		t.Errorf("JSON keys in order\n%v\nwant\n%v", got, want)
	}
	top := []string{"perf", "timeline", "exceptions", "stats", "availability", "net", "workload", "crash", "valid?"}
	var lines []string
	for line := range strings.Lines(string(encodeJSON(t, r))) {
		key, _, _ := strings.Cut(strings.TrimLeft(line, `{ "`), `"`)
		lines = append(lines, key)
	}
	if !slices.Equal(lines, top) {
		t.Errorf("top-level lines start with %v, want %v", lines, top)
	}
}

func treeKeys(v any, keys []string) []string {
	switch v := v.(type) {
	case omap:
		for _, e := range v {
			switch k := e.key.(type) {
			case keyword:
				keys = append(keys, string(k))
			case numberKey:
				keys = append(keys, string(k))
			default:
				keys = append(keys, k.(string))
			}
			keys = treeKeys(e.val, keys)
		}
	case list:
		for _, x := range v {
			keys = treeKeys(x, keys)
		}
	case vector:
		for _, x := range v {
			keys = treeKeys(x, keys)
		}
	}
	return keys
}

// jsonKeys reads one value and returns the keys of its objects, depth first.
func jsonKeys(t *testing.T, dec *json.Decoder, keys []string) []string {
	t.Helper()
	tok, err := dec.Token()
	if err != nil {
		t.Fatal(err)
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			keys = jsonKeys(t, dec, append(keys, key.(string)))
		}
		dec.Token()
	case json.Delim('['):
		for dec.More() {
			keys = jsonKeys(t, dec, keys)
		}
		dec.Token()
	}
	return keys
}

func TestJSONValues(t *testing.T) {
	got := string(encodeJSON(t, richResults()))
	for _, want := range []string{
		`"timeline": {"valid?": "unknown"}`,
		`"process": "nemesis", "f": "start-partition", "value": ["isolated", {"n1": ["n2", "n3"], "n2": ["n1"], "n3": ["n1"]}]`,
		`"stable-latencies": {"0": 0, "0.5": 9, "0.95": 9, "0.99": 9, "1": 9}`,
		`"stderr": ["bad <&> output"]`,
		`"signal": null`,
		`"duplicated": {}`,
		`"worst-stale": [{"element": 0, "outcome": "stable"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("results.json lacks %s\ngot\n%s", want, got)
		}
	}
}

func TestJSONString(t *testing.T) {
	got := string(appendQuoted(nil, "a\"b\\c\n\t\x01\xff"))
	var back string
	if err := json.Unmarshal([]byte(got), &back); err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	if back != "a\"b\\c\n\t\x01\uFFFD" {
		t.Errorf("%s reads back as %q", got, back)
	}
	// The escapes Clojure prints for results.edn read back in JSON too.
	for _, s := range []string{"tab\tnl\ncr\rff\fbs\b", "ctl\x01\x1f\x7f", "ünï €"} {
		text := appendQuoted(nil, s)
		if err := json.Unmarshal(text, &back); err != nil || back != s {
			t.Errorf("%q written as %s reads back as %q (%v)", s, text, back, err)
		}
	}
}
