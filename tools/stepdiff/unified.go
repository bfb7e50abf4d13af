package main

import (
	"fmt"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
)

// contextLines is the number of unchanged lines around each change,
// the same default as diff -u.
const contextLines = 3

// noNewline is the marker diff -u prints after a last line that has no
// line feed. Gluing it to that line makes the line differ from the same
// text with a line feed, which is exactly how diff treats it.
const noNewline = "\n\\ No newline at end of file\n"

// unified returns the unified diff that turns a into b, labelled like
// `diff -u --label fromName --label toName`, or "" when they are equal.
//
// It drives go-difflib's matcher itself instead of calling
// difflib.WriteUnifiedDiff, because that one turns on the matcher's
// "popular line" heuristic: in files of 200 lines or more it ignores
// frequent lines such as "}" and blank lines, and the hunks stop
// looking like the ones diff prints.
func unified(fromName, toName string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	la, lb := splitLines(string(a)), splitLines(string(b))
	ops := difflib.NewMatcherWithJunk(la, lb, false, nil).GetOpCodes()
	ops = placeRuns(ops, la, lb)

	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", fromName, toName)
	for _, group := range groupOpCodes(ops, contextLines) {
		first, last := group[0], group[len(group)-1]
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(first.I1, last.I2), hunkRange(first.J1, last.J2))
		for _, op := range group {
			switch op.Tag {
			case 'e':
				writeLines(&out, ' ', la[op.I1:op.I2])
			case 'd':
				writeLines(&out, '-', la[op.I1:op.I2])
			case 'i':
				writeLines(&out, '+', lb[op.J1:op.J2])
			case 'r':
				writeLines(&out, '-', la[op.I1:op.I2])
				writeLines(&out, '+', lb[op.J1:op.J2])
			}
		}
	}
	return out.String()
}

// splitLines cuts s after every line feed. A last line without one gets
// the noNewline marker instead.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	} else {
		lines[len(lines)-1] += noNewline
	}
	return lines
}

func writeLines(out *strings.Builder, prefix byte, lines []string) {
	for _, l := range lines {
		out.WriteByte(prefix)
		out.WriteString(l)
	}
}

// hunkRange formats the [start, stop) slice of lines the way a hunk
// header does: 1-based, the length left out when it is 1, and an empty
// range named by the line before it.
func hunkRange(start, stop int) string {
	n := stop - start
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
