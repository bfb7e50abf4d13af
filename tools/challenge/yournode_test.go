package main

// These tests judge a node written in Python (testdata/node.py) the way the
// README tells a reader to judge their own: `challenge run` with -bin
// pointing at it, through the harness. They build the harness and this
// command, and each runs a 5-node broadcast-3b challenge for about 15 s,
// so -short skips them.

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

var (
	buildOnce              sync.Once
	harnessBin, commandBin string
	buildErr               error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if harnessBin != "" {
		os.RemoveAll(filepath.Dir(harnessBin))
	}
	os.Exit(code)
}

// binaries builds the harness and the challenge command once per test run.
func binaries(t *testing.T) (harness, command string) {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "challenge-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		harnessBin, commandBin = filepath.Join(dir, "harness"), filepath.Join(dir, "challenge")
		for bin, pkg := range map[string]string{harnessBin: "../../harness", commandBin: "."} {
			if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
				buildErr = errors.Join(buildErr, errors.New(string(out)), err)
			}
		}
	})
	if buildErr != nil {
		t.Fatalf("building the harness and the challenge command: %v", buildErr)
	}
	return harnessBin, commandBin
}

// judgePythonNode runs challenge broadcast-3b against testdata/node.py
// with the node's own arguments, and returns the exit status and output.
func judgePythonNode(t *testing.T, nodeArgs ...string) (int, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end: runs the harness and a Python node for about 15 s")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed, so the Python node cannot run (.ci/run installs Debian's python3)")
	}
	t.Parallel()
	harness, command := binaries(t)
	node, err := filepath.Abs("testdata/node.py")
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"run", "-workload", "broadcast-3b", "-bin", node, "-harness", harness,
		"-store", filepath.Join(t.TempDir(), "store"), "--", "--time-limit", "5"}
	if len(nodeArgs) > 0 {
		args = append(append(args, "--"), nodeArgs...)
	}
	out, err := exec.Command(command, args...).CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	}
	t.Fatalf("challenge run: %v\n%s", err, out)
	return 0, ""
}

// lastLine is the output's last line: the judge's verdict.
func lastLine(out string) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestJudgeAPythonNodeThatGossips(t *testing.T) {
	code, out := judgePythonNode(t)
	if code != 0 || lastLine(out) != "PASS: the challenge is met (1 of 1 targets pass)" {
		t.Errorf("exit %d, last line %q; want 0 and a pass. Output:\n%s", code, lastLine(out), out)
	}
	if !strings.Contains(out, "\nChecker: valid, nothing lost.\n") {
		t.Errorf("the harness's verdict is missing:\n%s", out)
	}
}

func TestJudgeAPythonNodeThatKeepsValuesToItself(t *testing.T) {
	code, out := judgePythonNode(t, "--no-gossip")
	want := "FAIL: the challenge is not met (1 of 1 targets fail): valid false (want true)"
	if code != 1 || lastLine(out) != want {
		t.Errorf("exit %d, last line %q; want 1 and %q. Output:\n%s", code, lastLine(out), want, out)
	}
	if !regexp.MustCompile(`\nChecker: invalid, \d+ values? lost\.\n`).MatchString(out) {
		t.Errorf("the harness does not say values were lost:\n%s", out)
	}
	if strings.Contains(out, "every check passed") {
		t.Errorf("a failing run says every check passed:\n%s", out)
	}
}
