package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeTree creates files (slash paths → contents) under root.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func threeSteps(t *testing.T) string {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"broadcast-3a/go.mod":          "module m/3a\n",
		"broadcast-3a/main.go":         "package main\n\nfunc main() {}\n",
		"broadcast-3a/old.go":          "package main\n",
		"broadcast-3a/same.go":         "package main // same\n",
		"broadcast-3a/go.sum":          "not shown\n",
		"broadcast-3b/go.mod":          "module m/3b\n",
		"broadcast-3b/main.go":         "package main\n\nfunc main() { run() }\n",
		"broadcast-3b/same.go":         "package main // same\n",
		"broadcast-3b/run.go":          "package main\n\nfunc run() {}\n",
		"broadcast-3b/README.md":       "not shown\n",
		"broadcast-3b/testdata/x.go":   "package ignored\n",
		"broadcast-3b/internal/q/q.go": "package q\n",
		"broadcast-3c/go.mod":          "module m/3c\n",
		"broadcast-3c/main.go":         "package main\n\nfunc main() { run() }\n",
		"broadcast-3c/same.go":         "package main // same\n",
		"broadcast-3c/run.go":          "package main\n\nfunc run() { println() }\n",
		"broadcast-3c/internal/q/q.go": "package q\n",
		"harness/main.go":              "package main // not a step\n",
		"broadcast-3c-notes.txt":       "a file, not a step\n",
		"steps.toml":                   registry("broadcast-3a", "broadcast-3b", "broadcast-3c"),
	})
	return root
}

// registry is a steps.toml of the named steps, in order.
func registry(names ...string) string {
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "[[step]]\nname = %q\nworkloads = [%q]\npost = \"p\"\ndiagram = \"d\"\n", n, n)
	}
	return b.String()
}

func TestPlan(t *testing.T) {
	root := threeSteps(t)
	got, err := plan(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range got {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{
		"broadcast-3a..broadcast-3b/go.mod.diff",
		"broadcast-3a..broadcast-3b/internal/q/q.go.diff",
		"broadcast-3a..broadcast-3b/main.go.diff",
		"broadcast-3a..broadcast-3b/old.go.diff",
		"broadcast-3a..broadcast-3b/run.go.diff",
		"broadcast-3b..broadcast-3c/go.mod.diff",
		"broadcast-3b..broadcast-3c/run.go.diff",
	}
	if !slices.Equal(names, want) {
		t.Fatalf("diffs:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}

	headers := map[string]string{
		"broadcast-3a..broadcast-3b/main.go.diff": "--- broadcast-3a/main.go\n+++ broadcast-3b/main.go\n",
		"broadcast-3a..broadcast-3b/old.go.diff":  "--- broadcast-3a/old.go\n+++ /dev/null\n@@ -1 +0,0 @@\n-package main\n",
		"broadcast-3a..broadcast-3b/run.go.diff":  "--- /dev/null\n+++ broadcast-3b/run.go\n@@ -0,0 +1,3 @@\n",
	}
	for name, prefix := range headers {
		if !strings.HasPrefix(got[name], prefix) {
			t.Errorf("%s starts\n%s\nwant\n%s", name, got[name], prefix)
		}
	}
}

func TestPlanNeedsTwoSteps(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"broadcast-3a/main.go": "package main\n", "steps.toml": registry("broadcast-3a")})
	got, err := plan(root)
	if err != nil || len(got) != 0 {
		t.Fatalf("plan with one step = %v, %v; want no diffs", got, err)
	}
}

// The steps are paired in the registry's order, whatever their names.
func TestPairsFollowTheRegistry(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"broadcast-3e/main.go":        "package main\n",
		"broadcast-piggyback/main.go": "package main // after 3e\n",
		"broadcast-3d/main.go":        "package main // before 3e\n",
		"steps.toml":                  registry("broadcast-3d", "broadcast-3e", "broadcast-piggyback"),
	})
	got, err := plan(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got["broadcast-3e..broadcast-piggyback/main.go.diff"]; !ok || len(got) != 2 {
		t.Errorf("diffs %v, want 3d..3e and 3e..piggyback", slices.Collect(maps.Keys(got)))
	}
}

// make diff prints a new file whole, as added lines, with no timestamps;
// a name that is not a step is an error that lists the steps.
func TestPrintDiff(t *testing.T) {
	root := threeSteps(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-root", root, "-from", "broadcast-3a", "-to", "broadcast-3b"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		"--- /dev/null\n+++ broadcast-3b/run.go\n@@ -0,0 +1,3 @@\n+package main\n+\n+func run() {}\n",
		"--- broadcast-3a/main.go\n+++ broadcast-3b/main.go\n",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the diff lacks\n%s\nin\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	if code := run([]string{"-root", root, "-from", "broadcast-3a", "-to", "broadcast-3x"}, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "broadcast-3x is not a step; the steps are broadcast-3a, broadcast-3b, broadcast-3c") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestWriteThenCheck(t *testing.T) {
	root := threeSteps(t)
	out := filepath.Join(root, "assets", "diffs")
	runOK := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"-root", root, "-out", out}, args...), &stdout, &stderr); code != 0 {
			t.Fatalf("stepdiff %v exited %d: %s", args, code, stderr.String())
		}
		return stdout.String()
	}
	runStale := func() string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-root", root, "-out", out, "-check"}, &stdout, &stderr); code != 1 {
			t.Fatalf("stepdiff -check exited %d, want 1; stderr: %s", code, stderr.String())
		}
		return stderr.String()
	}

	if msg := runStale(); !strings.Contains(msg, "stale: broadcast-3a..broadcast-3b/main.go.diff (missing)") {
		t.Errorf("before the first run, -check said:\n%s", msg)
	}
	runOK()
	runOK("-check")
	written, err := os.ReadFile(filepath.Join(out, "broadcast-3b..broadcast-3c", "run.go.diff"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "--- broadcast-3b/run.go\n+++ broadcast-3c/run.go\n@@ -1,3 +1,3 @@\n package main\n \n-func run() {}\n+func run() { println() }\n"; string(written) != want {
		t.Errorf("run.go.diff =\n%s\nwant\n%s", written, want)
	}

	// A step changes: its diffs go stale until regenerated.
	writeTree(t, root, map[string]string{"broadcast-3c/main.go": "package main\n\nfunc main() { run(); run() }\n"})
	if msg := runStale(); !strings.Contains(msg, "stale: broadcast-3b..broadcast-3c/main.go.diff (missing)") {
		t.Errorf("after a change, -check said:\n%s", msg)
	}
	writeTree(t, root, map[string]string{"broadcast-3c/run.go": "package main\n\nfunc run() {}\n"})
	if msg := runStale(); !strings.Contains(msg, "stale: broadcast-3b..broadcast-3c/run.go.diff (obsolete)") {
		t.Errorf("after reverting run.go, -check said:\n%s", msg)
	}
	if got := runOK(); !strings.Contains(got, "removed broadcast-3b..broadcast-3c/run.go.diff") {
		t.Errorf("regenerating printed:\n%s", got)
	}
	runOK("-check")

	// A hand-edited diff is out of date.
	edited := filepath.Join(out, "broadcast-3a..broadcast-3b", "main.go.diff")
	if err := os.WriteFile(edited, []byte("edited by hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg := runStale(); !strings.Contains(msg, "stale: broadcast-3a..broadcast-3b/main.go.diff (out of date)") {
		t.Errorf("after a hand edit, -check said:\n%s", msg)
	}

	// A step pair that disappears leaves no directory behind.
	if err := os.RemoveAll(filepath.Join(root, "broadcast-3c")); err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, map[string]string{"steps.toml": registry("broadcast-3a", "broadcast-3b")})
	runOK()
	if _, err := os.Stat(filepath.Join(out, "broadcast-3b..broadcast-3c")); !os.IsNotExist(err) {
		t.Errorf("obsolete pair directory still there: %v", err)
	}
	if _, err := os.Stat(edited); err != nil {
		t.Errorf("regenerating lost a wanted diff: %v", err)
	}
}

func TestRunRejectsArguments(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"broadcast-3a"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), `unexpected argument "broadcast-3a"`) {
		t.Errorf("stderr: %s", stderr.String())
	}
}

// TestRealStepsMatchDiff checks the repository's own steps: every diff
// the blog shows is what diff -u prints for the same pair of files.
func TestRealStepsMatchDiff(t *testing.T) {
	diffBin, err := exec.LookPath("diff")
	if err != nil {
		t.Skip("diff is not installed")
	}
	root := filepath.Join("..", "..")
	diffs, err := plan(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) == 0 {
		t.Log("fewer than two steps in the repository: nothing to compare")
	}
	for name, got := range diffs {
		pair, file, _ := strings.Cut(strings.TrimSuffix(name, ".diff"), "/")
		from, to, _ := strings.Cut(pair, "..")
		fa, fb := filepath.Join(root, from, file), filepath.Join(root, to, file)
		la, lb := from+"/"+file, to+"/"+file
		if _, err := os.Stat(fa); err != nil {
			fa, la = os.DevNull, devNull
		}
		if _, err := os.Stat(fb); err != nil {
			fb, lb = os.DevNull, devNull
		}
		want, _ := exec.Command(diffBin, "-u", "--label", la, "--label", lb, fa, fb).Output()
		if got != string(want) {
			t.Errorf("%s differs from diff -u:\n%s\ndiff -u:\n%s", name, got, want)
		}
	}
}
