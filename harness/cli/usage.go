package cli

import (
	"fmt"
	"io"
	"strings"
)

// Usage writes the help text: what the harness does, the command line, and
// every flag with its default and meaning.
func Usage(w io.Writer) {
	fmt.Fprint(w, `Usage: harness test -w broadcast --bin FILE [options] [-- args for the node]

Runs the node program FILE as a cluster, drives Maelstrom's broadcast workload
against it through a simulated network, and judges the result the way
Maelstrom does. The run's files are written under --store.

Words that are not options, and everything after --, are passed to every node
as its command-line arguments.

Options, as --flag value or --flag=value, in any order:
`)
	for _, f := range flags {
		name := f.long
		if f.short != "" {
			name = f.short + ", " + f.long
		}
		if f.arg != "" {
			name += " " + f.arg
		}
		switch f.def {
		case "":
		case "required":
			name += "  (required)"
		default:
			name += "  (default: " + f.def + ")"
		}
		fmt.Fprintf(w, "\n  %s\n", name)
		for _, line := range wrap(f.help, 72) {
			fmt.Fprintf(w, "      %s\n", line)
		}
	}
	fmt.Fprintf(w, `
Exit status: 0 valid, 1 invalid, 2 unknown, %d bad command line, 255 the run
crashed or the harness failed.

Example (Gossip Glomers challenge 3b):
  harness test -w broadcast --bin ~/go/bin/maelstrom-broadcast \
    --node-count 5 --time-limit 20 --rate 10
`, ExitUsage)
}

// wrap breaks text into lines of at most width characters at spaces.
func wrap(text string, width int) []string {
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
