// Package links checks the external links of the built site without
// fetching them (CI reaches no web site, and a link check that fetches
// fails with the network, not with the link): each must be well formed,
// and it must either be one of the verified links in verified.txt or point
// into this repository at a file or directory that exists.
package links

import (
	_ "embed"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// verifiedList is verified.txt: the external pages the posts may link to,
// each checked by hand to exist.
//
//go:embed verified.txt
var verifiedList string

// Verified returns the links of verified.txt: one URL a line, after which
// anything is a note; blank lines and lines starting with # are skipped.
func Verified() []string {
	var urls []string
	for _, line := range strings.Split(verifiedList, "\n") {
		if fields := strings.Fields(line); len(fields) > 0 && !strings.HasPrefix(fields[0], "#") {
			urls = append(urls, fields[0])
		}
	}
	return urls
}

// A Problem is an external link that is malformed or not verified.
type Problem struct {
	File, URL, Reason string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s: %s", p.File, p.URL, p.Reason) }

// Repository is this repository as the site links to it: its URL (hugo.toml's
// params.repository) and its root on disk, where the files it links to
// must exist.
type Repository struct {
	URL, Root string
}

// attr finds the link targets in HTML.
var attr = regexp.MustCompile(`\b(?:href|src)="([^"]*)"`)

// scheme tells an external link (https:, mailto:) from a path of the site.
var scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// Check reads every .html file under dir and returns the problems with its
// external links, and how many distinct external links it found.
func Check(dir string, repo Repository) ([]Problem, int, error) {
	verified := Verified()
	var problems []Problem
	seen := make(map[string]bool)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range attr.FindAllStringSubmatch(string(b), -1) {
			link := html.UnescapeString(m[1])
			if !scheme.MatchString(link) {
				continue
			}
			seen[link] = true
			if reason := check(link, verified, repo); reason != "" {
				problems = append(problems, Problem{path, link, reason})
			}
		}
		return nil
	})
	return problems, len(seen), err
}

// check returns what is wrong with an external link, or "".
func check(link string, verified []string, repo Repository) string {
	if reason := malformed(link); reason != "" {
		return reason
	}
	if slices.Contains(verified, link) {
		return ""
	}
	if repo.URL != "" && (link == repo.URL || strings.HasPrefix(link, repo.URL+"/") || strings.HasPrefix(link, repo.URL+"#")) {
		return inRepository(link, repo)
	}
	return "not a verified link: check that the page exists and add it to tools/postcheck/links/verified.txt"
}

// hostname is a DNS name of at least two labels.
var hostname = regexp.MustCompile(`^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$`)

// malformed returns why a link is not a well-formed https URL, or "".
func malformed(link string) string {
	u, err := url.Parse(link)
	switch {
	case err != nil:
		return fmt.Sprintf("not a URL: %v", err)
	case strings.ContainsAny(link, " \t\n\"<>\\^`{|}"):
		return "holds a character a URL must escape"
	case u.Scheme != "https":
		return fmt.Sprintf("scheme %q: want https", u.Scheme)
	case u.User != nil || u.Port() != "":
		return "holds a user or a port"
	case !hostname.MatchString(u.Host):
		return fmt.Sprintf("host %q is not a domain name", u.Host)
	case strings.Contains(u.Path, "//"):
		return "an empty segment in its path"
	}
	return ""
}

// inRepository checks a link into the repository: the repository itself,
// or a file (blob/main/PATH) or directory (tree/main/PATH) that exists; an
// anchor in a Markdown file must be one of its headings.
func inRepository(link string, repo Repository) string {
	rest := strings.TrimPrefix(link, repo.URL)
	anchor := ""
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest, anchor = rest[:i], rest[i+1:]
	}
	if rest == "" || rest == "/" {
		if anchor != "" && anchor != "readme" {
			return fmt.Sprintf("the repository's page has no anchor #%s (README.md's headings are under blob/main/README.md)", anchor)
		}
		return ""
	}
	for prefix, wantDir := range map[string]bool{"/blob/main/": false, "/tree/main/": true} {
		if p, ok := strings.CutPrefix(rest, prefix); ok {
			info, err := os.Stat(filepath.Join(repo.Root, filepath.FromSlash(p)))
			switch {
			case err != nil:
				return fmt.Sprintf("no %s in the repository", p)
			case info.IsDir() != wantDir:
				return fmt.Sprintf("%s is a %s: link it with %s", p, kind(info.IsDir()), map[bool]string{false: "blob/main/", true: "tree/main/"}[info.IsDir()])
			case anchor != "" && strings.HasSuffix(p, ".md"):
				return missingAnchor(filepath.Join(repo.Root, filepath.FromSlash(p)), p, anchor)
			}
			return ""
		}
	}
	return "a link into the repository must be the repository, blob/main/FILE or tree/main/DIR"
}

func kind(dir bool) string {
	if dir {
		return "directory"
	}
	return "file"
}

// missingAnchor returns why a Markdown file has no heading with the anchor
// GitHub gives it, or "".
func missingAnchor(path, name, anchor string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if slices.Contains(Anchors(string(b)), anchor) {
		return ""
	}
	return fmt.Sprintf("%s has no heading with the anchor #%s", name, anchor)
}

// Anchors returns the anchors GitHub gives the headings of a Markdown
// file: lower case, without punctuation, spaces as hyphens, and a repeated
// one numbered (-1, -2, …).
func Anchors(markdown string) []string {
	var anchors []string
	count := make(map[string]int)
	inFence := false
	for _, line := range strings.Split(markdown, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		heading, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " ")
		if inFence || !strings.HasPrefix(line, "#") || !ok {
			continue
		}
		slug := strings.Map(func(r rune) rune {
			switch {
			case r == ' ':
				return '-'
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				return unicode.ToLower(r)
			}
			return -1
		}, strings.TrimSpace(heading))
		if n := count[slug]; n > 0 {
			anchors = append(anchors, fmt.Sprintf("%s-%d", slug, n))
		} else {
			anchors = append(anchors, slug)
		}
		count[slug]++
	}
	return anchors
}
