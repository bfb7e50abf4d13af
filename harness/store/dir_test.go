package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	runStart = time.Date(2026, 3, 16, 6, 51, 45, 52_000_000, time.UTC)
	runName  = "20260316T065145.052Z"
)

func newDir(t *testing.T, root, test string, start time.Time) *Dir {
	t.Helper()
	d, err := Create(root, test, start)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func assertLink(t *testing.T, link, target string) {
	t.Helper()
	got, err := os.Readlink(link)
	if err != nil {
		t.Fatalf("%s: %v", link, err)
	}
	if got != target {
		t.Errorf("%s -> %s, want %s", link, got, target)
	}
	if _, err := os.Stat(link); err != nil {
		t.Errorf("%s does not resolve: %v", link, err)
	}
}

func TestRunDirectoryName(t *testing.T) {
	tests := []struct {
		start time.Time
		want  string
	}{
		{runStart, runName},
		{time.Date(2025, 12, 20, 19, 30, 18, 978_999_999, time.FixedZone("CET", 3600)), "20251220T193018.978+0100"},
		{time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(5*3600+30*60))), "20250102T030405.000-0530"},
		{time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("GMT", 0)), "20250102T030405.000Z"},
	}
	for _, tt := range tests {
		root := t.TempDir()
		d := newDir(t, root, "broadcast", tt.start)
		if want := filepath.Join(root, "broadcast", tt.want); d.Path != want {
			t.Errorf("Path = %s, want %s", d.Path, want)
		}
		if fi, err := os.Stat(filepath.Join(d.Path, "node-logs")); err != nil || !fi.IsDir() {
			t.Errorf("no node-logs directory: %v", err)
		}
		assertLink(t, filepath.Join(root, "current"), filepath.Join("broadcast", tt.want))
	}
}

func TestPaths(t *testing.T) {
	d := &Dir{Path: "store/broadcast/" + runName, Root: "store", Test: "broadcast"}
	if got, want := d.File("results.edn"), "store/broadcast/"+runName+"/results.edn"; got != want {
		t.Errorf("File = %s, want %s", got, want)
	}
	if got, want := d.NodeLog("n3"), "store/broadcast/"+runName+"/node-logs/n3.log"; got != want {
		t.Errorf("NodeLog = %s, want %s", got, want)
	}
}

func TestLinksFollowTheLatestRun(t *testing.T) {
	root := t.TempDir()
	first := newDir(t, root, "broadcast", runStart)
	if err := first.WriteHistory(sampleHistory()); err != nil {
		t.Fatal(err)
	}
	assertLink(t, filepath.Join(root, "latest"), filepath.Join("broadcast", runName))
	assertLink(t, filepath.Join(root, "broadcast", "latest"), runName)

	secondName := "20260316T065200.000Z"
	second := newDir(t, root, "broadcast", runStart.Add(14948*time.Millisecond))
	assertLink(t, filepath.Join(root, "current"), filepath.Join("broadcast", secondName))
	// latest still names the first run until the second has written something.
	assertLink(t, filepath.Join(root, "latest"), filepath.Join("broadcast", runName))
	if err := second.WriteResults(skeletonResults()); err != nil {
		t.Fatal(err)
	}
	assertLink(t, filepath.Join(root, "latest"), filepath.Join("broadcast", secondName))
	assertLink(t, filepath.Join(root, "broadcast", "latest"), secondName)

	// A run of another test moves the store's latest but not broadcast's.
	other := newDir(t, root, "echo", runStart)
	if err := other.WriteHistory(nil); err != nil {
		t.Fatal(err)
	}
	assertLink(t, filepath.Join(root, "latest"), filepath.Join("echo", runName))
	assertLink(t, filepath.Join(root, "broadcast", "latest"), secondName)

	for _, dir := range []string{root, filepath.Join(root, "broadcast")} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("temporary link %s left in %s", e.Name(), dir)
			}
		}
	}
}

func TestWriteResults(t *testing.T) {
	d := newDir(t, t.TempDir(), "broadcast", runStart)
	r := workedExampleResults()
	if err := d.WriteResults(r); err != nil {
		t.Fatal(err)
	}
	for name, encode := range map[string]func(*bytes.Buffer) error{
		"results.edn":  func(b *bytes.Buffer) error { return EncodeResults(b, r) },
		"results.json": func(b *bytes.Buffer) error { return EncodeResultsJSON(b, r) },
	} {
		var want bytes.Buffer
		if err := encode(&want); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(d.File(name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s differs from its encoder's output", name)
		}
	}
}

func TestCreateErrors(t *testing.T) {
	root := t.TempDir()
	newDir(t, root, "broadcast", runStart)
	if _, err := Create(root, "broadcast", runStart); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second run in the same millisecond: error %v", err)
	}
	for _, test := range []string{"", ".", "..", "a/b", "latest", "current"} {
		if _, err := Create(root, test, runStart); err == nil || !strings.Contains(err.Error(), "test name") {
			t.Errorf("Create with test %q: error %v", test, err)
		}
	}
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(file, "broadcast", runStart); err == nil {
		t.Error("Create under a file: no error")
	}
}

func TestReplaceLinkRefusesADirectory(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "latest"), 0o755); err != nil {
		t.Fatal(err)
	}
	d := newDir(t, root, "broadcast", runStart)
	err := d.WriteHistory(nil)
	if err == nil || !strings.Contains(err.Error(), "latest") {
		t.Errorf("error %v does not name the latest link", err)
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary link %s left behind", e.Name())
		}
	}
}
