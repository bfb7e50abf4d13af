package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/checker"
)

// Dir is one run's directory, store/<test>/<start>/.
type Dir struct {
	Path string // the run directory, store/<test>/<start>
	Root string // the store, store
	Test string // the test's name, such as broadcast
}

// runLayout is the start time in Joda's basic date-time format, which
// Jepsen names run directories with: milliseconds, then Z for a zero offset
// or the offset as ±HHMM.
const runLayout = "20060102T150405.000Z0700"

// Create makes store/<test>/<start>/ and its node-logs/ directory, and
// points <root>/current at it. It fails rather than share a directory with
// a run that started in the same millisecond.
func Create(root, test string, start time.Time) (*Dir, error) {
	if err := checkTestName(test); err != nil {
		return nil, err
	}
	name := start.Format(runLayout)
	d := &Dir{Path: filepath.Join(root, test, name), Root: root, Test: test}
	if err := os.MkdirAll(filepath.Dir(d.Path), 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := os.Mkdir(d.Path, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("store: run directory %s already exists", d.Path)
		}
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := os.Mkdir(filepath.Join(d.Path, "node-logs"), 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := replaceLink(root, "current", filepath.Join(test, name)); err != nil {
		return nil, err
	}
	return d, nil
}

// checkTestName keeps the test's directory inside the store and apart from
// the links the store keeps at its top.
func checkTestName(test string) error {
	switch {
	case test == "", test == ".", test == "..":
		return fmt.Errorf("store: test name %q is not a directory name", test)
	case strings.ContainsRune(test, '/') || strings.ContainsRune(test, filepath.Separator):
		return fmt.Errorf("store: test name %q contains a path separator", test)
	case test == "latest", test == "current":
		return fmt.Errorf("store: test name %q is taken by the store's own link", test)
	}
	return nil
}

// File returns the path of a file in the run directory.
func (d *Dir) File(name string) string { return filepath.Join(d.Path, name) }

// NodeLog returns the path of a node's log, node-logs/<node>.log.
func (d *Dir) NodeLog(node string) string {
	return filepath.Join(d.Path, "node-logs", node+".log")
}

// WriteResults writes results.edn and results.json, then points the latest
// links at this run. Nothing is written if r cannot be encoded.
func (d *Dir) WriteResults(r checker.Results) error {
	var edn, json bytes.Buffer
	if err := EncodeResults(&edn, r); err != nil {
		return err
	}
	if err := EncodeResultsJSON(&json, r); err != nil {
		return err
	}
	if err := writeFile(d.File("results.edn"), edn.Bytes()); err != nil {
		return err
	}
	if err := writeFile(d.File("results.json"), json.Bytes()); err != nil {
		return err
	}
	return d.linkLatest()
}

// linkLatest points <root>/latest and <root>/<test>/latest at this run.
func (d *Dir) linkLatest() error {
	name := filepath.Base(d.Path)
	if err := replaceLink(d.Root, "latest", filepath.Join(d.Test, name)); err != nil {
		return err
	}
	return replaceLink(filepath.Join(d.Root, d.Test), "latest", name)
}

// replaceLink makes dir/name a symlink to the relative target. It builds
// the link under a temporary name and renames it over the old one, so a
// reader always finds either the old link or the new one.
func replaceLink(dir, name, target string) error {
	link := filepath.Join(dir, name)
	for attempt := 0; attempt < 100; attempt++ {
		tmp := filepath.Join(dir, fmt.Sprintf(".%s.%d.%d.tmp", name, os.Getpid(), attempt))
		err := os.Symlink(target, tmp)
		if errors.Is(err, fs.ErrExist) {
			continue // another writer's temporary link
		}
		if err != nil {
			return fmt.Errorf("store: link %s: %w", link, err)
		}
		if err := os.Rename(tmp, link); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("store: link %s: %w", link, err)
		}
		return nil
	}
	return fmt.Errorf("store: link %s: no free temporary name", link)
}

func writeFile(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}
