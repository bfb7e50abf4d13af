package runner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestTailKeepsTheLastLines(t *testing.T) {
	var tl tail
	tl.write([]byte("first\r\nsecond\nunfinished"))
	if got, want := tl.lines(), []string{"first", "second", "unfinished"}; !slices.Equal(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}

	// Far more than the window, in chunks that split lines.
	tl = tail{}
	var all strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&all, "line %d\n", i)
	}
	text := all.String()
	for len(text) > 0 {
		k := min(len(text), 777)
		tl.write([]byte(text[:k]))
		text = text[k:]
	}
	got := tl.lines()
	if len(got) != tailLines || got[len(got)-1] != "line 4999" || got[0] != fmt.Sprintf("line %d", 5000-tailLines) {
		t.Errorf("%d lines, from %q to %q; want the last %d", len(got), got[0], got[len(got)-1], tailLines)
	}
	if len(tl.buf) > 2*tailBytes {
		t.Errorf("the tail holds %d bytes, more than twice its window", len(tl.buf))
	}

	// A window that starts inside a line leaves that line out.
	tl = tail{}
	tl.write([]byte(strings.Repeat("x", 3*tailBytes) + "\nlast\n"))
	if got := tl.lines(); !slices.Equal(got, []string{"last"}) {
		t.Errorf("%d lines, want only the whole line", len(got))
	}
	if (&tail{}).lines() != nil {
		t.Error("an empty tail has lines")
	}
}
