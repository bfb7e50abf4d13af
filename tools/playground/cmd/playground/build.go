package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

// playTest is the test the overlay adds to a step: the program's one.
const playTest = `// Written by tools/playground/cmd/playground into an overlay: the step's
// directory never holds it.

package main

import (
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/playground/play"
)

func TestPlay(t *testing.T) { play.Main(t, run) }
`

// build writes every step's program, wasm_exec.js and challenges.json to
// out, and prints each program's size, raw and gzipped.
func build(reg steps.Registry, out string, w io.Writer) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "playground-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	test := filepath.Join(work, "play_test.go")
	if err := os.WriteFile(test, []byte(playTest), 0o644); err != nil {
		return err
	}
	if err := copyWasmExec(out); err != nil {
		return err
	}
	if err := writeChallenges(filepath.Join(out, "challenges.json")); err != nil {
		return err
	}
	fmt.Fprintf(w, "%-22s %10s %10s  (budget: %.1f MiB gzipped)\n", "program", "raw", "gzipped", float64(budget)/(1<<20))
	for _, s := range reg.Steps {
		wasm := filepath.Join(out, s.Name+".wasm")
		if err := buildStep(reg.Root, s.Name, test, work, wasm); err != nil {
			return err
		}
		raw, gz, err := sizes(wasm)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%-22s %7.2f MiB %7.2f MiB\n", s.Name+".wasm", mib(raw), mib(gz))
		if gz > budget {
			return fmt.Errorf("%s is %.2f MiB gzipped, over the budget of %.1f MiB", wasm, mib(gz), mib(budget))
		}
	}
	return nil
}

// buildStep builds one step's program: its test binary for js/wasm, with
// an overlay that deletes the step's own tests and adds test.
func buildStep(root, step, test, work, wasm string) error {
	dir := filepath.Join(root, step)
	overlay := map[string]string{filepath.Join(dir, "zz_play_test.go"): test}
	own, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return err
	}
	for _, f := range own {
		overlay[f] = "" // deleted, for this build only
	}
	b, err := json.Marshal(map[string]any{"Replace": overlay})
	if err != nil {
		return err
	}
	overlayFile := filepath.Join(work, step+".overlay.json")
	if err := os.WriteFile(overlayFile, b, 0o644); err != nil {
		return err
	}
	cmd := exec.Command("go", "test", "-c", "-trimpath", "-ldflags=-s -w", "-overlay", overlayFile, "-o", wasm, "./"+step)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s for the browser: %v\n%s", step, err, out)
	}
	return nil
}

// buildPanics builds package play's own test binary, whose node panics,
// into dir as panics.wasm, with wasm_exec.js beside it.
func buildPanics(root, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "test", "-c", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(abs, "panics.wasm"), "./tools/playground/play")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building panics.wasm: %v\n%s", err, out)
	}
	return copyWasmExec(abs)
}

// copyWasmExec copies the Go release's wasm_exec.js, which loads a Go
// program into a page, into out: it must match the Go that built them.
func copyWasmExec(out string) error {
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	src := filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js")
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "wasm_exec.js"), b, 0o644)
}

// writeChallenges writes each workload's harness and node flags, so that a
// panel's controls start from the challenge's own settings.
func writeChallenges(path string) error {
	type workload struct {
		Flags     []string `json:"flags"`
		NodeFlags []string `json:"nodeFlags"`
	}
	all := map[string]workload{}
	for _, c := range challenges.All {
		all[c.Name] = workload{Flags: c.Flags, NodeFlags: append([]string{}, c.NodeFlags...)}
	}
	b, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// sizes are a file's size and its size gzipped at the default level, as a
// web server would send it.
func sizes(path string) (raw, gz int, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return len(b), z.Len(), nil
}

func mib(n int) float64 { return float64(n) / (1 << 20) }
