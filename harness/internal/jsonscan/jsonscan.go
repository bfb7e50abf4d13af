// Package jsonscan walks valid JSON text without decoding it: the fields
// of an object and the integers in a value. The harness reads every message
// a node sends, and bodies of many kilobytes, so it validates each once
// (json.Valid) and then finds what it needs with these plain byte loops
// instead of decoding the text again.
//
// Every function here expects valid JSON; on anything else its result is
// undefined, though it never panics.
package jsonscan

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Members calls fn with each key and raw value of the object in b, in
// order, and whether the value holds whitespace outside its strings. It
// reports false if b is not an object.
func Members(b []byte, fn func(key string, value []byte, spaces bool)) bool {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	for i < len(b) && b[i] == '"' {
		end := stringEnd(b, i)
		key, _ := Unquote(b[i:end])
		i = skipSpace(b, end)
		i = skipSpace(b, i+1) // the colon
		if i >= len(b) {
			break
		}
		end, spaces := valueEnd(b, i)
		fn(key, b[i:end], spaces)
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return true
}

// Ints calls fn with every integer in the value b, in order, outside its
// strings; numbers with a fraction or an exponent are not integers, nor
// are those too large for an int (see Int).
func Ints(b []byte, fn func(int)) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '"':
			i = stringEnd(b, i)
		case c == '-' || c >= '0' && c <= '9':
			end := i + 1
			for end < len(b) && !endsScalar(b[end]) {
				end++
			}
			if n, ok := Int(b[i:end]); ok {
				fn(n)
			}
			i = end
		default:
			i++
		}
	}
}

// IntArray reads a JSON array of integers, such as a read_ok's
// "messages": it accepts exactly what decoding into []int with
// encoding/json accepts, but for null elements (which that decodes as 0).
// Reads are the hot path of a simulation: every read_ok lists every value
// the node holds, and decoding them by reflection took a fifth of a
// simulated run.
func IntArray(raw []byte) ([]int, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) < 2 || raw[0] != '[' || raw[len(raw)-1] != ']' {
		return nil, false
	}
	inner := bytes.TrimSpace(raw[1 : len(raw)-1])
	if len(inner) == 0 {
		return []int{}, true
	}
	values := make([]int, 0, bytes.Count(inner, []byte{','})+1)
	for len(inner) > 0 {
		item, rest, _ := bytes.Cut(inner, []byte{','})
		inner = rest
		v, ok := Int(bytes.TrimSpace(item))
		if !ok {
			return nil, false
		}
		values = append(values, v)
	}
	return values, true
}

// shortDigits is how many digits always fit an int.
const shortDigits = strconv.IntSize*3/10 - 1

// Int reads a JSON number that is an integer and fits an int: an optional
// minus and digits, no fraction or exponent. It accepts what strconv.Atoi
// accepts of those, without making a string of every number.
func Int(b []byte) (int, bool) {
	digits := b
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 {
		return 0, false
	}
	n := 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if len(digits) > shortDigits { // it may not fit: let strconv say
		v, err := strconv.Atoi(string(b))
		return v, err == nil
	}
	if len(digits) < len(b) {
		n = -n
	}
	return n, true
}

// Unquote returns the text of a raw JSON string, and false if raw is not
// a string.
func Unquote(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	if plainString(raw) {
		return string(raw[1 : len(raw)-1]), true
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err == nil
}

// valueEnd returns the index just past the value that starts at b[i], and
// whether whitespace occurs in it outside strings.
func valueEnd(b []byte, i int) (end int, spaces bool) {
	switch b[i] {
	case '"':
		return stringEnd(b, i), false
	case '{', '[':
	default: // a number, true, false or null
		for i < len(b) && !endsScalar(b[i]) {
			i++
		}
		return i, false
	}
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			i = stringEnd(b, i) - 1
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1, spaces
			}
		case ' ', '\t', '\r', '\n':
			spaces = true
		}
	}
	return i, spaces
}

// stringEnd returns the index just past the string that starts at b[i].
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// endsScalar reports whether c can follow a number or literal.
func endsScalar(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// plainString reports whether the JSON string raw decodes to its own bytes:
// ASCII without escapes. Anything else is left to encoding/json, which
// also replaces invalid UTF-8 as a decoder must.
func plainString(raw []byte) bool {
	for _, c := range raw {
		if c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}
