package simulate

import (
	"flag"
	"fmt"
	"os"
	"path"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/deamondev/gossip-glomers-tutorial/harness/sim"
	"github.com/deamondev/gossip-glomers-tutorial/harness/timing"
	"github.com/deamondev/gossip-glomers-tutorial/tools/challenge/challenges"
)

// The flags of `make sim`, which builds a step's test binary and runs its
// TestSim with them. The words after them are harness flags (ARGS).
var (
	workloadFlag = flag.String("sim.workload", "", "the challenge to simulate; TestSim is skipped without it")
	seedsFlag    = flag.Int("sim.seeds", 100, "how many seeds to run, 1…N, in parallel")
	seedFlag     = flag.String("sim.seed", "", "replay this one seed and write its store directory")
	storeFlag    = flag.String("sim.store", "store", "where a replayed seed's directory is written")
	moduleFlag   = flag.String("sim.module", "", "the step under test, for the replay commands (default: the test's module)")
	reportFlag   = flag.String("sim.report", "", "where a sweep writes its outcome as JSON (default: tmp/sim/MODULE-WORKLOAD.json)")
)

// Command is `make sim`, run as a step's test: with -sim.seed it replays
// one seed, writes its store directory and prints the harness' summary and
// the challenge's verdicts; otherwise it runs -sim.seeds seeds in parallel
// and prints one line per failing seed, with the command that replays it,
// and a table of the figures over all seeds. t fails if a run misses a
// target.
func Command(t *testing.T, node sim.Node) {
	if *workloadFlag == "" {
		t.Skip("make sim runs this test, with -sim.workload")
	}
	c, err := challenges.Find(*workloadFlag)
	if err != nil {
		t.Fatal(err)
	}
	args := flag.Args()
	if *seedFlag != "" {
		seed, err := strconv.ParseUint(*seedFlag, 10, 64)
		if err != nil {
			t.Fatalf("SEED=%s: want a whole number, 0 or more", *seedFlag)
		}
		replay(t, node, c, seed, args)
		return
	}
	if *seedsFlag < 1 {
		t.Fatalf("SEEDS=%d: want 1 or more", *seedsFlag)
	}
	sweep(t, node, c, *seedsFlag, args)
}

// replay runs one seed with a store directory and prints what
// `make MODULE=… WORKLOAD=…` prints for a real run.
func replay(t *testing.T, node sim.Node, c challenges.Challenge, seed uint64, args []string) {
	o := Run(t, node, c.Name, seed, append([]string{"--store", *storeFlag}, args...)...)
	o.Args = args // the replay command needs no --store
	fmt.Print(o.Output)
	fmt.Printf("\nTargets of %s, judged from the simulated run's results:\n", c.Name)
	challenges.PrintVerdicts(os.Stdout, o.Verdicts)
	fmt.Printf("\nThe run's files (history, results.edn, plots, messages.svg): %s\n", o.Dir)
	report := newReport(c, args, []Outcome{o})
	report.Dir = o.Dir
	if err := report.write(report.path()); err != nil {
		t.Fatal(err)
	}
	if !o.Pass {
		t.Fail()
	}
}

// sweep runs seeds 1…n and prints the failures and the table.
func sweep(t *testing.T, node sim.Node, c challenges.Challenge, n int, args []string) {
	parallel := flag.Lookup("test.parallel").Value.String()
	fmt.Printf("make sim: %s against %s in simulation, seeds 1…%d, %s at a time\n", c.Name, Module(), n, parallel)
	cost := startCost()
	outcomes := Seeds(t, node, c.Name, n, args...)
	cost.stop()

	report := newReport(c, args, outcomes)
	messages := 0
	var samples []challenges.Sample
	for _, o := range outcomes {
		samples = append(samples, o.Sample)
		messages += o.Results.Net.All.MsgCount
		if !o.Pass {
			fmt.Println(o.Failure())
		}
	}
	fmt.Println()
	challenges.WriteTable(os.Stdout, []challenges.Row{{Name: c.Name, Samples: samples}})
	fmt.Printf("\n%d of %d seeds met every target of %s.\n", report.Met, n, c.Name)
	fmt.Printf("Simulated %d seeds in %.1f s of wall time (%s at a time) and %.1f s of processor time, %.2f s a seed; %d messages, %.0f allocations (%.1f KB) a message.\n",
		n, cost.wall.Seconds(), parallel, cost.cpu.Seconds(), cost.cpu.Seconds()/float64(n),
		messages, float64(cost.allocs)/float64(messages), float64(cost.bytes)/float64(messages)/1024)
	if err := report.write(report.path()); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("The outcome, as JSON: %s\n", report.path())
	if report.Met < n {
		t.Fail()
	}
}

// cost is what a sweep took: wall and processor time, and what this
// process allocated meanwhile (the nodes', the harness' and the tests').
type cost struct {
	begin         time.Time
	cpuBegin      time.Duration
	memBegin      runtime.MemStats
	wall, cpu     time.Duration
	allocs, bytes uint64
}

func startCost() *cost {
	c := &cost{begin: time.Now(), cpuBegin: timing.ProcessCPU()}
	runtime.ReadMemStats(&c.memBegin)
	return c
}

func (c *cost) stop() {
	c.wall = time.Since(c.begin)
	c.cpu = timing.ProcessCPU() - c.cpuBegin
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	c.allocs = m.Mallocs - c.memBegin.Mallocs
	c.bytes = m.TotalAlloc - c.memBegin.TotalAlloc
}

// Module names the step under test, for the replay commands: the last
// element of the test's module path, such as broadcast-3e.
func Module() string {
	if *moduleFlag != "" {
		return *moduleFlag
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Path != "" {
		return path.Base(info.Main.Path)
	}
	return "STEP"
}
