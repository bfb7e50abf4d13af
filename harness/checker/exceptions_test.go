package checker

import (
	"reflect"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func withException(o history.Op, text string) history.Op {
	o.Exception = text
	return o
}

var malformed = history.Error{Kind: history.Malformed, Text: "extra field \"x\""}

func TestExceptionClass(t *testing.T) {
	tests := []struct {
		name string
		op   history.Op
		want string
	}{
		{"malformed response, any text", withError(withException(op(0, 0, info, read, nil), "whatever it says"), malformed), "MalformedRPCResponse"},
		{"class prefix", withException(op(0, 0, info, read, nil), "DecodeError: bad JSON"), "DecodeError"},
		{"class prefix, no message", withException(op(0, 0, info, read, nil), "DecodeError:"), "DecodeError"},
		{"no colon", withException(op(0, 0, info, read, nil), "something broke"), "Exception"},
		{"prefix with spaces is a sentence", withException(op(0, 0, info, read, nil), "it broke: badly"), "Exception"},
		{"empty prefix", withException(op(0, 0, info, read, nil), ": odd"), "Exception"},
		{"timeout error does not decide", withError(withException(op(0, 0, info, read, nil), "Boom: x"), timeout), "Boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exceptionClass(tt.op); got != tt.want {
				t.Errorf("exceptionClass = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExceptions(t *testing.T) {
	h := hist(
		op(0, 0, inv, add, 0),
		withError(withException(op(1, 0, info, add, 0), "bad reply"), malformed),
		op(2, 2, inv, read, nil),
		withException(op(3, 2, info, read, nil), "Zeta: one"),
		op(4, 1, inv, read, nil),
		withException(op(5, 1, info, read, nil), "Alpha: one"),
		op(6, 3, inv, add, 1),
		withError(withException(op(7, 3, info, add, 1), "bad reply again"), malformed),
		// Not counted: an ok op, a fail op, an info op without exception,
		// and the nemesis.
		op(8, 4, inv, read, nil),
		withException(op(9, 4, ok, read, []int{}), "Alpha: ignored"),
		op(10, 4, inv, read, nil),
		withException(op(11, 4, fail, read, nil), "Alpha: ignored"),
		op(12, 5, inv, add, 2),
		withError(op(13, 5, info, add, 2), timeout),
		withException(op(14, nem, info, history.StartPartition, nil), "Alpha: ignored"),
	)
	got := CheckExceptions(h)
	want := Exceptions{
		Valid: Valid,
		Groups: []ExceptionGroup{
			{Count: 2, Class: "MalformedRPCResponse", Example: h[1]},
			// Equal counts: by class name.
			{Count: 1, Class: "Alpha", Example: h[5]},
			{Count: 1, Class: "Zeta", Example: h[3]},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CheckExceptions =\n%+v\nwant\n%+v", got, want)
	}
}

func TestNoExceptions(t *testing.T) {
	got := CheckExceptions(specHistory(false))
	if got.Valid != Valid || got.Groups != nil {
		t.Errorf("CheckExceptions = %+v, want valid with no groups", got)
	}
}
