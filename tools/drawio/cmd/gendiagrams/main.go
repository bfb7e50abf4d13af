// Command gendiagrams writes the blog's generated diagrams, described in
// Go in diagrams.go, to static/images/<name>.drawio.svg. The files open
// in draw.io for editing, but a diagram listed here is rewritten from
// Go, so edit it here rather than in draw.io.
//
// It refuses to write a diagram that would be hard to read: one whose
// arrows run through labels or whose labels crowd each other
// (drawio.Diagram.Crowding), or one so wide that a phone would shrink
// its text below minFont.
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
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/deamondev/gossip-glomers-tutorial/tools/drawio"
)

// On a phone 390 px wide the blog's column is 358 px (assets/css/site.css:
// 1rem of padding on each side), and a wider picture is scaled down to
// it, text and all. minFont is the smallest text, in CSS pixels, a
// diagram may show there; the site test measures the same in a browser.
const (
	phoneColumn = 358.0
	minFont     = 11.0
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
		if err == nil {
			err = legible(all[name])
		}
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

// legible checks that a diagram reads well on a phone: nothing crowds,
// and its text is not shrunk below minFont in the phone's column.
func legible(d drawio.Diagram) error {
	if err := d.Crowding(); err != nil {
		return err
	}
	w, _, err := d.Size()
	if err != nil {
		return err
	}
	if font := drawio.FontSize * min(1, phoneColumn/w); font < minFont {
		return fmt.Errorf("%.0f px wide: in a phone's %.0f px column its text would shrink to %.1f px, below %.0f; make it at most %.0f px wide",
			w, phoneColumn, font, minFont, math.Floor(phoneColumn*drawio.FontSize/minFont))
	}
	return nil
}
