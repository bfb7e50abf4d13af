package checker

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// specHistory is a worked example of set-full's rules, by hand: value 0
// stale, 1 stable at once, 2 lost, 3 never read. With swapped set, the two
// final-read invocations trade places (p3's read at index 14, p0's at 15),
// keeping the times of their positions.
func specHistory(swapped bool) history.History {
	first, second := op(5200, 0, inv, read, nil), op(5201, 3, inv, read, nil)
	if swapped {
		first, second = op(5200, 3, inv, read, nil), op(5201, 0, inv, read, nil)
	}
	return hist(
		op(0, 0, inv, add, 0),
		op(1, 0, ok, add, 0),
		op(2, 1, inv, add, 1),
		op(3, 1, ok, add, 1),
		op(10, 1, inv, read, nil),
		op(11, 1, ok, read, []int{1}),
		op(50, 0, inv, read, nil),
		op(51, 0, ok, read, []int{0, 1}),
		op(60, 0, inv, add, 2),
		op(61, 0, ok, add, 2),
		op(70, 1, inv, read, nil),
		op(71, 1, ok, read, []int{0, 1}),
		op(80, 1, inv, add, 3),
		withError(op(5080, 1, info, add, 3), timeout),
		final(first),
		final(second),
		final(op(5202, 0, ok, read, []int{0, 1, 2})),
		final(op(5203, 3, ok, read, []int{0, 1})),
	)
}

func ms(v int64) *int64 { return &v }

// opAt is the history's op i as the checker reports it, with a broadcast
// renamed to Maelstrom's :add.
func opAt(h history.History, i int) *history.Op {
	o := h[i]
	if o.F == history.Broadcast {
		o.F = "add"
	}
	return &o
}

func TestSetFullSpecExample(t *testing.T) {
	h := specHistory(false)
	got := CheckSetFull(h)
	want := SetFull{
		Valid:        Invalid,
		AttemptCount: 4,
		StableCount:  2,
		Lost:         []int{2},
		NeverRead:    []int{3},
		Stale:        []int{0},
		WorstStale: []Element{{
			Element:       0,
			Outcome:       Stable,
			StableLatency: ms(9), // 10 ms + 1 ns − 1 ms, truncated
			Known:         opAt(h, 1),
			LastAbsent:    opAt(h, 4),
			LastPresent:   opAt(h, 15),
		}},
		StableLatencies: &Quantiles{0, 9, 9, 9, 9},
		LostLatencies:   &Quantiles{5139, 5139, 5139, 5139, 5139},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CheckSetFull =\n%+v\nwant\n%+v", got, want)
	}
}

func TestSetFullSpecExampleSwapped(t *testing.T) {
	h := specHistory(true)
	got := CheckSetFull(h)
	want := SetFull{
		Valid:        Valid,
		AttemptCount: 4,
		StableCount:  3,
		Lost:         []int{},
		NeverRead:    []int{3},
		Stale:        []int{0, 2},
		WorstStale: []Element{
			{
				Element:       2,
				Outcome:       Stable,
				StableLatency: ms(5139), // 5200 ms + 1 ns − 61 ms
				Known:         opAt(h, 9),
				LastAbsent:    opAt(h, 14),
				LastPresent:   opAt(h, 15),
			},
			{
				Element:       0,
				Outcome:       Stable,
				StableLatency: ms(9),
				Known:         opAt(h, 1),
				LastAbsent:    opAt(h, 4),
				LastPresent:   opAt(h, 15),
			},
		},
		StableLatencies: &Quantiles{0, 9, 5139, 5139, 5139},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CheckSetFull =\n%+v\nwant\n%+v", got, want)
	}
	if f := got.WorstStale[0].Known.F; f != "add" {
		t.Errorf("worst-stale :known op has :f %q, want Maelstrom's \"add\"", f)
	}
	if got.Stale[0] != 0 || got.WorstStale[0].Element != 2 {
		t.Errorf("stale must be ascending (%v) and worst-stale largest first (%v)",
			got.Stale, got.WorstStale)
	}
}

func TestSetFullResultsDoNotAliasHistory(t *testing.T) {
	h := specHistory(false)
	got := CheckSetFull(h)
	h[1].Time = time.Hour
	if got.WorstStale[0].Known.Time != time.Millisecond {
		t.Errorf("changing the history changed the result's known op")
	}
}

// outcomes summarises the classes of a result, for the smaller cases.
type outcomes struct {
	valid     Validity
	attempts  int
	stable    int
	lost      []int
	neverRead []int
	stale     []int
}

func summarise(r SetFull) outcomes {
	return outcomes{r.Valid, r.AttemptCount, r.StableCount, r.Lost, r.NeverRead, r.Stale}
}

func TestSetFullCases(t *testing.T) {
	tests := []struct {
		name string
		h    history.History
		want outcomes
	}{
		{
			name: "empty history: nothing stable, so unknown",
			h:    hist(),
			want: outcomes{valid: Unknown},
		},
		{
			name: "no read ever: unknown",
			h: hist(
				op(0, 0, inv, add, 0),
				op(1, 0, ok, add, 0),
				op(2, 0, inv, add, 1),
				op(3, 0, ok, add, 1),
			),
			want: outcomes{valid: Unknown, attempts: 2, neverRead: []int{0, 1}},
		},
		{
			name: "only failing reads: unknown",
			h: hist(
				op(0, 0, inv, add, 0),
				op(1, 0, ok, add, 0),
				op(2, 0, inv, read, nil),
				withError(op(5002, 0, fail, read, nil), timeout),
			),
			want: outcomes{valid: Unknown, attempts: 1, neverRead: []int{0}},
		},
		{
			name: "a value read twice in one read is one value",
			h: hist(
				op(0, 0, inv, add, 5),
				op(1, 0, ok, add, 5),
				op(2, 0, inv, read, nil),
				op(3, 0, ok, read, []int{5, 5}),
			),
			want: outcomes{valid: Valid, attempts: 1, stable: 1},
		},
		{
			name: "values nobody broadcast are ignored",
			h: hist(
				op(0, 0, inv, add, 0),
				op(1, 0, ok, add, 0),
				op(2, 0, inv, read, nil),
				op(3, 0, ok, read, []int{0, 42, 7}),
			),
			want: outcomes{valid: Valid, attempts: 1, stable: 1},
		},
		{
			name: "a value read before its broadcast was invoked is not tracked yet",
			h: hist(
				op(0, 0, inv, read, nil),
				op(1, 0, ok, read, []int{4}),
				op(2, 0, inv, add, 4),
				op(3, 0, ok, add, 4),
			),
			want: outcomes{valid: Unknown, attempts: 1, neverRead: []int{4}},
		},
		{
			name: "a failed broadcast that shows up anyway is not penalised",
			h: hist(
				op(0, 0, inv, add, 0),
				op(1, 0, fail, add, 0),
				op(2, 0, inv, read, nil),
				op(3, 0, ok, read, []int{0}),
			),
			want: outcomes{valid: Valid, attempts: 1, stable: 1},
		},
		{
			name: "an info broadcast never observed is never-read, not lost",
			h: hist(
				op(0, 0, inv, add, 0),
				withError(op(5000, 0, info, add, 0), timeout),
				op(5001, 2, inv, read, nil),
				op(5002, 2, ok, read, []int{}),
				op(5003, 2, inv, add, 1),
				op(5004, 2, ok, add, 1),
				op(5005, 2, inv, read, nil),
				op(5006, 2, ok, read, []int{1}),
			),
			want: outcomes{valid: Valid, attempts: 2, stable: 1, neverRead: []int{0}},
		},
		{
			name: "an acknowledged value missing from the last read is lost",
			h: hist(
				op(0, 0, inv, add, 0),
				op(1, 0, ok, add, 0),
				op(2, 0, inv, read, nil),
				op(3, 0, ok, read, []int{0}),
				op(4, 0, inv, read, nil),
				op(5, 0, ok, read, []int{}),
			),
			want: outcomes{valid: Invalid, attempts: 1, lost: []int{0}},
		},
		{
			// The read that missed it began after the read that saw it,
			// but before the value was known, so it proves nothing.
			name: "a concurrent miss before the value was known is never-read",
			h: hist(
				op(0, 0, inv, add, 0),
				op(1, 1, inv, read, nil),
				op(2, 2, inv, read, nil),
				op(3, 2, ok, read, []int{}),
				op(4, 1, ok, read, []int{0}),
				op(5, 0, ok, add, 0),
			),
			want: outcomes{valid: Unknown, attempts: 1, neverRead: []int{0}},
		},
		{
			name: "a miss by a read invoked before the add was acknowledged is not stale",
			h: hist(
				op(0, 1, inv, read, nil),
				op(1, 0, inv, add, 0),
				op(2, 1, ok, read, []int{}),
				op(3, 0, ok, add, 0),
				op(4, 1, inv, read, nil),
				op(5, 1, ok, read, []int{0}),
			),
			want: outcomes{valid: Valid, attempts: 1, stable: 1},
		},
		{
			name: "nemesis ops are not client ops",
			h: hist(
				op(0, nem, inv, history.StartPartition, nil),
				op(0, 0, inv, add, 0),
				op(1, 0, ok, add, 0),
				op(1, nem, info, history.StartPartition, history.Keyword("majority")),
				op(2, 0, inv, read, nil),
				op(3, 0, ok, read, []int{0}),
			),
			want: outcomes{valid: Valid, attempts: 1, stable: 1},
		},
		{
			name: "final reads count like any other read",
			h: hist(
				op(0, 0, inv, add, 0),
				op(1, 0, ok, add, 0),
				final(op(2, 0, inv, read, nil)),
				final(op(3, 0, ok, read, []int{0})),
			),
			want: outcomes{valid: Valid, attempts: 1, stable: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CheckSetFull(tt.h)
			got := summarise(r)
			if got.valid != tt.want.valid || got.attempts != tt.want.attempts ||
				got.stable != tt.want.stable || !slices.Equal(got.lost, tt.want.lost) ||
				!slices.Equal(got.neverRead, tt.want.neverRead) || !slices.Equal(got.stale, tt.want.stale) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if r.DuplicatedCount != 0 {
				t.Errorf("DuplicatedCount = %d, want 0", r.DuplicatedCount)
			}
			if (r.StableLatencies != nil) != (r.StableCount > 0) {
				t.Errorf("StableLatencies = %v with %d stable", r.StableLatencies, r.StableCount)
			}
			if (r.LostLatencies != nil) != (len(r.Lost) > 0) {
				t.Errorf("LostLatencies = %v with lost %v", r.LostLatencies, r.Lost)
			}
		})
	}
}

func TestSetFullEmptyListsAreNotNil(t *testing.T) {
	r := CheckSetFull(nil)
	if r.Lost == nil || r.NeverRead == nil || r.Stale == nil || r.WorstStale == nil {
		t.Errorf("empty lists should be empty, not nil: %+v", r)
	}
}

// TestSetFullWorstStale checks the cut at eight and the order: the largest
// latency first, equal latencies by ascending value.
func TestSetFullWorstStale(t *testing.T) {
	// Values 0…9 are acknowledged at 10·v ms; values 10 and 11 at the same
	// time as 9. A read at 1000 ms misses them all, a later one sees them,
	// so value v is stale by 1000 − 10·v ms (clamped for nothing here).
	var ops []history.Op
	known := map[int]int64{}
	for v := range 12 {
		at := int64(10 * min(v, 9))
		known[v] = at
		ops = append(ops, op(at, 0, inv, add, v), op(at, 0, ok, add, v))
	}
	all := make([]int, 12)
	for v := range all {
		all[v] = v
	}
	ops = append(ops,
		op(1000, 1, inv, read, nil),
		op(1001, 1, ok, read, []int{}),
		op(1002, 1, inv, read, nil),
		op(1003, 1, ok, read, all),
	)
	r := CheckSetFull(hist(ops...))
	if len(r.Stale) != 12 {
		t.Fatalf("stale = %v, want all 12 values", r.Stale)
	}
	var order []int
	for _, el := range r.WorstStale {
		order = append(order, el.Element)
		if want := 1000 - known[el.Element]; *el.StableLatency != want {
			t.Errorf("element %d latency %d, want %d", el.Element, *el.StableLatency, want)
		}
		if el.Outcome != Stable || el.LostLatency != nil || el.LastAbsent.Index != 24 {
			t.Errorf("element %d: %+v", el.Element, el)
		}
	}
	if want := []int{0, 1, 2, 3, 4, 5, 6, 7}; !slices.Equal(order, want) {
		t.Errorf("worst-stale order %v, want %v", order, want)
	}
	if want := (Quantiles{910, 950, 1000, 1000, 1000}); *r.StableLatencies != want {
		t.Errorf("stable latencies %v, want %v", *r.StableLatencies, want)
	}
}

func TestSetFullWorstStaleTies(t *testing.T) {
	h := hist(
		op(0, 0, inv, add, 7),
		op(0, 0, ok, add, 7),
		op(0, 0, inv, add, 3),
		op(0, 0, ok, add, 3),
		op(0, 0, inv, add, 5),
		op(0, 0, ok, add, 5),
		op(20, 1, inv, read, nil),
		op(21, 1, ok, read, []int{}),
		op(22, 1, inv, read, nil),
		op(23, 1, ok, read, []int{3, 5, 7}),
	)
	var order []int
	for _, el := range CheckSetFull(h).WorstStale {
		order = append(order, el.Element)
	}
	if want := []int{3, 5, 7}; !slices.Equal(order, want) {
		t.Errorf("tied worst-stale order %v, want %v", order, want)
	}
}

func TestLatencyMs(t *testing.T) {
	at := func(d time.Duration) *history.Op { return &history.Op{Time: d} }
	const msec = time.Millisecond
	tests := []struct {
		name       string
		known, ref *history.Op
		want       int64
	}{
		{"no reference read", at(5 * msec), nil, 0},
		{"reference before known", at(5 * msec), at(2 * msec), 0},
		{"one nanosecond short of a millisecond", at(msec), at(2*msec - 2), 0},
		{"the extra nanosecond completes it", at(msec), at(2*msec - 1), 1},
		{"truncated, not rounded", at(0), at(9*msec + 900*time.Microsecond), 9},
		{"worked example, stale", at(msec), at(10 * msec), 9},
		{"worked example, lost", at(61 * msec), at(5200 * msec), 5139},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := latencyMs(tt.known, tt.ref); got != tt.want {
				t.Errorf("latencyMs = %d, want %d", got, tt.want)
			}
		})
	}
}
