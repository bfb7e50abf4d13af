package checker

import (
	"slices"
	"testing"
)

func TestQuantilesOf(t *testing.T) {
	tests := []struct {
		name string
		in   []int64
		want Quantiles
	}{
		{"empty", nil, Quantiles{}},
		{"one value", []int64{7}, Quantiles{7, 7, 7, 7, 7}},
		// Jepsen's quantile rule (checker.clj): index min(n-1, floor(n·q)).
		{"three values", []int64{0, 9, 5139}, Quantiles{0, 9, 5139, 5139, 5139}},
		{"unsorted input", []int64{5139, 0, 9}, Quantiles{0, 9, 5139, 5139, 5139}},
		{"two values", []int64{3, 1}, Quantiles{1, 3, 3, 3, 3}},
		// n = 20: floor(20·0.95) = 19 (the float product is exactly 19),
		// floor(20·0.5) = 10, floor(20·0.99) = 19.
		{"twenty values", seq(1, 20), Quantiles{1, 11, 20, 20, 20}},
		// n = 100: index 50, 95, 99, min(99, 100).
		{"hundred values", seq(1, 100), Quantiles{1, 51, 96, 100, 100}},
		{"duplicates", []int64{2, 2, 2, 8}, Quantiles{2, 2, 8, 8, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := QuantilesOf(tt.in); got != tt.want {
				t.Errorf("QuantilesOf(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestQuantilesOfLeavesInputAlone(t *testing.T) {
	in := []int64{3, 1, 2}
	QuantilesOf(in)
	if !slices.Equal(in, []int64{3, 1, 2}) {
		t.Errorf("input was reordered to %v", in)
	}
}

// seq returns from, from+1, …, to.
func seq(from, to int64) []int64 {
	var s []int64
	for v := from; v <= to; v++ {
		s = append(s, v)
	}
	return s
}
