package checker

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// outcomesHistory has one client invocation per entry of types, completed
// with that type (or left open for history.Invoke), plus a nemesis pair that
// must not count.
func outcomesHistory(types ...history.Type) history.History {
	ops := []history.Op{
		op(0, nem, inv, history.StartPartition, nil),
		op(0, nem, info, history.StartPartition, history.Keyword("majority")),
	}
	for i, typ := range types {
		ops = append(ops, op(int64(i), i, inv, read, nil))
		if typ != inv {
			ops = append(ops, op(int64(i), i, typ, read, nil))
		}
	}
	return hist(ops...)
}

func repeat(typ history.Type, n int) []history.Type {
	s := make([]history.Type, n)
	for i := range s {
		s[i] = typ
	}
	return s
}

func TestAvailability(t *testing.T) {
	threeOfFour := []history.Type{ok, ok, fail, ok}
	nineOfTen := append(repeat(ok, 9), info)
	tests := []struct {
		name     string
		types    []history.Type
		req      *Requirement
		fraction float32
		valid    Validity
	}{
		{"no invocations", nil, nil, 1, Valid},
		{"no invocations, total required", nil, &Requirement{Total: true}, 1, Valid},
		{"all ok", repeat(ok, 4), nil, 1, Valid},
		{"no requirement, poor run", []history.Type{fail, info, ok, fail}, nil, 0.25, Valid},
		{"unfinished ops count as invoked", []history.Type{ok, inv}, nil, 0.5, Valid},
		{"total met", repeat(ok, 4), &Requirement{Total: true}, 1, Valid},
		{"total missed", threeOfFour, &Requirement{Total: true}, 0.75, Invalid},
		{"minimum met exactly", threeOfFour, &Requirement{Min: 0.75}, 0.75, Valid},
		{"minimum missed", threeOfFour, &Requirement{Min: 0.8}, 0.75, Invalid},
		{"minimum of zero", repeat(fail, 3), &Requirement{Min: 0}, 0, Valid},
		// float32(0.9) < 0.9, yet 9 of 10 is 0.9.
		{"nine of ten meets 0.9", nineOfTen, &Requirement{Min: 0.9}, 0.9, Valid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckAvailability(outcomesHistory(tt.types...), tt.req)
			if got.OKFraction != tt.fraction || got.Valid != tt.valid {
				t.Errorf("got %+v, want fraction %v and %v", got, tt.fraction, tt.valid)
			}
		})
	}
}
