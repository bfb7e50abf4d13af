package judge

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// buildHarness builds the real harness into a temporary directory.
func buildHarness(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "harness")
	if out, err := exec.Command("go", "build", "-o", bin, "../../../harness").CombinedOutput(); err != nil {
		t.Fatalf("building the harness: %v\n%s", err, out)
	}
	return bin
}

// olderRun puts a finished, passing run in a store, as an earlier make
// would have left it.
func olderRun(t *testing.T, store string) {
	t.Helper()
	dir := filepath.Join(store, "broadcast", "20261201T120000.000Z")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../challenges/testdata/spec-8.1.edn")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "results.edn"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A usage error ends the harness before it begins a run: the judge says so
// in one line and judges nothing, though the store holds an older run that
// would pass.
func TestAUsageErrorLeavesNothingToJudge(t *testing.T) {
	harness := buildHarness(t)
	store := filepath.Join(t.TempDir(), "store")
	olderRun(t, store)
	c, _ := challenges.Find("broadcast-3b")
	var out bytes.Buffer
	run, err := Start(c, Options{Bin: "/bin/true", Harness: harness, Store: store, Extra: []string{"--rate", "abc"}, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	if run.Exit != cli.ExitUsage || run.Dir != "" {
		t.Errorf("exit %d, run directory %q; want %d and none", run.Exit, run.Dir, cli.ExitUsage)
	}
	var verdict bytes.Buffer
	if run.Verdict(&verdict) {
		t.Error("a run that never began met the challenge")
	}
	want := "FAIL: nothing to judge: harness exited with status 254 before it began a run (a usage error or a failed setup; its output is above)\n"
	if verdict.String() != want {
		t.Errorf("verdict\n%q\nwant\n%q\n(the harness said: %s)", verdict.String(), want, out.String())
	}
	if !strings.Contains(out.String(), "--rate") {
		t.Errorf("the harness' own error is not in the output:\n%s", out.String())
	}
}

// A run that begins but stops before its checker wrote results.edn is
// not judged either.
func TestARunWithoutResultsIsNotJudged(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	olderRun(t, store)
	crash := filepath.Join(dir, "crashing-harness")
	script := "#!/bin/sh\nmkdir -p " + store + "/broadcast/20261207T120000.000Z\necho setup failed\nexit 255\n"
	if err := os.WriteFile(crash, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	c, _ := challenges.Find("broadcast-3b")
	run, err := Start(c, Options{Bin: "/bin/true", Harness: crash, Store: store, Out: new(bytes.Buffer)})
	if err != nil {
		t.Fatal(err)
	}
	var verdict bytes.Buffer
	if run.Verdict(&verdict) || !strings.HasPrefix(verdict.String(), "FAIL: nothing to judge: crashing-harness exited with status 255 before its checker wrote ") ||
		!strings.Contains(verdict.String(), "20261207T120000.000Z") {
		t.Errorf("verdict %q", verdict.String())
	}
}

// With MAELSTROM, the flags only the harness has are left out, and said
// so in one line; Maelstrom's own and the node's stay. The stand-in
// refuses an option it does not know, as Maelstrom does.
func TestMaelstromGetsNoFlagOfTheHarness(t *testing.T) {
	maelstrom, err := filepath.Abs("testdata/maelstrom")
	if err != nil {
		t.Fatal(err)
	}
	results, err := filepath.Abs("../challenges/testdata/spec-8.1.edn")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // Maelstrom writes ./store
	t.Setenv("RESULTS", results)
	if out, err := exec.Command(maelstrom, "test", "-w", "broadcast", "--seed", "1").CombinedOutput(); err == nil {
		t.Fatalf("the stand-in took --seed: %s", out)
	}

	c, _ := challenges.Find("broadcast-3e")
	var out bytes.Buffer
	extra := []string{"--seed", "7", "--verbose", "--store=elsewhere", "--time-limit", "5", "--", "--seed", "3"}
	run, err := Start(c, Options{Bin: "/bin/true", Maelstrom: maelstrom, Extra: extra, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if want := "judge: left out --seed 7 --verbose --store=elsewhere: only the harness has it, and Maelstrom would refuse it"; lines[0] != want {
		t.Errorf("first line %q, want %q", lines[0], want)
	}
	if want := " --node-count 25 --time-limit 5 --rate 100 --latency 100 -- --seed 3"; !strings.HasSuffix(lines[1], want) {
		t.Errorf("command %q, want it to end %q", lines[1], want)
	}
	if run.Exit != 0 || run.Dir == "" {
		t.Fatalf("exit %d, directory %q:\n%s", run.Exit, run.Dir, out.String())
	}
	var verdict bytes.Buffer
	if !run.Verdict(&verdict) {
		t.Errorf("the stand-in's results did not pass:\n%s", verdict.String())
	}
}
