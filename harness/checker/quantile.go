package checker

import (
	"math"
	"slices"
)

// QuantilesOf returns the value at each of QuantilePoints. Like Jepsen, it
// picks a real sample rather than interpolating: for n sorted values the
// quantile q is the one at index min(n-1, floor(n·q)). The floor is taken of
// a float64 product, as the JVM does, so 0.95 and 0.99 land on the same
// index Maelstrom would pick. An empty input gives all zeros; callers that
// must tell "no values" apart check the length themselves.
func QuantilesOf(ms []int64) Quantiles {
	var q Quantiles
	n := len(ms)
	if n == 0 {
		return q
	}
	sorted := slices.Clone(ms)
	slices.Sort(sorted)
	for i, point := range QuantilePoints {
		q[i] = sorted[min(n-1, int(math.Floor(float64(n)*point)))]
	}
	return q
}
