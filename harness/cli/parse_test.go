package cli

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// makeBin writes a file with the given mode into a temp dir and returns its path.
func makeBin(t *testing.T, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "node")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), mode); err != nil {
		t.Fatal(err)
	}
	return path
}

// line builds a test command line with a valid --bin in front.
func line(bin string, words ...string) []string {
	return append([]string{"test", "--bin", bin}, words...)
}

func TestParseDefaults(t *testing.T) {
	bin := makeBin(t, 0o755)
	o, err := Parse(line(bin))
	if err != nil {
		t.Fatal(err)
	}
	want := Options{
		Workload:        "broadcast",
		Bin:             o.Bin,
		Nodes:           []string{"n1", "n2", "n3", "n4", "n5"},
		Concurrency:     5,
		TimeLimit:       60 * time.Second,
		Rate:            5,
		Latency:         0,
		LatencyDist:     "constant",
		NemesisInterval: 10 * time.Second,
		Topology:        "grid",
		Store:           "store",
		Seed:            o.Seed,
	}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("defaults:\n got %+v\nwant %+v", o, want)
	}
	if o.SeedGiven {
		t.Error("SeedGiven is true without --seed")
	}
}

func TestParseRandomSeedDiffers(t *testing.T) {
	bin := makeBin(t, 0o755)
	seen := map[uint64]bool{}
	for range 5 {
		o, err := Parse(line(bin))
		if err != nil {
			t.Fatal(err)
		}
		seen[o.Seed] = true
	}
	if len(seen) < 2 {
		t.Errorf("five runs without --seed all got seed %v", seen)
	}
}

func TestParseGood(t *testing.T) {
	bin := makeBin(t, 0o755)
	tests := []struct {
		name  string
		words []string
		check func(o Options) bool
	}{
		{"challenge 3d", []string{"-w", "broadcast", "--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"},
			func(o Options) bool {
				return len(o.Nodes) == 25 && o.Nodes[0] == "n0" && o.Nodes[24] == "n24" && o.Concurrency == 25 &&
					o.TimeLimit == 20*time.Second && o.Rate == 100 && o.Latency == 100*time.Millisecond
			}},
		{"2n with 25 nodes is 50", []string{"--concurrency", "2n", "--node-count", "25"},
			func(o Options) bool { return o.Concurrency == 50 }},
		{"plain concurrency", []string{"--concurrency", "7"},
			func(o Options) bool { return o.Concurrency == 7 }},
		{"2n with default nodes", []string{"--concurrency=2n"},
			func(o Options) bool { return o.Concurrency == 10 }},
		{"equals form", []string{"--rate=0.5", "--workload=broadcast"},
			func(o Options) bool { return o.Rate == 0.5 }},
		{"rate zero", []string{"--rate", "0"},
			func(o Options) bool { return o.Rate == 0 }},
		{"last wins", []string{"--rate", "1", "--rate", "2", "--topology", "line", "--topology", "tree4"},
			func(o Options) bool { return o.Rate == 2 && o.Topology == "tree4" }},
		{"node accumulates", []string{"--node", "a", "-n", "b", "--node=d"},
			func(o Options) bool { return reflect.DeepEqual(o.Nodes, []string{"a", "b", "d"}) && o.Concurrency == 3 }},
		{"nodes list with spaces", []string{"--nodes", "x1, x2,x3"},
			func(o Options) bool { return reflect.DeepEqual(o.Nodes, []string{"x1", "x2", "x3"}) }},
		{"nodes then node", []string{"--node", "z", "--nodes", "x,y"},
			func(o Options) bool { return reflect.DeepEqual(o.Nodes, []string{"x", "y", "z"}) }},
		{"node-count overrides nodes", []string{"--nodes", "x,y", "--node-count", "2"},
			func(o Options) bool { return reflect.DeepEqual(o.Nodes, []string{"n0", "n1"}) }},
		{"latency dists", []string{"--latency", "10", "--latency-dist", "exponential"},
			func(o Options) bool { return o.LatencyDist == "exponential" && o.Latency == 10*time.Millisecond }},
		{"uniform with latency", []string{"--latency-dist", "uniform", "--latency", "1"},
			func(o Options) bool { return o.LatencyDist == "uniform" }},
		{"nemesis", []string{"--nemesis", "partition"},
			func(o Options) bool { return reflect.DeepEqual(o.Nemesis, []string{"partition"}) }},
		{"nemesis with spaces, repeated", []string{"--nemesis", " partition , partition"},
			func(o Options) bool { return reflect.DeepEqual(o.Nemesis, []string{"partition"}) }},
		{"nemesis empty is none", []string{"--nemesis", "partition", "--nemesis", ""},
			func(o Options) bool { return o.Nemesis == nil }},
		{"interval decimal", []string{"--nemesis-interval", "2.5"},
			func(o Options) bool { return o.NemesisInterval == 2500*time.Millisecond }},
		{"interval ratio", []string{"--nemesis-interval", "1/2"},
			func(o Options) bool { return o.NemesisInterval == 500*time.Millisecond }},
		{"availability total", []string{"--availability", "total"},
			func(o Options) bool { return o.Availability != nil && o.Availability.Total }},
		{"availability fraction", []string{"--availability", "0.99"},
			func(o Options) bool {
				return o.Availability != nil && !o.Availability.Total && o.Availability.Min == 0.99
			}},
		{"availability bounds", []string{"--availability", "1"},
			func(o Options) bool { return o.Availability.Min == 1 }},
		{"switches", []string{"--log-stderr", "--log-net-send", "--log-net-recv", "--verbose"},
			func(o Options) bool { return o.LogStderr && o.LogNetSend && o.LogNetRecv && o.Verbose }},
		{"seed", []string{"--seed", "18446744073709551615"},
			func(o Options) bool { return o.SeedGiven && o.Seed == 18446744073709551615 }},
		{"seed zero", []string{"--seed", "0"},
			func(o Options) bool { return o.SeedGiven && o.Seed == 0 }},
		{"store", []string{"--store", "/tmp/runs"},
			func(o Options) bool { return o.Store == "/tmp/runs" && o.StoreGiven }},
		{"every topology", []string{"--topology", "total"},
			func(o Options) bool { return o.Topology == "total" }},
		{"positional args", []string{"alpha", "--rate", "1", "beta"},
			func(o Options) bool { return reflect.DeepEqual(o.Args, []string{"alpha", "beta"}) && o.Rate == 1 }},
		{"args after --", []string{"--rate", "1", "--", "--rate", "9", "-x", "--help"},
			func(o Options) bool {
				return reflect.DeepEqual(o.Args, []string{"--rate", "9", "-x", "--help"}) && o.Rate == 1
			}},
		{"lone dash is an argument", []string{"-"},
			func(o Options) bool { return reflect.DeepEqual(o.Args, []string{"-"}) }},
		{"negative-looking value is taken", []string{"--node", "-x"},
			func(o Options) bool { return reflect.DeepEqual(o.Nodes, []string{"-x"}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := Parse(line(bin, tt.words...))
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.words, err)
			}
			if !tt.check(o) {
				t.Errorf("Parse(%q) = %+v", tt.words, o)
			}
		})
	}
}

func TestParseBad(t *testing.T) {
	bin := makeBin(t, 0o755)
	tests := []struct {
		words []string
		want  []string // substrings of the error message
	}{
		{[]string{"-w", "lin-kv"}, []string{"--workload", `"lin-kv"`, "not supported by this harness"}},
		{[]string{"--workload", "bogus"}, []string{"--workload", `"bogus"`, "unknown workload", "broadcast"}},
		{[]string{"--node-count", "0"}, []string{"--node-count", `"0"`, "greater than 0"}},
		{[]string{"--node-count", "-3"}, []string{"--node-count", `"-3"`}},
		{[]string{"--node-count", "2.5"}, []string{"--node-count", `"2.5"`, "whole number"}},
		{[]string{"--time-limit", "0"}, []string{"--time-limit", `"0"`}},
		{[]string{"--time-limit", "20s"}, []string{"--time-limit", `"20s"`, "whole number"}},
		{[]string{"--time-limit", "1.5"}, []string{"--time-limit", `"1.5"`}},
		{[]string{"--time-limit", "99999999999"}, []string{"--time-limit", "too large"}},
		{[]string{"--rate", "-1"}, []string{"--rate", `"-1"`, "0 or more"}},
		{[]string{"--rate", "fast"}, []string{"--rate", `"fast"`}},
		{[]string{"--rate", "NaN"}, []string{"--rate", `"NaN"`}},
		{[]string{"--rate", "Inf"}, []string{"--rate", `"Inf"`}},
		{[]string{"--latency", "-5"}, []string{"--latency", `"-5"`}},
		{[]string{"--latency", "1.5"}, []string{"--latency", `"1.5"`, "whole number"}},
		{[]string{"--latency-dist", "normal"}, []string{"--latency-dist", `"normal"`, "constant, uniform, exponential"}},
		{[]string{"--latency-dist", "uniform"}, []string{"--latency-dist", `"uniform"`, "--latency above 0", "hang"}},
		{[]string{"--latency-dist", "exponential", "--latency", "0"}, []string{"--latency-dist", `"exponential"`, "--latency above 0", "fail to start"}},
		{[]string{"--nemesis", "kill"}, []string{"--nemesis", `"kill"`, "unknown fault", "partition"}},
		{[]string{"--nemesis", "partition,kill"}, []string{"--nemesis", `"partition,kill"`, `"kill"`}},
		{[]string{"--nemesis", "partition,,partition"}, []string{"--nemesis", "empty fault"}},
		{[]string{"--nemesis-interval", "0"}, []string{"--nemesis-interval", `"0"`, "greater than 0"}},
		{[]string{"--nemesis-interval", "-1"}, []string{"--nemesis-interval", `"-1"`}},
		{[]string{"--nemesis-interval", "1/0"}, []string{"--nemesis-interval", `"1/0"`}},
		{[]string{"--nemesis-interval", "soon"}, []string{"--nemesis-interval", `"soon"`}},
		{[]string{"--topology", "star"}, []string{"--topology", `"star"`, "line, grid, tree, tree2, tree3, tree4, total"}},
		{[]string{"--concurrency", "0"}, []string{"--concurrency", `"0"`, "greater than 0"}},
		{[]string{"--concurrency", "0n"}, []string{"--concurrency", `"0n"`}},
		{[]string{"--concurrency", "n"}, []string{"--concurrency", `"n"`}},
		{[]string{"--concurrency", "2x"}, []string{"--concurrency", `"2x"`}},
		{[]string{"--concurrency", "-2"}, []string{"--concurrency", `"-2"`}},
		{[]string{"--availability", "1.5"}, []string{"--availability", `"1.5"`, "from 0 to 1"}},
		{[]string{"--availability", "most"}, []string{"--availability", `"most"`, "total"}},
		{[]string{"--availability", "-0.1"}, []string{"--availability", `"-0.1"`}},
		{[]string{"--seed", "-1"}, []string{"--seed", `"-1"`}},
		{[]string{"--seed", "abc"}, []string{"--seed", `"abc"`}},
		{[]string{"--seed", "18446744073709551616"}, []string{"--seed", "too large"}},
		{[]string{"--store", ""}, []string{"--store", "empty"}},
		{[]string{"--foo"}, []string{"unknown option --foo"}},
		{[]string{"--foo=bar"}, []string{"unknown option --foo"}},
		{[]string{"-x"}, []string{"unknown option -x"}},
		{[]string{"--test-count", "3"}, []string{"--test-count", "does not support"}},
		{[]string{"--rate"}, []string{"--rate needs a value"}},
		{[]string{"--rate", "--latency", "5"}, []string{"--rate needs a value"}},
		{[]string{"--topology", "-w", "broadcast"}, []string{"--topology needs a value"}},
		{[]string{"--rate", "--"}, []string{"--rate needs a value"}},
		{[]string{"--verbose=yes"}, []string{"--verbose", "takes no value"}},
		{[]string{"--nodes", "n1,n1"}, []string{"--nodes", `"n1"`, "twice"}},
		{[]string{"--node", "n1", "--node", "n1"}, []string{"--node", `"n1"`, "twice"}},
		{[]string{"--nodes", "a,,b"}, []string{"--nodes", "empty"}},
		{[]string{"--node", "c1"}, []string{"--node", `"c1"`, "start with c"}},
		{[]string{"--node", "lin-kv"}, []string{"--node", `"lin-kv"`, "service"}},
		{[]string{"--nodes-file", "/does/not/exist"}, []string{"--nodes-file", `"/does/not/exist"`, "cannot read"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.words, " "), func(t *testing.T) {
			_, err := Parse(line(bin, tt.words...))
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Parse(%q) error = %v, want a *UsageError", tt.words, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(ue.Error(), w) {
					t.Errorf("Parse(%q) error %q does not contain %q", tt.words, ue.Error(), w)
				}
			}
			if ue.Flag == "" || !strings.Contains(ue.Error(), ue.Flag) {
				t.Errorf("error %q does not name its flag (Flag=%q)", ue.Error(), ue.Flag)
			}
		})
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "missing command"},
		{[]string{"serve"}, `"serve" is a Maelstrom command`},
		{[]string{"run", "--bin", "x"}, `unknown command "run"; the commands are test and journey`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.args)
		var ue *UsageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want a usage error containing %q", tt.args, err, tt.want)
		}
	}
}

func TestParseHelp(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"},
		{"test", "--help"},
		{"test", "--rate", "bogus", "-h"}, // help wins over a bad value
		{"test", "--bin", "/nowhere", "--help"},
	} {
		if _, err := Parse(args); !errors.Is(err, ErrHelp) {
			t.Errorf("Parse(%q) = %v, want ErrHelp", args, err)
		}
	}
	// After "--", --help belongs to the node.
	bin := makeBin(t, 0o755)
	if _, err := Parse(line(bin, "--", "--help")); err != nil {
		t.Errorf("--help after -- : %v", err)
	}
}

func TestParseNodesFile(t *testing.T) {
	bin := makeBin(t, 0o755)
	file := filepath.Join(t.TempDir(), "nodes")
	if err := os.WriteFile(file, []byte("a\n\n  b \nd\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := Parse(line(bin, "--node", "z", "--nodes-file", file, "--nodes", "x"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a", "b", "d", "x", "z"}; !reflect.DeepEqual(o.Nodes, want) {
		t.Errorf("nodes = %q, want %q (file, then --nodes, then --node)", o.Nodes, want)
	}
}

// ParseInProcess takes the same flags without the command word and without
// --bin, for a node that is a function in this process.
func TestParseInProcess(t *testing.T) {
	o, err := ParseInProcess([]string{"--node-count", "3", "--rate", "7", "--nemesis", "partition", "--seed", "9", "--", "--batch-interval", "1s"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(o.Nodes, []string{"n0", "n1", "n2"}) || o.Rate != 7 || o.Seed != 9 || !o.SeedGiven ||
		!slices.Equal(o.Nemesis, []string{"partition"}) || !slices.Equal(o.Args, []string{"--batch-interval", "1s"}) {
		t.Errorf("options %+v", o)
	}
	if o.Bin != "" || o.StoreGiven || o.Store != DefaultStore {
		t.Errorf("Bin %q, Store %q (given %v): want no program and the default store, not asked for", o.Bin, o.Store, o.StoreGiven)
	}

	_, err = ParseInProcess([]string{"--bin", "/bin/true"})
	var ue *UsageError
	if !errors.As(err, &ue) || ue.Flag != "--bin" || !strings.Contains(ue.Message, "leave --bin out") {
		t.Errorf("--bin in process: %v, want a usage error that says to leave it out", err)
	}
	if _, err := ParseInProcess([]string{"--rate", "-1"}); err == nil || !strings.Contains(err.Error(), `--rate "-1"`) {
		t.Errorf("a bad rate in process: %v, want the same check as harness test", err)
	}
	if _, err := ParseInProcess([]string{"-h"}); !errors.Is(err, ErrHelp) {
		t.Errorf("-h: %v, want ErrHelp", err)
	}
}

// The judge leaves out of a Maelstrom command line what only the harness
// has; everything Maelstrom knows stays.
func TestHarnessOnly(t *testing.T) {
	tests := []struct {
		word             string
		ours, takesValue bool
	}{
		{"--seed", true, true}, {"--seed=7", true, true}, {"--store", true, true},
		{"--verbose", true, false}, {"--rate", false, false}, {"--log-net-send", false, false},
		{"-w", false, false}, {"--no-such-flag", false, false}, {"7", false, false},
	}
	for _, tt := range tests {
		if ours, takesValue := HarnessOnly(tt.word); ours != tt.ours || takesValue != tt.takesValue {
			t.Errorf("HarnessOnly(%q) = %v, %v; want %v, %v", tt.word, ours, takesValue, tt.ours, tt.takesValue)
		}
	}
}
