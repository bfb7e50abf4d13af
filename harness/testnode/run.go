// Package testnode is a small Maelstrom node for the harness' own tests
// and benchmarks: as a real process (the command in cmd/testnode) for the
// end-to-end tests, and as a function in this process for the simulation's
// tests. Flags choose how it spreads values (or fails to) and which
// protocol mistake it makes on purpose, so each harness path — a passing
// run, lost values, partitions, and every kind of bad node output — can be
// driven.
//
// It uses only the standard library, so the tests do not depend on the
// Maelstrom Go library the tutorial's own solutions use.
package testnode

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// The --gossip modes.
const (
	antiEntropy = "anti-entropy"
	noGossip    = "none"
	flood       = "flood"
)

var gossipModes = []string{antiEntropy, noGossip, flood}

// The --misbehave modes.
const (
	behave          = "none"
	badJSON         = "bad-json"
	extraField      = "extra-field"
	unknownDest     = "unknown-dest"
	crash           = "crash"
	noInit          = "no-init"
	exitAtInit      = "exit-at-init"
	noTopology      = "no-topology"
	extraReplyField = "extra-reply-field"
	errorReply      = "error-reply"
	refuse          = "refuse"
	stall           = "stall"
	// panicking panics where crash exits: as a process it dies as a Go
	// program with a bug does (exit status 2, the panic on stderr); in
	// the simulation, where the node is a function, it ends the whole
	// program, which is what a page running one must cope with.
	panicking = "panic"
)

var misbehaviours = []string{behave, badJSON, extraField, unknownDest, crash, noInit, exitAtInit, noTopology, extraReplyField, errorReply, refuse, stall, panicking}

// Exit statuses.
const (
	exitOK    = 0
	exitUsage = 2
	exitCrash = 3
)

type config struct {
	gossip     string
	interval   time.Duration
	misbehave  string
	crashAfter int
	// stallAt and stallFor are when --misbehave stall stops reading its
	// input, counted from its start, and for how long.
	stallAt, stallFor time.Duration
}

// Node is Run as a node function of the harness' simulation (a sim.Node):
// a status other than 0 is an error.
func Node(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if status := Run(args, stdin, stdout, stderr); status != exitOK {
		return fmt.Errorf("testnode: exit status %d", status)
	}
	return nil
}

// Run is the whole program behind its streams, so that it can run as a
// process or in this one. It returns the exit status.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "testnode: %v\n", err)
		return exitUsage
	}
	return newNode(cfg, stdout, stderr).serve(stdin)
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("testnode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.gossip, "gossip", antiEntropy, "how values spread: "+strings.Join(gossipModes, ", "))
	fs.DurationVar(&cfg.interval, "interval", 100*time.Millisecond, "time between anti-entropy rounds")
	fs.StringVar(&cfg.misbehave, "misbehave", behave, "the mistake to make on purpose: "+strings.Join(misbehaviours, ", "))
	fs.IntVar(&cfg.crashAfter, "crash-after", 3, "client broadcasts to handle before --misbehave crash exits (or panic panics)")
	fs.DurationVar(&cfg.stallAt, "stall-at", 5*time.Second, "when --misbehave stall stops reading its input")
	fs.DurationVar(&cfg.stallFor, "stall-for", 3*time.Second, "how long --misbehave stall leaves its input unread")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	switch {
	case fs.NArg() > 0:
		return cfg, fmt.Errorf("unexpected argument %q: testnode takes flags only", fs.Arg(0))
	case !slices.Contains(gossipModes, cfg.gossip):
		return cfg, fmt.Errorf("--gossip %q: want one of %s", cfg.gossip, strings.Join(gossipModes, ", "))
	case !slices.Contains(misbehaviours, cfg.misbehave):
		return cfg, fmt.Errorf("--misbehave %q: want one of %s", cfg.misbehave, strings.Join(misbehaviours, ", "))
	case cfg.interval <= 0:
		return cfg, fmt.Errorf("--interval %v: must be positive", cfg.interval)
	case cfg.stallAt < 0 || cfg.stallFor <= 0:
		return cfg, fmt.Errorf("--stall-at %v, --stall-for %v: want a start of 0 or more and a positive length", cfg.stallAt, cfg.stallFor)
	case cfg.crashAfter < 1:
		return cfg, fmt.Errorf("--crash-after %d: must be at least 1", cfg.crashAfter)
	}
	return cfg, nil
}
