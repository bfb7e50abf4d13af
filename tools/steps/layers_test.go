package steps

import (
	"os/exec"
	"strings"
	"testing"
)

// toolTiers order the tools' packages: each may import only packages of a
// lower tier (and the harness, which is below them all and checks its own
// tiers), so the judge a reader uses never depends on the blog's
// experiments, nor the registry on anything. A new package must be given
// its tier here.
var toolTiers = [][]string{
	{"tools/steps", "tools/challenge/challenges", "tools/drawio", "tools/pagecheck", "tools/postcheck/links", "tools/postcheck/words"},
	{"tools/steps/cmd/steps", "tools/stepdiff", "tools/drawio/cmd/gendiagrams", "tools/challenge/judge", "tools/challenge/simulate", "tools/postcheck/numbers"},
	{"tools/challenge", "tools/results/lab", "tools/postcheck", "tools/playground/play"},
	{"tools/results", "tools/playground/cmd/playground"},
}

func TestToolsImportsGoDown(t *testing.T) {
	tier := map[string]int{}
	for i, pkgs := range toolTiers {
		for _, p := range pkgs {
			tier[p] = i
		}
	}
	const repo = "github.com/deamondev/gossip-glomers-tutorial/"
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", repo+"tools/...").Output()
	if err != nil {
		t.Skipf("go list of the tools needs the workspace: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		from := strings.TrimPrefix(fields[0], repo)
		at, ok := tier[from]
		if !ok {
			t.Errorf("package %s has no tier in layers_test.go", from)
			continue
		}
		for _, imp := range fields[1:] {
			to, ours := strings.CutPrefix(imp, repo+"tools/")
			if !ours {
				continue // the standard library, a dependency, or the harness
			}
			if tier["tools/"+to] >= at {
				t.Errorf("%s (tier %d) imports tools/%s (tier %d): an import must go to a lower tier", from, at, to, tier["tools/"+to])
			}
		}
	}
}
