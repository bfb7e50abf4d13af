package steps

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A block is the part of a file written from the registry: the lines
// between a line holding "steps:start" and one holding "steps:end".
type block struct {
	file  string
	lines func(Registry) []string
}

// blocks are the files that cannot read the registry themselves.
var blocks = []block{
	{"go.work", func(r Registry) []string {
		var out []string
		for _, s := range r.Steps {
			out = append(out, "\t./"+s.Name)
		}
		return out
	}},
	{"hugo.toml", func(r Registry) []string {
		var out []string
		for _, s := range r.Steps {
			out = append(out,
				"[[module.mounts]]",
				"  source = '"+s.Name+"'",
				"  target = 'assets/code/"+s.Name+"'",
				"  files = ['**.go', 'go.mod']")
		}
		return out
	}},
}

// Sync brings the files written from the registry up to date (go.work's
// steps, hugo.toml's mounts of their code) and returns those it changed.
// With write false it changes nothing and returns those that are stale.
func (r Registry) Sync(write bool) ([]string, error) {
	var changed []string
	for _, b := range blocks {
		path := filepath.Join(r.Root, b.file)
		old, err := os.ReadFile(path)
		if err != nil {
			return changed, err
		}
		text, err := replaceBlock(string(old), b.lines(r))
		if err != nil {
			return changed, fmt.Errorf("%s: %w", path, err)
		}
		if text == string(old) {
			continue
		}
		changed = append(changed, b.file)
		if write {
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				return changed, err
			}
		}
	}
	return changed, nil
}

// replaceBlock puts lines between the start and end markers of text.
func replaceBlock(text string, lines []string) (string, error) {
	all := strings.SplitAfter(text, "\n")
	start, end := -1, -1
	for i, l := range all {
		switch {
		case strings.Contains(l, "steps:start"):
			start = i
		case strings.Contains(l, "steps:end") && start >= 0:
			end = i
		}
	}
	if start < 0 || end < 0 {
		return "", fmt.Errorf(`no "steps:start" … "steps:end" lines around the steps (make steps writes between them)`)
	}
	var b strings.Builder
	for _, l := range all[:start+1] {
		b.WriteString(l)
	}
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	for _, l := range all[end:] {
		b.WriteString(l)
	}
	return b.String(), nil
}
