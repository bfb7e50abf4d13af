package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestProjectDiagramsAreFresh fails when a diagram described in
// diagrams.go was changed without writing its file again, so the blog
// never shows an older drawing than the one described here.
func TestProjectDiagramsAreFresh(t *testing.T) {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Skip("no go.work above the package: not inside the repository")
		}
		dir = filepath.Dir(dir)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-check", "-out", filepath.Join(dir, "static", "images")}, diagrams, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
}
