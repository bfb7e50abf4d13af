// Package steps reads steps.toml, the one list of the tutorial's steps:
// their order, and for each its module, the challenge it solves, the
// workloads it is judged on, its post and its diagram. Every tool that
// needs the list reads it through this package, or is written from it
// (Sync), so that adding a step is one entry and `make steps`.
package steps

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// File is the registry's name, at the repository root.
const File = "steps.toml"

// A Step is one module of the tutorial.
type Step struct {
	Name      string   `toml:"name"`      // its directory and module, under the root
	Challenge string   `toml:"challenge"` // Fly.io's, such as "3d"; "" for a step of our own
	Workloads []string `toml:"workloads"` // its own challenge first
	Post      string   `toml:"post"`      // a path from the root
	Diagram   string   `toml:"diagram"`   // likewise
}

// Workload is the step's own challenge, the one its post teaches.
func (s Step) Workload() string { return s.Workloads[0] }

// Registry is the steps in reading order, and the root they are under.
type Registry struct {
	Root  string
	Steps []Step
}

// Load reads the registry of the repository whose root is root.
func Load(root string) (Registry, error) {
	path := filepath.Join(root, File)
	b, err := os.ReadFile(path)
	if err != nil {
		return Registry{}, err
	}
	steps, err := Parse(string(b))
	if err != nil {
		return Registry{}, fmt.Errorf("%s: %w", path, err)
	}
	return Registry{Root: root, Steps: steps}, nil
}

// Nearest reads the registry of the repository dir is in: the nearest
// directory at or above dir that holds one.
func Nearest(dir string) (Registry, error) {
	root, err := FindRoot(dir)
	if err != nil {
		return Registry{}, err
	}
	return Load(root)
}

// FindRoot returns the nearest directory at or above dir that holds the
// registry: a test runs in its package's directory, a command where make
// runs it.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, File)); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no %s in %s or above it", File, abs)
		}
	}
}

// Parse reads the text of a registry and checks it: every step has a
// name, a workload, a post and a diagram, and no name or workload is
// given twice. A key it does not know is an error, not ignored.
func Parse(text string) ([]Step, error) {
	var doc struct {
		Step []Step `toml:"step"`
	}
	meta, err := toml.Decode(text, &doc)
	if err != nil {
		return nil, err
	}
	if keys := meta.Undecoded(); len(keys) > 0 {
		return nil, fmt.Errorf("unknown key %s (a step has name, challenge, workloads, post and diagram)", keys[0])
	}
	if len(doc.Step) == 0 {
		return nil, errors.New("no [[step]] entries")
	}
	names, workloads := map[string]bool{}, map[string]string{}
	for i, s := range doc.Step {
		where := fmt.Sprintf("step %d", i+1)
		if s.Name != "" {
			where += fmt.Sprintf(" (%s)", s.Name)
		}
		switch {
		case s.Name == "" || strings.ContainsAny(s.Name, `/\ `):
			return nil, fmt.Errorf("%s: name %q: want a directory name", where, s.Name)
		case names[s.Name]:
			return nil, fmt.Errorf("%s: the name is given twice", where)
		case len(s.Workloads) == 0:
			return nil, fmt.Errorf("%s: no workloads; the first is the step's own challenge", where)
		case s.Post == "" || s.Diagram == "":
			return nil, fmt.Errorf("%s: want both a post and a diagram", where)
		}
		names[s.Name] = true
		for _, w := range s.Workloads {
			if other, ok := workloads[w]; ok {
				return nil, fmt.Errorf("%s: workload %s is %s's already", where, w, other)
			}
			workloads[w] = s.Name
		}
	}
	return doc.Step, nil
}

// Names are the steps' names, in order.
func (r Registry) Names() []string {
	names := make([]string, len(r.Steps))
	for i, s := range r.Steps {
		names[i] = s.Name
	}
	return names
}

// Find returns the step of that name.
func (r Registry) Find(name string) (Step, error) {
	for _, s := range r.Steps {
		if s.Name == name {
			return s, nil
		}
	}
	return Step{}, fmt.Errorf("%s is not a step; the steps are %s", name, strings.Join(r.Names(), ", "))
}

// StepOf returns the step built to meet a workload: the one that lists it.
func (r Registry) StepOf(workload string) (Step, error) {
	for _, s := range r.Steps {
		if slices.Contains(s.Workloads, workload) {
			return s, nil
		}
	}
	return Step{}, fmt.Errorf("no step of %s lists the workload %s", File, workload)
}

// Workloads are every step's workloads, in the steps' order.
func (r Registry) Workloads() []string {
	var all []string
	for _, s := range r.Steps {
		all = append(all, s.Workloads...)
	}
	return all
}

// A Pair is two neighbouring steps: the second is the first plus one
// change.
type Pair struct{ From, To Step }

// Pairs are the neighbouring steps, in order.
func (r Registry) Pairs() []Pair {
	var pairs []Pair
	for i := 1; i < len(r.Steps); i++ {
		pairs = append(pairs, Pair{r.Steps[i-1], r.Steps[i]})
	}
	return pairs
}
