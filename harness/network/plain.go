package network

import (
	"bytes"
	"encoding/json"
)

// parsePlain reads the lines nearly every node writes: valid JSON, an
// object whose keys are src, dest, body and perhaps id, once each and
// without escapes, with src and dest plain strings, a compact object body
// and a whole-number id. It answers ok only for such a line, and then
// exactly as parseThoroughly would; anything else, including every line
// with a mistake, is left to parseThoroughly, which explains it.
//
// It exists for speed: a simulated run parses every message its nodes
// send, and decoding each line into a map cost a sixth of the run.
func parsePlain(line []byte) (l Line, ok bool) {
	if !json.Valid(line) {
		return Line{}, false
	}
	var seen uint8 // a bit per key
	ok = eachField(line, func(key, value []byte) bool {
		bit := keyBits[string(key)]
		if bit == 0 || seen&bit != 0 {
			return false // another key, an escaped one, or one seen twice
		}
		seen |= bit
		switch bit {
		case srcBit, destBit:
			if value[0] != '"' || !plainASCII(value) {
				return false // decoding would change it
			}
			if bit == srcBit {
				l.Src = string(value[1 : len(value)-1])
			} else {
				l.Dest = string(value[1 : len(value)-1])
			}
		case bodyBit:
			if value[0] != '{' || bytes.ContainsAny(value, " \t\r\n") {
				return false
			}
			l.Body = value
		case idBit:
			var n int64
			if json.Unmarshal(value, &n) != nil {
				return false
			}
		}
		return true
	})
	if !ok || seen&(srcBit|destBit) != srcBit|destBit {
		return Line{}, false
	}
	if l.Body == nil {
		l.Body = json.RawMessage("{}")
	}
	return l, true
}

// bodyFields decodes a message body into its fields, as json.Unmarshal
// into a map would. The network carries only bodies that are valid JSON
// objects (ParseLine checks every line), so the plain keys nearly every
// body has are found by walking it once; a key with an escape or beyond
// ASCII is left to json.Unmarshal.
func bodyFields(body []byte) (map[string]json.RawMessage, error) {
	fields := make(map[string]json.RawMessage, 8)
	plain := eachField(body, func(key, value []byte) bool {
		if !plainASCII(key) {
			return false
		}
		fields[string(key)] = value
		return true
	})
	if plain {
		return fields, nil
	}
	fields = nil
	err := json.Unmarshal(body, &fields)
	return fields, err
}

// eachField calls f with each key (as written, without its quotes) and
// value of the JSON object b, in order, until f returns false. b must be
// valid JSON, so that only the ends of keys and values need finding. It
// reports whether b is an object and f took every field.
func eachField(b []byte, f func(key, value []byte) bool) bool {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return false
	}
	for i = skipSpace(b, i+1); i < len(b) && b[i] != '}'; {
		keyEnd := skipValue(b, i)
		start := skipSpace(b, skipSpace(b, keyEnd)+1) // past the colon
		end := skipValue(b, start)
		if keyEnd < i+2 || end <= start || !f(b[i+1:keyEnd-1], b[start:end]) {
			return false
		}
		if i = skipSpace(b, end); i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return true
}

// The keys of a message, a bit each.
const (
	srcBit uint8 = 1 << iota
	destBit
	bodyBit
	idBit
)

var keyBits = map[string]uint8{"src": srcBit, "dest": destBit, "body": bodyBit, "id": idBit}

// skipSpace returns the index of the first byte at or after i that is not
// JSON whitespace.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// skipValue returns the index just past the JSON value that starts at i.
// b must be valid JSON; on anything else it stops at the end of b.
func skipValue(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i >= len(b) {
				return len(b)
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
			if depth < 0 { // the end of the object around a number or literal
				return i
			}
		case ',', ' ', '\t', '\r', '\n':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// plainASCII reports whether a JSON string means what it says: ASCII with
// no escapes, which decoding would rewrite.
func plainASCII(s []byte) bool {
	for _, c := range s {
		if c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}
