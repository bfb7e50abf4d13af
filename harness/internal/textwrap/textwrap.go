// Package textwrap breaks text into lines, for the help text and the
// diagrams' titles.
package textwrap

import "strings"

// Wrap breaks text at spaces into lines of at most width characters; a
// word longer than width gets a line of its own.
func Wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
