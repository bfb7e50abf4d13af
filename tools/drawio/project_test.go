package drawio

import (
	"os"
	"path/filepath"
	"testing"
)

// TestProjectDiagrams checks every diagram the blog shows.
func TestProjectDiagrams(t *testing.T) {
	root := repoRoot(t)
	paths, err := filepath.Glob(filepath.Join(root, "static", "images", "*.drawio.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Log("no static/images/*.drawio.svg yet: nothing to check")
	}
	for _, p := range paths {
		rel, _ := filepath.Rel(root, p)
		t.Run(rel, func(t *testing.T) {
			if err := Check(p); err != nil {
				t.Error(err)
			}
		})
	}
}

// repoRoot finds the repository root: the nearest directory above with
// a go.work file.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.work above the package directory")
		}
		dir = parent
	}
}
