package broadcast

import (
	"bytes"
	"strconv"
)

// parseInts reads a read_ok's "messages": a JSON array of integers that fit
// an int, such as [1,2,3]. It accepts exactly what decoding into []int with
// encoding/json accepts, but raw must already be valid JSON (the network
// checks every line), so it only has to check the shape. Reads are the hot
// path of a simulation: every read_ok lists every value the node holds, and
// decoding them by reflection took a fifth of a simulated run.
func parseInts(raw []byte) ([]int, bool) {
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
		v, ok := atoi(bytes.TrimSpace(item))
		if !ok {
			return nil, false
		}
		values = append(values, v)
	}
	return values, true
}

// shortDigits is how many digits always fit an int.
const shortDigits = strconv.IntSize*3/10 - 1

// atoi reads a whole number, an optional minus and digits, without a
// fraction or an exponent, that fits an int.
func atoi(b []byte) (int, bool) {
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
