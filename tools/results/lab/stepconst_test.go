package lab

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A flag's default comes from the step's code: 3e's batchInterval, and a
// constant written in several ways.
func TestDurationConst(t *testing.T) {
	if d, err := DurationConst("../../../broadcast-3e", "batchInterval"); err != nil || d <= 0 {
		t.Errorf("3e's batchInterval: %v, %v", d, err)
	}
	dir := t.TempDir()
	src := "package main\n\nimport \"time\"\n\nconst (\n\ta = 250 * time.Millisecond\n\tb = (2*time.Second + 500*time.Millisecond)\n\tc = time.Minute\n\td = 3\n\te = f()\n)\n"
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]time.Duration{"a": 250 * time.Millisecond, "b": 2500 * time.Millisecond, "c": time.Minute, "d": 3} {
		if got, err := DurationConst(dir, name); err != nil || got != want {
			t.Errorf("%s = %v, %v; want %v", name, got, err, want)
		}
	}
	if _, err := DurationConst(dir, "e"); err == nil || !strings.Contains(err.Error(), "x.go:10") {
		t.Errorf("a call: %v, want an error naming the file and line", err)
	}
	if _, err := DurationConst(dir, "missing"); err == nil {
		t.Error("a missing constant gave no error")
	}
}
