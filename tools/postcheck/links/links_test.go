package links

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const repoURL = "https://github.com/example/tutorial"

// site writes pages into a directory, as Hugo would build them.
func site(t *testing.T, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, html := range pages {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// repo is a repository on disk with a README and a directory.
func repo(t *testing.T) Repository {
	t.Helper()
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "harness"), 0o755)
	os.WriteFile(filepath.Join(root, "harness", "README.md"), []byte("# harness\n\n## Deliberate differences from Maelstrom\n\n```\n# not a heading\n```\n"), 0o644)
	return Repository{URL: repoURL, Root: root}
}

func TestVerifiedAndRepositoryLinksPass(t *testing.T) {
	dir := site(t, map[string]string{"posts/a/index.html": `
		<a href="https://fly.io/dist-sys/3d/">3d</a> <a href="/posts/b/">b</a> <a href="#x">x</a>
		<a href="https://github.com/jepsen-io/maelstrom/blob/main/doc/03-broadcast/02-performance.md">guide</a>
		<a href="` + repoURL + `">repo</a> <a href="` + repoURL + `#readme">readme</a>
		<a href="` + repoURL + `/tree/main/harness">harness</a>
		<a href="` + repoURL + `/blob/main/harness/README.md#deliberate-differences-from-maelstrom">differences</a>`})
	problems, n, err := Check(dir, repo(t))
	if err != nil || len(problems) > 0 || n != 6 {
		t.Errorf("Check = %v, %d links, %v; want no problem and 6 external links", problems, n, err)
	}
}

func TestBadLinksAreReported(t *testing.T) {
	for _, tt := range []struct{ link, reason string }{
		{"http://fly.io/dist-sys/3d/", `scheme "http"`},
		{"https://fly.io/dist-sys/3f/", "not a verified link"},
		{"https://fly .io/x", "not a URL"},
		{"https://github.com/jepsen-io/maelstrom/blob/main/doc//results.md", "empty segment"},
		{"https://localhost/x", "not a domain name"},
		{"https://fly.io:8080/dist-sys/", "port"},
		{repoURL + "/blob/main/MISSING.md", "no MISSING.md in the repository"},
		{repoURL + "/blob/main/harness", "harness is a directory"},
		{repoURL + "/blob/main/harness/README.md#no-such-heading", "no heading with the anchor #no-such-heading"},
		{repoURL + "/blob/main/harness/README.md#not-a-heading", "no heading"},
		{repoURL + "/pulls", "must be the repository, blob/main/FILE or tree/main/DIR"},
	} {
		dir := site(t, map[string]string{"index.html": `<a href="` + tt.link + `">x</a>`})
		problems, _, err := Check(dir, repo(t))
		if err != nil || len(problems) != 1 || !strings.Contains(problems[0].Reason, tt.reason) {
			t.Errorf("%s: problems %v (err %v), want one saying %q", tt.link, problems, err, tt.reason)
		}
	}
}

func TestAnchorsAreGitHubs(t *testing.T) {
	got := Anchors("# A title\n## Simulation: hundreds of partition schedules in seconds\n### `make sim-check` (real)\n## A title\n")
	want := []string{"a-title", "simulation-hundreds-of-partition-schedules-in-seconds", "make-sim-check-real", "a-title-1"}
	if !slices.Equal(got, want) {
		t.Errorf("Anchors = %q, want %q", got, want)
	}
}

// Every verified link is well formed itself.
func TestVerifiedListIsWellFormed(t *testing.T) {
	urls := Verified()
	if len(urls) == 0 {
		t.Fatal("verified.txt lists no link")
	}
	for _, u := range urls {
		if reason := malformed(u); reason != "" {
			t.Errorf("verified.txt: %s: %s", u, reason)
		}
	}
}
