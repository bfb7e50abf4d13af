package main

// The end-to-end tests run the harness as a user does: TestMain builds the
// harness and the test node (testnode) once, and every test starts
// the harness binary, which starts the test node as real processes. They
// judge what a user sees: the exit status, the console, and the files in
// the store.
//
// A run lasts its --time-limit plus 10 s of recovery, mostly waiting, so the
// tests run four at a time; -short skips them.

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"olympos.io/encoding/edn"
)

// The binaries TestMain builds.
var harnessBin, testnodeBin string

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run())
	}
	defaultParallel(4)
	dir, err := os.MkdirTemp("", "harness-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	harnessBin = filepath.Join(dir, "harness")
	testnodeBin = filepath.Join(dir, "testnode")
	err = goBuild(harnessBin, ".")
	if err == nil {
		err = goBuild(testnodeBin, "./testnode/cmd/testnode")
	}
	code := 1
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// defaultParallel lets n tests run at once unless -parallel was given: the
// runs mostly wait, so more of them than the default (one per core) fit.
func defaultParallel(n int) {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		flag.Set("test.parallel", strconv.Itoa(n))
	}
}

func goBuild(out, pkg string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	return nil
}

// e2e marks an end-to-end test: skipped with -short, run in parallel.
func e2e(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: runs real processes for several seconds")
	}
	t.Parallel()
}

// result is what one harness run left behind.
type result struct {
	exit    int
	console string // stdout and stderr, interleaved as written
	store   string // the --store directory
	elapsed time.Duration
}

// harness runs `harness test --store <temp> args…` and waits for it.
func harness(t *testing.T, args ...string) result {
	t.Helper()
	cmd, res, console := startHarness(t, args...)
	start := time.Now()
	err := cmd.Wait()
	res.elapsed = time.Since(start)
	res.console = console.String()
	res.exit = exitCode(t, err)
	return res
}

// startHarness starts the harness and returns the running command; its
// console output collects in the returned buffer.
func startHarness(t *testing.T, args ...string) (*exec.Cmd, result, *bytes.Buffer) {
	t.Helper()
	res := result{store: filepath.Join(t.TempDir(), "store")}
	// A hung run must not hang the test binary; the bound is far above
	// any run here.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, harnessBin, append([]string{"test", "--store", res.store}, args...)...)
	cmd.Dir = t.TempDir()
	console := new(bytes.Buffer)
	cmd.Stdout, cmd.Stderr = console, console
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, res, console
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return exit.ExitCode()
	default:
		t.Fatalf("harness did not exit normally: %v", err)
		return -1
	}
}

// testnode runs the harness against the test node on 5 nodes for 3 s at 10
// ops/s, with a fixed seed; extra harness flags come first, and the node's
// flags follow "--".
func testnode(t *testing.T, harnessArgs []string, nodeArgs ...string) result {
	t.Helper()
	args := []string{"--bin", testnodeBin, "--node-count", "5", "--time-limit", "3", "--rate", "10", "--seed", "7"}
	args = append(args, harnessArgs...)
	return harness(t, append(append(args, "--"), nodeArgs...)...)
}

// runDir is the run's directory: the only one under store/broadcast.
func (r result) runDir(t *testing.T) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(r.store, "broadcast", "2*"))
	if len(dirs) != 1 {
		t.Fatalf("want one run directory in %s, found %v; console:\n%s", r.store, dirs, r.console)
	}
	return dirs[0]
}

func (r result) file(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(r.runDir(t), name))
	if err != nil {
		t.Fatalf("%v; console:\n%s", err, r.console)
	}
	return string(b)
}

// results parses results.edn.
func (r result) results(t *testing.T) ednMap {
	t.Helper()
	var m map[edn.Keyword]any
	if err := edn.UnmarshalString(r.file(t, "results.edn"), &m); err != nil {
		t.Fatalf("results.edn: %v", err)
	}
	out := ednMap{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (r result) wantExit(t *testing.T, want int) {
	t.Helper()
	if r.exit != want {
		t.Fatalf("exit status %d, want %d; console:\n%s", r.exit, want, r.console)
	}
}

func (r result) wantConsole(t *testing.T, pattern string) []string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(r.console)
	if m == nil {
		t.Errorf("console does not match %q:\n%s", pattern, r.console)
	}
	return m
}

// ednMap is a parsed EDN map: keywords at the top, any keys inside.
type ednMap map[any]any

// get follows a path of keywords, such as get("workload", "lost-count").
func (m ednMap) get(t *testing.T, path ...string) any {
	t.Helper()
	var v any = map[any]any(m)
	for i, k := range path {
		mm, ok := v.(map[any]any)
		if !ok {
			t.Fatalf("results.edn: :%s is %T, not a map", strings.Join(path[:i], " :"), v)
		}
		if v, ok = mm[edn.Keyword(k)]; !ok {
			t.Fatalf("results.edn has no :%s", strings.Join(path[:i+1], " :"))
		}
	}
	return v
}

func (m ednMap) number(t *testing.T, path ...string) float64 {
	t.Helper()
	switch v := m.get(t, path...).(type) {
	case int64:
		return float64(v)
	case float64:
		return v
	default:
		t.Fatalf("results.edn: :%s is %T %v, not a number", strings.Join(path, " :"), v, v)
		return 0
	}
}

// ints reads a list of integers, such as :workload :lost.
func (m ednMap) ints(t *testing.T, path ...string) []int {
	t.Helper()
	var items []any
	switch v := m.get(t, path...).(type) {
	case []any:
		items = v
	case nil:
	default:
		t.Fatalf("results.edn: :%s is %T, not a list", strings.Join(path, " :"), v)
	}
	var out []int
	for _, x := range items {
		out = append(out, int(x.(int64)))
	}
	return out
}

// 1. A correct node under partitions passes, and the store holds every
// file of the run.
func TestE2EValidUnderPartitions(t *testing.T) {
	e2e(t)
	r := testnode(t, []string{"--nemesis", "partition", "--nemesis-interval", "1"})
	r.wantExit(t, 0)
	dir := r.runDir(t)
	for _, name := range []string{
		"results.edn", "results.json", "history.txt", "history.edn", "jepsen.log",
		"messages.svg", "latency-raw.svg", "latency-quantiles.svg", "rate.svg", "timeline.html",
		"node-logs/n0.log", "node-logs/n1.log", "node-logs/n2.log", "node-logs/n3.log", "node-logs/n4.log",
	} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
		} else if info.Size() == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	for _, link := range []string{filepath.Join(r.store, "latest"), filepath.Join(r.store, "broadcast", "latest")} {
		target, err := filepath.EvalSymlinks(link)
		if err != nil {
			t.Error(err)
			continue
		}
		if real, _ := filepath.EvalSymlinks(dir); target != real {
			t.Errorf("%s points at %s, want %s", link, target, real)
		}
	}
	res := r.results(t)
	if v := res.get(t, "valid?"); v != true {
		t.Errorf(":valid? %v, want true", v)
	}
	if n := res.number(t, "workload", "lost-count"); n != 0 {
		t.Errorf(":workload :lost-count %v, want 0", n)
	}
	if !strings.Contains(r.file(t, "history.txt"), ":nemesis\t:info\t:start-partition\t[:isolated") {
		t.Error("history.txt has no partition, yet --nemesis partition was on")
	}
	r.wantConsole(t, `(?m)^Checker: valid`)
	r.wantConsole(t, `(?m)^Messages per op: servers \d+\.\d\d .*, all \d+\.\d\d`)
}

// 2. Without gossip, values stay on the node that got them: the run is
// invalid and the summary says which nodes' final reads missed a value.
func TestE2ELostValuesWithoutGossip(t *testing.T) {
	e2e(t)
	r := testnode(t, nil, "--gossip", "none")
	r.wantExit(t, 1)
	r.wantConsole(t, `(?m)^Checker: invalid`)
	r.wantConsole(t, `(?m)^Lost values, by the final reads of each node:$`)
	m := r.wantConsole(t, `(?m)^  (\d+): missing on (n\d(?:, n\d)*); present on (n\d)$`)
	res := r.results(t)
	lost := res.ints(t, "workload", "lost")
	if n := res.number(t, "workload", "lost-count"); n == 0 || int(n) != len(lost) {
		t.Errorf(":lost-count %v with :lost %v, want a count above 0 that matches the list", n, lost)
	}
	if m != nil {
		v, _ := strconv.Atoi(m[1])
		if !slices.Contains(lost, v) {
			t.Errorf("the summary explains value %d, which is not in :lost %v", v, lost)
		}
		if missing := strings.Split(m[2], ", "); slices.Contains(missing, m[3]) {
			t.Errorf("value %d is both missing on and present on %s", v, m[3])
		}
	}
	if n := res.number(t, "net", "servers", "msgs-per-op"); n != 0 {
		t.Errorf(":servers :msgs-per-op %v from nodes that never talk to each other, want 0", n)
	}
}

// 3. Flooding costs messages between servers: every new value goes to all
// four peers, so well over one server message per op.
func TestE2EFloodCostsMessages(t *testing.T) {
	e2e(t)
	r := testnode(t, []string{"--rate", "20"}, "--gossip", "flood")
	r.wantExit(t, 0)
	if n := r.results(t).number(t, "net", "servers", "msgs-per-op"); n < 1.5 {
		t.Errorf(":servers :msgs-per-op %v, want at least 1.5 (the gossip-free run has 0)", n)
	}
}

// 4. A line a node prints that is not a valid message is reported, naming
// the node, the line and the reason, and dropped; the node's later lines are
// still routed, so its broadcast replies still arrive.
func TestE2EBadNodeOutput(t *testing.T) {
	e2e(t)
	for _, tc := range []struct {
		misbehave string
		reason    string
	}{
		{"bad-json", `not a JSON object: .+`},
		{"extra-field", `unexpected top-level field\(s\) "extra": only src, dest, body \(and id\) are allowed`},
		{"unknown-dest", `unknown endpoint: destination "n99" is not a node or an open client`},
	} {
		t.Run(tc.misbehave, func(t *testing.T) {
			e2e(t)
			r := testnode(t, nil, "--misbehave", tc.misbehave)
			r.wantExit(t, 0)
			warn := regexp.MustCompile(`(?m)^WARN node (n\d), stdout line (\d+): dropped: ` + tc.reason + `.*\n    the line: (.*)$`)
			warnings := warn.FindAllStringSubmatch(r.console, -1)
			if len(warnings) == 0 {
				t.Fatalf("no warning matches %q:\n%s", warn, r.console)
			}
			for _, w := range warnings {
				if n, _ := strconv.Atoi(w[2]); n < 3 {
					t.Errorf("%s: the bad line comes after init_ok and topology_ok, so its number is at least 3", w[0])
				}
				if tc.misbehave != "bad-json" && !strings.Contains(w[3], `"src":"`+w[1]+`"`) {
					t.Errorf("the warning names node %s, but the line is %s", w[1], w[3])
				}
			}
			r.wantConsole(t, fmt.Sprintf(`(?m)^WARN %d line\(s\) the nodes printed were dropped`, len(warnings)))
			if !strings.Contains(r.file(t, "jepsen.log"), warnings[0][0]) {
				t.Error("jepsen.log lacks the warning")
			}
			res := r.results(t)
			if n := res.number(t, "stats", "info-count"); n != 0 {
				t.Errorf(":stats :info-count %v, want 0: a reply after the bad line was not routed", n)
			}
			if v := res.get(t, "valid?"); v != true {
				t.Errorf(":valid? %v, want true", v)
			}
		})
	}
}

// 5. A node that exits during the run is named with its exit status, its
// last words and its log; the run ends with status 255 and still writes
// its history and a results.edn that records the crash.
func TestE2ENodeCrash(t *testing.T) {
	e2e(t)
	r := testnode(t, nil, "--misbehave", "crash", "--crash-after", "1")
	r.wantExit(t, 255)
	m := r.wantConsole(t, `(?m)^Node (n\d) crashed: it exited with status 3 before the harness stopped it\.\n  Its log: (\S+)\n  Its last lines on stderr:\n(?:    .*\n)*?    testnode: crashing on purpose\n  Its last lines on stdout:`)
	r.wantConsole(t, `(?m)^Checker: no verdict, node n\d+ crashed`)
	if m != nil && filepath.Base(m[2]) != m[1]+".log" {
		t.Errorf("crashed node %s, but the log named is %s", m[1], m[2])
	}
	r.wantConsole(t, `(?m)^WARN Node n\d stopped on its own \(exit status 3\) while the test was running`)
	if h := r.file(t, "history.txt"); !strings.Contains(h, ":invoke\t:broadcast") {
		t.Error("history.txt has no broadcast")
	}
	res := r.results(t)
	if n := res.number(t, "crash", "exit-status"); n != 3 {
		t.Errorf(":crash :exit-status %v, want 3", n)
	}
	if m != nil {
		if node := res.get(t, "crash", "node"); node != m[1] {
			t.Errorf(":crash :node %v, the console names %s", node, m[1])
		}
	}
}

// 6. A node that never answers init or topology stops the run before it
// starts, after the handshake's timeout, with a message that names the node
// and the message it did not answer. A node that exits instead of
// answering stops it at once: no reply can come from a node that is gone.
func TestE2ESetupTimeouts(t *testing.T) {
	e2e(t)
	for _, tc := range []struct {
		misbehave, message, timeout string
		bound                       time.Duration // far below the 30 s main phase the run would take
	}{
		{"no-init", "init", "10s", 25 * time.Second},
		{"no-topology", "topology", "5s", 20 * time.Second},
	} {
		t.Run(tc.misbehave, func(t *testing.T) {
			e2e(t)
			r := testnode(t, []string{"--time-limit", "30"}, "--misbehave", tc.misbehave)
			r.wantExit(t, 255)
			m := r.wantConsole(t, `node (n\d) did not answer its `+tc.message+` message within `+tc.timeout+`: .* \(see (\S+)\)`)
			if m != nil && filepath.Base(m[2]) != m[1]+".log" {
				t.Errorf("node %s, but the log named is %s", m[1], m[2])
			}
			r.wantConsole(t, `WARN The test could not run`)
			if r.elapsed > tc.bound {
				t.Errorf("took %v: the run should stop at the %s timeout", r.elapsed, tc.message)
			}
			if _, err := os.Stat(filepath.Join(r.runDir(t), "results.edn")); err == nil {
				t.Error("results.edn written for a run that never started")
			}
		})
	}
	t.Run("exit-at-init", func(t *testing.T) {
		e2e(t)
		r := testnode(t, []string{"--time-limit", "30"}, "--misbehave", "exit-at-init")
		r.wantExit(t, 255)
		r.wantConsole(t, `node (n\d) exited before it answered its init message, so the harness stopped waiting for it rather than wait out the 10s timeout \(see \S+n\d\.log\)`)
		r.wantConsole(t, `WARN The test could not run`)
		// The 10 s init timeout is not waited out; 5 s leaves room for a
		// busy machine to start five processes.
		if r.elapsed > 5*time.Second {
			t.Errorf("took %v: the run should stop as soon as the node has exited", r.elapsed)
		}
	})
}

// 7. A broadcast_ok with a field the schema does not allow makes the
// broadcast :info with a malformed-response error and an exception.
func TestE2EMalformedReply(t *testing.T) {
	e2e(t)
	r := testnode(t, nil, "--misbehave", "extra-reply-field")
	res := r.results(t)
	count := res.number(t, "stats", "by-f", "broadcast", "count")
	if info := res.number(t, "stats", "by-f", "broadcast", "info-count"); count == 0 || info != count {
		t.Errorf("%v of %v broadcasts ended :info, want all (and some)", info, count)
	}
	groups, _ := res.get(t, "exceptions", "exceptions").([]any)
	if len(groups) == 0 {
		t.Fatal("results.edn has no :exceptions groups")
	}
	g := ednMap(groups[0].(map[any]any))
	if n := g.number(t, "count"); n != count {
		t.Errorf("exception :count %v, want %v (one per broadcast)", n, count)
	}
	if c := g.get(t, "class"); c != "MalformedRPCResponse" {
		t.Errorf("exception :class %v", c)
	}
	if !regexp.MustCompile(`(?m)^\d+\t:info\t:broadcast\t\d+\t"indeterminate: Malformed RPC response\. broadcast_ok has unexpected field\(s\) \\"oops\\""$`).MatchString(r.file(t, "history.txt")) {
		t.Error("history.txt has no :info broadcast with the malformed-response error")
	}
	r.wantConsole(t, `(?m)^Exception: \d+ × MalformedRPCResponse$`)
}

// 8. Error replies become :fail for a definite code and :info for an
// indefinite or unknown one, and each keeps the broadcast's value.
func TestE2EErrorReplies(t *testing.T) {
	e2e(t)
	// Two nodes, so each surely gets the three broadcasts it answers with
	// errors.
	r := testnode(t, []string{"--node-count", "2"}, "--misbehave", "error-reply")
	h := r.file(t, "history.txt")
	for _, want := range []string{
		`\t:fail\t:broadcast\t\d+\t\[:temporarily-unavailable "testnode is pretending to be temporarily unavailable"\]`,
		`\t:info\t:broadcast\t\d+\t\[:crash "testnode is pretending to have crashed"\]`,
		`\t:info\t:broadcast\t\d+\t\[:unknown "testnode is answering with a code of its own"\]`,
	} {
		if !regexp.MustCompile(`(?m)^\d+` + want + `$`).MatchString(h) {
			t.Errorf("history.txt has no line matching %q:\n%s", want, h)
		}
	}
	// After an :info a thread runs a new process: the old one never
	// invokes again.
	ended := map[string]bool{}
	for _, line := range strings.Split(h, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			continue
		}
		if f[1] == ":invoke" && ended[f[0]] {
			t.Errorf("process %s invoked again after its op ended :info: %s", f[0], line)
		}
		if f[1] == ":info" && f[0] != ":nemesis" {
			ended[f[0]] = true
		}
	}
}

// 9. A bad command line exits 254 with a message that says what is wrong,
// before anything runs.
func TestE2EUsageErrors(t *testing.T) {
	e2e(t)
	notExecutable := filepath.Join(t.TempDir(), "node.txt")
	if err := os.WriteFile(notExecutable, []byte("not a program"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing --bin", []string{"--node-count", "1"}, "Expected a --bin PATH_TO_BINARY to test"},
		{"not executable", []string{"--bin", notExecutable}, notExecutable},
		{"unknown flag", []string{"--bin", "x", "--frobnicate", "3"}, "--frobnicate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e2e(t)
			r := harness(t, tc.args...)
			r.wantExit(t, 254)
			if !strings.Contains(r.console, tc.want) {
				t.Errorf("console does not name %q:\n%s", tc.want, r.console)
			}
			if _, err := os.Stat(r.store); err == nil {
				t.Errorf("a bad command line created the store %s", r.store)
			}
		})
	}
}

// 10. Ctrl-C stops a run at once: the harness exits 255 after writing the
// history, and no node process outlives it.
func TestE2EInterrupt(t *testing.T) {
	e2e(t)
	// A copy of the test node with a path of its own tells this run's
	// nodes apart from those of the tests running beside it.
	node := filepath.Join(t.TempDir(), "interrupted-testnode")
	copyFile(t, testnodeBin, node)
	cmd, r, console := startHarness(t, "--bin", node, "--node-count", "5", "--time-limit", "30", "--rate", "10", "--seed", "7")
	t.Cleanup(func() { cmd.Process.Kill() })

	// Wait (bounded) until the main phase runs: every node has logged a
	// message and one of them a client's broadcast.
	var pids []int
	running := false
	for range 200 {
		logs, _ := filepath.Glob(filepath.Join(r.store, "broadcast", "*", "node-logs", "*.log"))
		pids = processesOf(t, node)
		running = len(logs) == 5 && allNonEmpty(logs) && anyContains(logs, `"type":"broadcast"`)
		if running && len(pids) == 5 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !running || len(pids) != 5 {
		cmd.Process.Kill()
		cmd.Wait() // the console is complete only once the harness is gone
		t.Fatalf("the run did not get going (%d node processes of %s, want 5); console:\n%s", len(pids), node, console)
	}

	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		r.console = console.String()
		r.exit = exitCode(t, err)
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("the harness did not exit within 20 s of SIGINT; console:\n%s", console)
	}
	r.wantExit(t, 255)
	r.wantConsole(t, `(?m)^WARN Interrupted`)
	if h := r.file(t, "history.txt"); !strings.Contains(h, ":invoke\t:broadcast") {
		t.Errorf("history.txt lacks the broadcasts made before the interrupt:\n%s", h)
	}
	if left := processesOf(t, node); len(left) > 0 {
		t.Errorf("node processes %v outlived the harness", left)
	}
	for _, pid := range pids {
		if alive(pid) {
			t.Errorf("node process %d is still running", pid)
		}
	}
}

// 11. With --rate 0 no value is broadcast, so nothing is stable and the
// verdict is unknown.
func TestE2ERateZero(t *testing.T) {
	e2e(t)
	r := testnode(t, []string{"--rate", "0"})
	r.wantExit(t, 2)
	r.wantConsole(t, `(?m)^Checker: unknown`)
	res := r.results(t)
	if v := res.get(t, "valid?"); v != edn.Keyword("unknown") {
		t.Errorf(":valid? %v, want :unknown", v)
	}
	if n := res.number(t, "workload", "attempt-count"); n != 0 {
		t.Errorf(":attempt-count %v, want 0", n)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func anyContains(paths []string, text string) bool {
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte(text)) {
			return true
		}
	}
	return false
}

func allNonEmpty(paths []string) bool {
	for _, p := range paths {
		if info, err := os.Stat(p); err != nil || info.Size() == 0 {
			return false
		}
	}
	return true
}

// processesOf lists the running processes (zombies excluded) whose program
// is bin, from /proc.
func processesOf(t *testing.T, bin string) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skipf("no /proc to find processes in: %v", err)
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		if prog, _, _ := bytes.Cut(cmdline, []byte{0}); string(prog) == bin && alive(pid) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// alive reports whether pid is a running process: it exists and is not a
// zombie waiting to be reaped.
func alive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The state follows the command name, which is in parentheses.
	i := bytes.LastIndexByte(stat, ')')
	return i < 0 || i+2 >= len(stat) || stat[i+2] != 'Z'
}
