// Command harness runs a Maelstrom broadcast test on a machine that has
// only Go: the same flags, network, nemesis, generator, checker and store
// layout as `maelstrom test -w broadcast`.
//
//	harness test -w broadcast --bin ./bin/broadcast-3e --node-count 25 \
//	    --time-limit 20 --rate 100 --latency 100
//
// Run `harness test --help` for every flag. After a run,
//
//	harness journey store/latest --values 17,42
//
// draws the journey of chosen values through the network.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/deamondev/gossip-glomers-tutorial/harness/cli"
	"github.com/deamondev/gossip-glomers-tutorial/harness/clock"
	"github.com/deamondev/gossip-glomers-tutorial/harness/report"
	"github.com/deamondev/gossip-glomers-tutorial/harness/runner"
	"github.com/deamondev/gossip-glomers-tutorial/harness/transport"
)

func main() {
	// Each delivery loop finishes its wait in a short nanosleep, which
	// holds a scheduler slot (a P) until it returns. With only as many
	// slots as cores, a burst of deliveries due at the same moment would
	// queue behind those sleeps; a few more slots let them run at once.
	runtime.GOMAXPROCS(max(8, runtime.NumCPU()))
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) > 0 && args[0] == "journey" {
		return journeyCommand(args[1:], os.Stdout, os.Stderr)
	}
	opts, err := cli.Parse(args)
	if errors.Is(err, cli.ErrHelp) {
		cli.Usage(os.Stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "harness: %v\nRun 'harness test --help' for the flags.\n", err)
		return cli.ExitUsage
	}
	// Ctrl-C or SIGTERM stops the run; the runner still stops every node
	// and writes what it collected.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res := runner.Run(ctx, runner.Config{
		Options:   opts,
		Transport: transport.Process{Bin: opts.Bin, Args: opts.Args},
		Console:   os.Stdout,
		Terminal:  liveProgress(),
		Clock:     clock.Precise,
	})
	return res.Exit
}

// liveProgress reports whether the progress line is redrawn in place, as
// on a terminal, or printed as plain lines now and then, as in a log:
// HARNESS_PROGRESS=live or =lines says which, and otherwise it depends on
// whether the output is a terminal. make results asks for live output, so
// that its copy of a run's console is what a reader's terminal shows.
func liveProgress() bool {
	switch os.Getenv("HARNESS_PROGRESS") {
	case "live":
		return true
	case "lines":
		return false
	}
	return report.IsTerminal(os.Stdout)
}
