package challenges

import (
	"bytes"
	"strings"
	"testing"
)

func verdictsOf(t *testing.T, workload, file string) (map[string]Verdict, string) {
	t.Helper()
	c, err := Find(workload)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ReadResults(file)
	if err != nil {
		t.Fatal(err)
	}
	vs := Judge(c, res)
	var buf bytes.Buffer
	PrintVerdicts(&buf, vs)
	out := map[string]Verdict{}
	for _, v := range vs {
		out[v.Target.Name] = v
	}
	return out, buf.String()
}

func TestJudgeSpecSkeletonPassesValidityTargets(t *testing.T) {
	for _, w := range []string{"broadcast-3a", "broadcast-3b", "broadcast-3c"} {
		vs, text := verdictsOf(t, w, "testdata/spec-8.1.edn")
		for name, v := range vs {
			if !v.Pass {
				t.Errorf("%s: %s failed: %s", w, name, text)
			}
		}
	}
	vs, _ := verdictsOf(t, "broadcast-3e", "testdata/spec-8.1.edn")
	if v := vs["servers msgs-per-op"]; !v.Pass || v.Value != 1.96 {
		t.Errorf("servers msgs-per-op: %+v, want 1.96 and a pass", v)
	}
}

// The numbers of a real Maelstrom 3d run, from a public write-up: 25.2
// servers msgs-per-op passes 3d's < 30, but a median of 452 ms and a max of
// 794 ms fail 3d's latency targets; 3e fails on msgs-per-op and passes on
// latency. Maelstrom's tagged ops in :worst-stale must not upset the parser.
func TestJudgeGoldenMaelstrom3dRun(t *testing.T) {
	vs, text := verdictsOf(t, "broadcast-3d", "testdata/maelstrom-3d.edn")
	want := map[string]bool{"valid": true, "servers msgs-per-op": true, "median latency": false, "max latency": false}
	for name, pass := range want {
		if vs[name].Pass != pass {
			t.Errorf("3d %s: pass=%v, want %v\n%s", name, vs[name].Pass, pass, text)
		}
	}
	if !strings.Contains(text, "FAIL  median latency       452 ms (want < 400 ms; [:workload :stable-latencies 0.5])") {
		t.Errorf("verdict text:\n%s", text)
	}
	vs, text = verdictsOf(t, "broadcast-3e", "testdata/maelstrom-3d.edn")
	want = map[string]bool{"valid": true, "servers msgs-per-op": false, "median latency": true, "max latency": true}
	for name, pass := range want {
		if vs[name].Pass != pass {
			t.Errorf("3e %s: pass=%v, want %v\n%s", name, vs[name].Pass, pass, text)
		}
	}
}

func TestJudgeMissingKeysFail(t *testing.T) {
	c, _ := Find("broadcast-3e")
	vs := Judge(c, map[any]any{kw("valid?"): true})
	for _, v := range vs[1:] {
		if v.Pass {
			t.Errorf("%s passed with nothing to read", v.Target.Name)
		}
	}
}

func TestReadResultsRejectsNonEDN(t *testing.T) {
	if _, err := ReadResults("judge_test.go"); err == nil {
		t.Errorf("a Go file parsed as results.edn")
	}
	if _, err := ReadResults("testdata/none.edn"); err == nil {
		t.Errorf("a missing file gave no error")
	}
}

func TestUnknownWorkloadNamesTheValidOnes(t *testing.T) {
	_, err := Find("broadcast-3f")
	if err == nil || !strings.Contains(err.Error(), "broadcast-3e-partition") {
		t.Errorf("error %v", err)
	}
}

// The judgement ends in exactly one line that says whether the challenge
// passed, and a failing one names every failed target with its value.
func TestPrintVerdictsEndsInOneOutcomeLine(t *testing.T) {
	tests := []struct {
		workload, file string
		pass           bool
		last           string
	}{
		{"broadcast-3d", "testdata/maelstrom-3d.edn", false,
			"FAIL: the challenge is not met (2 of 4 targets fail): median latency 452 ms (want < 400 ms); max latency 794 ms (want < 600 ms)"},
		{"broadcast-3e", "testdata/maelstrom-3d.edn", false,
			"FAIL: the challenge is not met (1 of 4 targets fail): servers msgs-per-op 25.22 (want < 20)"},
		{"broadcast-3b", "testdata/spec-8.1.edn", true, "PASS: the challenge is met (1 of 1 targets pass)"},
		{"broadcast-3e", "testdata/spec-8.1.edn", true, "PASS: the challenge is met (4 of 4 targets pass)"},
	}
	for _, tt := range tests {
		t.Run(tt.workload+" "+tt.file, func(t *testing.T) {
			c, _ := Find(tt.workload)
			res, err := ReadResults(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if got := PrintVerdicts(&buf, Judge(c, res)); got != tt.pass {
				t.Errorf("PrintVerdicts = %v, want %v", got, tt.pass)
			}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			if len(lines) != len(c.Targets)+1 {
				t.Fatalf("%d lines for %d targets, want one per target and one outcome:\n%s", len(lines), len(c.Targets), buf.String())
			}
			if last := lines[len(lines)-1]; last != tt.last {
				t.Errorf("last line\n got %q\nwant %q", last, tt.last)
			}
			for _, l := range lines[:len(lines)-1] {
				if !strings.HasPrefix(l, "PASS  ") && !strings.HasPrefix(l, "FAIL  ") {
					t.Errorf("target line %q is not PASS or FAIL", l)
				}
			}
		})
	}
}

func TestOutcomeWithoutTargetsFails(t *testing.T) {
	if line, pass := Outcome(nil); pass || !strings.HasPrefix(line, "FAIL") {
		t.Errorf("Outcome(nil) = %q, %v; want a failure", line, pass)
	}
}

// The piggyback workload's targets are "at most": a value equal to the
// limit passes there, and fails a "below" target of the same limit.
func TestJudgeAtMostAdmitsTheLimitItself(t *testing.T) {
	results := map[any]any{
		kw("valid?"): true,
		kw("net"):    map[any]any{kw("servers"): map[any]any{kw("msgs-per-op"): 1.0}},
		kw("workload"): map[any]any{kw("stable-latencies"): map[any]any{
			int64(0): int64(0), 0.5: int64(800), 0.95: int64(1400), 0.99: int64(1450), int64(1): int64(1500),
		}},
	}
	c, err := Find("broadcast-piggyback")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if !PrintVerdicts(&buf, Judge(c, results)) {
		t.Errorf("a run exactly at every limit failed:\n%s", buf.String())
	}
	for _, want := range []string{
		"PASS  servers msgs-per-op  1 (want ≤ 1; [:net :servers :msgs-per-op])",
		"PASS  median latency       800 ms (want ≤ 800 ms; [:workload :stable-latencies 0.5])",
		"PASS  max latency          1500 ms (want ≤ 1500 ms; [:workload :stable-latencies 1])",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("verdicts lack %q:\n%s", want, buf.String())
		}
	}

	below := c
	below.Targets = []Target{msgsPerOp(1)}
	if vs := Judge(below, results); vs[0].Pass {
		t.Errorf("1.0 passed a target of below 1")
	}
}
