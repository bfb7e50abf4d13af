package store

import (
	"bytes"
	"strings"
	"testing"

	"olympos.io/encoding/edn"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// specSkeleton is the results.edn of a passing 5-node run, in Maelstrom's
// shape and order, its numbers made up.
const specSkeleton = `{:perf {:latency-graph {:valid? true}, :rate-graph {:valid? true}, :valid? true},
 :timeline {:valid? true},
 :exceptions {:valid? true},
 :stats {:valid? true, :count 200, :ok-count 200, :fail-count 0, :info-count 0,
         :by-f {:broadcast {:valid? true, :count 98, :ok-count 98, :fail-count 0, :info-count 0},
                :read {:valid? true, :count 102, :ok-count 102, :fail-count 0, :info-count 0}}},
 :availability {:valid? true, :ok-fraction 1.0},
 :net {:all {:send-count 812, :recv-count 812, :msg-count 812, :msgs-per-op 4.06},
       :clients {:send-count 420, :recv-count 420, :msg-count 420},
       :servers {:send-count 392, :recv-count 392, :msg-count 392, :msgs-per-op 1.96},
       :valid? true},
 :workload {:worst-stale (), :duplicated-count 0, :valid? true, :lost-count 0, :lost (),
            :stable-count 98, :stale-count 0, :stale (), :never-read-count 0,
            :stable-latencies {0 0, 0.5 0, 0.95 0, 0.99 0, 1 0},
            :attempt-count 98, :never-read (), :duplicated {}},
 :valid? true}`

// skeletonResults is the passing run of specSkeleton.
func skeletonResults() checker.Results {
	all, servers := float32(812)/200, float32(392)/200
	return checker.Results{
		Stats: checker.Stats{
			Counts: checker.Counts{Count: 200, OKCount: 200},
			ByF: map[string]checker.Counts{
				"read":      {Count: 102, OKCount: 102},
				"broadcast": {Count: 98, OKCount: 98},
			},
		},
		Availability: checker.Availability{OKFraction: 1},
		Net: checker.Net{
			All:     checker.NetGroup{SendCount: 812, RecvCount: 812, MsgCount: 812, MsgsPerOp: &all},
			Clients: checker.NetGroup{SendCount: 420, RecvCount: 420, MsgCount: 420},
			Servers: checker.NetGroup{SendCount: 392, RecvCount: 392, MsgCount: 392, MsgsPerOp: &servers},
		},
		Workload: checker.SetFull{AttemptCount: 98, StableCount: 98, StableLatencies: &checker.Quantiles{}},
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func encodeEDN(t *testing.T, r checker.Results) string {
	t.Helper()
	var b bytes.Buffer
	if err := EncodeResults(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSkeletonMatchesSpec(t *testing.T) {
	got := encodeEDN(t, skeletonResults())
	want := oneLine(specSkeleton)
	// Each line holds one top-level key; name the first one that differs.
	for line := range strings.Lines(got) {
		entry := strings.TrimSuffix(strings.TrimLeft(strings.TrimSpace(line), "{"), "}")
		entry = strings.TrimSuffix(entry, ",")
		if !strings.Contains(want, entry) {
			t.Errorf("entry not in the skeleton:\n%s", entry)
		}
	}
	if oneLine(got) != want {
		t.Errorf("got\n%s\nwant (modulo line breaks)\n%s", got, specSkeleton)
	}
	if strings.Count(got, "\n") != 8 || !strings.HasSuffix(got, "}\n") {
		t.Errorf("want one line per top-level key and a final newline, got\n%s", got)
	}
}

func TestSkeletonParses(t *testing.T) {
	var parsed map[edn.Keyword]any
	if err := edn.UnmarshalString(encodeEDN(t, skeletonResults()), &parsed); err != nil {
		t.Fatalf("results.edn is not valid EDN: %v", err)
	}
	net := parsed["net"].(map[any]any)
	all := net[edn.Keyword("all")].(map[any]any)
	if got := float32(all[edn.Keyword("msgs-per-op")].(float64)); got != float32(812)/200 {
		t.Errorf(":all :msgs-per-op read back as %v", got)
	}
	workload := parsed["workload"].(map[any]any)
	latencies := workload[edn.Keyword("stable-latencies")].(map[any]any)
	for _, key := range []any{int64(0), 0.5, 0.95, 0.99, int64(1)} {
		if v, ok := latencies[key]; !ok || v != int64(0) {
			t.Errorf("stable-latencies[%v] = %v, %v", key, v, ok)
		}
	}
	if parsed["valid?"] != true {
		t.Errorf(":valid? = %v", parsed["valid?"])
	}
}

// workedExampleResults is the set-full worked example of the checker's
// tests (specHistory), whose element 0 is stale and
// element 2 lost.
func workedExampleResults() checker.Results {
	ms := func(n int64) *int64 { return &n }
	known := history.Op{Index: 1, Time: 1_000_000, Type: history.OK, Process: 0, F: "add", Value: 0}
	absent := history.Op{Index: 4, Time: 10_000_000, Type: history.Invoke, Process: 1, F: history.Read}
	r := skeletonResults()
	r.Workload = checker.SetFull{
		Valid:        checker.Invalid,
		AttemptCount: 4,
		StableCount:  2,
		Lost:         []int{2},
		NeverRead:    []int{3},
		Stale:        []int{0},
		WorstStale: []checker.Element{{
			Element: 0, Outcome: checker.Stable, StableLatency: ms(9),
			Known: &known, LastAbsent: &absent, LastPresent: &absent,
		}},
		StableLatencies: &checker.Quantiles{0, 9, 9, 9, 9},
		LostLatencies:   &checker.Quantiles{5139, 5139, 5139, 5139, 5139},
	}
	r.Valid = checker.Invalid
	return r
}

func TestWorkedExampleWorkload(t *testing.T) {
	want := ` :workload {:worst-stale ({:element 0, :outcome :stable, :stable-latency 9, :lost-latency nil, ` +
		`:known {:index 1, :time 1000000, :type :ok, :process 0, :f :add, :value 0}, ` +
		`:last-absent {:index 4, :time 10000000, :type :invoke, :process 1, :f :read, :value nil}}), ` +
		`:duplicated-count 0, :valid? false, :lost-count 1, :lost (2), :stable-count 2, :stale-count 1, :stale (0), ` +
		`:never-read-count 1, :stable-latencies {0 0, 0.5 9, 0.95 9, 0.99 9, 1 9}, ` +
		`:lost-latencies {0 5139, 0.5 5139, 0.95 5139, 0.99 5139, 1 5139}, ` +
		`:attempt-count 4, :never-read (3), :duplicated {}},` + "\n"
	got := encodeEDN(t, workedExampleResults())
	if !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant a line\n%s", got, want)
	}
	if !strings.HasSuffix(got, " :valid? false}\n") {
		t.Errorf("top-level :valid? is not false:\n%s", got)
	}
	var parsed map[edn.Keyword]any
	if err := edn.UnmarshalString(got, &parsed); err != nil {
		t.Fatalf("not valid EDN: %v", err)
	}
}

func TestOptionalEntries(t *testing.T) {
	zero := float32(0)
	r := skeletonResults()
	r.Perf.RateGraph = checker.Unknown
	r.Perf.Valid = checker.Unknown
	r.Availability = checker.Availability{Valid: checker.Invalid, OKFraction: float32(2) / 3}
	r.Net.Servers.MsgsPerOp = &zero
	r.Stats.ByF = nil
	r.Exceptions = checker.Exceptions{Groups: []checker.ExceptionGroup{{
		Count: 2, Class: "clojure.lang.ExceptionInfo",
		Example: history.Op{Index: 5, Time: 3, Type: history.Info, Process: 1, F: history.Broadcast, Value: 4,
			Error:     &history.Error{Kind: history.Malformed, Text: "extra key"},
			Exception: "Malformed RPC response"},
	}}}
	r.Crash = &checker.Crash{Node: "n2", ExitStatus: -1, Signal: "killed",
		Stdout: []string{`{"src":"n2"}`}, Stderr: []string{"panic: boom", "\tmain.go:12"},
		LogPath: "store/broadcast/x/node-logs/n2.log"}
	r.Valid = checker.Invalid
	got := encodeEDN(t, r)
	for _, want := range []string{
		"{:perf {:latency-graph {:valid? true}, :rate-graph {:valid? :unknown}, :valid? :unknown},\n",
		` :exceptions {:valid? true, :exceptions [{:count 2, :class "clojure.lang.ExceptionInfo", ` +
			`:example {:index 5, :time 3, :type :info, :process 1, :f :broadcast, :value 4, ` +
			`:error "indeterminate: Malformed RPC response. extra key", :exception "Malformed RPC response"}}]},` + "\n",
		`:info-count 0, :by-f {}},` + "\n",
		" :availability {:valid? false, :ok-fraction 0.6666667},\n",
		`:servers {:send-count 392, :recv-count 392, :msg-count 392, :msgs-per-op 0.0}`,
		` :crash {:node "n2", :exit-status -1, :signal "killed", :stdout ["{\"src\":\"n2\"}"], ` +
			`:stderr ["panic: boom" "\tmain.go:12"], :log-path "store/broadcast/x/node-logs/n2.log"},` + "\n :valid? false}\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("results.edn lacks\n%s\ngot\n%s", want, got)
		}
	}
	var parsed map[edn.Keyword]any
	if err := edn.UnmarshalString(got, &parsed); err != nil {
		t.Fatalf("not valid EDN: %v", err)
	}
	crash := parsed["crash"].(map[any]any)
	if crash[edn.Keyword("stderr")].([]any)[1] != "\tmain.go:12" {
		t.Errorf("stderr read back as %q", crash[edn.Keyword("stderr")])
	}
}

func TestCrashWithoutSignal(t *testing.T) {
	r := skeletonResults()
	r.Crash = &checker.Crash{Node: "n1", ExitStatus: 2}
	want := ` :crash {:node "n1", :exit-status 2, :signal nil, :stdout [], :stderr [], :log-path nil},` + "\n"
	if got := encodeEDN(t, r); !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant a line\n%s", got, want)
	}
}

func TestEncodeResultsErrors(t *testing.T) {
	nan := float32(0)
	nan /= nan
	bad := skeletonResults()
	bad.Net.All.MsgsPerOp = &nan
	badOp := workedExampleResults()
	badOp.Workload.WorstStale[0].Known.Value = "text"
	for name, tt := range map[string]struct {
		r    checker.Results
		want []string
	}{
		"NaN":       {bad, []string{":net", ":all", ":msgs-per-op", "not finite"}},
		"bad value": {badOp, []string{":workload", ":worst-stale", ":known", "op 1", "string"}},
	} {
		var b bytes.Buffer
		err := EncodeResults(&b, tt.r)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		for _, part := range tt.want {
			if !strings.Contains(err.Error(), part) {
				t.Errorf("%s: error %q does not mention %s", name, err, part)
			}
		}
		if b.Len() != 0 {
			t.Errorf("%s: wrote %d bytes despite the error", name, b.Len())
		}
	}
}
