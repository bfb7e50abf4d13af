package store

import (
	"math"
	"strconv"
	"testing"
)

func TestJavaFloat(t *testing.T) {
	tests := []struct {
		in   float32
		want string
	}{
		{0, "0.0"},
		{float32(math.Copysign(0, -1)), "-0.0"},
		{1, "1.0"},
		{2, "2.0"},
		{-2, "-2.0"},
		{100, "100.0"},
		{29.0 / 6, "4.8333335"},    // 29 messages over 6 ops
		{5.0 / 6, "0.8333333"},     // 5 over 6
		{390.0 / 193, "2.0207255"}, // a real 3a run of Maelstrom
		{404.0 / 200, "2.02"},
		{49884.0 / 1978, "25.219414"},
		{53940.0 / 1978, "27.26997"},
		{812.0 / 200, "4.06"},
		{0.001, "0.001"},
		{0.00099999, "9.9999E-4"},
		{0.0001, "1.0E-4"},
		{9999999, "9999999.0"},
		{1e7, "1.0E7"},
		{1.5e7, "1.5E7"},
		{123456789, "1.2345679E8"},
		{math.MaxFloat32, "3.4028235E38"},
		// One digit would read back, but Java takes the closer two-digit
		// decimal.
		{math.SmallestNonzeroFloat32, "1.4E-45"},
		{float32(math.Inf(1)), "Infinity"},
		{float32(math.NaN()), "NaN"},
	}
	for _, tt := range tests {
		if got := javaFloat(tt.in); got != tt.want {
			t.Errorf("javaFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Every finite output must read back as the same float32.
func TestJavaFloatRoundTrips(t *testing.T) {
	for _, bits := range []uint32{1, 0x00012345, 0x3e99999a, 0x3f800001, 0x4b18967f, 0x4b189680, 0x7f7fffff, 0x3a83126f, 0x3a83126e} {
		f := math.Float32frombits(bits)
		s := javaFloat(f)
		back, err := strconv.ParseFloat(s, 32)
		if err != nil || float32(back) != f {
			t.Errorf("javaFloat(%v) = %q reads back as %v, %v", f, s, back, err)
		}
	}
}
