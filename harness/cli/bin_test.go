package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBinMissing(t *testing.T) {
	_, err := Parse([]string{"test", "--rate", "1"})
	var ue *UsageError
	if !errors.As(err, &ue) || ue.Flag != "--bin" || !strings.Contains(err.Error(), "Expected a --bin PATH_TO_BINARY to test") {
		t.Errorf("no --bin: %v", err)
	}
}

func TestBinChecks(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain")
	if err := os.WriteFile(plain, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		bin  string
		want string
	}{
		{filepath.Join(dir, "absent"), "no such file"},
		{dir, "is a directory"},
		{plain, "is not executable"},
		{"", "the path is empty"},
	}
	for _, tt := range tests {
		_, err := Parse([]string{"test", "--bin", tt.bin})
		var ue *UsageError
		if !errors.As(err, &ue) || ue.Flag != "--bin" || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("--bin %q: %v, want a --bin error containing %q", tt.bin, err, tt.want)
		}
		if tt.bin != "" && !strings.Contains(err.Error(), tt.bin) {
			t.Errorf("--bin %q: error %q does not name the path", tt.bin, err)
		}
	}
}

func TestBinCanonical(t *testing.T) {
	bin := makeBin(t, 0o700)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(bin, link); err != nil {
		t.Fatal(err)
	}
	want, err := filepath.EvalSymlinks(bin)
	if err != nil {
		t.Fatal(err)
	}
	o, err := Parse([]string{"test", "--bin", link})
	if err != nil {
		t.Fatal(err)
	}
	if o.Bin != want {
		t.Errorf("Bin = %q, want the resolved %q", o.Bin, want)
	}

	// A relative path is resolved against the working directory.
	t.Chdir(filepath.Dir(bin))
	o, err = Parse([]string{"test", "--bin", "./node"})
	if err != nil {
		t.Fatal(err)
	}
	if o.Bin != want {
		t.Errorf("relative Bin = %q, want %q", o.Bin, want)
	}
}
