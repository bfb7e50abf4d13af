package plot

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, "nil"},
		{7, "7"},
		{[]int{}, "[]"},
		{[]int{0, 3, 7}, "[0 3 7]"},
		{history.Keyword("network-healed"), ":network-healed"},
		{history.Isolated{Grudge: history.Grudge{"n2": {"n3", "n1"}, "n1": nil}}, `[:isolated {"n1" #{}, "n2" #{"n1" "n3"}}]`},
		{"x\"y", `"x\"y"`},
	}
	for _, tt := range tests {
		if got := formatValue(tt.v); got != tt.want {
			t.Errorf("formatValue(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestFormatError(t *testing.T) {
	tests := []struct {
		e    history.Error
		want string
	}{
		{history.Error{Kind: history.Timeout, Name: "net-timeout"}, ":net-timeout"},
		{history.Error{Kind: history.Timeout}, ":net-timeout"},
		{history.Error{Kind: history.Reply, Code: 14, Name: "abort", Text: "no"}, `[:abort "no"]`},
		{history.Error{Kind: history.Malformed, Text: "indeterminate: Malformed RPC response."}, "indeterminate: Malformed RPC response."},
	}
	for _, tt := range tests {
		if got := formatError(&tt.e); got != tt.want {
			t.Errorf("formatError(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}
