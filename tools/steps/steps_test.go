package steps

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func load(t *testing.T) Registry {
	t.Helper()
	r, err := Nearest(".")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The files that cannot read the registry are as make steps writes them.
func TestWrittenFilesAreUpToDate(t *testing.T) {
	stale, err := load(t).Sync(false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range stale {
		t.Errorf("%s is stale: run make steps", f)
	}
}

// Every step is a module of its own at the root, and every module at the
// root but the harness is a step: a new step directory that is not in the
// registry fails here.
func TestEveryStepModuleIsRegistered(t *testing.T) {
	r := load(t)
	const prefix = "module github.com/deamondev/gossip-glomers-tutorial/"
	for _, s := range r.Steps {
		b, err := os.ReadFile(filepath.Join(r.Root, s.Name, "go.mod"))
		if err != nil {
			t.Errorf("step %s: %v", s.Name, err)
			continue
		}
		if first, _, _ := strings.Cut(string(b), "\n"); first != prefix+s.Name {
			t.Errorf("%s/go.mod starts %q, want %q", s.Name, first, prefix+s.Name)
		}
	}
	mods, _ := filepath.Glob(filepath.Join(r.Root, "*", "go.mod"))
	for _, m := range mods {
		dir := filepath.Base(filepath.Dir(m))
		if dir != "harness" && !slices.Contains(r.Names(), dir) {
			t.Errorf("%s is a module at the root but not a step of %s", dir, File)
		}
	}
}

// The Makefile's STEPS is the registry's list, in its order.
func TestMakefileReadsTheSteps(t *testing.T) {
	r := load(t)
	out, err := exec.Command("make", "-s", "--no-print-directory", "-C", r.Root, "print-STEPS").Output()
	if err != nil {
		t.Skipf("make print-STEPS: %v", err)
	}
	if got := strings.Fields(string(out)); !slices.Equal(got, r.Names()) {
		t.Errorf("the Makefile's STEPS are %v, the registry's %v", got, r.Names())
	}
}

// Each step's post and diagram exist, and the posts' weights (the order
// of the series on the site) follow the registry.
func TestPostsAndDiagramsFollowTheRegistry(t *testing.T) {
	r := load(t)
	weight := regexp.MustCompile(`(?m)^weight = (\d+)$`)
	last := 0
	for _, s := range r.Steps {
		if _, err := os.Stat(filepath.Join(r.Root, s.Diagram)); err != nil {
			t.Errorf("step %s: %v", s.Name, err)
		}
		b, err := os.ReadFile(filepath.Join(r.Root, s.Post))
		if err != nil {
			t.Errorf("step %s: %v", s.Name, err)
			continue
		}
		m := weight.FindSubmatch(b)
		if m == nil {
			t.Errorf("%s: no weight in its front matter", s.Post)
			continue
		}
		w, _ := strconv.Atoi(string(m[1]))
		if w <= last {
			t.Errorf("%s: weight %d, want more than the previous step's %d", s.Post, w, last)
		}
		last = w
	}
}

func TestParseRefusesWhatIsNotAStep(t *testing.T) {
	ok := "[[step]]\nname = \"a\"\nworkloads = [\"w\"]\npost = \"p\"\ndiagram = \"d\"\n"
	tests := []struct{ text, want string }{
		{"", "no [[step]]"},
		{"[[step]]\nname = \"a\"\n", "step 1 (a): no workloads"},
		{ok + ok, "step 2 (a): the name is given twice"},
		{ok + strings.Replace(ok, `"a"`, `"b"`, 1), "step 2 (b): workload w is a's already"},
		{strings.Replace(ok, "post", "page", 1), "unknown key step.page"},
		{strings.Replace(ok, `"a"`, `"x/y"`, 1), `name "x/y": want a directory name`},
		{"[[step]\n", "toml: line"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", tt.text, err, tt.want)
		}
	}
	if steps, err := Parse(ok); err != nil || steps[0].Workload() != "w" {
		t.Errorf("Parse(ok) = %v, %v", steps, err)
	}
}

func TestReplaceBlockKeepsWhatIsAround(t *testing.T) {
	got, err := replaceBlock("a\n# steps:start\nold\n# steps:end\nb\n", []string{"x", "y"})
	if want := "a\n# steps:start\nx\ny\n# steps:end\nb\n"; err != nil || got != want {
		t.Errorf("replaceBlock = %q, %v; want %q", got, err, want)
	}
	if _, err := replaceBlock("a\n", nil); err == nil {
		t.Error("a file without markers gave no error")
	}
}
