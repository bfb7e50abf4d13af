package cli

import (
	"strings"
	"testing"
)

func TestUsageDocumentsEveryFlag(t *testing.T) {
	var b strings.Builder
	Usage(&b)
	text := b.String()
	for _, f := range flags {
		if !strings.Contains(text, f.long) {
			t.Errorf("help does not mention %s", f.long)
		}
		if f.short != "" && !strings.Contains(text, f.short+", "+f.long) {
			t.Errorf("help does not show %s as short for %s", f.short, f.long)
		}
		if f.def != "" && f.def != "required" && !strings.Contains(text, "(default: "+f.def+")") {
			t.Errorf("help does not show the default of %s", f.long)
		}
		if f.help == "" {
			t.Errorf("%s has no help text", f.long)
		}
	}
	for _, want := range []string{"--node-count", "--time-limit", "--rate", "--latency-dist", "--nemesis-interval",
		"--topology", "--concurrency", "--log-stderr", "--availability", "--seed", "254"} {
		if !strings.Contains(text, want) {
			t.Errorf("help does not mention %s", want)
		}
	}
}

func TestFlagNamesAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range flags {
		for _, name := range []string{f.long, f.short} {
			if name == "" {
				continue
			}
			if seen[name] {
				t.Errorf("%s is defined twice", name)
			}
			seen[name] = true
		}
	}
}
