package store

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
)

// EncodeResultsJSON writes r as results.json: the data of results.edn in
// the same order, for tools that do not read EDN. Keys lose their colon,
// keywords become strings, :unknown becomes "unknown", and lists, vectors
// and sets all become arrays.
func EncodeResultsJSON(w io.Writer, r checker.Results) error {
	return encodeResults(w, r, "results.json", appendJSON, ": ")
}

func appendJSON(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case float32:
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, fmt.Errorf("number %v is not finite", v)
		}
		// Java's float text, such as 4.8333335 or 1.0E7, is a valid JSON
		// number, and keeps both files alike.
		return append(b, javaFloat(v)...), nil
	case string:
		return appendQuoted(b, v), nil
	case keyword:
		return appendQuoted(b, string(v)), nil
	case numberKey:
		return appendQuoted(b, string(v)), nil
	case list:
		return appendJSONArray(b, v)
	case vector:
		return appendJSONArray(b, v)
	case set:
		return appendJSONArray(b, v)
	case omap:
		return appendMap(b, v, appendJSON, ", ", ": ")
	}
	return nil, fmt.Errorf("cannot write a %T", v)
}

func appendJSONArray(b []byte, items []any) ([]byte, error) {
	b = append(b, '[')
	for i, item := range items {
		if i > 0 {
			b = append(b, ", "...)
		}
		var err error
		if b, err = appendJSON(b, item); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}
