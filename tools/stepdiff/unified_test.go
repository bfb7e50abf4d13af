package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestUnifiedSmallChange(t *testing.T) {
	a := "one\ntwo\nthree\n"
	b := "one\n2\nthree\nfour\n"
	want := "--- x/f.go\n+++ y/f.go\n@@ -1,3 +1,4 @@\n one\n-two\n+2\n three\n+four\n"
	if got := unified("x/f.go", "y/f.go", []byte(a), []byte(b)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnifiedEqualIsEmpty(t *testing.T) {
	if got := unified("a", "b", []byte("same\n"), []byte("same\n")); got != "" {
		t.Errorf("equal inputs gave %q, want no diff", got)
	}
}

// TestUnifiedMatchesDiff holds the generator to its promise: byte for
// byte the output of `diff -u --label A --label B`.
func TestUnifiedMatchesDiff(t *testing.T) {
	diffBin, err := exec.LookPath("diff")
	if err != nil {
		t.Skip("diff is not installed")
	}
	long := goLikeFile(250)
	longEdited := strings.Replace(long, "\treturn 17\n", "\treturn 17 + 1\n", 1)
	longEdited = strings.Replace(longEdited, "func f120() int {\n\treturn 120\n}\n\n", "", 1)
	longEdited += "func extra() {\n}\n"

	tests := []struct{ name, a, b string }{
		{"change in the middle", "a\nb\nc\nd\ne\nf\ng\nh\ni\n", "a\nb\nc\nd\nE\nf\ng\nh\ni\n"},
		{"two hunks", strings.Repeat("x\n", 3) + "a\n" + strings.Repeat("y\n", 10) + "b\n", strings.Repeat("x\n", 3) + "A\n" + strings.Repeat("y\n", 10) + "B\n"},
		{"hunks joined by shared context", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\nTWO\n3\n4\n5\n6\nSEVEN\n8\n"},
		{"insert at start", "b\nc\n", "a\nb\nc\n"},
		{"delete at end", "a\nb\nc\n", "a\nb\n"},
		{"added file", "", "package main\n\nfunc main() {}\n"},
		{"removed file", "package main\n", ""},
		{"one-line file changed", "a\n", "b\n"},
		{"no newline at end, both", "a\nb", "a\nc"},
		{"newline added at end", "a\nb", "a\nb\n"},
		{"newline removed at end", "a\nb\n", "a\nb"},
		{"long file with frequent lines", long, longEdited},
		{"a change beside an insertion", "func f() {\n\tx(1)\n}\n", "func f() {\n\tx(2)\n}\n\nfunc g() {\n\ty()\n}\n"},
		{"a deletion beside a change", "func f() {\n\tx(1)\n}\n\nfunc g() {\n\ty()\n}\n", "func f() {\n\tx(2)\n}\n"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fa, fb := filepath.Join(dir, "a"), filepath.Join(dir, "b")
			if err := os.WriteFile(fa, []byte(tt.a), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(fb, []byte(tt.b), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(diffBin, "-u", "--label", "from/f.go", "--label", "to/f.go", fa, fb).Output()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Fatalf("diff -u: %v (want exit status 1: files differ)", err)
			}
			got := unified("from/f.go", "to/f.go", []byte(tt.a), []byte(tt.b))
			if got != string(out) {
				t.Errorf("got\n%s\ndiff -u printed\n%s", got, out)
			}
		})
	}
}

// goLikeFile returns n small functions: long enough, and full enough of
// identical "}" and blank lines, to trip difflib's popular-line rule if
// it were on.
func goLikeFile(n int) string {
	var b strings.Builder
	b.WriteString("package main\n\n")
	for i := range n {
		b.WriteString("func f" + strconv.Itoa(i) + "() int {\n\treturn " + strconv.Itoa(i) + "\n}\n\n")
	}
	return b.String()
}
