// Command results makes the runs the blog shows and writes what they
// measured to data/results.json, with the files the posts show of them
// under static/results/ (make results). Each section of the file is one
// Section (sections.go), made of real runs through the harness and
// simulated ones through the steps' test Binaries (Binaries.go).
//
//	results [-only SECTION,…] [-data FILE] [-static DIR] [-readme FILE]
//	results sim-check [-seeds N]         each step for real and in simulation (make sim-check)
//	results readme [-data FILE] [-readme FILE]
//
// It reads only structured data: the runs' results.edn and journals, and
// the JSON reports of make sim.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/tools/results/lab"
	"github.com/deamondev/gossip-glomers-tutorial/tools/steps"
)

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "sim-check":
			return simCheckCommand(args[1:], stdout, stderr)
		case "readme":
			return readmeCommand(args[1:], stderr)
		}
	}
	return resultsCommand(args, stdout, stderr)
}

// paths are where make results reads and writes.
type paths struct {
	harness, binDir, simDir, store string
	data, static, readme           string
}

func (p *paths) flags(fs *flag.FlagSet) {
	fs.StringVar(&p.harness, "harness", "bin/harness", "the harness binary")
	fs.StringVar(&p.binDir, "bin-dir", "bin", "directory holding one binary per step")
	fs.StringVar(&p.simDir, "sim-dir", "bin/sim", "directory of make sim's test Binaries (<step>.test, and testnode.test)")
	fs.StringVar(&p.store, "store", "tmp/results-store", "where the runs are written")
	fs.StringVar(&p.data, "data", "data/results.json", "the JSON file to write")
	fs.StringVar(&p.static, "static", "static/results", "directory for the files the posts show")
	fs.StringVar(&p.readme, "readme", "", "a Markdown file whose results table (between <!-- results:start --> and <!-- results:end -->) is rewritten")
}

func resultsCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("results", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var p paths
	p.flags(fs)
	all := sections(defaults())
	only := fs.String("only", "", "comma-separated sections to run ("+strings.Join(names(all), ", ")+"); the others are kept from -data")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	chosen, err := choose(all, *only)
	if err != nil {
		fmt.Fprintln(stderr, "results:", err)
		return 2
	}
	l, closeLog, err := newLab(p, defaults().Seed, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "results:", err)
		return 2
	}
	defer closeLog()
	if err := write(l, chosen, names(all), p, *only != ""); err != nil {
		fmt.Fprintln(stderr, "results:", err)
		return 1
	}
	fmt.Fprintf(stdout, "results: wrote %s and %s/\n", p.data, p.static)
	return 0
}

// newLab sets up make results: the registry, the runner, the log of the
// runs' output.
func newLab(p paths, seed int, say io.Writer) (*lab.Lab, func(), error) {
	reg, err := steps.Nearest(".")
	if err != nil {
		return nil, nil, err
	}
	logPath := filepath.Join(filepath.Dir(p.store), "results.log")
	if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
		return nil, nil, err
	}
	log, err := os.Create(logPath)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(say, "results: each run's output goes to %s\n", logPath)
	l := &lab.Lab{Registry: reg, Seed: seed, Static: p.static, Log: log, Say: say,
		Runner: lab.Binaries{Harness: p.harness, BinDir: p.binDir, SimDir: p.simDir, Store: p.store}}
	return l, func() { log.Close() }, nil
}

// write runs the chosen sections and writes the data file, its sections
// in the order of all (keeping the sections not run, with keep), and the
// README's table.
func write(l *lab.Lab, chosen []Section, all []string, p paths, keep bool) error {
	d, err := readData(p.data, keep)
	if err != nil {
		return err
	}
	d.Generated, d.Command = time.Now().UTC().Format(time.RFC3339), "make results"
	for _, s := range chosen {
		v, err := s.Run(l)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name(), err)
		}
		if err := d.set(s.Name(), v); err != nil {
			return err
		}
		d.Sections[s.Name()] = d.Generated
	}
	if err := d.write(p.data, all); err != nil {
		return err
	}
	if p.readme != "" {
		return updateReadme(p.readme, &d)
	}
	return nil
}

func readmeCommand(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("readme", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "data/results.json", "the results file make results wrote")
	readme := fs.String("readme", "README.md", "the Markdown file to update")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	d, err := readData(*data, true)
	if err == nil {
		err = updateReadme(*readme, &d)
	}
	if err != nil {
		fmt.Fprintln(stderr, "readme:", err)
		return 1
	}
	return 0
}
