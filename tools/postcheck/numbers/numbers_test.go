package numbers

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// typed returns the numbers Check finds typed into a post, as written.
func typed(t *testing.T, post string) []string {
	t.Helper()
	var got []string
	for _, p := range Check(post, Facts()) {
		got = append(got, p.Number)
	}
	return got
}

// A constant of a step typed into prose is what the check is for: it
// would go stale as soon as the constant changed.
func TestTypedConstantFails(t *testing.T) {
	post := "+++\ntitle = 'x'\n+++\n\nA 250 ms interval leaves room: 2 × 250 + 200 = 700 ms.\n"
	got := typed(t, post)
	if want := []string{"250 ms", "250", "700 ms"}; !slices.Equal(got, want) {
		t.Errorf("typed numbers %q, want %q", got, want)
	}
	p := Check(post, Facts())[0]
	if p.Line != 5 || !strings.Contains(p.String(), "A 250 ms interval") {
		t.Errorf("problem %q: want line 5, quoting the line", p)
	}
}

// Every way of writing a duration is caught, and matched in milliseconds.
func TestUnitsOfTime(t *testing.T) {
	for _, tt := range []struct {
		prose string
		typed bool
	}{
		{"a 250ms wait", true},
		{"a 250-ms wait", true},
		{"a 4 s wait", true},
		{"a 4-second wait", true},
		{"2.5 seconds", true},
		{"39% of them", true},
		{"1 s", false},   // 3e's median target, 1000 ms
		{"1.5 s", false}, // the piggyback step's maximum target, 1500 ms
		{"a target of 1500", false},
		{"100 ms per link", false}, // --latency
		{"10 s before the final reads", false},
		{"30 ms", true}, // 30 is a target of messages, not of time
	} {
		if got := len(typed(t, tt.prose)) > 0; got != tt.typed {
			t.Errorf("%q: typed %v, want %v", tt.prose, got, tt.typed)
		}
	}
}

// Names, facts of the challenges and code are not typed-in numbers.
func TestNamesFactsAndCodePass(t *testing.T) {
	post := strings.Join([]string{
		"+++", "date = '2026-11-23'", "weight = 4", "+++",
		"## Part 3d {#part-3d}",
		"Challenge 3d runs 25 nodes, n0 to n24, at 100 operations a second on Go 1.26 with Maelstrom v0.2.4.",
		"The hub has 24 peers: 48 messages per value. The grid has 40 links and is 8 hops across, 800 ms.",
		"Clients c0 and c12 read; the value 0 and value 7 are broadcast; broadcast-3e and 3e's node.",
		"1. a list item",
		"`--batch-interval 250ms` and {{< const file=\"broadcast-3e/batcher.go\" name=\"batchInterval\" times=\"2\" >}}",
		"[the 3e post](/posts/broadcast-3e/#run-250) <!-- 250 ms --> <span data-x=\"250\">x</span>",
		"```sh", "make ARGS=\"--seed 250\"", "```",
		"See https://example.com/250/ too.",
	}, "\n")
	if got := typed(t, post); len(got) > 0 {
		t.Errorf("typed numbers %q, want none", got)
	}
}

// Prose keeps the lines, so that a problem's line is the file's.
func TestProseKeepsLines(t *testing.T) {
	md := "+++\na = 1\n+++\n```\ncode 250\n```\ntext {{< x\ny=\"250\" >}} 25\n"
	prose := Prose(md)
	if got, want := strings.Count(prose, "\n"), strings.Count(md, "\n"); got != want {
		t.Fatalf("prose has %d lines, want %d", got, want)
	}
	if strings.Contains(prose, "250") || !strings.Contains(prose, "25") {
		t.Errorf("prose %q: want the code and shortcode blanked and the 25 kept", prose)
	}
}

// The facts come from the challenges and Maelstrom's test; a step's
// constant is not among them.
func TestFacts(t *testing.T) {
	has := func(v float64, duration bool) bool {
		return slices.ContainsFunc(Facts(), func(f Fact) bool { return f.Value == v && f.Duration == duration })
	}
	for _, f := range []struct {
		v        float64
		duration bool
	}{{25, false}, {24, false}, {400, true}, {2000, true}, {10000, true}, {56, false}, {112, false}, {800, true}} {
		if !has(f.v, f.duration) {
			t.Errorf("no fact %v (duration %v)", f.v, f.duration)
		}
	}
	if has(250, true) || has(250, false) {
		t.Error("250 is a fact: it is 3e's batch interval, a constant of the code")
	}
}

// The blog's own posts follow the rule: this is the check make test runs
// on them (make site-test runs the command).
func TestContentTypesNoNumbers(t *testing.T) {
	files, err := filepath.Glob("../../../content/*/*.md")
	more, _ := filepath.Glob("../../../content/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no posts found: %v", err)
	}
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range Check(string(b), Facts()) {
			t.Errorf("%s:%s", f, p)
		}
	}
}
