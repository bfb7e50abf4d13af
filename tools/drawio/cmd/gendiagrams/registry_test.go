package main

import (
	"path"
	"strings"
	"testing"

	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

// Every step's diagram in steps.toml is one this command draws, and it
// draws no diagram for a step that is not there.
func TestDiagramsFollowTheRegistry(t *testing.T) {
	reg, err := steps.Nearest(".")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, s := range reg.Steps {
		name, ok := strings.CutSuffix(path.Base(s.Diagram), ".drawio.svg")
		if !ok || path.Dir(s.Diagram) != "static/images" {
			t.Errorf("step %s: diagram %s, want static/images/<name>.drawio.svg", s.Name, s.Diagram)
			continue
		}
		want[name] = true
		if _, ok := diagrams[name]; !ok {
			t.Errorf("step %s: no diagram %q in diagrams.go", s.Name, name)
		}
	}
	for name := range diagrams {
		if !want[name] {
			t.Errorf("diagrams.go draws %q, which no step of %s names", name, steps.File)
		}
	}
}
