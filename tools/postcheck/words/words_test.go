package words

import (
	"strings"
	"testing"
)

func TestCountReadsOnlyProse(t *testing.T) {
	post := "+++\ntitle = 'not counted'\n+++\n\n## A heading of five words\n\n" +
		"One [linked text](https://x.y/z \"title\") and `inline code`.\n\n" +
		"```go\nfunc notCounted() {}\n```\n\n" +
		"| a | table | row |\n|---|---|---|\n\n" +
		"{{< results workload=\"broadcast-3e\" >}}\n<!-- a comment of words -->\n" +
		"- a list item\n1. a numbered one — with a dash … and → arrows\n"
	// heading 5, "One linked text and inline code." 6, "a list item" 3, "a numbered one with a dash and arrows" 8
	if got := Count(post); got != 22 {
		t.Errorf("Count = %d, want 22; prose:\n%s", got, Prose(post))
	}
}

func TestBudgetNamesWhatIsOver(t *testing.T) {
	b := Budget{Total: 100, Posts: map[string]int{"a.md": 50}}
	report, over := b.Check([]Post{{"a.md", 60}, {"b.md", 45}})
	if len(report) != 3 || len(over) != 2 || !strings.Contains(over[0], "a.md: 60 words, over its 50") || !strings.Contains(over[1], "all posts: 105") {
		t.Errorf("report %q, over %q", report, over)
	}
	if _, over := b.Check([]Post{{"a.md", 50}}); len(over) != 0 {
		t.Errorf("a post at its limit is over: %q", over)
	}
}
