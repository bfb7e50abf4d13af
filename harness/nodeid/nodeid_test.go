package nodeid

import (
	"slices"
	"testing"
)

func TestCompareOrdersByNumber(t *testing.T) {
	ids := []string{"n10", "lin-kv", "n2", "c10", "n0", "c2", "n02", "x", "n99999999999999999999999"}
	slices.SortFunc(ids, Compare)
	want := []string{"c2", "c10", "n0", "n02", "n2", "n10", "n99999999999999999999999", "lin-kv", "x"}
	if !slices.Equal(ids, want) {
		t.Errorf("sorted %q, want %q", ids, want)
	}
}

func TestNumbered(t *testing.T) {
	if got := Numbered(3); !slices.Equal(got, []string{"n0", "n1", "n2"}) {
		t.Errorf("Numbered(3) = %q", got)
	}
	if got := Numbered(0); len(got) != 0 {
		t.Errorf("Numbered(0) = %q", got)
	}
}
