// Command gendiagrams writes the blog's generated diagrams, described in
// Go in diagrams.go, to static/images/<name>.drawio.svg. The files open
// in draw.io for editing, but a diagram listed here is rewritten from
// Go, so edit it here rather than in draw.io.
//
// Usage, from the repository root:
//
//	go run ./tools/drawio/cmd/gendiagrams          # write them
//	go run ./tools/drawio/cmd/gendiagrams -check   # exit 1 if any file differs
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/tools/drawio"
)

func main() {
	os.Exit(run(os.Args[1:], diagrams, os.Stdout, os.Stderr))
}

func run(args []string, all map[string]drawio.Diagram, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("gendiagrams", flag.ContinueOnError)
	flags.SetOutput(stderr)
	out := flags.String("out", filepath.Join("static", "images"), "directory the .drawio.svg files go to")
	check := flags.Bool("check", false, "write nothing; exit 1 if a file is missing or differs from its description")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "gendiagrams: unexpected argument %q\n", flags.Arg(0))
		return 2
	}

	stale := 0
	for _, name := range slices.Sorted(maps.Keys(all)) {
		svg, err := all[name].SVG()
		if err != nil {
			fmt.Fprintf(stderr, "gendiagrams: %s: %v\n", name, err)
			return 1
		}
		path := filepath.Join(*out, name+".drawio.svg")
		have, err := os.ReadFile(path)
		if err == nil && bytes.Equal(have, svg) {
			continue
		}
		if *check {
			fmt.Fprintf(stderr, "stale: %s\n", path)
			stale++
			continue
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			fmt.Fprintf(stderr, "gendiagrams: %v\n", err)
			return 1
		}
		if err := os.WriteFile(path, svg, 0o644); err != nil {
			fmt.Fprintf(stderr, "gendiagrams: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s\n", path)
	}
	if stale > 0 {
		fmt.Fprintf(stderr, "gendiagrams: %d diagram(s) out of date; run go run ./tools/drawio/cmd/gendiagrams\n", stale)
		return 1
	}
	return 0
}
