package store

import (
	"slices"
	"strings"
	"testing"
	"time"

	"olympos.io/encoding/edn"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
	"github.com/deamondev/gossip-glomers-tutorial/harness/nodeid"
)

func TestFormatOp(t *testing.T) {
	tests := []struct {
		name string
		op   history.Op
		want string
	}{
		{
			"broadcast invoke",
			history.Op{Index: 0, Time: 1500, Type: history.Invoke, Process: 2, F: history.Broadcast, Value: 7},
			`{:index 0, :time 1500, :type :invoke, :process 2, :f :broadcast, :value 7}`,
		},
		{
			"read invoke",
			history.Op{Index: 1, Time: 2 * time.Second, Type: history.Invoke, Process: 0, F: history.Read},
			`{:index 1, :time 2000000000, :type :invoke, :process 0, :f :read, :value nil}`,
		},
		{
			"final read",
			history.Op{Index: 9, Time: 77, Type: history.OK, Process: 3, F: history.Read, Value: []int{0, 3, 7}, Final: true},
			`{:index 9, :time 77, :type :ok, :process 3, :f :read, :value [0 3 7], :final? true}`,
		},
		{
			"empty read",
			history.Op{Index: 2, Time: 5, Type: history.OK, Process: 1, F: history.Read, Value: []int{}},
			`{:index 2, :time 5, :type :ok, :process 1, :f :read, :value []}`,
		},
		{
			"nemesis start",
			history.Op{Index: 3, Time: 6, Type: history.Info, Process: history.NemesisProcess, F: history.StartPartition, Value: history.Keyword("majority")},
			`{:index 3, :time 6, :type :info, :process :nemesis, :f :start-partition, :value :majority}`,
		},
		{
			"nemesis isolated",
			history.Op{Index: 4, Time: 7, Type: history.Info, Process: history.NemesisProcess, F: history.StartPartition,
				Value: history.Isolated{Grudge: history.Grudge{
					"n10": {"n2", "n1"},
					"n2":  {"n10", "n1", "n1"},
					"n1":  {},
				}}},
			`{:index 4, :time 7, :type :info, :process :nemesis, :f :start-partition, :value [:isolated {"n1" #{}, "n2" #{"n1" "n10"}, "n10" #{"n1" "n2"}}]}`,
		},
		{
			"nemesis stop",
			history.Op{Index: 5, Time: 8, Type: history.Info, Process: history.NemesisProcess, F: history.StopPartition, Value: history.Keyword("network-healed")},
			`{:index 5, :time 8, :type :info, :process :nemesis, :f :stop-partition, :value :network-healed}`,
		},
		{
			"timeout",
			history.Op{Index: 6, Time: 9, Type: history.Info, Process: 3, F: history.Broadcast, Value: 12,
				Error: &history.Error{Kind: history.Timeout, Name: "net-timeout"}},
			`{:index 6, :time 9, :type :info, :process 3, :f :broadcast, :value 12, :error :net-timeout}`,
		},
		{
			"error reply",
			history.Op{Index: 7, Time: 10, Type: history.Fail, Process: 4, F: history.Broadcast, Value: 13,
				Error: &history.Error{Kind: history.Reply, Code: 11, Name: "temporarily-unavailable", Text: `busy "now"`}},
			`{:index 7, :time 10, :type :fail, :process 4, :f :broadcast, :value 13, :error [:temporarily-unavailable "busy \"now\""]}`,
		},
		{
			"malformed reply",
			history.Op{Index: 8, Time: 11, Type: history.Info, Process: 0, F: history.Broadcast, Value: 14,
				Error:     &history.Error{Kind: history.Malformed, Text: "unexpected key extra"},
				Exception: "clojure.lang.ExceptionInfo: bad\nline two"},
			`{:index 8, :time 11, :type :info, :process 0, :f :broadcast, :value 14, :error "indeterminate: Malformed RPC response. unexpected key extra", :exception "clojure.lang.ExceptionInfo: bad\nline two"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FormatOp(tt.op)
			if got != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
			var parsed map[edn.Keyword]any
			if err := edn.UnmarshalString(got, &parsed); err != nil {
				t.Fatalf("not valid EDN: %v", err)
			}
			if parsed[edn.Keyword("index")] != int64(tt.op.Index) {
				t.Errorf("parsed :index = %v, want %d", parsed[edn.Keyword("index")], tt.op.Index)
			}
		})
	}
}

// The parsed isolated value must be a vector of the keyword and a map of
// sets, which is what Jepsen's readers expect.
func TestIsolatedParsesAsSets(t *testing.T) {
	op := history.Op{Type: history.Info, Process: history.NemesisProcess, F: history.StartPartition,
		Value: history.Isolated{Grudge: history.Grudge{"n1": {"n2", "n3"}}}}
	var parsed map[edn.Keyword]any
	if err := edn.UnmarshalString(FormatOp(op), &parsed); err != nil {
		t.Fatal(err)
	}
	v := parsed[edn.Keyword("value")].([]any)
	if v[0] != edn.Keyword("isolated") {
		t.Errorf("first item %v, want :isolated", v[0])
	}
	peers := v[1].(map[any]any)["n1"].(map[any]bool)
	if len(peers) != 2 || !peers["n2"] || !peers["n3"] {
		t.Errorf("n1's peers = %v, want #{n2 n3}", peers)
	}
}

func TestOpErrors(t *testing.T) {
	tests := []struct {
		name string
		op   history.Op
		want []string // parts of the error message
	}{
		{"unsupported value", history.Op{Index: 4, Type: history.OK, F: history.Read, Value: 1.5},
			[]string{"op 4", ":value", "float64"}},
		{"nameless reply", history.Op{Index: 5, Type: history.Fail, F: history.Broadcast, Error: &history.Error{Kind: history.Reply, Code: 30}},
			[]string{"op 5", ":error", "code 30"}},
		{"unknown error kind", history.Op{Index: 6, Type: history.Fail, F: history.Broadcast, Error: &history.Error{Kind: 9}},
			[]string{"op 6", ":error", "kind 9"}},
		{"bad keyword", history.Op{Index: 7, Type: history.OK, F: "no spaces"},
			[]string{"op 7", ":f", `"no spaces"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := appendOpEDN(nil, tt.op)
			if err == nil {
				t.Fatal("no error")
			}
			for _, part := range tt.want {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not mention %q", err, part)
				}
			}
		})
	}
}

func TestFormatOpPanicsOnBadValue(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("FormatOp did not panic")
		}
	}()
	FormatOp(history.Op{Value: struct{}{}})
}

func TestCompareNodes(t *testing.T) {
	sorted := []string{"n10", "c3", "n2", "lin-kv", "n1", "c12", "c2x", "n01"}
	want := []string{"c3", "c12", "n01", "n1", "n2", "n10", "c2x", "lin-kv"}
	slices.SortFunc(sorted, nodeid.Compare)
	if strings.Join(sorted, " ") != strings.Join(want, " ") {
		t.Errorf("sorted %v, want %v", sorted, want)
	}
}

func TestValidKeyword(t *testing.T) {
	for name, want := range map[string]bool{
		"broadcast": true, "valid?": true, "net-timeout": true, "final?": true, "a1": true,
		"": false, "1a": false, "a b": false, "ns/name": false, "a,b": false, `a"`: false,
	} {
		if got := validKeyword(name); got != want {
			t.Errorf("validKeyword(%q) = %v, want %v", name, got, want)
		}
	}
}
