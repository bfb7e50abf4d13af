package judge

import (
	"bytes"
	"strings"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// judgeOutput runs File and returns its exit status and lines.
func judgeOutput(t *testing.T, workload, file string, runExit int) (int, []string) {
	t.Helper()
	c, err := challenges.Find(workload)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	code := 1
	if File(&buf, c, file, runExit) {
		code = 0
	}
	return code, strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

func TestJudgeFileEndsInTheOutcome(t *testing.T) {
	code, lines := judgeOutput(t, "broadcast-3d", "../challenges/testdata/maelstrom-3d.edn", 0)
	if code != 1 {
		t.Errorf("exit %d, want 1 for a failed challenge", code)
	}
	want := "FAIL: the challenge is not met (2 of 4 targets fail): median latency 452 ms (want < 400 ms); max latency 794 ms (want < 600 ms)"
	if last := lines[len(lines)-1]; last != want {
		t.Errorf("last line\n got %q\nwant %q", last, want)
	}
	if !strings.HasPrefix(lines[0], "Targets of broadcast-3d, judged from ") {
		t.Errorf("first line %q does not name the challenge", lines[0])
	}
	for _, l := range lines {
		if strings.Contains(l, "every check passed") {
			t.Errorf("a failed judgement says %q", l)
		}
	}

	code, lines = judgeOutput(t, "broadcast-3e", "../challenges/testdata/spec-8.1.edn", 0)
	if code != 0 || lines[len(lines)-1] != "PASS: the challenge is met (4 of 4 targets pass)" {
		t.Errorf("exit %d, last line %q; want 0 and a pass", code, lines[len(lines)-1])
	}
}

// A run that exited with an error cannot pass, whatever its targets say.
func TestJudgeFileFailsARunThatFailed(t *testing.T) {
	code, lines := judgeOutput(t, "broadcast-3e", "../challenges/testdata/spec-8.1.edn", 255)
	last := lines[len(lines)-1]
	if code != 1 || !strings.HasPrefix(last, "FAIL: every target passes, but the run itself exited with status 255") {
		t.Errorf("exit %d, last line %q", code, last)
	}
}

func TestJudgeFileWithoutResults(t *testing.T) {
	code, lines := judgeOutput(t, "broadcast-3e", "../challenges/testdata/none.edn", 0)
	if code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], "FAIL: the challenge could not be judged: ") {
		t.Errorf("exit %d, output %q", code, lines)
	}
}
