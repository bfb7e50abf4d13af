package main

import (
	"maps"
	"path"
	"path/filepath"
	"slices"
)

// devNull stands for the missing side of an added or removed file, as
// in diff -N and git.
const devNull = "/dev/null"

// plan computes every diff the blog needs: for each consecutive pair of
// steps under root and each file that differs between them, the unified
// diff keyed by its path under the output directory,
// "<from>..<to>/<file>.diff". Files equal in both steps get no diff.
func plan(root string) (map[string]string, error) {
	steps, err := findSteps(root)
	if err != nil {
		return nil, err
	}
	diffs := make(map[string]string)
	for i := 1; i < len(steps); i++ {
		from, to := steps[i-1], steps[i]
		a, err := stepFiles(filepath.Join(root, from))
		if err != nil {
			return nil, err
		}
		b, err := stepFiles(filepath.Join(root, to))
		if err != nil {
			return nil, err
		}
		names := slices.Sorted(maps.Keys(a))
		for n := range b {
			if _, ok := a[n]; !ok {
				names = append(names, n)
			}
		}
		for _, name := range names {
			fromLabel, toLabel := path.Join(from, name), path.Join(to, name)
			if _, ok := a[name]; !ok {
				fromLabel = devNull
			}
			if _, ok := b[name]; !ok {
				toLabel = devNull
			}
			if d := unified(fromLabel, toLabel, a[name], b[name]); d != "" {
				diffs[path.Join(from+".."+to, name+".diff")] = d
			}
		}
	}
	return diffs, nil
}
