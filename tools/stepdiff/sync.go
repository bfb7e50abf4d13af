package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// stale compares the diffs on disk under out with the wanted ones and
// returns, sorted, the paths that are missing, different or obsolete.
func stale(out string, want map[string]string) ([]string, error) {
	have, err := existing(out)
	if err != nil {
		return nil, err
	}
	var bad []string
	for name, text := range want {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			bad = append(bad, name+" (missing)")
		case err != nil:
			return nil, err
		case string(data) != text:
			bad = append(bad, name+" (out of date)")
		}
	}
	for _, name := range have {
		if _, ok := want[name]; !ok {
			bad = append(bad, name+" (obsolete)")
		}
	}
	slices.Sort(bad)
	return bad, nil
}

// write makes the .diff files under out exactly the wanted ones: it
// writes those that changed and deletes obsolete ones together with the
// directories they leave empty. It returns what it changed.
func write(out string, want map[string]string) ([]string, error) {
	have, err := existing(out)
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, name := range have {
		if _, ok := want[name]; ok {
			continue
		}
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.Remove(p); err != nil {
			return changed, err
		}
		removeEmptyDirs(out, filepath.Dir(p))
		changed = append(changed, "removed "+name)
	}
	for name, text := range want {
		p := filepath.Join(out, filepath.FromSlash(name))
		if data, err := os.ReadFile(p); err == nil && string(data) == text {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return changed, err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return changed, err
		}
		changed = append(changed, "wrote "+name)
	}
	slices.Sort(changed)
	return changed, nil
}

// existing lists the .diff files under out as slash-separated relative
// paths. A missing out directory simply has none.
func existing(out string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == out && errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".diff") {
			return nil
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	return names, err
}

// removeEmptyDirs deletes dir and its parents up to, not including,
// out, for as long as they are empty.
func removeEmptyDirs(out, dir string) {
	for {
		rel, err := filepath.Rel(out, dir)
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return
		}
		if os.Remove(dir) != nil { // fails when not empty: stop there
			return
		}
		dir = filepath.Dir(dir)
	}
}
