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
	i := skipSpace(line, 0)
	if i == len(line) || line[i] != '{' {
		return Line{}, false
	}
	i = skipSpace(line, i+1)
	for i < len(line) && line[i] != '}' {
		// A key, then its value: the line is valid JSON, so each is where
		// the grammar says and only its end has to be found.
		keyEnd := skipValue(line, i)
		key := line[i+1 : keyEnd-1]
		bit := keyBits[string(key)]
		if bit == 0 || seen&bit != 0 {
			return Line{}, false // another key, an escaped one, or one seen twice
		}
		seen |= bit
		start := skipSpace(line, skipSpace(line, keyEnd)+1) // past the colon
		end := skipValue(line, start)
		value := line[start:end]
		switch bit {
		case srcBit, destBit:
			if value[0] != '"' || !plainASCII(value) {
				return Line{}, false // decoding would change it
			}
			if bit == srcBit {
				l.Src = string(value[1 : len(value)-1])
			} else {
				l.Dest = string(value[1 : len(value)-1])
			}
		case bodyBit:
			if value[0] != '{' || bytes.ContainsAny(value, " \t\r\n") {
				return Line{}, false
			}
			l.Body = value
		case idBit:
			var n int64
			if json.Unmarshal(value, &n) != nil {
				return Line{}, false
			}
		}
		i = skipSpace(line, end)
		if line[i] == ',' {
			i = skipSpace(line, i+1)
		}
	}
	if seen&(srcBit|destBit) != srcBit|destBit {
		return Line{}, false
	}
	if l.Body == nil {
		l.Body = json.RawMessage("{}")
	}
	return l, true
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
// b must be valid JSON.
func skipValue(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
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
