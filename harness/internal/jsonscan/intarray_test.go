package jsonscan

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// IntArray must accept what encoding/json accepts into []int, for any
// valid JSON a node could put in "messages", but for one quirk: encoding/json
// reads a null element as 0, while the harness README promises an array of
// integers, so [null] is malformed.
func TestIntArrayAgreesWithEncodingJSON(t *testing.T) {
	cases := []string{
		`[]`, `[ ]`, `[0]`, `[1,2,3]`, ` [ 1 , -2 ,3 ] `, "[\n1,\t2\n]", `[-0]`,
		`[9223372036854775807]`, `[-9223372036854775808]`, `[9223372036854775808]`,
		`[1.5]`, `[1.0]`, `[1e3]`, `[1E3]`, `[-1e-3]`, `["7"]`, `[null]`, `[true]`,
		`[[1]]`, `[{}]`, `null`, `{}`, `"[1]"`, `7`, `[1,"a,b",2]`, `[1,[2,3]]`,
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		xs := make([]int, rng.IntN(50))
		for i := range xs {
			xs[i] = rng.IntN(2000) - 100
		}
		b, _ := json.Marshal(xs)
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		var want []int
		err := json.Unmarshal([]byte(c), &want)
		wantOK := err == nil && want != nil && !strings.Contains(c, "null")
		got, ok := IntArray([]byte(c))
		if ok != wantOK || (ok && !slices.Equal(got, want)) {
			t.Errorf("IntArray(%s) = %v, %v; encoding/json gives %v, %v", c, got, ok, want, fmt.Sprint(err))
		}
	}
}

func BenchmarkReadOKMessages(b *testing.B) {
	xs := make([]int, 1000)
	for i := range xs {
		xs[i] = i
	}
	raw, _ := json.Marshal(xs)
	b.Run("IntArray", func(b *testing.B) {
		for b.Loop() {
			IntArray(raw)
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			var v []int
			json.Unmarshal(raw, &v)
		}
	})
}
