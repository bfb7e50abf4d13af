package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// resolveBin turns --bin into the canonical absolute path the node will be
// started from, as Maelstrom does, and checks up front that it can be run:
// a typo should be a usage error, not a crash in the middle of setup.
func resolveBin(v string) (string, error) {
	if v == "" {
		return "", badFlag("--bin", "Expected a --bin PATH_TO_BINARY to test")
	}
	abs, err := filepath.Abs(v)
	if err != nil {
		return "", badValue("--bin", v, "cannot make the path absolute: %v", err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", badValue("--bin", v, "no such file (looked for %s)", abs)
		}
		return "", badValue("--bin", v, "cannot resolve the path: %v", err)
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", badValue("--bin", v, "cannot read it: %v", err)
	}
	if info.IsDir() {
		return "", badValue("--bin", v, "is a directory, not a program (%s)", real)
	}
	if info.Mode().Perm()&0o111 == 0 {
		return "", badValue("--bin", v, "is not executable (%s has mode %v; try chmod +x)", real, info.Mode().Perm())
	}
	return real, nil
}
