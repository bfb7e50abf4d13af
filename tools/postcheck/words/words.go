// Package words counts the prose of a post and holds the posts to a word
// budget, so that the series stays as short as what it teaches allows.
//
// Prose is what a reader reads as sentences: not the front matter, fenced
// code, shortcode calls, tables or HTML comments; a link counts its text,
// and inline code counts as the words it holds.
package words

import (
	"fmt"
	"regexp"
	"strings"
)

// Count returns the number of words in a post's prose.
func Count(markdown string) int {
	n := 0
	for _, w := range strings.Fields(Prose(markdown)) {
		if strings.IndexFunc(w, isWordRune) >= 0 {
			n++
		}
	}
	return n
}

func isWordRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r > 0x7f && r != '…' && r != '—' && r != '–' && r != '→' && r != '←'
}

// Prose returns a post's prose, as Count counts it.
func Prose(markdown string) string {
	var keep []string
	inFront, inFence, fence := false, false, ""
	for i, line := range strings.Split(markdown, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case i == 0 && trimmed == "+++":
			inFront = true
		case inFront:
			inFront = trimmed != "+++"
		case inFence:
			inFence = !strings.HasPrefix(trimmed, fence)
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			inFence, fence = true, trimmed[:3]
		case strings.HasPrefix(trimmed, "|"): // a table row
		default:
			keep = append(keep, line)
		}
	}
	text := strings.Join(keep, "\n")
	for _, r := range notProse {
		text = r.re.ReplaceAllString(text, r.with)
	}
	return text
}

// notProse are the parts of a text that are markup, and what is left of
// them, in the order they are replaced.
var notProse = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`(?s)\{\{[<%].*?[>%]\}\}`), " "},      // shortcodes
	{regexp.MustCompile(`(?s)<!--.*?-->`), " "},               // HTML comments
	{regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`), "$1"},     // links and images: their text
	{regexp.MustCompile(`(?m)^\s*\[[^\]]+\]:\s*\S+.*$`), " "}, // link reference definitions
	{regexp.MustCompile(`<[^>\n]+>`), " "},                    // HTML tags
	{regexp.MustCompile(`\{#[^}\n]*\}`), " "},                 // heading ids
	{regexp.MustCompile("`"), ""},                             // inline code marks
	{regexp.MustCompile(`(?m)^\s*(#+|[-*+]|\d+[.)])\s`), " "}, // heading and list marks
}

// A Budget is the most words a post, or all of them, may hold.
type Budget struct {
	Total int
	Posts map[string]int // by file name, such as "broadcast-3a.md"
}

// A Post is one post's count.
type Post struct {
	Name  string
	Words int
}

// Check compares the counts with the budget and returns one line per
// post, the total, and the posts and total over it.
func (b Budget) Check(posts []Post) (report []string, over []string) {
	total := 0
	for _, p := range posts {
		total += p.Words
		limit, ok := b.Posts[p.Name]
		line := fmt.Sprintf("%-28s %6d words", p.Name, p.Words)
		if ok {
			line += fmt.Sprintf(" (at most %d)", limit)
			if p.Words > limit {
				over = append(over, fmt.Sprintf("%s: %d words, over its %d", p.Name, p.Words, limit))
			}
		}
		report = append(report, line)
	}
	report = append(report, fmt.Sprintf("%-28s %6d words (at most %d)", "all posts", total, b.Total))
	if total > b.Total {
		over = append(over, fmt.Sprintf("all posts: %d words, over the %d of the budget", total, b.Total))
	}
	return report, over
}
