// Command postcheck checks the blog's text where a browser cannot:
//
//	postcheck numbers DIR|FILE...   no number typed into a post's prose that a run or the code decides
//	postcheck facts                 the numbers a post may type in, and why
//	postcheck words CONTENT-DIR     each post's words of prose, against the budget
//	postcheck links [-repo URL -root DIR] DIR
//	                                every external link of the built site is well formed, and verified or into the repository
//
// numbers reads Markdown (every .md under a directory); links reads the
// HTML Hugo built. Each prints one line per problem, naming the file and
// the line or link, and exits 1 if there is any, 2 on bad usage.
package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/tools/postcheck/links"
	"github.com/deamondev/gossip-glomers-tutorial/tools/postcheck/numbers"
	"github.com/deamondev/gossip-glomers-tutorial/tools/postcheck/words"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = "usage: postcheck numbers DIR|FILE... | postcheck facts | postcheck words CONTENT-DIR | postcheck links [-repo URL -root DIR] PUBLIC-DIR"

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	switch cmd, rest := args[0], args[1:]; {
	case cmd == "numbers" && len(rest) > 0:
		return checkNumbers(rest, stdout, stderr)
	case cmd == "facts" && len(rest) == 0:
		for _, f := range numbers.Facts() {
			fmt.Fprintln(stdout, f)
		}
		return 0
	case cmd == "words" && len(rest) == 1:
		return checkWords(rest[0], stdout, stderr)
	case cmd == "links":
		fs := flag.NewFlagSet("links", flag.ContinueOnError)
		fs.SetOutput(stderr)
		var repo links.Repository
		fs.StringVar(&repo.URL, "repo", "", "the repository's URL (hugo.toml's params.repository): links into it are checked against -root")
		fs.StringVar(&repo.Root, "root", ".", "the repository on disk")
		if err := fs.Parse(rest); err != nil || fs.NArg() != 1 {
			fmt.Fprintln(stderr, usage)
			return 2
		}
		problems, n, err := links.Check(fs.Arg(0), repo)
		if err != nil {
			fmt.Fprintln(stderr, "postcheck links:", err)
			return 2
		}
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
		fmt.Fprintf(stdout, "postcheck links: %d external links, %d problems\n", n, len(problems))
		return exit(len(problems))
	}
	fmt.Fprintln(stderr, usage)
	return 2
}

// checkNumbers checks every Markdown file under the paths.
func checkNumbers(paths []string, stdout, stderr io.Writer) int {
	facts := numbers.Facts()
	files, bad := 0, 0
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			for _, p := range numbers.Check(string(b), facts) {
				fmt.Fprintf(stdout, "%s:%s\n", path, p)
				bad++
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(stderr, "postcheck numbers:", err)
			return 2
		}
	}
	if files == 0 {
		fmt.Fprintf(stderr, "postcheck numbers: no .md file under %s\n", strings.Join(paths, " "))
		return 2
	}
	fmt.Fprintf(stdout, "postcheck numbers: %d files, %d typed numbers\n", files, bad)
	return exit(bad)
}

func exit(problems int) int {
	if problems > 0 {
		return 1
	}
	return 0
}

// budget is the blog's word budget: the posts together, each post on its
// own, and the reference page the posts link for what they would
// otherwise repeat.
var budget = words.Budget{
	Total: 10000,
	Posts: map[string]int{
		"broadcast-3a.md": 1100, "broadcast-3b.md": 1000, "broadcast-3c.md": 1600, "broadcast-3d.md": 1300,
		"broadcast-3e.md": 1600, "broadcast-piggyback.md": 1700, "design-space.md": 1500,
	},
}

// referencePage is the page of reference material, and its own budget.
const (
	referencePage  = "reading-a-run.md"
	referenceWords = 2000
)

// checkWords counts the prose of every post under content/posts (and of
// the reference page beside them) and holds it to the budget.
func checkWords(content string, stdout, stderr io.Writer) int {
	paths, err := filepath.Glob(filepath.Join(content, "posts", "*.md"))
	if err != nil || len(paths) == 0 {
		fmt.Fprintf(stderr, "postcheck words: no posts in %s/posts\n", content)
		return 2
	}
	var posts []words.Post
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintln(stderr, "postcheck words:", err)
			return 2
		}
		posts = append(posts, words.Post{Name: filepath.Base(p), Words: words.Count(string(b))})
	}
	report, over := budget.Check(posts)
	if b, err := os.ReadFile(filepath.Join(content, referencePage)); err == nil {
		n := words.Count(string(b))
		report = append(report, fmt.Sprintf("%-28s %6d words (at most %d; a page the posts link)", referencePage, n, referenceWords))
		if n > referenceWords {
			over = append(over, fmt.Sprintf("%s: %d words, over its %d", referencePage, n, referenceWords))
		}
	}
	for _, l := range report {
		fmt.Fprintln(stdout, l)
	}
	for _, o := range over {
		fmt.Fprintln(stdout, "over the budget:", o)
	}
	return exit(len(over))
}
