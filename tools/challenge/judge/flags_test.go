package judge

import (
	"slices"
	"testing"
)

func TestMergeFlags(t *testing.T) {
	base := []string{"--bin", "bin/n", "--time-limit", "20", "--rate", "100", "--store", "store"}
	for _, c := range []struct {
		name  string
		extra []string
		want  []string
	}{
		{"nothing added", nil,
			[]string{"--bin", "bin/n", "--time-limit", "20", "--rate", "100", "--store", "store"}},
		{"an override replaces the challenge's value in place", []string{"--time-limit", "10"},
			[]string{"--bin", "bin/n", "--time-limit", "10", "--rate", "100", "--store", "store"}},
		{"an override with =", []string{"--rate=5", "--store=tmp/s"},
			[]string{"--bin", "bin/n", "--time-limit", "20", "--rate", "5", "--store", "tmp/s"}},
		{"new flags are added", []string{"--seed", "7", "--verbose"},
			[]string{"--bin", "bin/n", "--time-limit", "20", "--rate", "100", "--store", "store", "--seed", "7", "--verbose"}},
		{"node arguments come last behind one --", []string{"--", "--batch-interval", "100ms"},
			[]string{"--bin", "bin/n", "--time-limit", "20", "--rate", "100", "--store", "store", "--", "--batch-interval", "100ms"}},
		{"a trailing -- with no node arguments is dropped", []string{"--seed", "7", "--"},
			[]string{"--bin", "bin/n", "--time-limit", "20", "--rate", "100", "--store", "store", "--seed", "7"}},
		{"an override without its value is left for the runner to reject", []string{"--time-limit"},
			[]string{"--bin", "bin/n", "--time-limit", "20", "--rate", "100", "--store", "store", "--time-limit"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := mergeFlags(base, c.extra)
			if !slices.Equal(got, c.want) {
				t.Errorf("mergeFlags(%q)\n got %q\nwant %q", c.extra, got, c.want)
			}
		})
	}
}

func TestFlagValueStopsAtNodeArguments(t *testing.T) {
	args := []string{"--bin", "b", "--", "--store", "node-store"}
	if got := flagValue(args, "--store", "store"); got != "store" {
		t.Errorf("flagValue = %q, want the default: --store after -- belongs to the node", got)
	}
	if got := flagValue([]string{"--store", "s"}, "--store", "store"); got != "s" {
		t.Errorf("flagValue = %q, want s", got)
	}
}
