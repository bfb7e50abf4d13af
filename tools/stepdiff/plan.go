package main

import (
	"maps"
	"path"
	"path/filepath"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

// devNull stands for the missing side of an added or removed file, as
// in diff -N and git.
const devNull = "/dev/null"

// plan computes every diff the blog needs: for each pair of neighbouring
// steps of the registry under root and each file that differs between
// them, the unified diff keyed by its path under the output directory,
// "<from>..<to>/<file>.diff". Files equal in both steps get no diff.
func plan(root string) (map[string]string, error) {
	reg, err := steps.Load(root)
	if err != nil {
		return nil, err
	}
	diffs := make(map[string]string)
	for _, p := range reg.Pairs() {
		files, err := between(root, p.From.Name, p.To.Name)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			diffs[path.Join(p.From.Name+".."+p.To.Name, f.name+".diff")] = f.diff
		}
	}
	return diffs, nil
}

// A fileDiff is the diff of one file between two steps.
type fileDiff struct{ name, diff string }

// between diffs every file of step from against step to, in the order of
// their names: a file only in one step is diffed against /dev/null, so a
// new file shows whole, as added lines.
func between(root, from, to string) ([]fileDiff, error) {
	a, err := stepFiles(filepath.Join(root, from))
	if err != nil {
		return nil, err
	}
	b, err := stepFiles(filepath.Join(root, to))
	if err != nil {
		return nil, err
	}
	names := slices.Collect(maps.Keys(a))
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var out []fileDiff
	for _, name := range names {
		fromLabel, toLabel := path.Join(from, name), path.Join(to, name)
		if _, ok := a[name]; !ok {
			fromLabel = devNull
		}
		if _, ok := b[name]; !ok {
			toLabel = devNull
		}
		if d := unified(fromLabel, toLabel, a[name], b[name]); d != "" {
			out = append(out, fileDiff{name, d})
		}
	}
	return out, nil
}
