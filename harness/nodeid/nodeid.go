// Package nodeid names and orders the ids of a test's nodes and clients,
// as Maelstrom numbers them: n0, n1, … for --node-count nodes, c0, c1, …
// for clients. Every list of nodes the harness writes is in this order, so
// that n2 comes before n10.
package nodeid

import (
	"strconv"
	"strings"
)

// Numbered returns the ids --node-count gives count nodes: n0 … n{count-1}.
func Numbered(count int) []string {
	ids := make([]string, count)
	for i := range ids {
		ids[i] = "n" + strconv.Itoa(i)
	}
	return ids
}

// Compare orders ids made of letters and then digits by their letters and
// then their number (c2 before c10, and every client before the n…
// nodes), and any other id after those, as text. It returns a negative
// number, zero or a positive number, as strings.Compare does.
func Compare(a, b string) int {
	pa, na, okA := split(a)
	pb, nb, okB := split(b)
	switch {
	case okA && !okB:
		return -1
	case !okA && okB:
		return 1
	case !okA:
		return strings.Compare(a, b)
	}
	if c := strings.Compare(pa, pb); c != 0 {
		return c
	}
	// The numbers are compared as digit strings, so no id is too long.
	ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
	if len(ta) != len(tb) {
		return len(ta) - len(tb)
	}
	if c := strings.Compare(ta, tb); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// split splits an id of ASCII letters followed by digits, such as n12.
func split(id string) (letters, digits string, ok bool) {
	i := 0
	for i < len(id) && (id[i] >= 'a' && id[i] <= 'z' || id[i] >= 'A' && id[i] <= 'Z') {
		i++
	}
	if i == 0 || i == len(id) {
		return "", "", false
	}
	for j := i; j < len(id); j++ {
		if id[j] < '0' || id[j] > '9' {
			return "", "", false
		}
	}
	return id[:i], id[i:], true
}
