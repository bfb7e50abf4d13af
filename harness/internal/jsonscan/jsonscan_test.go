package jsonscan

import (
	"math"
	"slices"
	"testing"
)

func TestMembers(t *testing.T) {
	type member struct {
		key, value string
		spaces     bool
	}
	var got []member
	ok := Members([]byte(` { "a" : 1 , "b\u0021":{"x": [1, "]}"]}, "c":"s\"}" ,"d":[] } `), func(k string, v []byte, sp bool) {
		got = append(got, member{k, string(v), sp})
	})
	want := []member{{"a", "1", false}, {"b!", `{"x": [1, "]}"]}`, true}, {"c", `"s\"}"`, false}, {"d", "[]", false}}
	if !ok || !slices.Equal(got, want) {
		t.Errorf("Members = %v %+v, want %+v", ok, got, want)
	}
	for _, notObject := range []string{`[1]`, `"x"`, `1`, ``} {
		if Members([]byte(notObject), func(string, []byte, bool) {}) {
			t.Errorf("Members(%s) took it for an object", notObject)
		}
	}
}

func TestInts(t *testing.T) {
	var got []int
	Ints([]byte(`{"type":"gossip 7","messages":[1,22,-3],"f":1.5,"e":2e3,"big":99999999999999999999999,"n":{"v":[0]},"edges":[9223372036854775807,-9223372036854775808,9223372036854775808]}`), func(n int) { got = append(got, n) })
	if want := []int{1, 22, -3, 0, math.MaxInt64, math.MinInt64}; !slices.Equal(got, want) {
		t.Errorf("Ints = %v, want %v", got, want)
	}
}

func TestUnquote(t *testing.T) {
	for raw, want := range map[string]string{`"n1"`: "n1", `"a\"b"`: `a"b`, `"\u00e9"`: "é"} {
		if got, ok := Unquote([]byte(raw)); !ok || got != want {
			t.Errorf("Unquote(%s) = %q %v, want %q", raw, got, ok, want)
		}
	}
	for _, raw := range []string{`1`, `null`, `"`} {
		if _, ok := Unquote([]byte(raw)); ok {
			t.Errorf("Unquote(%s) took it for a string", raw)
		}
	}
}
