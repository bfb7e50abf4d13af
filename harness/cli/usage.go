package cli

import (
	"fmt"
	"io"

	"github.com/deamondev/gossip-glomers-tutorial/harness/internal/textwrap"
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

Options, as --flag value or --flag=value, in any order. Those marked
[harness only] are not Maelstrom's: it would refuse them.
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
		if f.ours {
			name += "  [harness only]"
		}
		fmt.Fprintf(w, "\n  %s\n", name)
		for _, line := range textwrap.Wrap(f.help, 72) {
			fmt.Fprintf(w, "      %s\n", line)
		}
	}
	fmt.Fprintf(w, `
The progress line is redrawn in place on a terminal and printed as a plain
line now and then elsewhere; HARNESS_PROGRESS=live or =lines chooses.

Exit status: 0 valid, 1 invalid, 2 unknown, %d bad command line, 255 the run
crashed or the harness failed.

Example (Gossip Glomers challenge 3b):
  harness test -w broadcast --bin ~/go/bin/maelstrom-broadcast \
    --node-count 5 --time-limit 20 --rate 10

After a run:
  harness journey RUN-DIR [--values 17,42] [--out DIR]
      Draws journey-<value>.svg for each value: every message that carried
      it, from the client's broadcast until the last node had it. RUN-DIR
      is a run's directory, or a store (its latest run). Without --values
      it picks the values most worth a look: the slowest to reach every
      node, one a partition held up, a typical one.
`, ExitUsage)
}
