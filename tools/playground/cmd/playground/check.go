package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/playground/play"
	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

// checkArgs shorten a check's run: its verdict, not its length, is the point.
var checkArgs = []string{"--time-limit", "5"}

// checkAll runs each step's program under Node.js against its own
// challenge, as a page would, and fails unless every one reaches an
// outcome that meets every target.
func checkAll(reg steps.Registry, out string, w io.Writer) error {
	runner, err := nodeRunner()
	if err != nil {
		return err
	}
	failed := 0
	for _, s := range reg.Steps {
		req := play.Request{Workload: s.Workload(), Seed: 1, Args: checkArgs}
		start := time.Now()
		o, err := runNode(runner, filepath.Join(out, s.Name+".wasm"), req)
		took := time.Since(start).Seconds()
		switch {
		case err != nil:
			failed++
			fmt.Fprintf(w, "FAIL %s: %v\n", s.Name, err)
		case !o.Pass:
			failed++
			fmt.Fprintf(w, "FAIL %s against %s under Node.js (%.1f s):\n%s", s.Name, req.Workload, took, o.Verdicts)
		default:
			fmt.Fprintf(w, "PASS %s against %s under Node.js, seed 1, %s: %d messages between servers (%.1f s)\n",
				s.Name, req.Workload, strings.Join(req.Args, " "), len(o.Messages), took)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d programs did not meet their challenge under Node.js", failed, len(reg.Steps))
	}
	return nil
}

// checkPanics runs panics.wasm under Node.js and expects what a page
// shows when a node panics: no outcome, exit status 2, the panic printed.
func checkPanics(dir string, w io.Writer) error {
	runner, err := nodeRunner()
	if err != nil {
		return err
	}
	_, err = runNode(runner, filepath.Join(dir, "panics.wasm"), play.Request{Workload: "broadcast-3b", Seed: 1, Args: checkArgs})
	if err == nil || !strings.Contains(err.Error(), "exit status 2") || !strings.Contains(err.Error(), "panic: testnode: panicking on purpose") {
		return fmt.Errorf("panics.wasm should stop with exit status 2 and print its panic; got %v", err)
	}
	fmt.Fprintln(w, "PASS panics.wasm stops with exit status 2 and prints its panic under Node.js")
	return nil
}

// nodeRunner is Go's wasm_exec_node.js, which runs a program under Node.js.
func nodeRunner() (string, error) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		return "", fmt.Errorf("-check runs the programs under Node.js, and there is no node on PATH (Debian: apt-get install nodejs)")
	}
	return filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec_node.js"), nil
}

// runNode runs one program under Node.js and returns its outcome, read
// from the JSON lines it prints outside a page.
func runNode(runner, wasm string, req play.Request) (play.Outcome, error) {
	b, err := json.Marshal(req)
	if err != nil {
		return play.Outcome{}, err
	}
	cmd := exec.Command("node", runner, wasm, "-test.run=^TestPlay$", "-play.request="+string(b))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	var o *play.Outcome
	var problem string
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	sc.Buffer(nil, 256<<20)
	for sc.Scan() {
		var line struct {
			Kind string          `json:"kind"`
			Data json.RawMessage `json:"data"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			continue // the test binary's own lines: PASS, ok
		}
		switch line.Kind {
		case "outcome":
			o = new(play.Outcome)
			if err := json.Unmarshal(line.Data, o); err != nil {
				return play.Outcome{}, fmt.Errorf("its outcome is not what package play writes: %w", err)
			}
		case "error":
			json.Unmarshal(line.Data, &problem)
		}
	}
	switch {
	case problem != "":
		return play.Outcome{}, fmt.Errorf("%s", problem)
	case o == nil && err != nil:
		return play.Outcome{}, fmt.Errorf("node %s: %v: %s", filepath.Base(wasm), err, why(stderr.String()))
	case o == nil:
		return play.Outcome{}, fmt.Errorf("node %s printed no outcome", filepath.Base(wasm))
	}
	return *o, nil
}

// why is the line of a program's stderr that says why it stopped: its
// panic, else its last line.
func why(stderr string) string {
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") {
			return l
		}
	}
	return lines[len(lines)-1]
}
