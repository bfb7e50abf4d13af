package checker

import (
	"reflect"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func TestStats(t *testing.T) {
	tests := []struct {
		name string
		h    history.History
		want Stats
	}{
		{
			name: "no ops is vacuously valid",
			h:    hist(),
			want: Stats{ByF: map[string]Counts{}},
		},
		{
			name: "mixed outcomes; invocations and the nemesis are not counted",
			h: hist(
				op(0, nem, inv, history.StartPartition, nil),
				op(0, 0, inv, add, 0),
				op(1, 0, ok, add, 0),
				op(1, nem, info, history.StartPartition, history.Keyword("majority")),
				op(2, 1, inv, add, 1),
				withError(op(5002, 1, info, add, 1), timeout),
				op(5003, 3, inv, read, nil),
				withError(op(10003, 3, fail, read, nil), timeout),
				op(10004, 3, inv, read, nil),
				op(10005, 3, ok, read, []int{0}),
				op(10006, 0, inv, add, 2),
				op(10007, 0, fail, add, 2),
			),
			want: Stats{
				Counts: Counts{Valid: Valid, Count: 5, OKCount: 2, FailCount: 2, InfoCount: 1},
				ByF: map[string]Counts{
					"broadcast": {Valid: Valid, Count: 3, OKCount: 1, FailCount: 1, InfoCount: 1},
					"read":      {Valid: Valid, Count: 2, OKCount: 1, FailCount: 1},
				},
			},
		},
		{
			name: "an f that never succeeded makes stats invalid",
			h: hist(
				op(0, 0, inv, add, 0),
				op(1, 0, ok, add, 0),
				op(2, 0, inv, read, nil),
				withError(op(5002, 0, fail, read, nil), timeout),
				op(5003, 0, inv, read, nil), // never completed
			),
			want: Stats{
				Counts: Counts{Valid: Invalid, Count: 2, OKCount: 1, FailCount: 1},
				ByF: map[string]Counts{
					"broadcast": {Valid: Valid, Count: 1, OKCount: 1},
					"read":      {Valid: Invalid, Count: 1, FailCount: 1},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckStats(tt.h); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("CheckStats =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// A passing 5-node run: 98 broadcasts and 102 reads, all ok.
func TestStatsSpecSkeleton(t *testing.T) {
	var ops []history.Op
	for i := range 200 {
		f, v := read, any([]int{})
		if i < 98 {
			f, v = add, i
		}
		ops = append(ops, op(int64(i), i%5, inv, f, nil), op(int64(i), i%5, ok, f, v))
	}
	got := CheckStats(hist(ops...))
	want := Stats{
		Counts: Counts{Valid: Valid, Count: 200, OKCount: 200},
		ByF: map[string]Counts{
			"broadcast": {Valid: Valid, Count: 98, OKCount: 98},
			"read":      {Valid: Valid, Count: 102, OKCount: 102},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CheckStats =\n%+v\nwant\n%+v", got, want)
	}
}
