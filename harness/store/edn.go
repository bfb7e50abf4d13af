package store

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// EncodeResults writes r as results.edn: one top-level key per line, in
// Maelstrom's key order, each value on a single line.
func EncodeResults(w io.Writer, r checker.Results) error {
	return encodeResults(w, r, "results.edn", appendEDN, " ")
}

// encodeResults prints the results tree with one printer for values
// (EDN or JSON) and the given separator between a key and its value.
func encodeResults(w io.Writer, r checker.Results, name string, appendValue func([]byte, any) ([]byte, error), afterKey string) error {
	tree, err := resultsTree(r)
	var b []byte
	if err == nil {
		b, err = appendMap(nil, tree, appendValue, ",\n ", afterKey)
		b = append(b, '\n')
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	_, err = w.Write(b)
	return err
}

// FormatOp returns op as one line of history.edn, without the newline.
// It panics if the op holds a value the history package does not allow,
// which only a bug in the harness can cause; WriteHistory reports the same
// problem as an error instead.
func FormatOp(op history.Op) string {
	b, err := appendOpEDN(nil, op)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func appendOpEDN(b []byte, op history.Op) ([]byte, error) {
	tree, err := opTree(op)
	if err != nil {
		return nil, err
	}
	b, err = appendEDN(b, tree)
	if err != nil {
		return nil, fmt.Errorf("op %d: %w", op.Index, err)
	}
	return b, nil
}

// appendMap prints a map in either syntax: appendValue prints the keys
// and values, between separates entries and afterKey a key from its value.
func appendMap(b []byte, m omap, appendValue func([]byte, any) ([]byte, error), between, afterKey string) ([]byte, error) {
	b = append(b, '{')
	for i, e := range m {
		if i > 0 {
			b = append(b, between...)
		}
		var err error
		if b, err = appendValue(b, e.key); err != nil {
			return nil, err
		}
		b = append(b, afterKey...)
		if b, err = appendValue(b, e.val); err != nil {
			return nil, fmt.Errorf("%s: %w", keyName(e.key), err)
		}
	}
	return append(b, '}'), nil
}

// appendEDN prints v as Clojure's pr would: ", " between map entries and a
// space between the items of lists, vectors and sets.
func appendEDN(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "nil"...), nil
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
		return append(b, javaFloat(v)...), nil
	case string:
		return appendQuoted(b, v), nil
	case keyword:
		if !validKeyword(string(v)) {
			return nil, fmt.Errorf("%q cannot be written as a keyword", string(v))
		}
		return append(append(b, ':'), v...), nil
	case numberKey:
		return append(b, v...), nil
	case list:
		return appendEDNItems(b, "(", ")", v)
	case vector:
		return appendEDNItems(b, "[", "]", v)
	case set:
		return appendEDNItems(b, "#{", "}", v)
	case omap:
		return appendMap(b, v, appendEDN, ", ", " ")
	}
	return nil, fmt.Errorf("cannot write a %T", v)
}

func appendEDNItems(b []byte, open, close string, items []any) ([]byte, error) {
	b = append(b, open...)
	for i, item := range items {
		if i > 0 {
			b = append(b, ' ')
		}
		var err error
		if b, err = appendEDN(b, item); err != nil {
			return nil, err
		}
	}
	return append(b, close...), nil
}

// validKeyword reports whether name can follow a colon in EDN: it starts
// like a symbol and holds only symbol characters. Namespaced names (with a
// slash) are not needed here and not allowed.
func validKeyword(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		digit := '0' <= r && r <= '9'
		punct := strings.ContainsRune(".*+!-_?$%&=<>", r)
		inner := i > 0 && (digit || r == ':' || r == '#')
		if !letter && !punct && !inner {
			return false
		}
	}
	return true
}

// keyName names a map key in error messages.
func keyName(key any) string {
	switch k := key.(type) {
	case keyword:
		return ":" + string(k)
	case numberKey:
		return string(k)
	}
	return fmt.Sprintf("%q", key)
}
