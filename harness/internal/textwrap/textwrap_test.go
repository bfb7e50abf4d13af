package textwrap

import (
	"slices"
	"testing"
)

func TestWrap(t *testing.T) {
	got := Wrap("  the quick brown fox jumps over   an extraordinarily lazy dog ", 10)
	want := []string{"the quick", "brown fox", "jumps over", "an", "extraordinarily", "lazy dog"}
	if !slices.Equal(got, want) {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
	if Wrap("   ", 5) != nil {
		t.Error("blank text gave lines")
	}
}
