package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command fails on a post with a typed-in number, naming the file, the
// line and the number, and passes once the number comes from the code.
func TestNumbersCommandFailsOnATypedNumber(t *testing.T) {
	dir := t.TempDir()
	post := filepath.Join(dir, "posts", "x.md")
	os.MkdirAll(filepath.Dir(post), 0o755)
	os.WriteFile(post, []byte("+++\ntitle = 'x'\n+++\n\nThe hub flushes every 250 ms.\n"), 0o644)

	var out, errs strings.Builder
	if code := run([]string{"numbers", dir}, &out, &errs); code != 1 {
		t.Fatalf("exit status %d, want 1; output:\n%s%s", code, out.String(), errs.String())
	}
	if want := post + `:5: "250 ms" is typed in`; !strings.Contains(out.String(), want) {
		t.Errorf("output %q does not say %q", out.String(), want)
	}

	os.WriteFile(post, []byte("The hub flushes every {{< const file=\"broadcast-3e/batcher.go\" name=\"batchInterval\" >}}.\n"), 0o644)
	out.Reset()
	if code := run([]string{"numbers", dir}, &out, &errs); code != 0 {
		t.Errorf("exit status %d, want 0; output:\n%s", code, out.String())
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"numbers"}, {"links"}, {"facts", "x"}, {"other"}} {
		var out, errs strings.Builder
		if code := run(args, &out, &errs); code != 2 || !strings.Contains(errs.String(), "usage:") {
			t.Errorf("run(%q) = %d, %q; want 2 and the usage", args, code, errs.String())
		}
	}
	var out, errs strings.Builder
	if code := run([]string{"numbers", t.TempDir()}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "no .md file") {
		t.Errorf("numbers on an empty directory = %d, %q; want 2 saying there is no .md file", code, errs.String())
	}
}
