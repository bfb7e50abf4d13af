package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journal"
	"github.com/deamondev/gossip-glomers-tutorial/harness/journey"
	"github.com/deamondev/gossip-glomers-tutorial/harness/plot"
)

// Exit statuses of harness journey.
const (
	journeyOK     = 0
	journeyFailed = 255
)

const journeyUsage = `Usage: harness journey RUN-DIR [--values V,V…] [--out DIR]

Draws journey-<value>.svg for each value: every message that carried it,
from the client's broadcast until the last node had it, including the
copies a partition dropped and the resends after it. RUN-DIR is a run's
directory (store/broadcast/<time>), or a store whose latest run to use.

  --values V,V…  the values to follow; without it, those most worth a look:
                 the slowest to reach every node, one a partition held up,
                 a typical one, and any that never reached every node
  --out DIR      where to write the files (default: RUN-DIR)
`

// journeyCommand draws the journeys of values from a finished run's
// saved journal.
func journeyCommand(args []string, stdout, stderr io.Writer) int {
	var dir, out string
	var values []int
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(args[i], "=")
		switch name {
		case "-h", "--help":
			fmt.Fprint(stdout, journeyUsage)
			return journeyOK
		case "--values", "--out":
			if !hasValue {
				if i+1 == len(args) {
					return usageError(stderr, "%s needs a value", name)
				}
				i++
				value = args[i]
			}
			if name == "--out" {
				out = value
				continue
			}
			for _, v := range strings.Split(value, ",") {
				n, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil {
					return usageError(stderr, "--values %s: %q is not an integer", value, v)
				}
				values = append(values, n)
			}
		default:
			if strings.HasPrefix(args[i], "-") {
				return usageError(stderr, "unknown option %s", args[i])
			}
			if dir != "" {
				return usageError(stderr, "one run directory, please: got %s and %s", dir, args[i])
			}
			dir = args[i]
		}
	}
	if dir == "" {
		return usageError(stderr, "which run? give its directory, such as store/latest")
	}
	run, err := runDir(dir)
	if err != nil {
		fmt.Fprintf(stderr, "harness journey: %v\n", err)
		return journeyFailed
	}
	events, marks, err := journal.ReadFile(filepath.Join(run, journal.FileName))
	if err != nil {
		fmt.Fprintf(stderr, "harness journey: %v\n", err)
		return journeyFailed
	}
	if out == "" {
		out = run
	}
	choices := make([]journey.Choice, len(values))
	for i, v := range values {
		choices[i] = journey.Choice{Value: v, Why: "asked for"}
	}
	if len(values) == 0 {
		choices = journey.Choose(events)
		if len(choices) == 0 {
			fmt.Fprintf(stderr, "harness journey: no client broadcast a value in %s\n", run)
			return journeyFailed
		}
	}
	status := journeyOK
	for _, c := range choices {
		j, ok := journey.Follow(events, marks, c.Value)
		if !ok {
			fmt.Fprintf(stderr, "harness journey: no client broadcast the value %d in %s\n", c.Value, run)
			status = journeyFailed
			continue
		}
		path := filepath.Join(out, fmt.Sprintf("journey-%d.svg", c.Value))
		if err := writeSVG(path, func(w io.Writer) error { return plot.Journey(w, j) }); err != nil {
			fmt.Fprintf(stderr, "harness journey: %v\n", err)
			status = journeyFailed
			continue
		}
		fmt.Fprintf(stdout, "%s: value %d, %s; it reached %d of %d nodes in %.3f s, %d copies dropped\n",
			path, c.Value, c.Why, len(j.Reached), len(j.Nodes), (j.End - j.Start).Seconds(), j.Dropped)
	}
	return status
}

// runDir finds the run directory: dir itself if it holds a journal, else
// the latest run of the store (or of the test) it names.
func runDir(dir string) (string, error) {
	for _, candidate := range []string{dir, filepath.Join(dir, "latest")} {
		if _, err := os.Stat(filepath.Join(candidate, journal.FileName)); err == nil {
			return candidate, nil
		}
	}
	if _, err := os.Stat(dir); err != nil {
		return "", err
	}
	return "", fmt.Errorf("%s holds no %s, nor does %s: is it a run's directory? (runs before the harness saved its journal cannot be drawn)",
		dir, journal.FileName, filepath.Join(dir, "latest"))
}

func writeSVG(path string, draw func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = draw(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

func usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "harness journey: %s\n%s", fmt.Sprintf(format, args...), journeyUsage)
	return cli.ExitUsage
}
